import * as pulumi from "@pulumi/pulumi";
import type { local } from "@pulumi/command";
import type { AssetPaths } from "./job-spec";
import type { Jobs } from "./jobs";
import type { RunnerConnection } from "./run-step";
import { sqlFilesJobStep } from "./sql-job-step";

export interface GoldViewsArgs {
    readonly jobs: Jobs;
    readonly assets: AssetPaths;
    readonly connection: RunnerConnection;
}

/**
 * Runs the gold views job (CREATE OR REPLACE VIEW, idempotent) during `pulumi up` on a stack without the dev
 * bootstrap, once silver has data: the views read silver, which exists only after the ETL pipeline's first
 * update. What reads the views (the dashboards, the Genie space) waits on this step instead of the job's
 * hourly schedule. It re-runs only when its SQL or its job changes.
 */
export class GoldViews extends pulumi.ComponentResource {
    readonly step: local.Command;

    constructor(name: string, args: GoldViewsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:data:GoldViews", name, {}, opts);
        this.step = sqlFilesJobStep(`${name}-create`, args.jobs.job("gold_views"), args.assets, args.connection, { parent: this });
        this.registerOutputs({});
    }
}
