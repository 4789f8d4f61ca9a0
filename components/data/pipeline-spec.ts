/**
 * Pure builders for the two Lakeflow declarative pipelines. Mode, target and configuration are decided
 * here from plain values, so the rules (no development mode in prod, only keys the notebooks read) are
 * tested without mocks.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as databricks from "@pulumi/databricks";
import { PIPELINE_MODES } from "../config";
import { sortedTags, Tags } from "../tags";
import { datasetByName } from "../../contract";

export type PipelineMode = (typeof PIPELINE_MODES)[number];

export interface PipelineDefinition {
    readonly key: string;
    readonly title: string;
    /** Notebook names (notebooks/<name>.py), in library order. */
    readonly notebooks: readonly string[];
    readonly component: string;
}

/** The landing table the simulator writes and both pipelines read; named by the data contract. */
const LANDING_TABLE = datasetByName("payments_stream_input").name;

export const PIPELINE_DEFINITIONS: readonly PipelineDefinition[] = [
    { key: "etl", title: "Payment Analysis ETL", notebooks: ["bronze_ingest", "silver_transform"], component: "etl" },
    { key: "realtime", title: "Payment Real-Time Stream", notebooks: ["realtime_pipeline"], component: "realtime" },
];

/**
 * development: development mode (no retries, cluster reuse), triggered. triggered: production mode,
 * updates only when started. continuous: production mode, always running.
 */
export function pipelineModeSettings(mode: PipelineMode): { development: boolean; continuous: boolean } {
    switch (mode) {
        case "development":
            return { development: true, continuous: false };
        case "triggered":
            return { development: false, continuous: false };
        case "continuous":
            return { development: false, continuous: true };
    }
}

/**
 * `spark.conf` keys the notebooks read (`payment_analysis.*`). The original's Spark settings are left
 * out: serverless pipelines manage them, and one (async checkpointing) broke serverless updates.
 */
export function pipelineConfiguration(): Record<string, string> {
    return { "payment_analysis.landing_table": LANDING_TABLE };
}

export interface PipelineSpecContext {
    readonly displayName: (title: string) => string;
    readonly catalog: pulumi.Input<string>;
    readonly schema: pulumi.Input<string>;
    readonly notebookPath: (name: string) => pulumi.Input<string>;
    /** The notebooks' workspace folder: on `sys.path` during updates, so notebooks import the modules uploaded beside them. */
    readonly rootPath: pulumi.Input<string>;
    readonly mode: PipelineMode;
    readonly tags: Tags;
    readonly runAsServicePrincipal?: string;
    readonly budgetPolicyId?: pulumi.Input<string>;
}

export function pipelineSpec(pipeline: PipelineDefinition, ctx: PipelineSpecContext): databricks.PipelineArgs {
    return {
        name: ctx.displayName(pipeline.title),
        catalog: ctx.catalog,
        schema: ctx.schema,
        serverless: true,
        photon: true,
        channel: "CURRENT",
        ...pipelineModeSettings(ctx.mode),
        rootPath: ctx.rootPath,
        libraries: pipeline.notebooks.map((name) => ({ notebook: { path: ctx.notebookPath(name) } })),
        configuration: pipelineConfiguration(),
        tags: sortedTags({ ...ctx.tags, component: pipeline.component }),
        ...(ctx.runAsServicePrincipal ? { runAs: { servicePrincipalName: ctx.runAsServicePrincipal } } : {}),
        ...(ctx.budgetPolicyId !== undefined ? { budgetPolicyId: ctx.budgetPolicyId } : {}),
    };
}
