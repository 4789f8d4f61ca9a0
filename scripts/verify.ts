/** Post-deploy verification of a stack; see scripts/lib/verify-cli.ts for the usage and scripts/lib/verify.ts for the checks. */
import { createWorkspaceClient } from "./lib/databricks-client";
import { execCommand } from "./lib/stack-outputs";
import { systemClock } from "./lib/transport";
import { verifyCli } from "./lib/verify-cli";

verifyCli(process.argv.slice(2), {
    createClient: (host, profile) => createWorkspaceClient({ host, ...(profile ? { profile } : {}) }),
    runCommand: execCommand,
    io: { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
    clock: systemClock,
}).then((code) => {
    process.exitCode = code;
});
