/**
 * The data contract instance: every table and view the solution owns. SQL, notebooks, dashboards and tests
 * are checked against this list; nothing else enumerates columns.
 */
import { goldDatasets } from "./gold";
import { lakehouseDatasets } from "./lakehouse";
import { landingDatasets } from "./landing";
import { monitorDatasets } from "./monitors";
import { findDataset, indexDatasets } from "./lookup";
import { pipelineDatasets } from "./pipeline";
import { realtimeDatasets } from "./realtime";
import type { DatasetContract, Layer } from "./types";

export type { Column, DatasetContract, Layer, ObjectKind, Producer } from "./types";
export { externalDatasets } from "./external";
export { closestNames } from "./lookup";
export { driftMetricsTable, MONITOR_GRANULARITY, MONITORED_TABLES, profileMetricsTable, type MonitoredTable } from "./monitors";
export { DECLINE_REASONS, MERCHANT_COUNT, MERCHANT_SEGMENTS, merchantAt, merchants } from "./domains";

export const datasets: readonly DatasetContract[] = [
    ...landingDatasets,
    ...pipelineDatasets,
    ...realtimeDatasets,
    ...goldDatasets,
    ...lakehouseDatasets,
    ...monitorDatasets,
];

// Built at load time so a duplicate name breaks every consumer immediately, not just the one that looks it up.
const byName = indexDatasets(datasets);

/** The dataset called `name` (unqualified); throws naming the unknown name and the closest valid ones. */
export function datasetByName(name: string): DatasetContract {
    return findDataset(byName, name);
}

/** Column names of `name`, in contract order. */
export function columnNames(name: string): string[] {
    return datasetByName(name).columns.map((column) => column.name);
}

export function datasetsInLayer(layer: Layer): DatasetContract[] {
    return datasets.filter((dataset) => dataset.layer === layer);
}

/** Every dataset a given asset (e.g. "sql/gold_views.sql", "notebooks/silver_transform.py") must create. */
export function datasetsProducedBy(path: string): DatasetContract[] {
    return datasets.filter((dataset) => dataset.producer.path === path);
}
