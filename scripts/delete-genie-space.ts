/** Deletes the deployment's Genie space on destroy; see scripts/lib/genie-space-delete-cli.ts for the usage. */
import { createWorkspaceClient } from "./lib/databricks-client";
import { genieSpaceDeleteCli } from "./lib/genie-space-delete-cli";

genieSpaceDeleteCli(process.argv.slice(2), {
    createClient: (profile) => createWorkspaceClient(profile ? { profile } : {}),
    io: { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
    env: process.env,
}).then((code) => {
    process.exitCode = code;
});
