import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALL_SQL_FILES } from "../../contract/sql-files";
import { buildSparkManifest } from "../../scripts/lib/spark-local";
import { TRAINING_MIN_ROWS, TRAINING_MIN_ROWS_WIDGET } from "../../components/data/training-threshold";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const THRESHOLDS = { approvalRateMinPercent: 80, declineSpikePercent: 200, latencyP95MaxMs: 2000, subscribers: [] };

describe("local Spark run manifest (scripts/lib/spark-local.ts)", () => {
    const manifest = buildSparkManifest(REPO_ROOT, "spark_catalog", "some_schema", THRESHOLDS);

    it("lists every SQL file in the jobs' order, rendered for the stack, split into statements", () => {
        assert.deepEqual(manifest.sqlFiles.map((file) => file.file), ALL_SQL_FILES.map((name) => `sql/${name}`));
        for (const file of manifest.sqlFiles) {
            assert.ok(file.statements.length > 0, file.file);
            for (const statement of file.statements) {
                assert.ok(!statement.text.includes("{{"), `${file.file}:${statement.line} still has a placeholder`);
                assert.ok(!/;\s*$/.test(statement.text), `${file.file}:${statement.line} keeps its semicolon`);
            }
        }
        const gold = manifest.sqlFiles.find((file) => file.file === "sql/gold_views.sql");
        assert.ok(gold?.statements.some((statement) => statement.text.includes("some_schema")));
    });

    it("maps each dashboard dataset to the widget types that draw it", () => {
        const executive = manifest.dashboards.find((dashboard) => dashboard.file === "dashboards/executive_overview.lvdash.json");
        const attempts = executive?.datasets.find((dataset) => dataset.name === "attempts");
        assert.ok(attempts?.widgetTypes.includes("counter"), JSON.stringify(attempts?.widgetTypes));
        assert.match(attempts?.query ?? "", /FROM spark_catalog\.some_schema\.payments_enriched_silver/);
        assert.equal(manifest.models.length, 4);
        assert.ok(manifest.models.every((model) => model.startsWith("spark_catalog.some_schema.")));
    });

    it("carries every SQL alert rendered for the stack, with the stack's threshold", () => {
        const approval = manifest.alerts.find((alert) => alert.key === "approval_rate_drop");
        assert.deepEqual(manifest.alerts.map((alert) => alert.key), ["approval_rate_drop", "decline_spike", "latency_p95"]);
        assert.equal(approval?.threshold, 80);
        assert.equal(approval?.operator, "LESS_THAN");
        assert.match(approval?.query ?? "", /FROM spark_catalog\.some_schema\.v_last_hour_performance/);
    });

    it("renders the gold views and the alerts a second time for the alert probe's own schema", () => {
        const probe = manifest.alertProbe;
        assert.equal(probe.schema, "some_schema_alert_probe");
        assert.deepEqual(probe.alerts.map((alert) => [alert.key, alert.threshold]), manifest.alerts.map((alert) => [alert.key, alert.threshold]));
        assert.ok(probe.alerts.every((alert) => alert.query.includes("spark_catalog.some_schema_alert_probe.") && !alert.query.includes("some_schema.")));
        assert.ok(probe.goldViews.some((statement) => /^USE SCHEMA `some_schema_alert_probe`$/.test(statement.text)));
    });

    it("runs the continuous processor with the widget values its job fixes (availableNow)", () => {
        assert.equal(manifest.jobWidgets["continuous_processor"]?.["run_once"], "true");
    });

    it("trains with the widget values the training job passes, the deployment's row threshold among them", () => {
        const widgets = manifest.jobWidgets["train_models"];
        assert.strictEqual(widgets?.[TRAINING_MIN_ROWS_WIDGET], String(TRAINING_MIN_ROWS));
        assert.deepStrictEqual(Object.keys(widgets ?? {}).sort(), ["lookback_days", "max_rows", "min_samples_split", TRAINING_MIN_ROWS_WIDGET, "n_estimators"].sort());
    });

    it("refuses a SQL file that no job runs", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "spark-manifest-"));
        fs.mkdirSync(path.join(root, "sql"));
        for (const name of ALL_SQL_FILES) fs.copyFileSync(path.join(REPO_ROOT, "sql", name), path.join(root, "sql", name));
        fs.writeFileSync(path.join(root, "sql", "forgotten.sql"), "SELECT 1;");
        assert.throws(() => buildSparkManifest(root, "spark_catalog", "s", THRESHOLDS), /SQL files no job runs: sql\/forgotten\.sql/);
    });
});
