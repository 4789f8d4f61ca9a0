import * as assert from "assert";
import { DATA_DEPENDENT_WORK } from "../../components/data/data-readiness";
import { TRAINING_MIN_ROWS, TRAINING_MIN_ROWS_WIDGET } from "../../components/data/training-threshold";
import { GENIE_SPACE_WORK } from "../../components/analytics/genie-space";
import { Evaluation, EvaluationError, evaluateProgram, findResource, ofType } from "../support/program";

const T = {
    command: "command:local:Command",
    serving: "databricks:index/modelServing:ModelServing",
    pipeline: "databricks:index/pipeline:Pipeline",
    vsIndex: "databricks:index/vectorSearchIndex:VectorSearchIndex",
    app: "databricks:index/app:App",
    job: "databricks:index/job:Job",
    permissions: "databricks:index/permissions:Permissions",
};
const EMPTY = { ready: false, reason: "prod_catalog.ahs_demo_payment_analysis_prod.payments_enriched_silver does not exist yet" };

describe("a first prod deploy on an empty schema: what needs data waits for it", function () {
    this.timeout(180_000);
    let empty: Evaluation;
    let filled: Evaluation;

    before(async () => {
        empty = await evaluateProgram({ stack: "prod", dataReadiness: EMPTY });
        filled = await evaluateProgram({ stack: "prod", dataReadiness: { ready: true, rows: 5_000, reason: "5000 rows" } });
    });

    it("declares no training run and no serving endpoint while silver is empty, and says what is pending and why", () => {
        assert.deepStrictEqual(ofType(empty.resources, T.command).map((c) => c.name).filter((n) => n.startsWith("training")), []);
        assert.deepStrictEqual(ofType(empty.resources, T.serving), []);
        assert.ok(!ofType(empty.resources, T.command).some((c) => c.name === "app-deploy"), "the app's code needs the endpoints: not deployed yet");
        assert.deepStrictEqual(empty.outputs["pendingWork"], [...DATA_DEPENDENT_WORK, GENIE_SPACE_WORK].map((work) => `${work}: ${EMPTY.reason}`));
        assert.deepStrictEqual(empty.outputs["models"], {});
    });

    it("still creates everything that needs no data: tables, pipelines, the vector index, the app and its permissions", () => {
        findResource(empty.resources, T.command, "lakehouse-tables-create");
        assert.equal(ofType(empty.resources, T.pipeline).length, 2);
        findResource(empty.resources, T.vsIndex, "vector-search-index");
        const app = findResource(empty.resources, T.app, "app");
        const bound = (app.inputs["resources"] as { name: string }[]).map((r) => r.name);
        assert.ok(!bound.some((name) => name.startsWith("serving-")), `no serving binding without endpoints: ${bound.join(", ")}`);
        assert.ok(!ofType(empty.resources, T.permissions).some((p) => p.name.includes("endpoint-")));
    });

    it("completes on the first `up` that finds data: training, the four endpoints on its versions, nothing pending", () => {
        const training = findResource(filled.resources, T.command, "training-train");
        const endpoints = ofType(filled.resources, T.serving);
        assert.equal(endpoints.length, 4);
        for (const endpoint of endpoints) assert.ok(endpoint.dependencies.includes(training.urn), `${endpoint.name} serves what the training run produced`);
        assert.deepStrictEqual(filled.outputs["pendingWork"], []);
        findResource(filled.resources, T.command, "app-deploy");
        const bound = (findResource(filled.resources, T.app, "app").inputs["resources"] as { name: string }[]).map((r) => r.name);
        assert.equal(bound.filter((name) => name.startsWith("serving-")).length, 4, "the app's code runs once its endpoints are bound");
    });

    it("trains on the threshold the readiness check asked for: the training job passes its notebook the same row count", () => {
        const asked = filled.invokes
            .filter((invoke) => invoke.token === "command:local:run")
            .map((invoke) => /--min-rows (\S+)/.exec(String(invoke.args["command"]))?.[1]);
        assert.deepStrictEqual(asked, [String(TRAINING_MIN_ROWS)], "prod asks the workspace once, for TRAINING_MIN_ROWS rows");
        const tasks = findResource(filled.resources, T.job, "jobs-train-models").inputs["tasks"] as { notebookTask: { baseParameters: Record<string, string> } }[];
        assert.strictEqual(tasks[0].notebookTask.baseParameters[TRAINING_MIN_ROWS_WIDGET], asked[0]);
        // The run itself passes no override, so the job's value is the one the notebook receives.
        assert.doesNotMatch(String(findResource(filled.resources, T.command, "training-train").inputs["create"]), /--param/);
    });

    it("never asks in dev, where the bootstrap fills the schema in the same `up`", async () => {
        // A malformed answer would fail the program if it were asked.
        const dev = await evaluateProgram({ stack: "dev", dataReadiness: "not json" });
        findResource(dev.resources, T.command, "training-train");
        assert.deepStrictEqual(dev.outputs["pendingWork"], []);
    });

    it("fails the deployment on an answer it cannot read, quoting it, rather than guessing", async () => {
        await assert.rejects(
            evaluateProgram({ stack: "prod", dataReadiness: "Warning: something else on stdout" }),
            (error: unknown) => error instanceof EvaluationError && /data-readiness printed "Warning: something else on stdout", not the JSON answer/.test(error.message),
        );
        await assert.rejects(
            evaluateProgram({ stack: "prod", dataReadiness: JSON.stringify({ ready: "yes", reason: "" }) }),
            (error: unknown) => error instanceof EvaluationError && /data-readiness answered .*which is not/.test(error.message),
        );
    });
});
