import * as pulumi from "@pulumi/pulumi";
import type { local } from "@pulumi/command";
import type { AssetPaths } from "./job-spec";
import type { Jobs } from "./jobs";
import type { RunnerConnection } from "./run-step";
import { sqlFilesJobStep } from "./sql-job-step";

export interface LakehouseTablesArgs {
    readonly jobs: Jobs;
    readonly assets: AssetPaths;
    readonly connection: RunnerConnection;
}

/**
 * Runs the lakehouse tables job (CREATE ... IF NOT EXISTS, idempotent) during every `pulumi up`: first the
 * landing table the pipelines read, then the App's tables. So everything that needs them waits on one step:
 * the pipelines' first update, the App's table grants, the dev bootstrap's lakehouse fill, and the Vector
 * Search index on its source table. It needs no data, so an empty prod schema gets its tables on the first
 * deploy. It re-runs only when its SQL or its job changes.
 */
export class LakehouseTables extends pulumi.ComponentResource {
    readonly step: local.Command;

    constructor(name: string, args: LakehouseTablesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:data:LakehouseTables", name, {}, opts);
        this.step = sqlFilesJobStep(`${name}-create`, args.jobs.job("lakehouse_tables"), args.assets, args.connection, { parent: this });
        this.registerOutputs({});
    }
}
