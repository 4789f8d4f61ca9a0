/**
 * Every page of every dashboard in the repository renders to HTML with one element per widget, and every
 * chart element holds a compiled Vega spec. Files are read by glob, so a new dashboard is covered too.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { readPreviewDashboard } from "../../scripts/preview/dashboard-shape";
import { renderPage } from "../../scripts/preview/page-html";
import { dashboardKeys } from "../../scripts/preview/preview-run";
import { widgetKind } from "../../scripts/preview/widget-kind";

const ROOT = path.resolve(__dirname, "..", "..");

describe("preview: every dashboard page", () => {
    const keys = dashboardKeys(ROOT);

    it("finds the dashboards", () => {
        assert.ok(keys.length >= 12, keys.join(", "));
    });

    for (const key of keys) {
        const source = `dashboards/${key}.lvdash.json`;
        const dashboard = readPreviewDashboard(fs.readFileSync(path.join(ROOT, source), "utf8"), key, source);
        for (const page of dashboard.pages) {
            it(`${key} / ${page.name}: one element per widget, each chart with a compiled Vega spec`, () => {
                const doc = renderPage(dashboard, page);
                const elements = [...doc.html.matchAll(/<section class="widget kind-(\w+)" data-widget="([^"]+)"[^>]*>(.*?)<\/section>/gs)];
                assert.deepEqual(elements.map((m) => m[2]).sort(), page.layout.map((item) => item.widget.name).sort());
                for (const item of page.layout) {
                    const match = elements.find((m) => m[2] === item.widget.name)!;
                    const kind = widgetKind(item.widget);
                    assert.equal(match[1], kind, item.widget.name);
                    if (kind === "chart" || kind === "map") {
                        const spec = /<script type="application\/json" class="vega-spec">(.*?)<\/script>/s.exec(match[3]);
                        assert.ok(spec, `${item.widget.name} has no vega-spec`);
                        const vega = JSON.parse(spec[1]) as { $schema: string; marks: unknown[] };
                        assert.match(vega.$schema, /schema\/vega\/v6/);
                        assert.ok(vega.marks.length > 0, item.widget.name);
                    }
                }
                // A type the preview does not draw is a placeholder plus a note, not a failure: dashboards may use new types first.
                const unknown = page.layout.filter((item) => widgetKind(item.widget) === "unknown").map((item) => item.widget.name);
                assert.equal(doc.notes.length, unknown.length);
                for (const name of unknown) assert.match(doc.html, new RegExp(`data-widget="${name}"[^>]*>.*?class="placeholder"`, "s"));
                assert.ok(doc.width > 0 && doc.height > 0);
            });
        }
    }
});

describe("preview: the global coverage map", () => {
    it("draws each choropleth of the page as a world map of country shapes, not as bars", () => {
        const source = "dashboards/global_coverage.lvdash.json";
        const dashboard = readPreviewDashboard(fs.readFileSync(path.join(ROOT, source), "utf8"), "global_coverage", source);
        const maps = dashboard.pages.flatMap((page) => page.layout.filter((item) => item.widget.spec?.widgetType === "choropleth-map").map((item) => ({ page, name: item.widget.name })));
        assert.ok(maps.length > 0, "global coverage has no choropleth-map widget");
        for (const { page, name } of maps) {
            const html = renderPage(dashboard, page).html;
            const section = new RegExp(`<section class="widget kind-map" data-widget="${name}"[^>]*>(.*?)</section>`, "s").exec(html);
            assert.ok(section, `${name} is not drawn as a map element`);
            const spec = JSON.parse(/class="vega-spec">(.*?)<\/script>/s.exec(section[1])![1]) as { data: { format?: { type: string } }[]; marks: { type: string; from?: unknown }[] };
            assert.ok(spec.data.some((d) => d.format?.type === "topojson"), `${name}: no country shapes in its data`);
            assert.ok(JSON.stringify(spec.marks).includes('"type":"geoshape"') || spec.marks.some((m) => m.type === "shape"), `${name}: no geoshape mark`);
        }
    });
});
