import { columnsFromDdl } from "./ddl";
import type { DatasetContract } from "./types";

/**
 * Data-quality monitors (data profiling) on the silver tables, and the metric tables they write. Databricks
 * names those tables after the monitored table, in the monitor's output schema: `<table>_profile_metrics`
 * and `<table>_drift_metrics` (the "data profiling metric tables" reference). The program, the dashboards
 * and the local Spark run take the names from here.
 */
export interface MonitoredTable {
    readonly table: string;
    /**
     * The event time a time-series profile windows by; undefined for a snapshot profile (a table without
     * events, profiled whole at each refresh).
     */
    readonly timestampColumn?: string;
}

export const MONITORED_TABLES: readonly MonitoredTable[] = [
    { table: "payments_enriched_silver", timestampColumn: "event_time" },
    { table: "merchant_visible_attempts_silver", timestampColumn: "event_time" },
    { table: "decision_log_silver", timestampColumn: "decision_timestamp" },
    { table: "smart_checkout_decisions_silver", timestampColumn: "decision_timestamp" },
    { table: "reason_code_taxonomy_silver" },
];

/** Time-series profiles aggregate per day, the grain the dashboards' date filters work at. */
export const MONITOR_GRANULARITY = "1 day";

export function profileMetricsTable(table: string): string {
    return `${table}_profile_metrics`;
}

export function driftMetricsTable(table: string): string {
    return `${table}_drift_metrics`;
}

const PRODUCER = { kind: "monitor", path: "components/analytics/quality-monitors.ts" } as const;

/**
 * The columns the solution reads, a subset of what a profile writes (the metric tables carry many more
 * statistics). `window` is the profiled period; rows with a NULL slice_key describe the whole table, and
 * the row with column_name ':table' the table itself rather than one column.
 */
const PROFILE_METRICS_DDL = `window struct<start:timestamp,end:timestamp>, granularity string, log_type string,
    slice_key string, slice_value string, column_name string, data_type string, monitor_version bigint,
    count bigint, num_nulls bigint, percent_null double, distinct_count bigint`;

/** drift_type is CONSECUTIVE (this window against the one before) or BASELINE; only the former applies here. */
const DRIFT_METRICS_DDL = `window struct<start:timestamp,end:timestamp>, window_cmp struct<start:timestamp,end:timestamp>,
    granularity string, drift_type string, slice_key string, slice_value string, column_name string,
    data_type string, monitor_version bigint, count_delta double, percent_null_delta double, js_distance double`;

export const monitorDatasets: readonly DatasetContract[] = MONITORED_TABLES.flatMap(({ table }) => [
    {
        name: profileMetricsTable(table),
        layer: "monitoring",
        kind: "table",
        producer: PRODUCER,
        comment: `Profile metrics of ${table}, per window, slice and column; written by its data-quality monitor.`,
        columns: columnsFromDdl(PROFILE_METRICS_DDL, profileMetricsTable(table)),
    },
    {
        name: driftMetricsTable(table),
        layer: "monitoring",
        kind: "table",
        producer: PRODUCER,
        comment: `Drift of ${table}'s profile between consecutive windows; written by its data-quality monitor.`,
        columns: columnsFromDdl(DRIFT_METRICS_DDL, driftMetricsTable(table)),
    },
]);
