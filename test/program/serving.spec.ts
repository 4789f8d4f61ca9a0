import * as assert from "assert";
// The module object itself (not an import-star copy), so the program under test sees the stub.
import fs = require("fs");
import * as path from "path";
import { SERVED_MODELS } from "../../components/serving/models";
import { stackOutputsSchema } from "../../scripts/lib/stack-outputs";
import { Evaluation, evaluateProgram, EvaluationOptions, findResource, ofType, REPO_ROOT } from "../support/program";

const T = {
    serving: "databricks:index/modelServing:ModelServing",
    command: "command:local:Command",
    vsEndpoint: "databricks:index/vectorSearchEndpoint:VectorSearchEndpoint",
    vsIndex: "databricks:index/vectorSearchIndex:VectorSearchIndex",
};

const PREFIX = "ahs_demos_catalog.ahs_demo_payment_analysis_dev";
const VERSIONS: Record<string, string> = {
    approval_propensity_model: "7",
    risk_scoring_model: "3",
    smart_routing_policy: "12",
    smart_retry_policy: "1",
};
const trainingStdout = (versions: Record<string, string>) =>
    `training progress\n${JSON.stringify(Object.fromEntries(Object.entries(versions).map(([model, v]) => [`${PREFIX}.${model}`, v])))}\n`;

type ServedEntity = { name: string; entityName: string; entityVersion: string; workloadSize: string; scaleToZeroEnabled: boolean };
const entityOf = (endpoint: { inputs: Record<string, unknown> }) => (endpoint.inputs["config"] as { servedEntities: ServedEntity[] }).servedEntities[0];

/** Evaluates with one repository file read as different content, without touching the file. */
async function evaluateWithFile(relativePath: string, change: (content: string) => string, options: EvaluationOptions): Promise<Evaluation> {
    const target = path.join(REPO_ROOT, relativePath);
    const original = fs.readFileSync;
    const patched = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
        const content = (original as (...args: unknown[]) => string | Buffer)(file, ...rest);
        return file === target ? change(String(content)) : content;
    }) as typeof fs.readFileSync;
    fs.readFileSync = patched;
    try {
        return await evaluateProgram(options);
    } finally {
        fs.readFileSync = original;
    }
}

const triggersByCommand = (evaluation: Evaluation) => Object.fromEntries(ofType(evaluation.resources, T.command).map((c) => [c.name, JSON.stringify(c.inputs["triggers"])]));

describe("training, serving and vector search under mocks", function () {
    this.timeout(240_000);
    let dev: Evaluation;

    before(async () => {
        dev = await evaluateProgram({ stack: "dev", commandStdout: { "training-train": trainingStdout(VERSIONS) } });
    });

    it("serves exactly the versions the training run reported, under stable entity names", () => {
        for (const served of SERVED_MODELS) {
            const endpoint = findResource(dev.resources, T.serving, `serving-${served.endpointBase}`);
            const entity = entityOf(endpoint);
            assert.strictEqual(entity.entityVersion, VERSIONS[served.model], served.model);
            assert.strictEqual(entity.entityName, `${PREFIX}.${served.model}`);
            assert.strictEqual(entity.name, served.model);
            assert.strictEqual(endpoint.inputs["name"], `${served.endpointBase}-dev`);
        }
    });

    it("moves every endpoint to the new versions when a retrain reports them", async () => {
        const retrained: Record<string, string> = { ...VERSIONS, approval_propensity_model: "8", smart_retry_policy: "2" };
        const after = await evaluateProgram({ stack: "dev", commandStdout: { "training-train": trainingStdout(retrained) } });
        for (const served of SERVED_MODELS) {
            assert.strictEqual(entityOf(findResource(after.resources, T.serving, `serving-${served.endpointBase}`)).entityVersion, retrained[served.model]);
        }
    });

    it("exports models as key -> { fullName, servedVersion, endpointName }", () => {
        const models = dev.outputs["models"] as Record<string, unknown>;
        assert.deepStrictEqual(
            models,
            Object.fromEntries(SERVED_MODELS.map((m) => [m.model, { fullName: `${PREFIX}.${m.model}`, servedVersion: VERSIONS[m.model], endpointName: `${m.endpointBase}-dev` }])),
        );
    });

    it("exports models in the shape the verifier reads", () => {
        const parsed = stackOutputsSchema.shape.models.safeParse(dev.outputs["models"]);
        assert.ok(parsed.success, parsed.success ? "" : parsed.error.message);
    });

    it("still registers all four endpoints in preview, their versions unknown until training has run", async () => {
        const preview = await evaluateProgram({ stack: "dev", preview: true });
        const endpoints = ofType(preview.resources, T.serving);
        assert.strictEqual(endpoints.length, SERVED_MODELS.length);
        for (const endpoint of endpoints) assert.strictEqual(entityOf(endpoint).entityVersion, "[unknown]", endpoint.name);
    });

    it("creates the Vector Search endpoint and the delta-sync index on the search table with the configured embedding model", () => {
        const endpoint = findResource(dev.resources, T.vsEndpoint, "vector-search-endpoint");
        assert.strictEqual(endpoint.inputs["name"], "payment-similar-transactions-dev");
        assert.strictEqual(endpoint.inputs["endpointType"], "STANDARD");
        const index = findResource(dev.resources, T.vsIndex, "vector-search-index");
        assert.strictEqual(index.inputs["name"], `${PREFIX}.similar_transactions_index`);
        assert.strictEqual(index.inputs["endpointName"], "payment-similar-transactions-dev");
        assert.ok(index.dependencies.includes(endpoint.urn));
        const spec = index.inputs["deltaSyncIndexSpec"] as Record<string, unknown>;
        assert.strictEqual(spec["sourceTable"], `${PREFIX}.transaction_summaries_for_search`);
        assert.deepStrictEqual(spec["embeddingSourceColumns"], [{ name: "summary_text", embeddingModelEndpointName: "databricks-gte-large-en" }]);
        assert.strictEqual(spec["pipelineType"], "CONTINUOUS", "the index must follow its table's merges without a sync step");
    });

    it("deploys in an EU workspace with the default embedding endpoint, and refuses a US-only one there before registering anything", async () => {
        const eu = await evaluateProgram({ stack: "dev", configOverrides: { "payment-analysis:cloudRegion": "aws:eu-central-1" } });
        const spec = findResource(eu.resources, T.vsIndex, "vector-search-index").inputs["deltaSyncIndexSpec"] as Record<string, unknown>;
        assert.deepStrictEqual(spec["embeddingSourceColumns"], [{ name: "summary_text", embeddingModelEndpointName: "databricks-gte-large-en" }]);
        await assert.rejects(
            evaluateProgram({ stack: "dev", configOverrides: { "payment-analysis:cloudRegion": "aws:eu-central-1", "payment-analysis:embeddingEndpoint": "databricks-bge-large-en" } }),
            /payment-analysis:embeddingEndpoint: is not served pay-per-token in aws:eu-central-1; valid endpoints there are databricks-gte-large-en/,
        );
    });

    it("re-runs only the step whose own input changed: a notebook or SQL edit moves that step's trigger and no other", async () => {
        const before = triggersByCommand(dev);
        const cases: Array<[file: string, step: string]> = [
            ["notebooks/train_models.py", "training-train"],
            ["notebooks/silver_transform.py", "bootstrap-etl-update"],
            ["sql/gold_views.sql", "bootstrap-gold-views"],
            ["sql/populate_lakehouse.sql", "bootstrap-lakehouse"],
            ["notebooks/transaction_simulator.py", "bootstrap-simulate"],
        ];
        for (const [file, step] of cases) {
            const edited = await evaluateWithFile(file, (content) => `${content}\n-- edited by a test\n`.replace("-- edited", file.endsWith(".py") ? "# edited" : "-- edited"), {
                stack: "dev",
                commandStdout: { "training-train": trainingStdout(VERSIONS) },
            });
            const after = triggersByCommand(edited);
            const changed = Object.keys(before).filter((name) => before[name] !== after[name]);
            assert.deepStrictEqual(changed, [step], `editing ${file}`);
        }
        const unchanged = await evaluateProgram({ stack: "dev", commandStdout: { "training-train": trainingStdout(VERSIONS) } });
        assert.deepStrictEqual(triggersByCommand(unchanged), before, "an unchanged repository must not re-run anything");
    });
});
