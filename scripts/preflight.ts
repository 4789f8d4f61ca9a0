/** Privilege check before a deployment; see scripts/lib/preflight-cli.ts for the usage and scripts/lib/preflight.ts for the rules. */
import { createWorkspaceClient } from "./lib/databricks-client";
import { preflightCli } from "./lib/preflight-cli";

preflightCli(process.argv.slice(2), {
    createClient: (profile) => createWorkspaceClient(profile ? { profile } : {}),
    io: { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
}).then((code) => {
    process.exitCode = code;
});
