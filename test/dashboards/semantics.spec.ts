/**
 * Regression tests for the original dashboards' broken semantics (inventory 7.3, item 30).
 */
import { strict as assert } from "assert";
import type { LakeviewDashboard, LakeviewWidget } from "../../checks/lakeview-schema";
import { templates } from "./templates";

function dashboard(key: string): LakeviewDashboard {
    return JSON.parse(templates.find((t) => t.entry.key === key)!.text) as LakeviewDashboard;
}

function widgetsOf(d: LakeviewDashboard): LakeviewWidget[] {
    return d.pages.flatMap((p) => (p.layout ?? []).map((item) => item.widget));
}

function encodedFieldNames(widget: LakeviewWidget): string[] {
    return JSON.stringify(widget.spec?.encodings ?? {}).match(/"fieldName":"[^"]+"/g)?.map((m) => m.slice(13, -1)) ?? [];
}

describe("dashboard semantics carried over with the original's defects fixed", () => {
    it("latency buckets sort in latency order, and the chart keeps that natural order", () => {
        const d = dashboard("performance_latency");
        const chart = widgetsOf(d).find((w) => w.name === "latency_distribution")!;
        const sql = d.datasets.find((ds) => ds.name === chart.queries![0].query.datasetName)!.queryLines!.join("");
        const buckets = /CASE\s+(WHEN processing_time_ms < [\s\S]*?)END AS latency_bucket/.exec(sql);
        assert.ok(buckets, "the chart's dataset derives latency_bucket with one CASE");
        const labels = [...buckets[1].matchAll(/THEN '([^']+)'|ELSE '([^']+)'/g)].map((m) => m[1] ?? m[2]);
        const bounds = [...buckets[1].matchAll(/processing_time_ms < (\d+)/g)].map((m) => Number(m[1]));
        assert.equal(labels.length, bounds.length + 1, "one label per bound plus the open-ended bucket");
        assert.deepEqual(bounds, [...bounds].sort((a, b) => a - b), "CASE branches go from low to high latency");
        assert.deepEqual([...labels].sort(), labels, `labels must sort as text in latency order: ${labels.join(" | ")}`);
        assert.deepEqual((chart.spec!.encodings as { x: { scale: { sort?: { by: string } } } }).x.scale.sort, { by: "natural-order" });
    });

    it("shows the approval rate without 3DS next to the rate with 3DS", () => {
        const shown = widgetsOf(dashboard("authentication_security")).flatMap(encodedFieldNames);
        assert.ok(shown.includes("avg(approval_rate_with_3ds_pct)"), shown.join(", "));
        assert.ok(shown.includes("avg(approval_rate_without_3ds_pct)"), shown.join(", "));
    });

    it("charts declines from counted declines, not from rounded approval percentages", () => {
        const d = dashboard("decline_analysis");
        const trend = widgetsOf(d).find((w) => w.name === "decline_trend")!;
        assert.ok(encodedFieldNames(trend).includes("count(*)"), encodedFieldNames(trend).join(", "));
        const sql = d.datasets.find((ds) => ds.name === trend.queries![0].query.datasetName)!.queryLines!.join("");
        assert.match(sql, /WHERE NOT is_approved\b/, "the trend counts rows of declined attempts");
        for (const ds of d.datasets) assert.doesNotMatch(ds.queryLines!.join(""), /100\s*-\s*approval_rate_pct/, ds.name);
    });

    it("no template names a catalog or schema literally", () => {
        for (const { entry, text } of templates) {
            assert.doesNotMatch(text, /ahs_demos_catalog|ahs_demo_payment_analysis|prod_catalog/, entry.file);
            for (const ds of (JSON.parse(text) as LakeviewDashboard).datasets) {
                assert.match(ds.queryLines!.join(""), /\{\{catalog\}\}\.\{\{schema\}\}\./, `${entry.file} dataset ${ds.name}`);
            }
        }
    });
});
