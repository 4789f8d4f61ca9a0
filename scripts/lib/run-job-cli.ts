/**
 * The run-job command with its effects passed in (client factory, output streams, clock), so tests can
 * check the stdout contract: nothing but the exit value, as the last line.
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
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
        };
        if (args.target.kind === "job") {
            const outcome = await runJobAndWait(ws, args.target, settings);
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
