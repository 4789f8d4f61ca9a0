/**
 * The run-job command with its effects passed in (client factory, output streams, clock), so tests can
 * check the stdout contract: nothing but the exit value, as the last line.
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { RUN_TOKEN_ENV } from "../../components/data/step-environment";
import { parseRunJobArgs } from "./run-job-args";
import { BackoffPolicy } from "./retry";
import { runJobAndWait, runPipelineUpdateAndWait } from "./runner";
import { Clock } from "./transport";

export interface CliIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

export interface RunJobCliDeps {
    readonly createClient: (profile: string | undefined) => WorkspaceClient;
    readonly io: CliIo;
    readonly clock: Clock;
    readonly poll: BackoffPolicy;
    /** Fires when the process is told to stop; the started run is then cancelled. */
    readonly signal?: AbortSignal;
    /** Where RUN_TOKEN_ENV and FRESH_RUN_ENV are read. */
    readonly env?: NodeJS.ProcessEnv;
}

/** Set by the deployment on each step: a token derived from the step's identity and inputs. */
export { RUN_TOKEN_ENV };
/** Set by a user (`PAYMENT_ANALYSIS_FRESH_RUN=1 pulumi up --replace <urn>`) to start a new run on purpose. */
export const FRESH_RUN_ENV = "PAYMENT_ANALYSIS_FRESH_RUN";

/** The step's token unless a fresh run is asked for; an unusable token is an error, not a silent new run. */
export function idempotencyTokenFrom(env: NodeJS.ProcessEnv): string | undefined {
    if (env[FRESH_RUN_ENV]) return undefined;
    const token = env[RUN_TOKEN_ENV];
    if (token === undefined || token === "") return undefined;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(token)) throw new Error(`${RUN_TOKEN_ENV} must be 1-64 characters of A-Z, a-z, 0-9, _ and -, got "${token}"`);
    return token;
}

/** Returns the process exit code: 0 on success, 1 on any failure (reported on stderr). */
export async function runJobCli(argv: readonly string[], deps: RunJobCliDeps): Promise<number> {
    try {
        const args = parseRunJobArgs(argv);
        const ws = deps.createClient(args.profile);
        const settings = {
            poll: deps.poll,
            timeoutMs: args.timeoutMinutes * 60_000,
            clock: deps.clock,
            log: (line: string) => deps.io.stderr(`${line}\n`),
            ...(deps.signal ? { signal: deps.signal } : {}),
        };
        if (args.target.kind === "job") {
            const token = idempotencyTokenFrom(deps.env ?? {});
            const outcome = await runJobAndWait(ws, { ...args.target, ...(token ? { idempotencyToken: token } : {}) }, settings);
            if (outcome.exitValue !== undefined) deps.io.stdout(`${outcome.exitValue}\n`);
        } else {
            await runPipelineUpdateAndWait(ws, args.target, settings);
        }
        return 0;
    } catch (error) {
        deps.io.stderr(`run-job failed: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}
