import * as pulumi from "@pulumi/pulumi";
import type { local } from "@pulumi/command";
import { hashOfInputs } from "./input-hash";
import type { AssetPaths } from "./job-spec";
import { runnerTimeoutMinutes } from "./job-spec";
import type { Jobs } from "./jobs";
import type { Pipelines } from "./pipelines";
import { jobRunCommand, pipelineUpdateCommand, RunnerConnection, runStep } from "./run-step";
import { sqlFilesJobStep } from "./sql-job-step";

export interface BootstrapChainArgs {
    readonly jobs: Jobs;
    readonly pipelines: Pipelines;
    readonly assets: AssetPaths;
    readonly connection: RunnerConnection;
    readonly simulator: { readonly eventsPerSecond: number; readonly durationMinutes: number };
    /** The step that creates the lakehouse tables the last step fills. */
    readonly tablesReady: pulumi.Resource;
}

/** Pipeline updates take 2-8 minutes (docs/deploy-flow.md, source 10); an hour leaves room for a slow first one. */
export const PIPELINE_UPDATE_TIMEOUT_MINUTES = 60;

/** The order of the chain; each step needs what the one before produced. */
export const BOOTSTRAP_STEPS = ["simulate", "etl-update", "gold-views", "lakehouse"] as const;
export type BootstrapStep = (typeof BOOTSTRAP_STEPS)[number];

/**
 * The dev data chain, run by `pulumi up` so that one deployment ends with data, views, lakehouse tables
 * and (after it) trained models: simulator (a short run) -> ETL pipeline update -> gold views job ->
 * lakehouse bootstrap job. Each step re-runs only when its own inputs change.
 */
export class BootstrapChain extends pulumi.ComponentResource {
    readonly steps: Record<BootstrapStep, local.Command>;
    /** The step after which the lakehouse tables (and so the Vector Search source table) exist. */
    readonly lastStep: local.Command;

    constructor(name: string, args: BootstrapChainArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:data:BootstrapChain", name, {}, opts);
        const { jobs, pipelines, assets, connection } = args;
        const profile = connection.profile;

        const simulator = jobs.job("transaction_simulator");
        const simulatorParams = { events_per_second: String(args.simulator.eventsPerSecond), duration_minutes: String(args.simulator.durationMinutes) };
        const simulate = runStep(
            `${name}-simulate`,
            {
                command: simulator.id.apply((id) => jobRunCommand(id, simulatorParams, runnerTimeoutMinutes(simulator.definition), profile)),
                inputsHash: hashOfInputs({ notebook: assets.notebook("transaction_simulator").contentHash, spec: simulator.runSpecHash, parameters: simulatorParams }),
                connection,
            },
            { parent: this },
        );

        const etl = pipelines.pipeline("etl");
        const etlUpdate = runStep(
            `${name}-etl-update`,
            {
                command: etl.id.apply((id) => pipelineUpdateCommand(id, PIPELINE_UPDATE_TIMEOUT_MINUTES, profile)),
                inputsHash: etl.updateInputsHash,
                connection,
            },
            { parent: this, dependsOn: [simulate] },
        );

        const sqlJobStep = (step: BootstrapStep, jobKey: string, after: pulumi.Resource[]) =>
            sqlFilesJobStep(`${name}-${step}`, jobs.job(jobKey), assets, connection, { parent: this, dependsOn: after });
        const goldViews = sqlJobStep("gold-views", "gold_views", [etlUpdate]);
        const lakehouse = sqlJobStep("lakehouse", "lakehouse_bootstrap", [goldViews, args.tablesReady]);

        this.steps = { simulate, "etl-update": etlUpdate, "gold-views": goldViews, lakehouse };
        this.lastStep = lakehouse;
        this.registerOutputs({ lastStepStdout: lakehouse.stdout });
    }
}
