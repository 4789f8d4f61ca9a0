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
            datasetNamed(d, "executive_kpis").queryLines = ["SELECT total_transactions, approval_rate_pct, total_transaction_value, avg_fraud_score\n", "FORM {{catalog}}.{{schema}}.v_executive_kpis"];
        });
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.ok(problems.length >= 1);
        assert.match(problems[0], /executive_overview\.lvdash\.json > dataset "executive_kpis".*syntax error/);
    });

    it("rejects a column the contract view does not have", () => {
        const template = executiveOverviewWith((d) => {
            datasetNamed(d, "executive_kpis").queryLines = ["SELECT total_transactions, approval_rate_pct, total_value, avg_fraud_score\n", "FROM {{catalog}}.{{schema}}.v_executive_kpis"];
        });
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.ok(problems.some((p) => /dataset "executive_kpis".*total_value/.test(p)), problems.join("\n"));
    });

    it("rejects a table the contract does not have", () => {
        const template = executiveOverviewWith((d) => {
            datasetNamed(d, "top_countries").queryLines = ["SELECT country, approval_rate_pct, transaction_count\n", "FROM {{catalog}}.{{schema}}.v_geography"];
        });
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.ok(problems.some((p) => /dataset "top_countries".*unknown table "v_geography"/.test(p)), problems.join("\n"));
    });

    it("rejects an unqualified view name (it would read the warehouse's default schema)", () => {
        const template = executiveOverviewWith((d) => {
            datasetNamed(d, "top_countries").queryLines = ["SELECT country, approval_rate_pct, transaction_count\n", "FROM v_performance_by_geography"];
        });
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.deepEqual(problems, [`${SOURCE} > dataset "top_countries": reads v_performance_by_geography without a qualifier; write {{catalog}}.{{schema}}.v_performance_by_geography so each stack reads its own`]);
    });

    it("rejects a literal catalog and schema", () => {
        const template = executiveOverviewWith((d) => {
            datasetNamed(d, "top_countries").queryLines = ["SELECT country, approval_rate_pct, transaction_count\n", "FROM ahs_demos_catalog.ahs_demo_payment_analysis_dev.v_performance_by_geography"];
        });
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.ok(problems.some((p) => /dataset "top_countries".*outside the stack's schema/.test(p)), problems.join("\n"));
    });

    it("rejects a widget field whose column the dataset no longer returns", () => {
        const template = executiveOverviewWith((d) => {
            datasetNamed(d, "approval_trends_hourly").queryLines = ["SELECT hour, transaction_count\n", "FROM {{catalog}}.{{schema}}.v_approval_trends_hourly"];
        });
        const problems = checkDashboardTemplate(template, SOURCE).problems;
        assert.deepEqual(problems, [
            `${SOURCE}: page "executive_summary" > widget "approval_trends" > query "main_query" > field "avg(approval_rate_pct)": column "approval_rate_pct" is not returned by dataset "approval_trends_hourly"; it returns hour, transaction_count`,
        ]);
    });

    it("rejects a template that is not in canonical form", () => {
        const { text } = templates[0];
        const reindented = JSON.stringify(JSON.parse(text), null, 4);
        assert.match(checkDashboardTemplate(reindented, "x.lvdash.json").problems.join("\n"), /x\.lvdash\.json: not in canonical form .*npm run render/);
    });
});
