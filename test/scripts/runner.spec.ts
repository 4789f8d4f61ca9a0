import * as assert from "node:assert/strict";
import { parseModelVersions } from "../../scripts/lib/output-parsing";
import { runJobCli } from "../../scripts/lib/run-job-cli";
import { runJobAndWait, RunFailedError, runPipelineUpdateAndWait } from "../../scripts/lib/runner";
import { systemClock } from "../../scripts/lib/transport";
import { fastWaitSettings } from "../support/wait-settings";
import { FakeDatabricks } from "../support/fake-databricks";

const jobId = 123;
const runId = 456;
const taskRunId = 789;
const runPageUrl = `https://fake-workspace.test/jobs/${jobId}/runs/${runId}`;
const runNow = "/api/2.2/jobs/run-now";
const runsGet = "/api/2.2/jobs/runs/get";
const runsGetOutput = "/api/2.2/jobs/runs/get-output";
const runsCancel = "/api/2.2/jobs/runs/cancel";

function run(lifeCycle: string, result?: string, message?: string): object {
    const state = { life_cycle_state: lifeCycle, ...(result ? { result_state: result } : {}), ...(message ? { state_message: message } : {}) };
    return {
        run_id: runId,
        job_id: jobId,
        run_page_url: runPageUrl,
        state,
        tasks: [{ run_id: taskRunId, task_key: "train_models", notebook_task: { notebook_path: "/Workspace/x/train" }, state }],
    };
}


describe("runner: jobs against the fake API", () => {
    let fake: FakeDatabricks;
    beforeEach(async () => {
        fake = await FakeDatabricks.start();
        fake.setDefault("POST", runNow, { body: { run_id: runId, number_in_job: runId } });
    });
    afterEach(async () => {
        await fake.stop();
    });

    it("waits for SUCCESS, returns the notebook's exit value and reports progress", async () => {
        const exitValue = '{"main.payments.approval_propensity":"3"}';
        fake.enqueue("GET", runsGet, { body: run("PENDING") }, { body: run("RUNNING") }, { body: run("RUNNING") }, { body: run("TERMINATED", "SUCCESS") });
        fake.enqueue("GET", runsGetOutput, { body: { notebook_output: { result: exitValue, truncated: false } } });
        const wait = fastWaitSettings();

        const outcome = await runJobAndWait(fake.client(), { jobId, parameters: { catalog: "main", schema: "payments" } }, wait);

        assert.equal(outcome.exitValue, exitValue);
        assert.equal(outcome.runPageUrl, runPageUrl);
        const started = fake.requestsTo("POST", runNow)[0].body as Record<string, unknown>;
        assert.equal(started.job_id, jobId);
        assert.deepEqual(started.job_parameters, { catalog: "main", schema: "payments" });
        assert.equal(typeof started.idempotency_token, "string");
        assert.deepEqual(fake.requestsTo("GET", runsGetOutput)[0].query, { run_id: String(taskRunId) });
        assert.ok(wait.lines.some((l) => l.includes(runPageUrl)), wait.lines.join("\n"));
        const stateLines = wait.lines.filter((l) => /^\[\d+m?s\]/.test(l)).map((l) => l.replace(/^\[\d+m?s\] /, ""));
        assert.deepEqual(stateLines, [`job ${jobId} run ${runId}: PENDING`, `job ${jobId} run ${runId}: RUNNING`, `job ${jobId} run ${runId}: TERMINATED/SUCCESS`]);
    });

    it("returns no exit value when the notebook did not call dbutils.notebook.exit", async () => {
        fake.enqueue("GET", runsGet, { body: run("TERMINATED", "SUCCESS") });
        fake.enqueue("GET", runsGetOutput, { body: { notebook_output: {} } });
        const outcome = await runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings());
        assert.equal(outcome.exitValue, undefined);
    });

    it("rides out a 429 on the status poll", async () => {
        fake.enqueue("GET", runsGet, { status: 429, headers: { "retry-after": "0" }, body: { error_code: "REQUEST_LIMIT_EXCEEDED", message: "too many" } }, { body: run("TERMINATED", "SUCCESS") });
        fake.enqueue("GET", runsGetOutput, { body: { notebook_output: { result: "ok" } } });
        const outcome = await runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings());
        assert.equal(outcome.exitValue, "ok");
        assert.equal(fake.requestsTo("GET", runsGet).length, 2);
    });

    it("retries a 500 on run-now with the same idempotency token, so at most one run starts", async () => {
        fake.enqueue("POST", runNow, { status: 500, body: { error_code: "INTERNAL_ERROR", message: "try again" } });
        fake.enqueue("GET", runsGet, { body: run("TERMINATED", "SUCCESS") });
        fake.enqueue("GET", runsGetOutput, { body: { notebook_output: { result: "ok" } } });
        await runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings());
        const tokens = fake.requestsTo("POST", runNow).map((r) => (r.body as { idempotency_token: string }).idempotency_token);
        assert.equal(tokens.length, 2);
        assert.equal(tokens[0], tokens[1]);
    });

    it("on FAILED names the run URL and the task's own error", async () => {
        fake.enqueue("GET", runsGet, { body: run("RUNNING") }, { body: run("TERMINATED", "FAILED", "Workload failed, see run output for details") });
        fake.enqueue("GET", runsGetOutput, { body: { error: "ValueError: silver table payments_enriched_silver is empty" } });
        await assert.rejects(runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings()), (error: unknown) => {
            assert.ok(error instanceof RunFailedError);
            assert.match(error.message, /run 456 FAILED: Workload failed/);
            assert.match(error.message, /task train_models FAILED: ValueError: silver table payments_enriched_silver is empty/);
            assert.ok(error.message.includes(runPageUrl), error.message);
            return true;
        });
    });

    it("still reports the failure when the task's output cannot be read", async () => {
        fake.enqueue("GET", runsGet, { body: run("TERMINATED", "FAILED", "boom") });
        fake.enqueue("GET", runsGetOutput, { status: 400, body: { error_code: "INVALID_STATE", message: "output not available" } });
        await assert.rejects(runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings()), /FAILED: boom[\s\S]*could not be read: .*output not available[\s\S]*Run: https/);
    });

    it("on CANCELED fails with the state message", async () => {
        fake.enqueue("GET", runsGet, { body: run("TERMINATED", "CANCELED", "Run cancelled by jdoe@example.com") });
        fake.enqueue("GET", runsGetOutput, { body: {} });
        await assert.rejects(runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings()), /CANCELED: Run cancelled by jdoe@example\.com[\s\S]*Run: https:\/\/fake-workspace\.test\/jobs\/123\/runs\/456/);
    });

    it("on SKIPPED and INTERNAL_ERROR fails without a result state", async () => {
        for (const lifeCycle of ["SKIPPED", "INTERNAL_ERROR"]) {
            fake.enqueue("GET", runsGet, { body: run(lifeCycle, undefined, "cluster could not start") });
            fake.enqueue("GET", runsGetOutput, { body: {} });
            await assert.rejects(runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings()), new RegExp(`${lifeCycle}: cluster could not start`));
        }
    });

    it("gives up at its own deadline, cancels the run and says so", async () => {
        fake.setDefault("GET", runsGet, { body: run("RUNNING") });
        fake.setDefault("POST", runsCancel, { body: {} });
        const started = Date.now();
        await assert.rejects(runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings({ timeoutMs: 40 })), /did not finish within 40ms \(still RUNNING\); cancelled it[\s\S]*See: https/);
        assert.ok(Date.now() - started < 2_000, "the deadline must bound the wait");
        assert.deepEqual(fake.requestsTo("POST", runsCancel).map((r) => r.body), [{ run_id: runId }]);
    });

    it("rejects a run without `state` as a malformed response, naming the field", async () => {
        fake.enqueue("GET", runsGet, { body: { run_id: runId, run_page_url: runPageUrl } });
        await assert.rejects(
            runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings()),
            /could not read its state.*malformed response from jobs\/runs\/get\?run_id=456: state: [\s\S]*See: https:\/\/fake-workspace\.test\/jobs\/123\/runs\/456/,
        );
    });

    it("rejects an unknown life cycle state instead of waiting forever", async () => {
        fake.enqueue("GET", runsGet, { body: run("LEVITATING") });
        await assert.rejects(runJobAndWait(fake.client(), { jobId, parameters: {} }, fastWaitSettings()), /unknown life_cycle_state "LEVITATING"/);
    });
});

describe("runner: pipeline updates against the fake API", () => {
    const pipelineId = "a1b2-c3d4";
    const updateId = "u-42";
    const updates = `/api/2.0/pipelines/${pipelineId}/updates`;
    const update = `${updates}/${updateId}`;
    const events = `/api/2.0/pipelines/${pipelineId}/events`;
    let fake: FakeDatabricks;
    beforeEach(async () => {
        fake = await FakeDatabricks.start();
        fake.setDefault("POST", updates, { body: { update_id: updateId } });
    });
    afterEach(async () => {
        await fake.stop();
    });

    it("starts a full refresh and waits for COMPLETED", async () => {
        fake.enqueue("GET", update, { body: { update: { state: "INITIALIZING" } } }, { body: { update: { state: "RUNNING" } } }, { body: { update: { state: "COMPLETED" } } });
        const wait = fastWaitSettings();
        const outcome = await runPipelineUpdateAndWait(fake.client(), { pipelineId, fullRefresh: true }, wait);
        assert.equal(outcome.updateUrl, `https://fake-workspace.test/#joblist/pipelines/${pipelineId}/updates/${updateId}`);
        assert.deepEqual(fake.requestsTo("POST", updates)[0].body, { full_refresh: true });
        assert.equal(fake.requestsTo("GET", update).length, 3);
        assert.ok(wait.lines.some((l) => l.endsWith("COMPLETED")), wait.lines.join("\n"));
    });

    it("on FAILED reports this update's error events and its URL", async () => {
        fake.enqueue("GET", update, { body: { update: { state: "FAILED" } } });
        fake.enqueue("GET", events, {
            body: {
                events: [
                    { message: "Update u-41 failed: old news", origin: { update_id: "u-41" } },
                    {
                        message: "Flow 'payments_bronze' has FAILED fatally.",
                        origin: { update_id: updateId },
                        error: { exceptions: [{ class_name: "AnalysisException", message: "[TABLE_OR_VIEW_NOT_FOUND] payments_stream_input" }] },
                    },
                ],
            },
        });
        await assert.rejects(runPipelineUpdateAndWait(fake.client(), { pipelineId, fullRefresh: false }, fastWaitSettings()), (error: unknown) => {
            assert.ok(error instanceof RunFailedError);
            assert.match(error.message, /update u-42 FAILED/);
            assert.match(error.message, /payments_bronze' has FAILED fatally\. \(AnalysisException: \[TABLE_OR_VIEW_NOT_FOUND\] payments_stream_input\)/);
            assert.doesNotMatch(error.message, /old news/);
            assert.ok(error.message.includes(`#joblist/pipelines/${pipelineId}/updates/${updateId}`));
            return true;
        });
        assert.equal(fake.requestsTo("GET", events)[0].query.filter, "level='ERROR'");
    });

    it("on CANCELED says the events could not be read when that call fails too", async () => {
        fake.enqueue("GET", update, { body: { update: { state: "CANCELED" } } });
        fake.setDefault("GET", events, { status: 403, body: { error_code: "PERMISSION_DENIED", message: "no events for you" } });
        await assert.rejects(runPipelineUpdateAndWait(fake.client(), { pipelineId, fullRefresh: false }, fastWaitSettings()), /CANCELED[\s\S]*could not be read: .*no events for you/);
    });

    it("gives up at its own deadline and stops the pipeline", async () => {
        fake.setDefault("GET", update, { body: { update: { state: "RUNNING" } } });
        fake.setDefault("POST", `/api/2.0/pipelines/${pipelineId}/stop`, { body: {} });
        await assert.rejects(runPipelineUpdateAndWait(fake.client(), { pipelineId, fullRefresh: false }, fastWaitSettings({ timeoutMs: 30 })), /did not finish .*cancelled it/);
        assert.equal(fake.requestsTo("POST", `/api/2.0/pipelines/${pipelineId}/stop`).length, 1);
    });
});

describe("run-job command (stdout contract)", () => {
    let fake: FakeDatabricks;
    beforeEach(async () => {
        fake = await FakeDatabricks.start();
        fake.setDefault("POST", runNow, { body: { run_id: runId } });
    });
    afterEach(async () => {
        await fake.stop();
    });

    async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
        let stdout = "";
        let stderr = "";
        const code = await runJobCli(argv, {
            createClient: () => fake.client(),
            io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
            clock: systemClock,
            poll: { initialDelayMs: 2, maxDelayMs: 10, multiplier: 2 },
        });
        return { code, stdout, stderr };
    }

    it("prints only the exit value on stdout, which the training hand-off can parse", async () => {
        fake.enqueue("GET", runsGet, { body: run("RUNNING") }, { body: run("TERMINATED", "SUCCESS") });
        fake.enqueue("GET", runsGetOutput, { body: { notebook_output: { result: '{"main.payments.risk_scoring":"7"}' } } });
        const result = await cli(["--job-id", String(jobId), "--param", "catalog=main"]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, '{"main.payments.risk_scoring":"7"}\n');
        assert.deepEqual(parseModelVersions(result.stdout), { "main.payments.risk_scoring": "7" });
        assert.match(result.stderr, /RUNNING/);
    });

    it("exits 1 with the reason on stderr and nothing on stdout when the run fails", async () => {
        fake.enqueue("GET", runsGet, { body: run("TERMINATED", "TIMEDOUT", "Run timed out after 3600 s") });
        fake.enqueue("GET", runsGetOutput, { body: {} });
        const result = await cli(["--job-id", String(jobId)]);
        assert.equal(result.code, 1);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /^run-job failed: job 123 run 456 TIMEDOUT: Run timed out after 3600 s$/m);
    });

    it("exits 1 with the usage on a bad command line, before any API call", async () => {
        const result = await cli(["--job-id", "12x"]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /--job-id must be a positive integer, got "12x"[\s\S]*usage:/);
        assert.equal(fake.requests.length, 0);
    });
});
