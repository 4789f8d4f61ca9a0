/**
 * The deploy-app command with its effects passed in (client factory, output streams, clock), so tests can
 * check the stdout contract: the app URL as the only line, and nothing at all on failure.
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { parseDeployAppArgs } from "./app-deploy-args";
import { deployApp } from "./app-deploy";
import { BackoffPolicy } from "./retry";
import { CliIo } from "./run-job-cli";
import { Clock } from "./transport";

export interface DeployAppCliDeps {
    readonly createClient: (profile: string | undefined) => WorkspaceClient;
    readonly io: CliIo;
    readonly clock: Clock;
    readonly poll: BackoffPolicy;
}

/** Deployments take minutes; a slower start than the job runner's keeps the log short. */
export const defaultDeployPollPolicy: BackoffPolicy = { initialDelayMs: 3_000, maxDelayMs: 20_000, multiplier: 1.5 };

/** Returns the process exit code: 0 on success, 1 on any failure (reported on stderr). */
export async function deployAppCli(argv: readonly string[], deps: DeployAppCliDeps): Promise<number> {
    try {
        const args = parseDeployAppArgs(argv);
        const ws = deps.createClient(args.profile);
        const outcome = await deployApp(ws, { appName: args.appName, sourceCodePath: args.sourceCodePath }, {
            poll: deps.poll,
            timeoutMs: args.timeoutMinutes * 60_000,
            clock: deps.clock,
            log: (line) => deps.io.stderr(`${line}\n`),
        });
        deps.io.stdout(`${outcome.url}\n`);
        return 0;
    } catch (error) {
        deps.io.stderr(`deploy-app failed: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}
