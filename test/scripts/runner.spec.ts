import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseModelVersions } from "../../scripts/lib/output-parsing";
import { FRESH_RUN_ENV, RUN_TOKEN_ENV, runJobCli } from "../../scripts/lib/run-job-cli";
import { runJobAndWait, RunFailedError, runPipelineUpdateAndWait } from "../../scripts/lib/runner";
import { systemClock } from "../../scripts/lib/transport";
import { fastWaitSettings } from "../support/wait-settings";
import { FakeDatabricks, selfSignedCertificate } from "../support/fake-databricks";
import { REPO_ROOT } from "../support/program";

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

    async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
        let stdout = "";
        let stderr = "";
        const code = await runJobCli(argv, {
            createClient: () => fake.client(),
            io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
            clock: systemClock,
            poll: { initialDelayMs: 2, maxDelayMs: 10, multiplier: 2 },
            env,
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

    it("starts the run with the step's idempotency token, so a repeated `up` finds the run it started", async () => {
        fake.setDefault("GET", runsGet, { body: run("TERMINATED", "SUCCESS") });
        fake.setDefault("GET", runsGetOutput, { body: {} });
        const token = "a".repeat(64);
        assert.equal((await cli(["--job-id", String(jobId)], { [RUN_TOKEN_ENV]: token })).code, 0);
        assert.equal((await cli(["--job-id", String(jobId)], { [RUN_TOKEN_ENV]: token })).code, 0);
        const sent = fake.requestsTo("POST", runNow).map((r) => (r.body as { idempotency_token: string }).idempotency_token);
        assert.deepEqual(sent, [token, token]);
    });

    it("starts a new run on purpose when PAYMENT_ANALYSIS_FRESH_RUN is set, and refuses an unusable token before any call", async () => {
        fake.setDefault("GET", runsGet, { body: run("TERMINATED", "SUCCESS") });
        fake.setDefault("GET", runsGetOutput, { body: {} });
        assert.equal((await cli(["--job-id", String(jobId)], { [RUN_TOKEN_ENV]: "b".repeat(64), [FRESH_RUN_ENV]: "1" })).code, 0);
        const fresh = (fake.requestsTo("POST", runNow)[0].body as { idempotency_token: string }).idempotency_token;
        assert.notEqual(fresh, "b".repeat(64));
        const bad = await cli(["--job-id", String(jobId)], { [RUN_TOKEN_ENV]: "not a token!" });
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /PAYMENT_ANALYSIS_RUN_TOKEN must be 1-64 characters/);
        assert.equal(fake.requestsTo("POST", runNow).length, 1);
    });

    it("exits 1 with the usage on a bad command line, before any API call", async () => {
        const result = await cli(["--job-id", "12x"]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /--job-id must be a positive integer, got "12x"[\s\S]*usage:/);
        assert.equal(fake.requests.length, 0);
    });
});

describe("runner: a cancelled `pulumi up` cancels the run it started", function () {
    this.timeout(60_000);
    let fake: FakeDatabricks;
    afterEach(async () => {
        await fake.stop();
    });

    it("cancels the run when the wait is aborted, and says so with the run's URL", async () => {
        fake = await FakeDatabricks.start();
        fake.setDefault("POST", runNow, { body: { run_id: runId, number_in_job: runId } });
        fake.setDefault("GET", runsGet, { body: run("RUNNING") });
        fake.setDefault("POST", runsCancel, { body: {} });
        const stop = new AbortController();
        const wait = fastWaitSettings({ signal: stop.signal, poll: { initialDelayMs: 60_000, maxDelayMs: 60_000, multiplier: 1 }, timeoutMs: 600_000 });
        const running = runJobAndWait(fake.client(), { jobId, parameters: {} }, wait);
        while (fake.requestsTo("GET", runsGet).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        const abortedAt = Date.now();
        stop.abort("SIGTERM");
        await assert.rejects(running, (error: unknown) => {
            assert.ok(error instanceof RunFailedError);
            assert.match(error.message, new RegExp(`job ${jobId} run ${runId} was interrupted \\(SIGTERM\\); cancelled it\\nSee: ${runPageUrl}`));
            return true;
        });
        assert.ok(Date.now() - abortedAt < 2_000, "a long poll sleep must not delay the cancel");
        assert.deepEqual(fake.requestsTo("POST", runsCancel).map((r) => r.body), [{ run_id: runId }]);
    });

    it("scripts/run-job.ts, sent SIGTERM mid-run as `pulumi up` does when cancelled, cancels the run and exits 1", async () => {
        const certificate = selfSignedCertificate("127.0.0.1");
        fake = await FakeDatabricks.start(certificate);
        fake.setDefault("POST", runNow, { body: { run_id: runId, number_in_job: runId } });
        fake.setDefault("GET", runsGet, { body: run("RUNNING") });
        fake.setDefault("POST", runsCancel, { body: {} });
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "run-job-sigterm-"));
        const caFile = path.join(dir, "ca.pem");
        fs.writeFileSync(caFile, certificate.cert);
        const child = spawn(process.execPath, [require.resolve("tsx/cli"), path.join(REPO_ROOT, "scripts", "run-job.ts"), "--job-id", String(jobId), "--timeout-minutes", "30"], {
            env: {
                PATH: process.env["PATH"],
                DATABRICKS_HOST: `https://127.0.0.1:${fake.port}`,
                DATABRICKS_TOKEN: "dapi-fake-token",
                DATABRICKS_CONFIG_FILE: path.join(dir, "no-databrickscfg"),
                NODE_EXTRA_CA_CERTS: caFile,
            },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
        const deadline = Date.now() + 30_000;
        while (fake.requestsTo("GET", runsGet).length === 0) {
            assert.ok(Date.now() < deadline, `the script never polled its run; stderr:\n${stderr}`);
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
        child.kill("SIGTERM");
        assert.equal(await exited, 1, stderr);
        assert.deepEqual(fake.requestsTo("POST", runsCancel).map((r) => r.body), [{ run_id: runId }]);
        assert.match(stderr, /was interrupted \(SIGTERM\); cancelled it/);
        assert.ok(stderr.includes(`/jobs/${jobId}/runs/${runId}`), stderr);
    });
});
