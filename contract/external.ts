import { columnsFromDdl } from "./ddl";
import type { DatasetContract } from "./types";

/**
 * Objects the solution reads but does not own. They are not part of `datasets` (nothing here deploys them),
 * but the SQL checker needs their columns to check the views that read them. Fully qualified names.
 * Columns are the subset we read, after the Databricks "data quality monitoring results" system table reference
 * (Public Preview; the table is absent in workspaces without the feature).
 */
export const externalDatasets: readonly DatasetContract[] = [
    {
        name: "system.data_quality_monitoring.table_results",
        layer: "gold",
        kind: "table",
        producer: { kind: "sql", path: "<databricks system table>" },
        columns: columnsFromDdl(
            `event_time timestamp, catalog_name string, schema_name string, table_name string, catalog_id string,
             schema_id string, table_id string, status string, freshness struct<status:string>,
             completeness struct<status:string>,
             downstream_impact struct<impact_level:int,num_downstream_tables:int,num_queries_on_affected_tables:int>`,
            "system.data_quality_monitoring.table_results",
        ),
    },
];
