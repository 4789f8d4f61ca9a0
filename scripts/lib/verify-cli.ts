/**
 * `npm run verify -- --stack <name>` (or `--outputs <file.json>`): reads the stack outputs, runs the
 * post-deploy checks against the workspace they name, prints the table and returns the exit code.
 * Effects are passed in so tests drive it against the fake API.
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { parseStrictOptions } from "./cli-args";
import { CliIo } from "./run-job-cli";
import { CommandRunner, loadStackOutputs, StackOutputsSource } from "./stack-outputs";
import { Clock } from "./transport";
import { defaultVerifySettings, formatCheckTable, verifyDeployment, VerifySettings } from "./verify";

export const verifyUsage = [
    "usage: npm run verify -- --stack <name> [--profile <name>]",
    "       npm run verify -- --outputs <file.json> [--profile <name>]   (a saved `pulumi stack output --json`)",
    "The workspace is the stack's workspaceUrl output; the token comes from DATABRICKS_TOKEN or the profile.",
].join("\n");

export interface VerifyArgs {
    readonly source: StackOutputsSource;
    readonly profile?: string;
}

export function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
    const values = parseStrictOptions(
        argv,
        { stack: { type: "string" }, outputs: { type: "string" }, profile: { type: "string" } },
        (problem) => new Error(`${problem}\n${verifyUsage}`),
    );
    if ((values.stack === undefined) === (values.outputs === undefined)) {
        throw new Error(`give exactly one of --stack or --outputs\n${verifyUsage}`);
    }
    const source: StackOutputsSource = values.stack !== undefined ? { stack: values.stack } : { file: values.outputs as string };
    return { source, ...(values.profile ? { profile: values.profile } : {}) };
}

export interface VerifyCliDeps {
    readonly createClient: (host: string, profile: string | undefined) => WorkspaceClient;
    readonly runCommand: CommandRunner;
    readonly io: CliIo;
    readonly clock: Clock;
    readonly settings?: Partial<VerifySettings>;
}

/** 0 when every check passed; 1 on any failed check or when the checks could not start. */
export async function verifyCli(argv: readonly string[], deps: VerifyCliDeps): Promise<number> {
    try {
        const args = parseVerifyArgs(argv);
        const outputs = await loadStackOutputs(args.source, deps.runCommand);
        const ws = deps.createClient(outputs.workspaceUrl, args.profile);
        deps.io.stderr(`Verifying ${outputs.workspaceUrl} (catalog ${outputs.catalog}, schema ${outputs.schema})\n`);
        const results = await verifyDeployment(ws, outputs, { ...defaultVerifySettings(deps.clock), ...deps.settings });
        deps.io.stdout(formatCheckTable(results));
        return results.every((r) => r.ok) ? 0 : 1;
    } catch (error) {
        deps.io.stderr(`verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}
