/**
 * `npm run --silent genie-space:delete -- [--profile <name>]`: the delete step of the deployment's Genie space
 * (components/analytics/genie-space.ts). `pulumi destroy` runs it with the last sync's stdout in
 * PULUMI_COMMAND_STDOUT; it deletes the space that sync reported (`DELETE /api/2.0/genie/spaces/{id}`). A space
 * that is already gone (404) is fine, since the goal is that none is left; any other failure exits 1, so a
 * destroy never reports success over a space it left behind.
 */
import { ApiError, WorkspaceClient } from "@databricks/sdk-experimental";
import { parseGenieSyncExit } from "../../components/analytics/genie-space-exit";
import { parseStrictOptions } from "./cli-args";
import { CliIo } from "./run-job-cli";

export const genieSpaceDeleteUsage = [
    "usage: npm run --silent genie-space:delete -- [--profile <name>]",
    "Deletes the Genie space named by the sync's exit value in PULUMI_COMMAND_STDOUT (set by `pulumi destroy`).",
].join("\n");

/** Where the command provider puts the stdout of the resource's last create or update. */
export const PREVIOUS_STDOUT_ENV = "PULUMI_COMMAND_STDOUT";

export interface GenieSpaceDeleteDeps {
    readonly createClient: (profile: string | undefined) => WorkspaceClient;
    readonly io: CliIo;
    readonly env: NodeJS.ProcessEnv;
}

export async function genieSpaceDeleteCli(argv: readonly string[], deps: GenieSpaceDeleteDeps): Promise<number> {
    let what = "the Genie space";
    try {
        const values = parseStrictOptions(argv, { profile: { type: "string" } }, (problem) => new Error(`${problem}\n${genieSpaceDeleteUsage}`));
        const previous = deps.env[PREVIOUS_STDOUT_ENV];
        if (previous === undefined) throw new Error(`${PREVIOUS_STDOUT_ENV} is not set, so there is no sync result to read the space id from\n${genieSpaceDeleteUsage}`);
        const { spaceId } = parseGenieSyncExit(previous);
        what = `Genie space ${spaceId}`;
        const ws = deps.createClient(values.profile);
        try {
            await ws.genie.trashSpace({ space_id: spaceId });
            deps.io.stderr(`deleted ${what}\n`);
        } catch (error) {
            if (!(error instanceof ApiError && error.statusCode === 404)) throw error;
            deps.io.stderr(`${what} was already deleted (404); nothing left to delete\n`);
        }
        return 0;
    } catch (error) {
        deps.io.stderr(`deleting ${what} failed: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}
