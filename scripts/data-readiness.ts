/** Data-readiness check for the deferred work of a stack; see scripts/lib/data-readiness-cli.ts for the usage. */
import { createWorkspaceClient } from "./lib/databricks-client";
import { dataReadinessCli } from "./lib/data-readiness-cli";
import { defaultPollPolicy } from "./lib/runner";
import { systemClock } from "./lib/transport";

dataReadinessCli(process.argv.slice(2), {
    createClient: (profile) => createWorkspaceClient(profile ? { profile } : {}),
    io: { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
    settings: { clock: systemClock, poll: defaultPollPolicy, timeoutMs: 5 * 60_000 },
}).then((code) => {
    process.exitCode = code;
});
