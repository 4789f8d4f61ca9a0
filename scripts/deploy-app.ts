/**
 * Deploys the uploaded `app/` folder (the AppKit app; the platform installs and builds it) to a Databricks App and waits until the deployment SUCCEEDED. The App
 * component's command step runs this whenever the app's content hash changes; a failed deployment exits 1
 * and so fails `pulumi up`. Usage: see scripts/lib/app-deploy-args.ts; any misuse prints it.
 */
import { createWorkspaceClient } from "./lib/databricks-client";
import { defaultDeployPollPolicy, deployAppCli } from "./lib/app-deploy-cli";
import { systemClock } from "./lib/transport";

deployAppCli(process.argv.slice(2), {
    createClient: (profile) => createWorkspaceClient(profile ? { profile } : {}),
    io: { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
    clock: systemClock,
    poll: defaultDeployPollPolicy,
}).then((code) => {
    process.exitCode = code;
});
