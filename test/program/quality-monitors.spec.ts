/**
 * Issue 13 item 4: a data-quality monitor on every silver table, writing its metric tables to the stack's
 * schema, created only after the pipeline update that creates the tables. Observed on the registered
 * DataQualityMonitor resources of the real program under mocks.
 */
import * as assert from "assert";
import { datasetsInLayer, MONITORED_TABLES } from "../../contract";
import { profilingConfig } from "../../components/analytics/quality-monitors";
import { Evaluation, evaluateProgram, ofType, readStackConfig } from "../support/program";

const MONITOR = "databricks:index/dataQualityMonitor:DataQualityMonitor";
const COMMAND = "command:local:Command";

interface MonitorInputs {
    objectType: string;
    objectId: string;
    dataProfilingConfig: {
        outputSchemaId: string;
        timeSeries?: { timestampColumn: string; granularities: string[] };
        snapshot?: Record<string, never>;
        schedule: { pauseStatus: string };
        skipBuiltinDashboard: boolean;
    };
}

describe("data-quality monitors on the silver tables", function () {
    this.timeout(240_000);
    let dev: Evaluation;
    let prod: Evaluation;
    let prodEmpty: Evaluation;
    let devPreview: Evaluation;

    before(async () => {
        dev = await evaluateProgram({ stack: "dev" });
        prod = await evaluateProgram({ stack: "prod" });
        prodEmpty = await evaluateProgram({ stack: "prod", dataReadiness: { ready: false, reason: "payments_enriched_silver does not exist yet" } });
        devPreview = await evaluateProgram({ stack: "dev", preview: true });
    });

    it("the contract monitors every silver table, each time series on an event-time column it has", () => {
        const silver = datasetsInLayer("silver").map((d) => d.name).sort();
        assert.deepStrictEqual(MONITORED_TABLES.map((t) => t.table).sort(), silver);
        for (const { table, timestampColumn } of MONITORED_TABLES) {
            if (timestampColumn === undefined) continue;
            const column = datasetsInLayer("silver").find((d) => d.name === table)!.columns.find((c) => c.name === timestampColumn);
            assert.strictEqual(column?.type, "timestamp", `${table}.${timestampColumn}`);
        }
    });

    it("in dev, one monitor per silver table, on that table, writing to the stack's schema", () => {
        const schema = readStackConfig("dev")["payment-analysis:schema"];
        const catalog = readStackConfig("dev")["payment-analysis:catalog"];
        const monitors = ofType(dev.resources, MONITOR);
        assert.strictEqual(monitors.length, MONITORED_TABLES.length);
        for (const { table, timestampColumn } of MONITORED_TABLES) {
            const monitor = monitors.find((m) => m.name === `quality-monitors-${table.replace(/_/g, "-")}`);
            assert.ok(monitor, `no monitor for ${table}: ${monitors.map((m) => m.name).join(", ")}`);
            const inputs = monitor.inputs as unknown as MonitorInputs;
            assert.strictEqual(inputs.objectType, "table");
            // The mocked lookups derive ids from full names, so these say which objects the ids came from.
            assert.strictEqual(inputs.objectId, `table-id:${catalog}.${schema}.${table}`);
            assert.strictEqual(inputs.dataProfilingConfig.outputSchemaId, `schema-id:${catalog}.${schema}`);
            assert.deepStrictEqual(inputs.dataProfilingConfig.timeSeries?.timestampColumn, timestampColumn);
            assert.strictEqual(inputs.dataProfilingConfig.snapshot !== undefined, timestampColumn === undefined, table);
        }
    });

    it("in dev, every monitor waits for the ETL pipeline update that creates the silver tables", () => {
        const etlUpdate = ofType(dev.resources, COMMAND).find((c) => c.name === "bootstrap-etl-update");
        assert.ok(etlUpdate);
        for (const monitor of ofType(dev.resources, MONITOR)) {
            assert.ok(monitor.dependencies.includes(etlUpdate.urn), `${monitor.name} does not wait for ${etlUpdate.name}: ${monitor.dependencies.join(", ")}`);
        }
    });

    it("follows the stack's schedule pause (dev pauses schedules)", () => {
        const paused = readStackConfig("dev")["payment-analysis:schedulesPaused"] !== "false";
        for (const monitor of ofType(dev.resources, MONITOR)) {
            assert.strictEqual((monitor.inputs as unknown as MonitorInputs).dataProfilingConfig.schedule.pauseStatus, paused ? "PAUSED" : "UNPAUSED");
        }
    });

    it("in preview, the monitors are registered although the tables' ids are not known yet", () => {
        assert.strictEqual(ofType(devPreview.resources, MONITOR).length, MONITORED_TABLES.length);
    });

    it("prod monitors its silver tables once the readiness check found them, and registers none on an empty schema", () => {
        assert.strictEqual(ofType(prod.resources, MONITOR).length, MONITORED_TABLES.length);
        assert.deepStrictEqual(ofType(prodEmpty.resources, MONITOR).map((m) => m.name), []);
        assert.ok((prodEmpty.outputs["pendingWork"] as string[]).some((line) => line.startsWith("data-quality monitors:")));
    });

    it("profiles by day on the event time, or as a snapshot, and skips the monitor's own dashboard", () => {
        const settings = { outputSchemaId: "s", warehouseId: "w", assetsDir: "/a", paused: false };
        const series = profilingConfig({ table: "t", timestampColumn: "ts" }, settings);
        assert.deepStrictEqual(series.timeSeries, { timestampColumn: "ts", granularities: ["1 day"] });
        assert.strictEqual(series.snapshot, undefined);
        const snapshot = profilingConfig({ table: "t" }, settings);
        assert.deepStrictEqual([snapshot.snapshot, snapshot.timeSeries], [{}, undefined]);
        assert.strictEqual(snapshot.skipBuiltinDashboard, true);
    });
});
