import { strict as assert } from "assert";
import { crossCheckDashboard } from "../../checks/dashboards";
import type { LakeviewDashboard } from "../../checks/lakeview-schema";
import { fixtureAnalyzer, validDashboard } from "./fixture";

const SOURCE = "dashboards/fixture.lvdash.json";

function problemsOf(dashboard: LakeviewDashboard, requireQualifiedTables = true): string[] {
    return crossCheckDashboard(dashboard, SOURCE, { analyze: fixtureAnalyzer, requireQualifiedTables });
}

/** The single problem a mutation must cause, so a test cannot pass on an unrelated failure. */
function onlyProblem(dashboard: LakeviewDashboard): string {
    const problems = problemsOf(dashboard);
    assert.equal(problems.length, 1, `expected exactly one problem, got:\n${problems.join("\n")}`);
    return problems[0];
}

function widget(dashboard: LakeviewDashboard, name: string) {
    const found = dashboard.pages.flatMap((p) => p.layout ?? []).find((item) => item.widget.name === name);
    if (!found) throw new Error(`fixture has no widget ${name}`);
    return found;
}

describe("dashboard cross-checks", () => {
    it("accept the valid fixture", () => {
        assert.deepEqual(problemsOf(validDashboard()), []);
    });

    it("reject a widget query naming a dataset that does not exist", () => {
        const d = validDashboard();
        widget(d, "kpi_total").widget.queries![0].query.datasetName = "saels";
        const problem = onlyProblem(d);
        assert.match(problem, /page "overview" > widget "kpi_total" > query "main_query": datasetName "saels" is not a dataset/);
        assert.match(problem, /datasets: sales/);
    });

    it("reject a field reading a column its dataset does not return", () => {
        const d = validDashboard();
        const fields = widget(d, "kpi_total").widget.queries![0].query.fields!;
        fields[0] = { name: "sum(revenue)", expression: "SUM(`revenue`)" };
        widget(d, "kpi_total").widget.spec!.encodings = { value: { fieldName: "sum(revenue)" } };
        assert.match(onlyProblem(d), /widget "kpi_total" .*field "sum\(revenue\)": column "revenue" is not returned by dataset "sales"; it returns order_date, region, amount/);
    });

    it("reject an encoding whose fieldName is not a field of the widget query", () => {
        const d = validDashboard();
        (widget(d, "rev_by_day").widget.spec!.encodings as { y: { fieldName: string } }).y.fieldName = "amount";
        assert.match(onlyProblem(d), /widget "rev_by_day" > spec.encodings.y: fieldName "amount" is not a field of query "main_query"; fields: daily\(order_date\), region, sum\(amount\)/);
    });

    it("reject an expression outside the editor's grammar, naming the valid forms", () => {
        const d = validDashboard();
        widget(d, "kpi_total").widget.queries![0].query.fields![0].expression = "SUM(amount) / 2";
        assert.match(onlyProblem(d), /field "sum\(amount\)": expression "SUM\(amount\) \/ 2" is not one of the forms .*COUNT\(DISTINCT `col`\)/);
    });

    it("reject a field name that differs from the editor's name for its expression", () => {
        const d = validDashboard();
        const query = widget(d, "kpi_total").widget.queries![0].query;
        query.fields![0].name = "revenue";
        widget(d, "kpi_total").widget.spec!.encodings = { value: { fieldName: "revenue" } };
        assert.match(onlyProblem(d), /field "revenue": the editor names expression SUM\(`amount`\) "sum\(amount\)"/);
    });

    it("reject an aggregate inside a disaggregated query", () => {
        const d = validDashboard();
        widget(d, "kpi_total").widget.queries![0].query.disaggregated = true;
        assert.match(onlyProblem(d), /aggregate SUM\(`amount`\) in a disaggregated query/);
    });

    it("reject spec.data naming a query the widget does not have", () => {
        const d = validDashboard();
        widget(d, "kpi_total").widget.spec!.data = { queryName: "main_query" };
        assert.deepEqual(problemsOf(d), []);
        widget(d, "kpi_total").widget.spec!.data = { queryName: "main_qeury" };
        assert.match(onlyProblem(d), /widget "kpi_total" > spec.data.queryName: "main_qeury" is not a query of this widget; queries: main_query/);
    });

    it("reject overlapping widgets, naming both and their positions", () => {
        const d = validDashboard();
        widget(d, "rev_by_day").position = { x: 2, y: 2, width: 10, height: 6 };
        assert.match(onlyProblem(d), /page "overview": widget "kpi_total" \(x=0 y=1 width=3 height=3\) overlaps widget "rev_by_day" \(x=2 y=2 width=10 height=6\)/);
    });

    it("accept widgets that only touch edges", () => {
        const d = validDashboard();
        widget(d, "rev_by_day").position = { x: 3, y: 1, width: 9, height: 6 };
        widget(d, "kpi_total").position = { x: 0, y: 1, width: 3, height: 3 };
        assert.deepEqual(problemsOf(d), []);
    });

    it("reject a widget that runs past the 12-column grid", () => {
        const d = validDashboard();
        widget(d, "rev_by_day").position = { x: 3, y: 1, width: 10, height: 6 };
        assert.match(onlyProblem(d), /widget "rev_by_day": position x=3 y=1 width=10 height=6 ends at column 13, past the 12-column grid/);
    });

    it("check the 12-column width only on GRID_V1 pages, and overlaps on every page", () => {
        const d = validDashboard();
        delete d.pages[0].layoutVersion;
        widget(d, "rev_by_day").position = { x: 3, y: 1, width: 10, height: 6 };
        assert.deepEqual(problemsOf(d), []);
        widget(d, "rev_by_day").position = { x: 2, y: 2, width: 10, height: 6 };
        assert.match(onlyProblem(d), /widget "kpi_total" \(x=0 y=1 width=3 height=3\) overlaps widget "rev_by_day"/);
    });

    it("reject a dataset that no widget uses", () => {
        const d = validDashboard();
        d.datasets.push({ name: "unused", displayName: "Unused", queryLines: ["SELECT a FROM cat.sch.t"] });
        assert.match(onlyProblem(d), /dataset "unused": no widget uses it/);
    });

    it("reject two widgets with the same name, even on different pages", () => {
        const d = validDashboard();
        d.pages.push({
            name: "second",
            displayName: "Second",
            pageType: "PAGE_TYPE_CANVAS",
            layoutVersion: "GRID_V1",
            layout: [{ position: { x: 0, y: 0, width: 12, height: 1 }, widget: { name: "title", multilineTextboxSpec: { lines: ["# Again"] } } }],
        });
        assert.match(onlyProblem(d), /widget name "title" is used twice/);
    });

    it("reject a table read without {{catalog}}.{{schema}}", () => {
        const d = validDashboard();
        d.datasets[0].queryLines = ["SELECT order_date, region, amount\n", "FROM orders"];
        assert.match(onlyProblem(d), /dataset "sales": reads orders without a qualifier; write \{\{catalog\}\}\.\{\{schema\}\}\.orders/);
        assert.deepEqual(problemsOf(d, false), []);
    });

    it("pass on SQL problems with the dataset named", () => {
        const problems = crossCheckDashboard(validDashboard(), SOURCE, {
            analyze: () => ({ tables: [], outputColumns: [], problems: ["line 1: mismatched input"] }),
        });
        assert.deepEqual(problems, [`${SOURCE} > dataset "sales": line 1: mismatched input`]);
    });

    it("check filter bindings against the query they name", () => {
        const d = validDashboard();
        d.pages[0].layout!.push({
            position: { x: 0, y: 7, width: 4, height: 1 },
            widget: {
                name: "region_filter",
                queries: [{ name: "f_region", query: { datasetName: "sales", disaggregated: false, fields: [{ name: "region", expression: "`region`" }] } }],
                spec: { version: 2, widgetType: "filter-multi-select", encodings: { fields: [{ fieldName: "region", queryName: "f_region" }] } },
            },
        });
        assert.deepEqual(problemsOf(d), []);
        const fields = (d.pages[0].layout![3].widget.spec!.encodings as { fields: { queryName: string }[] }).fields;
        fields[0].queryName = "f_regoin";
        assert.match(onlyProblem(d), /spec.encodings.fields\[0\]: queryName "f_regoin" is not a query of this widget; queries: f_region/);
    });

    describe("without an analyzer (any Lakeview file, not one of our templates)", () => {
        const formatOnly = (dashboard: LakeviewDashboard) => crossCheckDashboard(dashboard, SOURCE, {});

        it("leave the project's conventions out: expression grammar, editor field names, unused datasets", () => {
            const d = validDashboard();
            const field = widget(d, "kpi_total").widget.queries![0].query.fields![0];
            field.expression = "SUM(`amount`) / 2";
            field.name = "half_revenue";
            widget(d, "kpi_total").widget.spec!.encodings = { value: { fieldName: "half_revenue" } };
            d.datasets.push({ name: "unused", displayName: "Unused", queryLines: ["SELECT 1"] });
            assert.deepEqual(formatOnly(d), []);
        });

        it("still reject what breaks rendering: a missing dataset, a field not in its query, overlapping widgets", () => {
            const d = validDashboard();
            widget(d, "kpi_total").widget.queries![0].query.datasetName = "saels";
            (widget(d, "rev_by_day").widget.spec!.encodings as { y: { fieldName: string } }).y.fieldName = "amount";
            widget(d, "rev_by_day").position = { x: 2, y: 2, width: 10, height: 6 };
            const problems = formatOnly(d);
            assert.equal(problems.length, 3, problems.join("\n"));
            assert.match(problems[0], /widget "kpi_total" > query "main_query": datasetName "saels" is not a dataset/);
            assert.match(problems[1], /widget "rev_by_day" > spec.encodings.y: fieldName "amount" is not a field of query "main_query"/);
            assert.match(problems[2], /widget "kpi_total" \(x=0 y=1 width=3 height=3\) overlaps widget "rev_by_day"/);
        });
    });
});
