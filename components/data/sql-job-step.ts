import * as pulumi from "@pulumi/pulumi";
import type { local } from "@pulumi/command";
import { hashOfInputs } from "./input-hash";
import type { AssetPaths } from "./job-spec";
import { runnerTimeoutMinutes, sqlTaskKey } from "./job-spec";
import type { DeployedJob } from "./jobs";
import { jobRunCommand, RunnerConnection, runStep } from "./run-step";

/**
 * One run of a SQL files job during `pulumi up`: it re-runs when the rendered SQL of any of its files or the
 * job's run spec changes, and only then.
 */
export function sqlFilesJobStep(
    name: string,
    job: DeployedJob,
    assets: AssetPaths,
    connection: RunnerConnection,
    opts: pulumi.CustomResourceOptions,
): local.Command {
    if (job.definition.kind !== "sql") throw new Error(`${name}: expects a SQL files job, but ${job.definition.key} is a ${job.definition.kind} job`);
    const files = job.definition.files;
    return runStep(
        name,
        {
            command: job.id.apply((id) => jobRunCommand(id, {}, runnerTimeoutMinutes(job.definition), connection.profile)),
            inputsHash: hashOfInputs({ sql: files.map((file) => assets.sqlFile(sqlTaskKey(file)).contentHash), spec: job.runSpecHash }),
            connection,
        },
        opts,
    );
}
