/**
 * `npm run preflight -- --stack <name> [--profile <name>]`: checks the deploying identity's privileges for
 * the stack's catalog before anything is created; `pulumi up` runs it as its first step. Effects are passed
 * in so tests drive it against a local fake workspace.
 */
import * as path from "node:path";
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { parseStrictOptions } from "./cli-args";
import { formatMissing, missingPrivileges } from "./preflight";
import { CliIo } from "./run-job-cli";
import { stackConfig } from "./stack-file";

export const preflightUsage = [
    "usage: npm run --silent preflight -- --stack <name> [--profile <name>]",
    "Checks that the deploying identity holds the Unity Catalog privileges the stack's deployment needs.",
].join("\n");

export interface PreflightCliDeps {
    readonly createClient: (profile: string | undefined) => WorkspaceClient;
    readonly io: CliIo;
    /** The repository root, where Pulumi.yaml and the stack files are. */
    readonly root?: string;
}

export async function preflightCli(argv: readonly string[], deps: PreflightCliDeps): Promise<number> {
    try {
        const values = parseStrictOptions(argv, { stack: { type: "string" }, profile: { type: "string" } }, (problem) => new Error(`${problem}\n${preflightUsage}`));
        if (!values.stack) throw new Error(`--stack is required\n${preflightUsage}`);
        const root = deps.root ?? path.resolve(__dirname, "..", "..");
        const config = stackConfig(values.stack, root);
        const { identity, missing } = await missingPrivileges(deps.createClient(values.profile), config.catalog);
        if (missing.length > 0) {
            deps.io.stderr(`preflight failed: ${formatMissing(identity, missing)}\n`);
            return 1;
        }
        deps.io.stderr(`preflight: ${identity} holds every privilege the deployment of ${values.stack} needs on catalog ${config.catalog} and the metastore\n`);
        return 0;
    } catch (error) {
        deps.io.stderr(`preflight failed: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}
