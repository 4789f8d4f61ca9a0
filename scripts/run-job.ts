/**
 * Runs a Databricks job or pipeline update and waits for it. The deployment's command resources call
 * this and read the last line of stdout (the notebook's exit value), so stdout carries nothing else.
 * Usage: see scripts/lib/run-job-args.ts; any misuse prints it.
 */
import { createWorkspaceClient } from "./lib/databricks-client";
import { runJobCli } from "./lib/run-job-cli";
import { defaultPollPolicy } from "./lib/runner";
import { systemClock } from "./lib/transport";

// `pulumi up` cancelled (Ctrl-C, CI timeout) sends SIGTERM/SIGINT to this step: cancel the run we started, then exit.
const stop = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => stop.abort(signal));

runJobCli(process.argv.slice(2), {
    signal: stop.signal,
    env: process.env,
    createClient: (profile) => createWorkspaceClient(profile ? { profile } : {}),
    io: { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
    clock: systemClock,
    poll: defaultPollPolicy,
}).then((code) => {
    process.exitCode = code;
});
