import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { JOB_DEFINITIONS, jobDefinition, NotebookJobDefinition, SqlFilesJobDefinition } from "../../components/data/job-catalog";
import {
    baseParameters,
    checkParametersMatchWidgets,
    JobSpecContext,
    jobSpec,
    notebookJobSpec,
    runnerTimeoutMinutes,
    runRelevantSpec,
    sqlFilesJobSpec,
    triggerArgs,
} from "../../components/data/job-spec";
import { hashOfInputs } from "../../components/data/input-hash";
import { notebookSpec } from "../../notebooks/requirements";
import { unwrap } from "../support/program";

const CLASSIC = { kind: "classic", sparkVersion: "15.4.x-scala2.12", mlSparkVersion: "15.4.x-cpu-ml-scala2.12", nodeType: "i3.xlarge", dataSecurityMode: "SINGLE_USER" } as const;

function context(overrides: Partial<JobSpecContext> = {}): JobSpecContext {
    return {
        displayName: (title) => `[t] ${title}`,
        catalog: "cat",
        schema: "sch",
        warehouseId: "wh-1",
        checkpointsPath: "/Volumes/cat/sch/checkpoints",
        sources: { warehouseId: "wh-1", llmEndpoint: "llm", approvalRulesTable: "lb.payment_analysis.approval_rules", genieSpaceTitle: "[t] Payment Analytics", simulatorEventsPerSecond: 50, simulatorDurationMinutes: 3 },
        assets: { notebook: (name) => ({ path: `/nb/${name}`, contentHash: `h-${name}` }), sqlFile: (name) => ({ path: `/sql/${name}.sql`, contentHash: `h-${name}` }) },
        compute: { kind: "serverless" },
        schedulesPaused: true,
        tags: { project: "payment-analysis", environment: "test" },
        notebookRequirements: notebookSpec,
        ...overrides,
    };
}

const notebookJob = (key: string) => jobDefinition(key) as NotebookJobDefinition;
const sqlJob = (key: string) => jobDefinition(key) as SqlFilesJobDefinition;
type Task = { taskKey: string; jobClusterKey?: string; libraries?: Array<{ pypi: { package: string } }>; notebookTask?: { notebookPath: string; baseParameters: Record<string, string> }; sqlTask?: { warehouseId: string; file: { path: string } }; dependsOns?: Array<{ taskKey: string }> };
const tasksOf = (args: { tasks?: unknown }) => args.tasks as Task[];

describe("job spec builders", () => {
    it("turns a cron into a UTC schedule whose pause state follows config, and a continuous job into a paused or live trigger", () => {
        assert.deepStrictEqual(triggerArgs({ kind: "cron", quartz: "0 0 3 * * ?" }, true), { schedule: { quartzCronExpression: "0 0 3 * * ?", timezoneId: "UTC", pauseStatus: "PAUSED" } });
        assert.strictEqual((triggerArgs({ kind: "cron", quartz: "0 0 3 * * ?" }, false).schedule as { pauseStatus: string }).pauseStatus, "UNPAUSED");
        assert.deepStrictEqual(triggerArgs({ kind: "continuous" }, false), { continuous: { pauseStatus: "UNPAUSED" } });
        assert.deepStrictEqual(triggerArgs({ kind: "manual" }, true), {});
    });

    it("builds a serverless notebook job without clusters or libraries, passing catalog and schema", () => {
        const spec = notebookJobSpec(notebookJob("train_models"), context());
        assert.strictEqual(spec.jobClusters, undefined);
        const [task] = tasksOf(spec);
        assert.strictEqual(task.jobClusterKey, undefined);
        assert.strictEqual(task.libraries, undefined);
        assert.strictEqual(task.notebookTask?.notebookPath, "/nb/train_models");
        assert.strictEqual(task.notebookTask?.baseParameters["catalog"], "cat");
        assert.strictEqual(task.notebookTask?.baseParameters["schema"], "sch");
        assert.strictEqual(spec.name, "[t] Train Payment Approval ML Models");
        assert.strictEqual(spec.runAs, undefined);
    });

    it("builds classic job clusters with the configured node type, an explicit access mode, the ML runtime for training and the notebook's packages", () => {
        const spec = notebookJobSpec(notebookJob("train_models"), context({ compute: CLASSIC }));
        const [cluster] = spec.jobClusters as unknown as Array<{ jobClusterKey: string; newCluster: Record<string, unknown> }>;
        assert.strictEqual(cluster.newCluster["nodeTypeId"], "i3.xlarge");
        assert.strictEqual(cluster.newCluster["dataSecurityMode"], "SINGLE_USER");
        assert.strictEqual(cluster.newCluster["sparkVersion"], "15.4.x-cpu-ml-scala2.12");
        assert.strictEqual(cluster.newCluster["numWorkers"], 0);
        const [task] = tasksOf(spec);
        assert.strictEqual(task.jobClusterKey, cluster.jobClusterKey);
        assert.deepStrictEqual(task.libraries?.map((l) => l.pypi.package), [...notebookSpec("train_models").packages].sort());

        const simulator = notebookJobSpec(notebookJob("transaction_simulator"), context({ compute: CLASSIC }));
        const simulatorCluster = (simulator.jobClusters as unknown as Array<{ newCluster: Record<string, unknown> }>)[0].newCluster;
        assert.deepStrictEqual(simulatorCluster["autoscale"], { minWorkers: 1, maxWorkers: 2 });
        assert.strictEqual(simulatorCluster["sparkVersion"], "15.4.x-scala2.12");
    });

    it("runs prod jobs as the service principal", () => {
        const spec = notebookJobSpec(notebookJob("genie_sync"), context({ runAsServicePrincipal: "sp-app-id" }));
        assert.deepStrictEqual(spec.runAs, { servicePrincipalName: "sp-app-id" });
    });

    it("gives the simulator its rate and duration as job parameters a run can override", () => {
        const spec = notebookJobSpec(notebookJob("transaction_simulator"), context());
        assert.deepStrictEqual(spec.parameters, [
            { name: "duration_minutes", default: "3" },
            { name: "events_per_second", default: "50" },
        ]);
        assert.ok(!("events_per_second" in (tasksOf(spec)[0].notebookTask?.baseParameters ?? {})));
    });

    it("rejects a job that misses a widget of its notebook or passes one the notebook does not declare", () => {
        const job = notebookJob("genie_sync");
        assert.throws(() => checkParametersMatchWidgets(job, ["catalog", "schema"], ["catalog", "schema", "warehouse_id"]), /genie_sync does not pass widget\(s\) warehouse_id/);
        assert.throws(() => checkParametersMatchWidgets(job, ["catalog", "schema", "wharehouse_id"], ["catalog", "schema"]), /passes wharehouse_id, which the notebook does not declare/);
        const withTypo: NotebookJobDefinition = { ...job, fixedParameters: { spaec_title: "x" } };
        assert.throws(() => notebookJobSpec(withTypo, context()), /spaec_title/);
    });

    it("refuses a widget given both as task and as job parameter", () => {
        const job: NotebookJobDefinition = { ...notebookJob("transaction_simulator"), fixedParameters: { duration_minutes: "9", max_runtime_minutes: "50" } };
        assert.throws(() => baseParameters(job, context()), /transaction_simulator sets duration_minutes both as task and as job parameter/);
    });

    it("every notebook job of the catalogue passes exactly the widgets its notebook declares", () => {
        for (const job of JOB_DEFINITIONS) {
            assert.doesNotThrow(() => jobSpec(job, context()), `job ${job.key}`);
        }
    });

    it("chains the lakehouse SQL files in file order through dependsOn on the stack's warehouse", () => {
        const job = sqlJob("lakehouse_tables");
        const byKey = new Map(tasksOf(sqlFilesJobSpec(job, context())).map((task) => [task.taskKey, task]));
        const runOrder = job.files.map((file) => file.replace(/\.sql$/, ""));
        assert.deepStrictEqual(runOrder, ["landing_table", "app_config", "online_features", "vector_search_and_recommendations"]);
        assert.strictEqual(byKey.size, runOrder.length);
        runOrder.forEach((key, i) => {
            const task = byKey.get(key);
            assert.ok(task, `task ${key}`);
            assert.strictEqual(task.sqlTask?.warehouseId, "wh-1");
            assert.strictEqual(task.sqlTask?.file.path, `/sql/${key}.sql`);
            assert.deepStrictEqual(task.dependsOns, i === 0 ? undefined : [{ taskKey: runOrder[i - 1] }]);
        });
    });

    it("lists every job's tasks sorted by task key, the order the provider reads them back (any other order is a diff after every up)", () => {
        for (const job of JOB_DEFINITIONS) {
            const keys = tasksOf(jobSpec(job, context())).map((task) => task.taskKey as string);
            assert.deepStrictEqual(keys, [...keys].sort(), `job ${job.key}`);
        }
        // A job whose run order is not alphabetical: listed sorted, still run in its own order.
        const reversed = tasksOf(sqlFilesJobSpec({ ...sqlJob("lakehouse_tables"), files: ["online_features.sql", "app_config.sql"] }, context()));
        assert.deepStrictEqual(reversed.map((task) => task.taskKey), ["app_config", "online_features"]);
        assert.deepStrictEqual(reversed[0].dependsOns, [{ taskKey: "online_features" }]);
    });

    it("runs the continuous processor with availableNow triggers (serverless refuses processing-time ones) and no retries, restarted by its continuous trigger", () => {
        const job = notebookJob("continuous_processor");
        assert.strictEqual(job.fixedParameters?.["run_once"], "true");
        assert.strictEqual(job.maxRetries, 0, "a continuous job may not set retries");
        assert.strictEqual(job.trigger.kind, "continuous");
    });

    it("rejects a SQL job listing a file twice or a name that is not a sql/ file", () => {
        assert.throws(() => sqlFilesJobSpec({ ...sqlJob("gold_views"), files: ["gold_views.sql", "gold_views.sql"] }, context()), /lists sql\/gold_views.sql twice/);
        assert.throws(() => sqlFilesJobSpec({ ...sqlJob("gold_views"), files: ["Gold Views.sql"] }, context()), /"Gold Views.sql" is not a sql\/ file name/);
    });

    it("hashes what a run executes: a schedule or tag change keeps the hash, a task change moves it", async () => {
        const hash = (ctx: JobSpecContext) => unwrap(hashOfInputs(runRelevantSpec(notebookJobSpec(notebookJob("train_models"), ctx))));
        const base = await hash(context());
        assert.strictEqual(await hash(context({ schedulesPaused: false, tags: { project: "payment-analysis", environment: "test", extra: "x" } })), base);
        assert.notStrictEqual(await hash(context({ catalog: "other" })), base);
        assert.notStrictEqual(await hash(context({ compute: CLASSIC })), base);
    });

    it("waits longer than the job's own worst case", () => {
        for (const job of JOB_DEFINITIONS) {
            const worstSeconds = job.kind === "notebook" ? job.timeoutSeconds * (job.maxRetries + 1) : job.files.length * job.timeoutSecondsPerTask * (job.maxRetries + 1);
            assert.ok(runnerTimeoutMinutes(job) * 60 > worstSeconds, job.key);
        }
    });

    it("names the continuous processor's checkpoint volume in its description", async () => {
        const spec = notebookJobSpec(notebookJob("continuous_processor"), context());
        assert.match(String(await unwrap(pulumi.output(spec.description))), /Checkpoints under \/Volumes\/cat\/sch\/checkpoints\./);
    });
});
