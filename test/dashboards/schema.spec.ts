import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkDashboardSchema } from "../../checks/dashboards-schema";
import { dashboardEntries } from "../../dashboards";
import { clone, validDashboard } from "./fixture";
import { REPO_ROOT, templates } from "./templates";

const SOURCE = "x.lvdash.json";

function problemsOf(value: unknown): string[] {
    const result = checkDashboardSchema(value, SOURCE);
    return result.ok ? [] : result.problems;
}

function onlyProblem(value: unknown): string {
    const problems = problemsOf(value);
    assert.equal(problems.length, 1, `expected exactly one problem, got:\n${problems.join("\n")}`);
    return problems[0];
}

describe("Lakeview schema", () => {
    it("lists exactly the thirteen template files in dashboards/", () => {
        const files = fs.readdirSync(path.join(REPO_ROOT, "dashboards")).filter((f) => f.endsWith(".lvdash.json")).sort();
        assert.deepEqual(files, dashboardEntries.map((e) => path.basename(e.file)).sort());
        assert.equal(files.length, 13);
    });

    for (const { entry, text } of templates) {
        it(`accepts ${entry.file}`, () => {
            assert.deepEqual(problemsOf(JSON.parse(text)), []);
        });
    }

    it("accepts the format doc's minimal example", () => {
        assert.deepEqual(problemsOf(validDashboard()), []);
    });

    it("rejects an unknown channel in a chart's encodings, naming page, widget and key", () => {
        const d = clone(validDashboard()) as unknown as { pages: { layout: { widget: { spec: { encodings: Record<string, unknown> } } }[] }[] };
        d.pages[0].layout[2].widget.spec.encodings.colour = { fieldName: "region", scale: { type: "categorical" } };
        assert.equal(onlyProblem(d), `${SOURCE}: page "overview" > widget "rev_by_day" > spec.encodings: Unrecognized key: "colour"`);
    });

    it("rejects an unknown key on a widget query, where it would change what is queried", () => {
        const d = clone(validDashboard()) as unknown as { pages: { layout: { widget: { queries: { query: Record<string, unknown> }[] } }[] }[] };
        d.pages[0].layout[1].widget.queries[0].query.dataset = "sales";
        assert.equal(onlyProblem(d), `${SOURCE}: page "overview" > widget "kpi_total" > queries[0].query: Unrecognized key: "dataset"`);
    });

    it("passes presentational keys it does not know through (channel, frame, mark, spec)", () => {
        type Spec = { encodings: { x: Record<string, unknown> }; frame: Record<string, unknown>; [key: string]: unknown };
        const d = clone(validDashboard()) as unknown as { pages: { layout: { widget: { spec: Spec } }[] }[] };
        const spec = d.pages[0].layout[2].widget.spec;
        spec.encodings.x.colour = "red";
        spec.frame.titleColor = "#000000";
        spec.mark = { opacity: 0.5 };
        spec.tooltip = { show: true };
        assert.deepEqual(problemsOf(d), []);
    });

    it("rejects specExtensions inside spec, saying it belongs on the widget", () => {
        const d = clone(validDashboard()) as unknown as { pages: { layout: { widget: { spec: Record<string, unknown> } }[] }[] };
        d.pages[0].layout[1].widget.spec.specExtensions = { widgetBackgroundColor: { light: "#FFFFFF" } };
        assert.equal(
            onlyProblem(d),
            `${SOURCE}: page "overview" > widget "kpi_total" > spec.specExtensions: specExtensions belongs on the widget, beside spec ` +
                `(widget.specExtensions), not inside spec; got {"widgetBackgroundColor":{"light":"#FFFFFF"}}`,
        );
    });

    it("accepts specExtensions on the widget, beside spec", () => {
        const d = clone(validDashboard()) as unknown as { pages: { layout: { widget: Record<string, unknown> }[] }[] };
        d.pages[0].layout[1].widget.specExtensions = { widgetBackgroundColor: { light: "#FFFFFF" } };
        assert.deepEqual(problemsOf(d), []);
    });

    it('rejects sort by "x" on a categorical x axis, naming natural-order and custom-order', () => {
        const d = clone(validDashboard());
        const x = (d.pages[0].layout![2].widget.spec!.encodings as { x: { scale: Record<string, unknown> } }).x;
        x.scale = { type: "categorical", sort: { by: "x" } };
        const problem = onlyProblem(d);
        assert.match(problem, /page "overview" > widget "rev_by_day" > spec.encodings.x.scale.sort.by: sort by "x" on a categorical x axis/);
        assert.match(problem, /\{"by": "natural-order"\}.*"custom-order"/);
        x.scale = { type: "categorical", sort: { by: "natural-order" } };
        assert.deepEqual(problemsOf(d), []);
        x.scale = { type: "temporal", sort: { by: "x" } };
        assert.deepEqual(problemsOf(d), [], 'by "x" on a temporal axis is what the editor writes');
    });

    it("rejects the latency chart's former sort by x", () => {
        const template = templates.find((t) => t.entry.key === "performance_latency")!;
        const d = JSON.parse(template.text) as { pages: { layout: { widget: { name: string; spec?: { encodings: { x?: { scale: { sort?: { by: string } } } } } } }[] }[] };
        const chart = d.pages.flatMap((p) => p.layout).find((item) => item.widget.name === "latency_distribution")!;
        chart.widget.spec!.encodings.x!.scale.sort = { by: "x" };
        assert.match(onlyProblem(d), /widget "latency_distribution" > spec.encodings.x.scale.sort.by: sort by "x" on a categorical x axis/);
    });

    it("rejects custom-order without the list of values", () => {
        const d = clone(validDashboard());
        const x = (d.pages[0].layout![2].widget.spec!.encodings as { x: { scale: Record<string, unknown> } }).x;
        x.scale = { type: "categorical", sort: { by: "custom-order" } };
        assert.match(onlyProblem(d), /spec.encodings.x.scale.sort.orderedList: sort by "custom-order" needs a non-empty orderedList/);
        x.scale = { type: "categorical", sort: { by: "custom-order", orderedList: ["a", "b"] } };
        assert.deepEqual(problemsOf(d), []);
    });

    it("accepts the older text widget form and rejects a widget with both text forms", () => {
        const d = clone(validDashboard()) as unknown as { pages: { layout: { widget: Record<string, unknown> }[] }[] };
        const title = d.pages[0].layout[0].widget;
        delete title.multilineTextboxSpec;
        title.textbox_spec = "# Sales";
        assert.deepEqual(problemsOf(d), []);
        title.multilineTextboxSpec = { lines: ["# Sales"] };
        assert.match(onlyProblem(d), /widget "title": a text widget has one of multilineTextboxSpec or textbox_spec, not both/);
    });

    it("rejects a chart channel without fieldName", () => {
        const d = clone(validDashboard());
        delete (d.pages[0].layout![2].widget.spec!.encodings as { color: { fieldName?: string } }).color.fieldName;
        assert.match(onlyProblem(d), /widget "rev_by_day" > spec.encodings.color.fieldName/);
    });

    it("rejects a version that does not match the widget type", () => {
        const d = clone(validDashboard());
        (d.pages[0].layout![2].widget.spec as { version: number }).version = 2;
        assert.match(onlyProblem(d), /widget "rev_by_day" > spec.version: Invalid input: expected 3; got 2/);
    });

    it("rejects an invented widget type, listing the valid ones", () => {
        const d = clone(validDashboard());
        (d.pages[0].layout![2].widget.spec as { widgetType: string }).widgetType = "bar-chart";
        assert.match(onlyProblem(d), /spec.widgetType: .*'counter' \| 'table' \| 'bar'.*; got "bar-chart"/);
    });

    it("rejects a text widget that also carries a spec", () => {
        const d = clone(validDashboard());
        d.pages[0].layout![0].widget.spec = d.pages[0].layout![1].widget.spec;
        d.pages[0].layout![0].widget.queries = d.pages[0].layout![1].widget.queries;
        assert.match(onlyProblem(d), /widget "title": a text widget \(multilineTextboxSpec or textbox_spec\) has no queries and no spec/);
    });

    it("rejects a chart channel without a scale", () => {
        const d = clone(validDashboard());
        delete (d.pages[0].layout![2].widget.spec!.encodings as { x: { scale?: unknown } }).x.scale;
        assert.match(onlyProblem(d), /widget "rev_by_day" > spec.encodings.x/);
    });

    it("accepts a page without layoutVersion, as older exports have it, and rejects any other value", () => {
        const d = clone(validDashboard()) as unknown as { pages: Record<string, unknown>[] };
        delete d.pages[0].layoutVersion;
        assert.deepEqual(problemsOf(d), []);
        d.pages[0].layoutVersion = "GRID_V2";
        assert.equal(onlyProblem(d), `${SOURCE}: page "overview" > layoutVersion: Invalid input: expected "GRID_V1"; got "GRID_V2"`);
    });

    it("rejects a fractional position", () => {
        const d = clone(validDashboard());
        d.pages[0].layout![1].position.width = 2.5;
        assert.match(onlyProblem(d), /widget "kpi_total" > position.width: .*expected int.*; got 2.5/);
    });

    it("rejects a widget query without disaggregated", () => {
        const d = clone(validDashboard());
        delete (d.pages[0].layout![1].widget.queries![0].query as { disaggregated?: boolean }).disaggregated;
        assert.match(onlyProblem(d), /widget "kpi_total" > queries\[0\].query.disaggregated/);
    });

    it("rejects a dataset with both query and queryLines", () => {
        const d = clone(validDashboard());
        d.datasets[0].query = "SELECT 1";
        assert.match(onlyProblem(d), /dataset "sales": a dataset needs exactly one of queryLines or query/);
    });

    it("rejects the original's home-grown top-level keys", () => {
        const d = { ...clone(validDashboard()), version: "1.0", tags: ["kpi"] };
        assert.match(onlyProblem(d), /\(top level\): Unrecognized keys: "version", "tags"/);
    });
});
