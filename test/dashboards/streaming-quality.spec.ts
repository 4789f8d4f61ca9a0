/**
 * Issue 13 item 4: the streaming-and-quality dashboard reads what the project's data-quality monitors
 * write, not the admin-only system table; the metric-table names come from contract/monitors.ts.
 */
import { strict as assert } from "assert";
import { analyzeQuery } from "../../checks/sql";
import type { LakeviewDashboard } from "../../checks/lakeview-schema";
import { driftMetricsTable, MONITORED_TABLES, profileMetricsTable } from "../../contract";
import { templates } from "./templates";

const FILE = "dashboards/streaming_data_quality.lvdash.json";

function dashboard(): LakeviewDashboard {
    return JSON.parse(templates.find((t) => t.entry.file === FILE)!.text) as LakeviewDashboard;
}

/** Unqualified names of the objects each dataset reads, as the SQL checker resolves them. */
function tablesRead(d: LakeviewDashboard): Map<string, string[]> {
    return new Map(d.datasets.map((ds) => [ds.name, analyzeQuery(ds.queryLines!.join(""), `${FILE} dataset ${ds.name}`).tables.map((t) => t.split(".").pop()!)]));
}

describe("streaming and data quality dashboard on the monitors' metric tables", () => {
    it("reads the profile and drift metric tables of every monitored table, and nothing admin-only", () => {
        const read = [...tablesRead(dashboard()).values()].flat();
        for (const { table } of MONITORED_TABLES) {
            assert.ok(read.includes(profileMetricsTable(table)), `no dataset reads ${profileMetricsTable(table)}`);
            assert.ok(read.includes(driftMetricsTable(table)), `no dataset reads ${driftMetricsTable(table)}`);
        }
        const text = templates.find((t) => t.entry.file === FILE)!.text;
        assert.doesNotMatch(text, /system\.data_quality_monitoring|v_uc_data_quality_metrics/);
    });

    it("keeps profile and drift rows apart: each metrics dataset reads one kind of metric table", () => {
        for (const [name, tables] of tablesRead(dashboard())) {
            const kinds = new Set(tables.filter((t) => /_(profile|drift)_metrics$/.test(t)).map((t) => (t.endsWith("_profile_metrics") ? "profile" : "drift")));
            assert.ok(kinds.size <= 1, `${name} mixes ${[...kinds].join(" and ")} metric tables`);
        }
    });
});
