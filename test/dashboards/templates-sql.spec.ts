import { strict as assert } from "assert";
import { checkDashboardTemplate } from "../../checks/dashboards-template";
import { canonicalJson } from "../../components/analytics/canonical-json";
import { templates } from "./templates";

const SOURCE = "dashboards/executive_overview.lvdash.json";

/** The executive overview template with one edit, to prove each rule fails on a real template. */
function executiveOverviewWith(edit: (d: { datasets: { name: string; queryLines: string[] }[] }) => void): string {
    const { text } = templates.find((t) => t.entry.key === "executive_overview")!;
    const dashboard = JSON.parse(text) as { datasets: { name: string; queryLines: string[] }[] };
    edit(dashboard);
    return canonicalJson(dashboard);
}

function datasetNamed(d: { datasets: { name: string; queryLines: string[] }[] }, name: string) {
    const found = d.datasets.find((x) => x.name === name);
    if (!found) throw new Error(`no dataset ${name}`);
    return found;
}

/** Replaces `text` in the first line of `dataset` that contains it, so each case is one real edit. */
function replaceInDataset(d: { datasets: { name: string; queryLines: string[] }[] }, dataset: string, text: string, replacement: string): void {
    const lines = datasetNamed(d, dataset).queryLines;
    const index = lines.findIndex((line) => line === text || line.includes(text));
    if (index < 0) throw new Error(`dataset ${dataset} has no line with ${JSON.stringify(text)}`);
    lines[index] = lines[index].replace(text, replacement);
}

describe("dashboard templates against the Spark grammar and the data contract", () => {
    for (const { entry, text } of templates) {
        it(`${entry.file} passes schema and every cross-check`, () => {
            const result = checkDashboardTemplate(text, entry.file);
            assert.deepEqual(result.problems, []);
            assert.ok(result.datasets > 0 && result.widgets > 0);
        });
    }

    it("rejects a page without layoutVersion GRID_V1, which any other Lakeview file may omit", () => {
        const template = executiveOverviewWith((d) => {
            delete (d as unknown as { pages: { layoutVersion?: string }[] }).pages[0].layoutVersion;
        });
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.equal(problems.length, 1, problems.join("\n"));
        assert.match(problems[0], /^dashboards\/executive_overview\.lvdash\.json: page "[^"]+" > layoutVersion: must be "GRID_V1" \(12-column grid\); got undefined$/);
    });

    it("rejects SQL that does not parse, naming the dataset", () => {
        const template = executiveOverviewWith((d) => {
            datasetNamed(d, "attempts").queryLines = ["SELECT event_date, amount\n", "FORM {{catalog}}.{{schema}}.payments_enriched_silver"];
        });
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.ok(problems.length >= 1);
        assert.match(problems[0], /executive_overview\.lvdash\.json > dataset "attempts".*syntax error/);
    });

    it("rejects a column the contract table does not have", () => {
        const template = executiveOverviewWith((d) => replaceInDataset(d, "attempts", "  amount,\n", "  amount_usd,\n"));
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.ok(problems.some((p) => /dataset "attempts".*amount_usd/.test(p)), problems.join("\n"));
    });

    it("rejects a table the contract does not have", () => {
        const template = executiveOverviewWith((d) => replaceInDataset(d, "declines", ".payments_enriched_silver", ".payment_declines"));
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.ok(problems.some((p) => /dataset "declines".*unknown table "payment_declines"/.test(p)), problems.join("\n"));
    });

    it("rejects an unqualified table name (it would read the warehouse's default schema)", () => {
        const template = executiveOverviewWith((d) => replaceInDataset(d, "declines", "{{catalog}}.{{schema}}.payments_enriched_silver", "payments_enriched_silver"));
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.deepEqual(problems, [`${SOURCE} > dataset "declines": reads payments_enriched_silver without a qualifier; write {{catalog}}.{{schema}}.payments_enriched_silver so each stack reads its own`]);
    });

    it("rejects a literal catalog and schema", () => {
        const template = executiveOverviewWith((d) =>
            replaceInDataset(d, "declines", "{{catalog}}.{{schema}}.payments_enriched_silver", "ahs_demos_catalog.ahs_demo_payment_analysis_dev.payments_enriched_silver"),
        );
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.ok(problems.some((p) => /dataset "declines".*outside the stack's schema/.test(p)), problems.join("\n"));
    });

    it("rejects a widget field whose column the dataset no longer returns", () => {
        const template = executiveOverviewWith((d) => replaceInDataset(d, "attempts", "  fraud_score,\n", ""));
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.deepEqual(problems, [
            `${SOURCE}: page "executive_summary" > widget "avg_fraud_score_kpi" > query "main_query" > field "avg(fraud_score)": column "fraud_score" is not returned by dataset "attempts"; ` +
                "it returns event_date, event_time, country_code, merchant_segment, card_network, amount, approved_pct",
        ]);
    });

    it("rejects a template that is not in canonical form", () => {
        const { text } = templates[0];
        const reindented = JSON.stringify(JSON.parse(text), null, 4);
        assert.match(checkDashboardTemplate(reindented, "x.lvdash.json").problems.join("\n"), /x\.lvdash\.json: not in canonical form .*npm run render/);
    });
});
