import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { columnNames } from "../../contract";

/**
 * Delta tables the app reads from Postgres, with their primary keys. Each is a synced table: Lakebase
 * follows the Delta table's change data feed, so what jobs and the app merge into Delta reaches Postgres
 * without a copy step.
 */
export interface SyncedTableSpec {
    readonly table: string;
    readonly primaryKey: readonly string[];
}

export const SYNCED_TABLES: readonly SyncedTableSpec[] = [{ table: "online_features", primaryKey: ["id"] }];

/** Postgres schema of the synced tables, apart from the tables the app creates itself (schema `payment_analysis`, app/server/rules/store.ts). */
export const LAKEBASE_SYNCED_SCHEMA = "lakehouse";

/**
 * CONTINUOUS: the sync follows every commit to the source. A TRIGGERED or SNAPSHOT table would need a step
 * after every merge, and merges happen on the jobs' schedules, not only during `up`.
 */
export const SYNC_SCHEDULING_POLICY = "CONTINUOUS";

/** Fails when the data contract no longer has a synced table's primary key columns. */
export function checkSyncedTableKeys(columnsOf: (table: string) => readonly string[] = columnNames, tables: readonly SyncedTableSpec[] = SYNCED_TABLES): void {
    for (const { table, primaryKey } of tables) {
        const columns = columnsOf(table);
        const missing = primaryKey.filter((column) => !columns.includes(column));
        if (missing.length > 0) {
            throw new Error(`LakebaseSyncedTables: ${table} in the data contract has no column ${missing.join(", ")}; it has ${columns.join(", ")}`);
        }
    }
}

export interface LakebaseSyncedTablesArgs {
    /** The Lakebase catalog (the synced tables are registered in it) and the branch and database behind it. */
    readonly lakebaseCatalog: pulumi.Input<string>;
    readonly branchName: pulumi.Input<string>;
    readonly databaseName: pulumi.Input<string>;
    /** The stack's catalog and schema: the Delta sources, and where the sync pipeline keeps its state. */
    readonly catalog: pulumi.Input<string>;
    readonly schema: pulumi.Input<string>;
    readonly budgetPolicyId?: pulumi.Input<string>;
    /** What creates the source tables (the lakehouse tables step). */
    readonly sourcesReady: pulumi.Resource;
    /** Defaults to SYNCED_TABLES. */
    readonly tables?: readonly SyncedTableSpec[];
}

/**
 * The synced tables. The first creates the sync pipeline; the others join it (`existingPipelineId`), so a
 * stack runs one continuous pipeline, not one per table.
 */
export class LakebaseSyncedTables extends pulumi.ComponentResource {
    /** Destination full names (`<lakebase catalog>.lakehouse.<table>`), by source table. */
    readonly tables: Record<string, pulumi.Output<string>> = {};
    readonly pipelineId: pulumi.Output<string>;

    constructor(name: string, args: LakebaseSyncedTablesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:LakebaseSyncedTables", name, {}, opts);
        const tables = args.tables ?? SYNCED_TABLES;
        checkSyncedTableKeys(columnNames, tables);
        let pipelineId: pulumi.Output<string> | undefined;
        for (const { table, primaryKey } of tables) {
            const common = {
                sourceTableFullName: pulumi.interpolate`${args.catalog}.${args.schema}.${table}`,
                primaryKeyColumns: [...primaryKey],
                schedulingPolicy: SYNC_SCHEDULING_POLICY,
                branch: args.branchName,
                postgresDatabase: args.databaseName,
                createDatabaseObjectsIfMissing: true,
            };
            const synced = new databricks.PostgresSyncedTable(
                `${name}-${table.replace(/_/g, "-")}`,
                {
                    syncedTableId: pulumi.interpolate`${args.lakebaseCatalog}.${LAKEBASE_SYNCED_SCHEMA}.${table}`,
                    spec:
                        pipelineId === undefined
                            ? {
                                  ...common,
                                  newPipelineSpec: {
                                      storageCatalog: args.catalog,
                                      storageSchema: args.schema,
                                      ...(args.budgetPolicyId !== undefined ? { budgetPolicyId: args.budgetPolicyId } : {}),
                                  },
                              }
                            : { ...common, existingPipelineId: pipelineId },
                },
                { parent: this, dependsOn: [args.sourcesReady] },
            );
            pipelineId ??= synced.status.apply((status) => status.pipelineId);
            this.tables[table] = synced.syncedTableId;
        }
        this.pipelineId = pipelineId as pulumi.Output<string>;
        this.registerOutputs({ tables: this.tables, pipelineId: this.pipelineId });
    }
}
