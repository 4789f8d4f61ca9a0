import * as pulumi from "@pulumi/pulumi";
import type { local } from "@pulumi/command";
import { hashOfInputs } from "./input-hash";
import type { AssetPaths } from "./job-spec";
import { runnerTimeoutMinutes, sqlTaskKey } from "./job-spec";
import type { Jobs } from "./jobs";
import { jobRunCommand, RunnerConnection, runStep } from "./run-step";

export interface LakehouseTablesArgs {
    readonly jobs: Jobs;
    readonly assets: AssetPaths;
    readonly connection: RunnerConnection;
}

/**
 * Runs the lakehouse tables job (CREATE ... IF NOT EXISTS, idempotent) during every `pulumi up`, so the
 * App's tables exist before anything that needs them: the App's table grants, the lakehouse fill of the dev
 * bootstrap, and the Vector Search index on its source table. It needs no data, so an empty prod schema
 * gets its tables on the first deploy. It re-runs only when its SQL or its job changes.
 */
export class LakehouseTables extends pulumi.ComponentResource {
    readonly step: local.Command;

    constructor(name: string, args: LakehouseTablesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:data:LakehouseTables", name, {}, opts);
        const job = args.jobs.job("lakehouse_tables");
        if (job.definition.kind !== "sql") throw new Error(`LakehouseTables: lakehouse_tables must be a SQL files job, but it is a ${job.definition.kind} job`);
        const files = job.definition.files;
        this.step = runStep(
            `${name}-create`,
            {
                command: job.id.apply((id) => jobRunCommand(id, {}, runnerTimeoutMinutes(job.definition), args.connection.profile)),
                inputsHash: hashOfInputs({ sql: files.map((file) => args.assets.sqlFile(sqlTaskKey(file)).contentHash), spec: job.runSpecHash }),
                connection: args.connection,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
