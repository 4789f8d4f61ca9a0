/**
 * Start a job run or a pipeline update and wait for its end: progress on `log` (stderr in the CLI),
 * the notebook's exit value returned on success, a RunFailedError naming the run URL and the task's
 * own error otherwise. Retries of single HTTP calls live in the client (transport.ts); this module
 * owns the wait loop and its deadline.
 */
import { randomUUID } from "node:crypto";
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { workspaceOrigin } from "./databricks-client";
import { selectExitValue, TaskExitValue } from "./output-parsing";
import {
    getUpdateResponse,
    JobRun,
    jobRun,
    parseResponse,
    pipelineEvent,
    runNowResponse,
    runOutput,
    startUpdateResponse,
} from "./responses";
import { BackoffPolicy, pollDelayMs } from "./retry";
import { judgeJobRun, judgePipelineUpdate, Verdict } from "./run-states";
import { Clock } from "./transport";

export interface WaitSettings {
    readonly poll: BackoffPolicy;
    readonly timeoutMs: number;
    readonly clock: Clock;
    readonly log: (line: string) => void;
    /** Aborted when the script is told to stop (SIGTERM from a cancelled `pulumi up`): the run is cancelled too. */
    readonly signal?: AbortSignal;
}

export const defaultPollPolicy: BackoffPolicy = { initialDelayMs: 2_000, maxDelayMs: 30_000, multiplier: 1.5 };

/** The run (or update) ended without success, or did not end in time. */
export class RunFailedError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "RunFailedError";
    }
}

export interface JobRunRequest {
    readonly jobId: number;
    readonly parameters: Readonly<Record<string, string>>;
    /** Which task's exit value to return when several notebook tasks return one. */
    readonly taskKey?: string;
    /**
     * Identifies this run request across retries: the deployment derives it from the step and its inputs, so
     * an `up` repeated after a crash or a cancel finds the run it already started instead of starting another.
     * Absent: a fresh random token (a new run every time).
     */
    readonly idempotencyToken?: string;
}

export interface JobRunOutcome {
    readonly runId: number;
    readonly runPageUrl: string;
    readonly exitValue: string | undefined;
}

export async function runJobAndWait(ws: WorkspaceClient, request: JobRunRequest, settings: WaitSettings): Promise<JobRunOutcome> {
    // The token makes run-now safe to retry after a 5xx: a repeated request returns the same run.
    const started = parseResponse(
        runNowResponse,
        await ws.jobs.runNow({ job_id: request.jobId, job_parameters: { ...request.parameters }, idempotency_token: request.idempotencyToken ?? randomUUID() }),
        "jobs/run-now",
    );
    const runId = started.run_id;
    let runPageUrl = `${await workspaceOrigin(ws)}/jobs/${request.jobId}/runs/${runId}`;
    const label = `job ${request.jobId} run ${runId}`;
    let announced = false;
    const { verdict, snapshot } = await waitUntilDone(settings, label, async () => {
        const run = parseResponse(jobRun, await ws.jobs.getRun({ run_id: runId }), `jobs/runs/get?run_id=${runId}`);
        runPageUrl = run.run_page_url ?? runPageUrl;
        if (!announced) {
            settings.log(`Started ${label}: ${runPageUrl}`);
            announced = true;
        }
        const state = run.state.result_state ? `${run.state.life_cycle_state}/${run.state.result_state}` : run.state.life_cycle_state;
        return { verdict: judgeJobRun(run.state), state, snapshot: run };
    }, async () => {
        await ws.jobs.cancelRun({ run_id: runId });
    }, () => runPageUrl);

    if (verdict.kind === "failed") {
        const taskErrors = await describeTaskErrors(ws, snapshot);
        throw new RunFailedError([`${label} ${verdict.reason}`, ...taskErrors, `Run: ${runPageUrl}`].join("\n"));
    }
    const exitValue = selectExitValue(await notebookExitValues(ws, snapshot), request.taskKey);
    settings.log(`${label} succeeded${exitValue === undefined ? " (no notebook exit value)" : ""}`);
    return { runId, runPageUrl, exitValue };
}

export interface PipelineUpdateRequest {
    readonly pipelineId: string;
    readonly fullRefresh: boolean;
}

export interface PipelineUpdateOutcome {
    readonly updateId: string;
    readonly updateUrl: string;
}

export async function runPipelineUpdateAndWait(
    ws: WorkspaceClient,
    request: PipelineUpdateRequest,
    settings: WaitSettings,
): Promise<PipelineUpdateOutcome> {
    const { pipelineId } = request;
    const started = parseResponse(
        startUpdateResponse,
        await ws.pipelines.startUpdate({ pipeline_id: pipelineId, full_refresh: request.fullRefresh }),
        `pipelines/${pipelineId}/updates (start)`,
    );
    const updateId = started.update_id;
    const updateUrl = `${await workspaceOrigin(ws)}/#joblist/pipelines/${pipelineId}/updates/${updateId}`;
    const label = `pipeline ${pipelineId} update ${updateId}`;
    settings.log(`Started ${label}${request.fullRefresh ? " (full refresh)" : ""}: ${updateUrl}`);
    const { verdict } = await waitUntilDone(settings, label, async () => {
        const response = parseResponse(
            getUpdateResponse,
            await ws.pipelines.getUpdate({ pipeline_id: pipelineId, update_id: updateId }),
            `pipelines/${pipelineId}/updates/${updateId}`,
        );
        return { verdict: judgePipelineUpdate(response.update.state), state: response.update.state, snapshot: response };
    }, async () => {
        await ws.pipelines.stop({ pipeline_id: pipelineId });
    }, () => updateUrl);
    if (verdict.kind === "failed") {
        const errors = await describePipelineErrors(ws, pipelineId, updateId);
        throw new RunFailedError([`${label} ${verdict.reason}`, ...errors, `Update: ${updateUrl}`].join("\n"));
    }
    settings.log(`${label} completed`);
    return { updateId, updateUrl };
}

interface Observation<T> {
    readonly verdict: Verdict;
    readonly state: string;
    readonly snapshot: T;
}

async function waitUntilDone<T>(
    settings: WaitSettings,
    label: string,
    observe: () => Promise<Observation<T>>,
    cancel: () => Promise<void>,
    url: () => string,
): Promise<{ verdict: Verdict; snapshot: T }> {
    const { clock, signal } = settings;
    const startedAt = clock.now();
    let lastState: string | undefined;
    const stopBecauseAborted = async (): Promise<never> => {
        const cancelNote = await cancel().then(
            () => "cancelled it",
            (error: unknown) => `could not cancel it: ${(error as Error).message}`,
        );
        throw new RunFailedError(`${label} was interrupted (${String(signal?.reason ?? "aborted")}); ${cancelNote}\nSee: ${url()}`);
    };
    for (let poll = 1; ; poll++) {
        if (signal?.aborted) await stopBecauseAborted();
        let observation: Observation<T>;
        try {
            observation = await observe();
        } catch (error) {
            // Without its state we can neither judge nor safely cancel the run; point the user at it.
            throw new RunFailedError(`${label}: could not read its state, it may still be running: ${(error as Error).message}\nSee: ${url()}`);
        }
        const elapsed = clock.now() - startedAt;
        if (observation.state !== lastState) {
            settings.log(`[${formatElapsed(elapsed)}] ${label}: ${observation.state}`);
            lastState = observation.state;
        }
        if (observation.verdict.kind !== "pending") return observation;
        if (elapsed >= settings.timeoutMs) {
            const cancelNote = await cancel().then(
                () => "cancelled it",
                (error: unknown) => `could not cancel it: ${(error as Error).message}`,
            );
            throw new RunFailedError(
                `${label} did not finish within ${formatElapsed(settings.timeoutMs)} (still ${observation.state}); ${cancelNote}\nSee: ${url()}`,
            );
        }
        await sleepUnlessAborted(clock, Math.min(pollDelayMs(poll, settings.poll), settings.timeoutMs - elapsed), signal);
    }
}

/** The poll's sleep, cut short when the signal fires so that cancelling is not delayed by a long wait. */
function sleepUnlessAborted(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal === undefined) return clock.sleep(ms);
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal.addEventListener("abort", onAbort, { once: true });
        void clock.sleep(ms).then(() => {
            signal.removeEventListener("abort", onAbort);
            resolve();
        });
    });
}

/** Each unsuccessful task's own error from runs/get-output (the run's state_message is often generic). */
async function describeTaskErrors(ws: WorkspaceClient, run: JobRun): Promise<string[]> {
    const tasks = run.tasks ?? [{ run_id: run.run_id, task_key: "(run)", state: run.state }];
    const failed = tasks.filter((task) => task.state?.result_state !== "SUCCESS");
    const lines: string[] = [];
    for (const task of failed) {
        const taskState = task.state ? ` ${task.state.result_state ?? task.state.life_cycle_state}` : "";
        try {
            const output = parseResponse(runOutput, await ws.jobs.getRunOutput({ run_id: task.run_id }), `jobs/runs/get-output?run_id=${task.run_id}`);
            lines.push(`  task ${task.task_key}${taskState}: ${output.error ?? task.state?.state_message ?? "(no error reported)"}`);
        } catch (error) {
            lines.push(`  task ${task.task_key}${taskState}: (its output could not be read: ${(error as Error).message})`);
        }
    }
    return lines;
}

async function notebookExitValues(ws: WorkspaceClient, run: JobRun): Promise<TaskExitValue[]> {
    // Multi-task runs answer runs/get-output only per task run; older single-task runs have no `tasks`.
    const tasks = run.tasks ? run.tasks.filter((task) => task.notebook_task !== undefined) : [{ run_id: run.run_id, task_key: "(run)" }];
    const values: TaskExitValue[] = [];
    for (const task of tasks) {
        const output = parseResponse(runOutput, await ws.jobs.getRunOutput({ run_id: task.run_id }), `jobs/runs/get-output?run_id=${task.run_id}`);
        values.push({
            taskKey: task.task_key,
            result: output.notebook_output?.result,
            truncated: output.notebook_output?.truncated ?? false,
        });
    }
    return values;
}

const maxReportedPipelineErrors = 3;
const maxScannedPipelineEvents = 200;

async function describePipelineErrors(ws: WorkspaceClient, pipelineId: string, updateId: string): Promise<string[]> {
    const lines: string[] = [];
    try {
        let scanned = 0;
        for await (const raw of ws.pipelines.listPipelineEvents({ pipeline_id: pipelineId, filter: "level='ERROR'", max_results: 50 })) {
            if (++scanned > maxScannedPipelineEvents || lines.length >= maxReportedPipelineErrors) break;
            const event = parseResponse(pipelineEvent, raw, `pipelines/${pipelineId}/events`);
            if (event.origin?.update_id !== updateId) continue;
            const exception = event.error?.exceptions?.[0];
            const cause = exception?.message ? ` (${exception.class_name ? `${exception.class_name}: ` : ""}${exception.message})` : "";
            lines.push(`  ${event.message ?? "error event without message"}${cause}`);
        }
    } catch (error) {
        lines.push(`  (the update's error events could not be read: ${(error as Error).message})`);
    }
    if (lines.length === 0) lines.push("  (no error events recorded for this update)");
    return lines;
}

export function formatElapsed(ms: number): string {
    if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
    const totalSeconds = Math.floor(ms / 1000);
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return minutes > 0 ? `${minutes}m${String(seconds).padStart(2, "0")}s` : `${seconds}s`;
}
