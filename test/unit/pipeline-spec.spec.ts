import * as assert from "assert";
import { readAssetFiles } from "../../components/assets";
import { PIPELINE_DEFINITIONS, pipelineConfiguration, pipelineModeSettings, pipelineSpec, PipelineSpecContext } from "../../components/data/pipeline-spec";
import { REPO_ROOT } from "../support/program";

const ctx: PipelineSpecContext = {
    displayName: (title) => `[t] ${title}`,
    catalog: "cat",
    schema: "sch",
    notebookPath: (name) => `/nb/${name}`,
    rootPath: "/nb",
    mode: "development",
    tags: { project: "payment-analysis", environment: "test" },
};

describe("pipeline spec builders", () => {
    it("maps each pipeline mode to development and continuous flags", () => {
        assert.deepStrictEqual(pipelineModeSettings("development"), { development: true, continuous: false });
        assert.deepStrictEqual(pipelineModeSettings("triggered"), { development: false, continuous: false });
        assert.deepStrictEqual(pipelineModeSettings("continuous"), { development: false, continuous: true });
    });

    it("builds a serverless pipeline publishing into the stack's catalog and schema from the uploaded notebooks", () => {
        const etl = PIPELINE_DEFINITIONS.find((p) => p.key === "etl")!;
        const spec = pipelineSpec(etl, ctx);
        assert.strictEqual(spec.name, "[t] Payment Analysis ETL");
        assert.strictEqual(spec.catalog, "cat");
        assert.strictEqual(spec.schema, "sch");
        assert.strictEqual(spec.serverless, true);
        assert.strictEqual(spec.channel, "CURRENT");
        assert.deepStrictEqual(spec.libraries, [{ notebook: { path: "/nb/bronze_ingest" } }, { notebook: { path: "/nb/silver_transform" } }]);
        assert.strictEqual(spec.rootPath, "/nb", "the notebooks' folder is on sys.path, so they import the modules uploaded beside them");
        assert.strictEqual(spec.runAs, undefined);
        assert.deepStrictEqual(pipelineSpec(etl, { ...ctx, runAsServicePrincipal: "sp" }).runAs, { servicePrincipalName: "sp" });
    });

    it("configures only keys that every pipeline's notebooks actually read", () => {
        const notebooks = readAssetFiles(REPO_ROOT).notebooks;
        for (const pipeline of PIPELINE_DEFINITIONS) {
            const sources = pipeline.notebooks.map((name) => notebooks.find((n) => n.name === name)?.content ?? assert.fail(`no notebooks/${name}.py`));
            for (const key of Object.keys(pipelineConfiguration())) {
                assert.ok(sources.some((source) => source.includes(`spark.conf.get("${key}"`)), `${pipeline.key}: no notebook reads ${key}`);
            }
        }
    });
});
