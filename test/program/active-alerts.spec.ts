import * as assert from "assert";
import { evaluateProgram, findResource } from "../support/program";

const WORKSPACE_FILE = "databricks:index/workspaceFile:WorkspaceFile";

/** The v_active_alerts statement of the gold views file the stack uploads. */
async function activeAlertsView(configOverrides: Record<string, string> = {}): Promise<string> {
    const e = await evaluateProgram({ stack: "dev", configOverrides });
    const file = findResource(e.resources, WORKSPACE_FILE, "assets-sql-gold_views");
    const sql = Buffer.from(String(file.inputs["contentBase64"]), "base64").toString("utf8");
    const start = sql.indexOf("CREATE OR REPLACE VIEW v_active_alerts");
    assert.ok(start >= 0, "the gold views file has no v_active_alerts");
    return sql.slice(start, sql.indexOf(";", start));
}

describe("the dashboards' active alerts and the SQL alerts share the approval-rate threshold", function () {
    this.timeout(120_000);

    it("renders the stack's alertApprovalRateMinPercent into v_active_alerts, critical 10 points below it", async () => {
        const view = await activeAlertsView({ "payment-analysis:alertApprovalRateMinPercent": "72" });
        assert.match(view, /AND approval_rate_pct < 72\b/);
        assert.match(view, /approval_rate_pct < 72 - 10 THEN 'CRITICAL'/);
        assert.match(view, /CAST\(72 AS DOUBLE\) AS threshold_value/);
        assert.doesNotMatch(view, /\{\{|\b85\b/, "no placeholder or old fixed threshold is left");
    });

    it("uses the default threshold of the config when the stack sets none", async () => {
        assert.match(await activeAlertsView(), /AND approval_rate_pct < 80\b/);
    });
});
