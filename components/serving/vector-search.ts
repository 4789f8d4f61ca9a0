import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { StackNames } from "../naming";
import { columnNames } from "../../contract";

export const SEARCH_SOURCE_TABLE = "transaction_summaries_for_search";
export const SEARCH_PRIMARY_KEY = "transaction_id";
export const SEARCH_TEXT_COLUMN = "summary_text";
export const SEARCH_INDEX = "similar_transactions_index";

/** Fails when the data contract no longer has the columns the index is built on. */
export function checkSearchSourceColumns(columns: readonly string[]): void {
    const missing = [SEARCH_PRIMARY_KEY, SEARCH_TEXT_COLUMN].filter((column) => !columns.includes(column));
    if (missing.length > 0) {
        throw new Error(`VectorSearch: ${SEARCH_SOURCE_TABLE} in the data contract has no column ${missing.join(", ")}; it has ${columns.join(", ")}`);
    }
}

export function vectorIndexSpec(
    catalog: pulumi.Input<string>,
    schema: pulumi.Input<string>,
    embeddingEndpoint: string,
    endpointName: pulumi.Input<string>,
): databricks.VectorSearchIndexArgs {
    return {
        name: pulumi.interpolate`${catalog}.${schema}.${SEARCH_INDEX}`,
        endpointName,
        primaryKey: SEARCH_PRIMARY_KEY,
        indexType: "DELTA_SYNC",
        deltaSyncIndexSpec: {
            sourceTable: pulumi.interpolate`${catalog}.${schema}.${SEARCH_SOURCE_TABLE}`,
            // The lakehouse job merges into the source table on its own schedule, not only during `up`; a
            // TRIGGERED index would never see those merges unless something synced it. CONTINUOUS follows the
            // table's change data feed (enabled by sql/vector_search_and_recommendations.sql).
            pipelineType: "CONTINUOUS",
            embeddingSourceColumns: [{ name: SEARCH_TEXT_COLUMN, embeddingModelEndpointName: embeddingEndpoint }],
        },
    };
}

export interface VectorSearchArgs {
    readonly names: StackNames;
    readonly catalog: pulumi.Input<string>;
    readonly schema: pulumi.Input<string>;
    readonly embeddingEndpoint: string;
    /** What creates the source table (the lakehouse bootstrap step); absent when the stack does not bootstrap. */
    readonly sourceTableReady?: pulumi.Resource;
    /** The stack's budget policy, when spend is attributed per stack. */
    readonly budgetPolicyId?: pulumi.Input<string>;
}

/**
 * The similar-transactions index. The endpoint has no inputs from the data, so it starts at t=0 (it can
 * take up to 30 minutes); the index waits for its source table. Both waits can exceed the provider's
 * defaults on a busy workspace (docs/deploy-flow.md, sources 17-18), hence 75 minutes.
 */
export class VectorSearch extends pulumi.ComponentResource {
    readonly endpointName: pulumi.Output<string>;
    readonly indexName: pulumi.Output<string>;

    constructor(name: string, args: VectorSearchArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:serving:VectorSearch", name, {}, opts);
        checkSearchSourceColumns(columnNames(SEARCH_SOURCE_TABLE));
        const endpoint = new databricks.VectorSearchEndpoint(
            `${name}-endpoint`,
            {
                name: args.names.vectorSearchEndpoint("payment-similar-transactions"),
                endpointType: "STANDARD",
                ...(args.budgetPolicyId !== undefined ? { budgetPolicyId: args.budgetPolicyId } : {}),
            },
            { parent: this, customTimeouts: { create: "75m" } },
        );
        const index = new databricks.VectorSearchIndex(
            `${name}-index`,
            vectorIndexSpec(args.catalog, args.schema, args.embeddingEndpoint, endpoint.name),
            { parent: this, dependsOn: args.sourceTableReady ? [args.sourceTableReady] : [], customTimeouts: { create: "75m" } },
        );
        this.endpointName = endpoint.name;
        this.indexName = index.name;
        this.registerOutputs({ endpointName: this.endpointName, indexName: this.indexName });
    }
}
