import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type * as inputs from "@pulumi/databricks/types/input";
import { MONITOR_GRANULARITY, type MonitoredTable } from "../../contract/monitors";
import { pauseStatus } from "../data/job-spec";

/** Profiles refresh once a day, after the night's data has landed (UTC, like the jobs' schedules). */
export const MONITOR_REFRESH_QUARTZ = "0 0 5 * * ?";

export interface ProfilingSettings {
    readonly outputSchemaId: pulumi.Input<string>;
    readonly warehouseId: pulumi.Input<string>;
    readonly assetsDir: pulumi.Input<string>;
    readonly paused: boolean;
}

/**
 * The data-profiling configuration of one monitored table: a time-series profile by day when the table has
 * an event time, a snapshot otherwise; metric tables in `outputSchemaId`. The monitors' own dashboards are
 * skipped: the streaming-and-quality dashboard reads the metric tables.
 */
export function profilingConfig(table: MonitoredTable, settings: ProfilingSettings): inputs.DataQualityMonitorDataProfilingConfig {
    const analysis =
        table.timestampColumn !== undefined
            ? { timeSeries: { timestampColumn: table.timestampColumn, granularities: [MONITOR_GRANULARITY] } }
            : { snapshot: {} };
    return {
        ...analysis,
        outputSchemaId: settings.outputSchemaId,
        warehouseId: settings.warehouseId,
        assetsDir: settings.assetsDir,
        skipBuiltinDashboard: true,
        schedule: { quartzCronExpression: MONITOR_REFRESH_QUARTZ, timezoneId: "UTC", pauseStatus: pauseStatus(settings.paused) },
    };
}

export interface QualityMonitorsArgs {
    readonly tables: readonly MonitoredTable[];
    /** `<catalog>.<schema>` of the monitored tables; the metric tables are written to the same schema. */
    readonly schemaFullName: pulumi.Input<string>;
    readonly warehouseId: pulumi.Input<string>;
    /** Workspace folder for the monitors' assets. */
    readonly assetsDir: pulumi.Input<string>;
    readonly paused: boolean;
    /**
     * The step after which the monitored tables exist. The silver tables are materialized views that a
     * pipeline creates on its first update: neither the table's id nor a monitor exists before that.
     * Absent when they existed before this deployment started (the data-readiness check found them).
     */
    readonly tablesReady?: pulumi.Resource;
}

/** One data-quality monitor (data profiling) per silver table. */
export class QualityMonitors extends pulumi.ComponentResource {
    /** Monitor resource ids by monitored table. */
    readonly ids: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: QualityMonitorsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:analytics:QualityMonitors", name, {}, opts);
        const duplicates = args.tables.map((t) => t.table).filter((table, i, all) => all.indexOf(table) !== i);
        if (duplicates.length > 0) throw new Error(`QualityMonitors: table(s) ${[...new Set(duplicates)].join(", ")} listed twice; a table has one monitor`);
        const afterTables = { parent: this, dependsOn: args.tablesReady ? [args.tablesReady] : [] };
        // Looked up, not declared: Unity Catalog assigns the ids, and only once the pipeline made the objects.
        const schema = databricks.getSchemaOutput({ name: pulumi.output(args.schemaFullName) }, afterTables);
        const outputSchemaId = schema.schemaInfo.apply((info) => required(info?.schemaId, `schema ${info?.fullName ?? "?"}`));
        for (const table of args.tables) {
            const fullName = pulumi.interpolate`${args.schemaFullName}.${table.table}`;
            const found = databricks.getTableOutput({ name: fullName }, afterTables);
            const monitor = new databricks.DataQualityMonitor(
                `${name}-${table.table.replace(/_/g, "-")}`,
                {
                    objectType: "table",
                    objectId: found.tableInfo.apply((info) => required(info?.tableId, `table ${info?.fullName ?? table.table}`)),
                    dataProfilingConfig: profilingConfig(table, { outputSchemaId, warehouseId: args.warehouseId, assetsDir: args.assetsDir, paused: args.paused }),
                },
                afterTables,
            );
            this.ids[table.table] = monitor.id;
        }
        this.registerOutputs({ ids: this.ids });
    }
}

function required(value: string | undefined, what: string): string {
    if (value === undefined || value === "") throw new Error(`QualityMonitors: Unity Catalog returned no id for ${what}; it must exist before its monitor`);
    return value;
}
