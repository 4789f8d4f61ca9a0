import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { StackConfig } from "../config";
import type { StackNames } from "../naming";
import type { Warehouse } from "../platform/warehouse";
import type { Catalog } from "../platform/catalog";
import { hashOfInputs } from "./input-hash";
import { JOB_DEFINITIONS, JobDefinition } from "./job-catalog";
import { AssetPaths, jobSpec, JobSpecContext, runRelevantSpec } from "./job-spec";

export interface JobsArgs {
    readonly config: StackConfig;
    readonly names: StackNames;
    readonly warehouse: Warehouse;
    readonly catalog: Catalog;
    readonly assets: AssetPaths;
    readonly notebookRequirements: JobSpecContext["notebookRequirements"];
    /** Three-part name of the approval rules table in the Lakebase catalog, which the agents read. */
    readonly approvalRulesTable: pulumi.Input<string>;
    /** The stack's budget policy, when spend is attributed per stack. */
    readonly budgetPolicyId?: pulumi.Input<string>;
    /** Defaults to every job of the catalogue. */
    readonly definitions?: readonly JobDefinition[];
}

export interface DeployedJob {
    readonly definition: JobDefinition;
    readonly id: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    /** Hash of what a run executes (tasks, clusters, parameters, identity); part of run triggers. */
    readonly runSpecHash: pulumi.Output<string>;
}

/** Every job of the solution, one `databricks.Job` each, named and tagged for the stack. */
export class Jobs extends pulumi.ComponentResource {
    private readonly byKey = new Map<string, DeployedJob>();

    constructor(name: string, args: JobsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:data:Jobs", name, {}, opts);
        const { config } = args;
        const ctx: JobSpecContext = {
            displayName: (title) => args.names.display(title),
            catalog: args.catalog.catalogName,
            schema: args.catalog.schemaName,
            warehouseId: args.warehouse.id,
            checkpointsPath: args.catalog.volumes.checkpoints.path,
            sources: {
                warehouseId: args.warehouse.id,
                llmEndpoint: config.llmEndpoint,
                approvalRulesTable: args.approvalRulesTable,
                genieSpaceTitle: args.names.display("Payment Analytics"),
                simulatorEventsPerSecond: config.dataBootstrap.eventsPerSecond,
                simulatorDurationMinutes: config.dataBootstrap.durationMinutes,
            },
            assets: args.assets,
            compute: config.jobCompute,
            schedulesPaused: config.schedulesPaused,
            runAsServicePrincipal: config.isProd ? config.access.runAsServicePrincipal : undefined,
            tags: config.tags,
            notebookRequirements: args.notebookRequirements,
            budgetPolicyId: args.budgetPolicyId,
        };
        // Build every spec before registering any job, so a bad definition fails with nothing half-made.
        const specs = (args.definitions ?? JOB_DEFINITIONS).map((definition) => ({ definition, spec: jobSpec(definition, ctx) }));
        for (const { definition, spec } of specs) {
            const job = new databricks.Job(`${name}-${definition.key.replace(/_/g, "-")}`, spec, { parent: this });
            this.byKey.set(definition.key, { definition, id: job.id, url: job.url, runSpecHash: hashOfInputs(runRelevantSpec(spec)) });
        }
        this.registerOutputs({ jobs: this.outputs() });
    }

    /** The job with that key; throws listing the keys that exist. */
    job(key: string): DeployedJob {
        const found = this.byKey.get(key);
        if (!found) throw new Error(`Jobs: no job "${key}"; jobs are ${[...this.byKey.keys()].join(", ")}`);
        return found;
    }

    /** Stack output shape: key -> { id, url }. */
    outputs(): Record<string, { id: pulumi.Output<string>; url: pulumi.Output<string> }> {
        return Object.fromEntries([...this.byKey].map(([key, job]) => [key, { id: job.id, url: job.url }]));
    }
}
