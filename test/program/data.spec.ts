import * as assert from "assert";
import { JOB_DEFINITIONS } from "../../components/data/job-catalog";
import { Evaluation, evaluateProgram, findResource, ofType, readStackConfig, RegisteredResource } from "../support/program";
import { STACK_ENV } from "../../scripts/lib/stack-credentials";
import { RUN_TOKEN_ENV } from "../../components/data/run-step";

const T = {
    job: "databricks:index/job:Job",
    pipeline: "databricks:index/pipeline:Pipeline",
    notebook: "databricks:index/notebook:Notebook",
    workspaceFile: "databricks:index/workspaceFile:WorkspaceFile",
    command: "command:local:Command",
    serving: "databricks:index/modelServing:ModelServing",
    vsEndpoint: "databricks:index/vectorSearchEndpoint:VectorSearchEndpoint",
    vsIndex: "databricks:index/vectorSearchIndex:VectorSearchIndex",
};

type Task = {
    taskKey: string;
    jobClusterKey?: string;
    notebookTask?: { notebookPath: string; baseParameters: Record<string, string> };
    sqlTask?: { warehouseId: string; file: { path: string } };
};
const tasks = (job: RegisteredResource) => job.inputs["tasks"] as Task[];
const jobNamed = (e: Evaluation, key: string) => findResource(e.resources, T.job, `jobs-${key.replace(/_/g, "-")}`);
const notebookPath = (e: Evaluation, name: string) => findResource(e.resources, T.notebook, `assets-notebook-${name}`).inputs["path"];

describe("pipelines, jobs and the run chain under mocks", function () {
    this.timeout(180_000);
    let dev: Evaluation;
    let prod: Evaluation;
    let classic: Evaluation;
    let preview: Evaluation;

    before(async () => {
        dev = await evaluateProgram({ stack: "dev" });
        prod = await evaluateProgram({ stack: "prod" });
        classic = await evaluateProgram({ stack: "dev", configOverrides: { "payment-analysis:jobCompute": "classic", "payment-analysis:classicNodeType": "i3.xlarge" } });
        preview = await evaluateProgram({ stack: "dev", preview: true });
    });

    it("creates every job of the catalogue in dev and prod, named for the stack", () => {
        for (const [evaluation, prefix] of [[dev, "[dev] "], [prod, "[PROD] "]] as const) {
            const jobs = ofType(evaluation.resources, T.job);
            assert.strictEqual(jobs.length, JOB_DEFINITIONS.length);
            for (const definition of JOB_DEFINITIONS) {
                assert.strictEqual(jobNamed(evaluation, definition.key).inputs["name"], `${prefix}${definition.title}`);
            }
        }
    });

    it("points each notebook task at the notebook WorkspaceAssets uploaded, and each SQL task at the uploaded file on the stack's warehouse", () => {
        for (const definition of JOB_DEFINITIONS) {
            const job = jobNamed(dev, definition.key);
            if (definition.kind === "notebook") {
                assert.strictEqual(tasks(job)[0].notebookTask?.notebookPath, notebookPath(dev, definition.notebook), definition.key);
                assert.strictEqual(tasks(job)[0].notebookTask?.baseParameters["schema"], "ahs_demo_payment_analysis_dev");
            } else {
                for (const task of tasks(job)) {
                    assert.strictEqual(task.sqlTask?.file.path, findResource(dev.resources, T.workspaceFile, `assets-sql-${String(task.taskKey)}`).inputs["path"]);
                    assert.strictEqual(task.sqlTask?.warehouseId, "warehouse-id");
                }
                assert.deepStrictEqual(tasks(job).map((task) => `${String(task.taskKey)}.sql`).sort(), [...definition.files].sort(), definition.key);
            }
        }
    });

    it("gives agents the warehouse and LLM endpoint, and the simulator the configured rate and duration", () => {
        const agent = tasks(jobNamed(dev, "risk_assessor_agent"))[0].notebookTask!.baseParameters;
        assert.strictEqual(agent["warehouse_id"], "warehouse-id");
        assert.strictEqual(agent["llm_endpoint"], "databricks-meta-llama-3-3-70b-instruct");
        assert.strictEqual(agent["agent_role"], "risk_assessor");
        const config = readStackConfig("dev");
        assert.deepStrictEqual(jobNamed(dev, "transaction_simulator").inputs["parameters"], [
            { name: "duration_minutes", default: config["payment-analysis:simulatorDurationMinutes"] },
            { name: "events_per_second", default: config["payment-analysis:simulatorEventsPerSecond"] },
        ]);
    });

    it("keeps dev schedules paused and runs prod schedules, as the service principal in prod only", () => {
        const spn = readStackConfig("prod")["payment-analysis:runAsServicePrincipal"];
        for (const [evaluation, status] of [[dev, "PAUSED"], [prod, "UNPAUSED"]] as const) {
            const training = jobNamed(evaluation, "train_models");
            assert.deepStrictEqual(training.inputs["schedule"], { quartzCronExpression: "0 0 3 * * ?", timezoneId: "UTC", pauseStatus: status });
            assert.deepStrictEqual(jobNamed(evaluation, "continuous_processor").inputs["continuous"], { pauseStatus: status });
            assert.strictEqual(jobNamed(evaluation, "orchestrator_agent").inputs["maxConcurrentRuns"], 1);
        }
        for (const job of ofType(prod.resources, T.job)) assert.deepStrictEqual(job.inputs["runAs"], { servicePrincipalName: spn }, job.name);
        for (const job of ofType(dev.resources, T.job)) assert.strictEqual(job.inputs["runAs"], undefined, job.name);
    });

    it("runs on serverless by default and on classic job clusters with the configured node type when asked", () => {
        for (const job of ofType(dev.resources, T.job)) assert.strictEqual(job.inputs["jobClusters"], undefined, job.name);
        for (const definition of JOB_DEFINITIONS.filter((d) => d.kind === "notebook")) {
            const job = jobNamed(classic, definition.key);
            const clusters = job.inputs["jobClusters"] as Array<{ jobClusterKey: string; newCluster: Record<string, unknown> }>;
            assert.strictEqual(clusters.length, 1, definition.key);
            assert.strictEqual(clusters[0].newCluster["nodeTypeId"], "i3.xlarge");
            assert.strictEqual(clusters[0].newCluster["dataSecurityMode"], "SINGLE_USER");
            assert.strictEqual(tasks(job)[0].jobClusterKey, clusters[0].jobClusterKey);
        }
        assert.strictEqual(jobNamed(classic, "gold_views").inputs["jobClusters"], undefined, "SQL tasks run on the warehouse");
    });

    it("uploads the event schema module beside the notebooks, and gives each pipeline that folder as its root path (on sys.path)", () => {
        const module = findResource(dev.resources, T.workspaceFile, "assets-module-payment_events_schema.py");
        const folder = (file: unknown) => String(file).slice(0, String(file).lastIndexOf("/"));
        assert.strictEqual(folder(module.inputs["path"]), folder(notebookPath(dev, "bronze_ingest")));
        assert.match(String(module.inputs["path"]), /\/notebooks\/payment_events_schema\.py$/);
        for (const pipeline of ofType(dev.resources, T.pipeline)) {
            assert.strictEqual(pipeline.inputs["rootPath"], folder(module.inputs["path"]), pipeline.name);
        }
    });

    it("deploys both pipelines serverless into the stack's schema, in development mode in dev and continuous in prod", () => {
        const spn = readStackConfig("prod")["payment-analysis:runAsServicePrincipal"];
        const etl = findResource(dev.resources, T.pipeline, "pipelines-etl");
        assert.deepStrictEqual(etl.inputs["libraries"], [{ notebook: { path: notebookPath(dev, "bronze_ingest") } }, { notebook: { path: notebookPath(dev, "silver_transform") } }]);
        assert.strictEqual(etl.inputs["name"], "[dev] Payment Analysis ETL");
        const realtime = findResource(dev.resources, T.pipeline, "pipelines-realtime");
        assert.deepStrictEqual(realtime.inputs["libraries"], [{ notebook: { path: notebookPath(dev, "realtime_pipeline") } }]);
        for (const pipeline of ofType(dev.resources, T.pipeline)) {
            assert.strictEqual(pipeline.inputs["schema"], "ahs_demo_payment_analysis_dev");
            assert.strictEqual(pipeline.inputs["serverless"], true);
            assert.strictEqual(pipeline.inputs["development"], true);
            assert.strictEqual(pipeline.inputs["continuous"], false);
            assert.strictEqual(pipeline.inputs["runAs"], undefined);
        }
        for (const pipeline of ofType(prod.resources, T.pipeline)) {
            assert.strictEqual(pipeline.inputs["development"], false);
            assert.strictEqual(pipeline.inputs["continuous"], true);
            assert.deepStrictEqual(pipeline.inputs["runAs"], { servicePrincipalName: spn });
        }
    });

    it("orders the dev chain simulate -> ETL update -> gold views -> lakehouse -> training, each step calling the runner on its own job", () => {
        const step = (name: string) => findResource(dev.resources, T.command, name);
        const chain = ["bootstrap-simulate", "bootstrap-etl-update", "bootstrap-gold-views", "bootstrap-lakehouse", "training-train"].map(step);
        for (let i = 1; i < chain.length; i++) assert.ok(chain[i].dependencies.includes(chain[i - 1].urn), `${chain[i].name} must wait for ${chain[i - 1].name}`);
        assert.match(String(step("bootstrap-simulate").inputs["create"]), /--job-id jobs-transaction-simulator-id --param duration_minutes=5 --param events_per_second=1000 /);
        assert.match(String(step("bootstrap-etl-update").inputs["create"]), /--pipeline-id pipelines-etl-id /);
        assert.match(String(step("bootstrap-gold-views").inputs["create"]), /--job-id jobs-gold-views-id /);
        assert.match(String(step("bootstrap-lakehouse").inputs["create"]), /--job-id jobs-lakehouse-bootstrap-id /);
        assert.match(String(step("training-train").inputs["create"]), /^npm run --silent run-job -- --job-id jobs-train-models-id /);
        const index = findResource(dev.resources, T.vsIndex, "vector-search-index");
        assert.ok(index.dependencies.includes(step("bootstrap-lakehouse").urn), "the index waits for its source table");
        assert.ok(!findResource(dev.resources, T.vsEndpoint, "vector-search-endpoint").dependencies.some((urn) => urn.includes("command:local")), "the endpoint starts at t=0");
    });

    it("creates the lakehouse tables in every stack before the dev bootstrap fills them", () => {
        for (const e of [dev, prod]) {
            const step = findResource(e.resources, T.command, "lakehouse-tables-create");
            assert.match(String(step.inputs["create"]), /^npm run --silent run-job -- --job-id jobs-lakehouse-tables-id /);
        }
        const fill = findResource(dev.resources, T.command, "bootstrap-lakehouse");
        assert.ok(fill.dependencies.includes(findResource(dev.resources, T.command, "lakehouse-tables-create").urn), "the fill must wait for the tables");
    });

    it("starts no pipeline before the landing table it reads exists: the tables step (landing table first) precedes every pipeline", () => {
        for (const e of [dev, prod]) {
            const step = findResource(e.resources, T.command, "lakehouse-tables-create");
            const pipelines = ofType(e.resources, T.pipeline);
            assert.ok(pipelines.length > 0);
            for (const pipeline of pipelines) assert.ok(pipeline.dependencies.includes(step.urn), `${pipeline.name} must wait for ${step.name}`);
            // Tasks chain through depends_on; the one with none runs first.
            const roots = (tasks(jobNamed(e, "lakehouse_tables")) as (Task & { dependsOns?: unknown[] })[]).filter((t) => !t.dependsOns?.length);
            assert.deepEqual(roots.map((t) => t.taskKey), ["landing_table"]);
        }
    });

    it("runs no bootstrap in prod but still trains, and starts its index without a bootstrap step", () => {
        const commands = ofType(prod.resources, T.command).map((c) => c.name);
        // Without a bootstrap, the deployment creates the gold views itself once silver has data (dashboards and the Genie space wait on them).
        assert.deepStrictEqual(commands.filter((c) => c !== "app-deploy" && c !== "preflight-privileges").sort(), ["genie-space-sync", "gold-views-create", "lakehouse-tables-create", "training-train"]);
        const index = findResource(prod.resources, T.vsIndex, "vector-search-index");
        assert.ok(!index.dependencies.some((urn) => urn.includes("bootstrap")));
        assert.ok(index.dependencies.includes(findResource(prod.resources, T.command, "lakehouse-tables-create").urn), "the index waits for its source table, created in every stack");
    });

    it("gives the scripts the provider's host and the stack, never the token: no credential is a command input", async () => {
        const token = "dapi0123456789abcdef0123456789abcdef";
        const withToken = await evaluateProgram({
            stack: "dev",
            configOverrides: { "databricks:host": "https://example.cloud.databricks.com", "databricks:token": token },
            secretKeys: ["databricks:token"],
        });
        const commands = ofType(withToken.resources, T.command).filter((c) => c.name !== "preflight-privileges");
        assert.strictEqual(commands.length, 8, "five run steps, the lakehouse tables, the Genie space's sync and the app deployment");
        const preflight = findResource(withToken.resources, T.command, "preflight-privileges");
        assert.deepStrictEqual(preflight.inputs["environment"], { DATABRICKS_HOST: "https://example.cloud.databricks.com", [STACK_ENV]: "dev" });
        for (const command of commands) {
            const { [RUN_TOKEN_ENV]: token, ...settings } = command.inputs["environment"] as Record<string, string>;
            assert.deepStrictEqual(settings, { DATABRICKS_HOST: "https://example.cloud.databricks.com", [STACK_ENV]: "dev" }, command.name);
            assert.match(token, /^[0-9a-f]{64}$/, command.name);
        }
        const everything = JSON.stringify(commands.map((c) => c.inputs));
        assert.ok(!everything.includes(token) && !everything.includes("[secret]"), "a command input carries the token");
        for (const command of ofType(dev.resources, T.command).filter((c) => c.name !== "preflight-privileges")) {
            assert.deepStrictEqual(Object.keys(command.inputs["environment"] as object).sort(), [RUN_TOKEN_ENV, STACK_ENV].sort(), "without provider settings the scripts use unified auth");
        }
    });

    it("gives each run step an idempotency token of its own identity and inputs: stable across evaluations, new when its inputs change", async () => {
        const tokens = (e: Evaluation) => Object.fromEntries(ofType(e.resources, T.command).filter((c) => c.name !== "preflight-privileges").map((c) => [c.name, (c.inputs["environment"] as Record<string, string>)[RUN_TOKEN_ENV]]));
        const again = await evaluateProgram({ stack: "dev" });
        assert.deepStrictEqual(tokens(again), tokens(dev));
        assert.strictEqual(new Set(Object.values(tokens(dev))).size, Object.keys(tokens(dev)).length, "two steps share a token");
        const moreEvents = await evaluateProgram({ stack: "dev", configOverrides: { "payment-analysis:simulatorEventsPerSecond": "7" } });
        assert.notStrictEqual(tokens(moreEvents)["bootstrap-simulate"], tokens(dev)["bootstrap-simulate"]);
        assert.strictEqual(tokens(moreEvents)["training-train"], tokens(dev)["training-train"]);
    });

    it("registers every job, pipeline, run step, endpoint and index in preview, where ids are unknown", () => {
        for (const type of [T.job, T.pipeline, T.command, T.serving, T.vsEndpoint, T.vsIndex]) {
            assert.deepStrictEqual(ofType(preview.resources, type).map((r) => r.name).sort(), ofType(dev.resources, type).map((r) => r.name).sort(), type);
        }
        assert.strictEqual(findResource(preview.resources, T.command, "training-train").inputs["create"], "[unknown]");
    });

    it("exports jobs and pipelines by key with id and url", () => {
        const jobs = dev.outputs["jobs"] as Record<string, { id: string; url: string }>;
        assert.deepStrictEqual(Object.keys(jobs).sort(), JOB_DEFINITIONS.map((d) => d.key).sort());
        assert.deepStrictEqual(jobs["train_models"], { id: "jobs-train-models-id", url: "https://example.cloud.databricks.com/#job/jobs-train-models-id" });
        const pipelines = dev.outputs["pipelines"] as Record<string, { id: string; url: string }>;
        assert.deepStrictEqual(Object.keys(pipelines).sort(), ["etl", "realtime"]);
        assert.strictEqual(pipelines["etl"].id, "pipelines-etl-id");
    });
});
