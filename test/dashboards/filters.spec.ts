/**
 * The filter rules of checks/dashboards-filters.ts (issue 14 item 2): each failing case breaks one rule on
 * the fixture and expects exactly that problem, naming file, page and widget.
 */
import { strict as assert } from "assert";
import { crossCheckDashboard } from "../../checks/dashboards";
import { checkDashboardTemplate } from "../../checks/dashboards-template";
import type { LakeviewDashboard, LakeviewWidget } from "../../checks/lakeview-schema";
import { fixtureAnalyzer, validDashboard } from "./fixture";
import { templates } from "./templates";

const SOURCE = "dashboards/fixture.lvdash.json";

function problemsOf(dashboard: LakeviewDashboard): string[] {
    return crossCheckDashboard(dashboard, SOURCE, { analyze: fixtureAnalyzer, requireQualifiedTables: true, requirePageFilters: true });
}

function filterWidget(name: string, widgetType: string, field: string, datasets: readonly string[]): LakeviewWidget {
    return {
        name,
        queries: datasets.map((ds) => ({ name: `${ds}_${field}`, query: { datasetName: ds, disaggregated: false, fields: [{ name: field, expression: `\`${field}\`` }] } })),
        spec: { version: 2, widgetType, encodings: { fields: datasets.map((ds) => ({ fieldName: field, queryName: `${ds}_${field}` })) } },
    } as LakeviewWidget;
}

/** The fixture with a second dataset that has `region` and `order_date`, read by one more chart. */
function filteredFixture(dateBound: readonly string[], regionBound: readonly string[]): LakeviewDashboard {
    const d = validDashboard();
    d.datasets.push({ name: "returns", displayName: "Returns", queryLines: ["SELECT order_date, region, refund\n", "FROM cat.sch.returns"] });
    const layout = d.pages[0].layout!;
    layout.push({
        position: { x: 0, y: 7, width: 12, height: 4 },
        widget: {
            name: "refunds_kpi",
            queries: [{ name: "main_query", query: { datasetName: "returns", disaggregated: false, fields: [{ name: "sum(refund)", expression: "SUM(`refund`)" }] } }],
            spec: { version: 2, widgetType: "counter", encodings: { value: { fieldName: "sum(refund)" } } },
        } as LakeviewWidget,
    });
    layout.push({ position: { x: 0, y: 11, width: 6, height: 2 }, widget: filterWidget("date_filter", "filter-date-range-picker", "order_date", dateBound) });
    if (regionBound.length > 0) {
        layout.push({ position: { x: 6, y: 11, width: 6, height: 2 }, widget: filterWidget("region_filter", "filter-multi-select", "region", regionBound) });
    }
    return d;
}

describe("page filter rules", () => {
    it("accept a page whose filters reach every dataset with their column", () => {
        assert.deepEqual(problemsOf(filteredFixture(["sales", "returns"], ["sales", "returns"])), []);
    });

    it("reject a page without a date-range filter", () => {
        assert.deepEqual(problemsOf(validDashboard()), [
            `${SOURCE}: page "overview" > layout: no filter-date-range-picker widget on the page or on a global filters page; every page states one time window`,
        ]);
    });

    it("reject a filter left off a dataset of its page that has the column", () => {
        assert.deepEqual(problemsOf(filteredFixture(["sales", "returns"], ["sales"])), [
            `${SOURCE}: page "overview" > widget "region_filter": filters "region" but is not bound to dataset "returns", which returns it; ` +
                `add a query on "returns" to the widget's queries and a binding to it in spec.encodings.fields`,
        ]);
    });

    it("reject a date range that does not reach every dataset of the page", () => {
        const problems = problemsOf(filteredFixture(["sales"], ["sales", "returns"]));
        assert.equal(problems.length, 2, problems.join("\n"));
        assert.match(problems[0], /widget "date_filter": filters "order_date" but is not bound to dataset "returns"/);
        assert.match(problems[1], /widget "date_filter": the date range does not reach dataset "returns", so its widgets ignore the page's time window/);
    });

    it("reject two date ranges on one page", () => {
        const d = filteredFixture(["sales", "returns"], []);
        d.pages[0].layout!.push({ position: { x: 6, y: 11, width: 6, height: 2 }, widget: filterWidget("second_date", "filter-date-range-picker", "order_date", ["sales", "returns"]) });
        assert.deepEqual(problemsOf(d), [`${SOURCE}: page "overview" > layout: 2 date-range filters ("date_filter", "second_date"); a page shows one time window`]);
    });

    it("accept a date range on the global filters page for every canvas page", () => {
        const d = filteredFixture(["sales", "returns"], []);
        const date = d.pages[0].layout!.pop()!;
        d.pages.push({ name: "filters", displayName: "Filters", pageType: "PAGE_TYPE_GLOBAL_FILTERS", layoutVersion: "GRID_V1", layout: [date] });
        assert.deepEqual(problemsOf(d), []);
    });

    it("hold every template: each passes, and one stripped of its date-range filter fails the template check", () => {
        for (const { entry, text } of templates) {
            assert.deepEqual(checkDashboardTemplate(text, entry.file).problems, [], entry.file);
            const dashboard = JSON.parse(text) as LakeviewDashboard;
            const page = dashboard.pages.find((p) => (p.layout ?? []).some((i) => i.widget.spec?.widgetType === "filter-date-range-picker"))!;
            page.layout = page.layout!.filter((i) => i.widget.spec?.widgetType !== "filter-date-range-picker");
            const problems = checkDashboardTemplate(`${JSON.stringify(dashboard, null, 2)}\n`, entry.file).problems;
            assert.ok(
                problems.some((p) => p.includes(`page "${page.name}" > layout: no filter-date-range-picker widget`)),
                `${entry.file} without its date filter: ${problems.join("\n")}`,
            );
        }
    });
});
