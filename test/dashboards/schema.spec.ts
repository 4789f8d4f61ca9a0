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
    it("lists exactly the twelve template files in dashboards/", () => {
        const files = fs.readdirSync(path.join(REPO_ROOT, "dashboards")).filter((f) => f.endsWith(".lvdash.json")).sort();
        assert.deepEqual(files, dashboardEntries.map((e) => path.basename(e.file)).sort());
        assert.equal(files.length, 12);
    });

    for (const { entry, text } of templates) {
        it(`accepts ${entry.file}`, () => {
            assert.deepEqual(problemsOf(JSON.parse(text)), []);
        });
    }

    it("accepts the format doc's minimal example", () => {
        assert.deepEqual(problemsOf(validDashboard()), []);
    });

    it("rejects an unknown key, naming page, widget and key", () => {
        const d = clone(validDashboard()) as unknown as { pages: { layout: { widget: { spec: { encodings: { value: Record<string, unknown> } } } }[] }[] };
        d.pages[0].layout[1].widget.spec.encodings.value.colour = "red";
        assert.equal(onlyProblem(d), `${SOURCE}: page "overview" > widget "kpi_total" > spec.encodings.value: Unrecognized key: "colour"`);
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
        assert.match(onlyProblem(d), /widget "title": a text widget \(multilineTextboxSpec\) has no queries and no spec/);
    });

    it("rejects a chart channel without a scale", () => {
        const d = clone(validDashboard());
        delete (d.pages[0].layout![2].widget.spec!.encodings as { x: { scale?: unknown } }).x.scale;
        assert.match(onlyProblem(d), /widget "rev_by_day" > spec.encodings.x/);
    });

    it("rejects a page without layoutVersion GRID_V1", () => {
        const d = clone(validDashboard()) as unknown as { pages: Record<string, unknown>[] };
        delete d.pages[0].layoutVersion;
        assert.equal(onlyProblem(d), `${SOURCE}: page "overview" > layoutVersion: Invalid input: expected "GRID_V1"; got undefined`);
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
