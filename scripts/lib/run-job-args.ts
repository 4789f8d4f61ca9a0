/** Command line of `npm run run-job`: what to run and how long to wait. Pure, so every misuse is testable. */
import { parseStrictOptions, parseTimeoutMinutes } from "./cli-args";

export const runJobUsage = [
    "usage: npm run --silent run-job -- --job-id <N> [--param key=value ...] [--task-key <key>] [--timeout-minutes <M>] [--profile <name>]",
    "       npm run --silent run-job -- --pipeline-id <ID> [--full-refresh] [--timeout-minutes <M>] [--profile <name>]",
    "Auth: DATABRICKS_HOST + DATABRICKS_TOKEN, or a ~/.databrickscfg profile (--profile / DATABRICKS_CONFIG_PROFILE).",
    "On success the notebook's exit value, if any, is the last line of stdout; progress goes to stderr.",
].join("\n");

export type RunTarget =
    | { readonly kind: "job"; readonly jobId: number; readonly parameters: Readonly<Record<string, string>>; readonly taskKey?: string }
    | { readonly kind: "pipeline"; readonly pipelineId: string; readonly fullRefresh: boolean };

export interface RunJobArgs {
    readonly target: RunTarget;
    readonly timeoutMinutes: number;
    readonly profile?: string;
}

export const defaultTimeoutMinutes = 120;

export class UsageError extends Error {
    constructor(problem: string) {
        super(`${problem}\n${runJobUsage}`);
        this.name = "UsageError";
    }
}

export function parseRunJobArgs(argv: readonly string[]): RunJobArgs {
    const values = parseStrictOptions(
        argv,
        {
            "job-id": { type: "string" },
            "param": { type: "string", multiple: true },
            "task-key": { type: "string" },
            "pipeline-id": { type: "string" },
            "full-refresh": { type: "boolean" },
            "timeout-minutes": { type: "string" },
            "profile": { type: "string" },
        },
        (problem) => new UsageError(problem),
    );
    const timeoutMinutes = parseTimeoutMinutes(values["timeout-minutes"], defaultTimeoutMinutes, (problem) => new UsageError(problem));
    const profile = values.profile;
    const jobId = values["job-id"];
    const pipelineId = values["pipeline-id"];
    if ((jobId === undefined) === (pipelineId === undefined)) {
        throw new UsageError("give exactly one of --job-id or --pipeline-id");
    }
    if (jobId !== undefined) {
        if (values["full-refresh"]) throw new UsageError("--full-refresh applies to --pipeline-id only");
        if (!/^[1-9][0-9]*$/.test(jobId) || !Number.isSafeInteger(Number(jobId))) {
            throw new UsageError(`--job-id must be a positive integer, got "${jobId}"`);
        }
        const taskKey = values["task-key"];
        return {
            target: { kind: "job", jobId: Number(jobId), parameters: parseParams(values.param ?? []), ...(taskKey ? { taskKey } : {}) },
            timeoutMinutes,
            ...(profile ? { profile } : {}),
        };
    }
    if (values.param !== undefined) throw new UsageError("--param applies to --job-id only (pipelines take no parameters)");
    if (values["task-key"] !== undefined) throw new UsageError("--task-key applies to --job-id only");
    if (!/^[A-Za-z0-9-]+$/.test(pipelineId as string)) {
        throw new UsageError(`--pipeline-id must be a pipeline id (letters, digits, -), got "${pipelineId}"`);
    }
    return {
        target: { kind: "pipeline", pipelineId: pipelineId as string, fullRefresh: values["full-refresh"] ?? false },
        timeoutMinutes,
        ...(profile ? { profile } : {}),
    };
}

function parseParams(raw: readonly string[]): Record<string, string> {
    const parameters: Record<string, string> = {};
    for (const pair of raw) {
        const eq = pair.indexOf("=");
        if (eq <= 0) throw new UsageError(`--param must be key=value with a non-empty key, got "${pair}"`);
        const key = pair.slice(0, eq);
        if (key in parameters) throw new UsageError(`--param ${key} is given twice`);
        parameters[key] = pair.slice(eq + 1);
    }
    return parameters;
}
