import { strict as assert } from "assert";
import type { PreviewWidget } from "../../scripts/preview/dashboard-shape";
import { renderWidget } from "../../scripts/preview/widget-element";
import { barWidget, dashboardWith, pageWith } from "./fixture";

const POSITION = { x: 0, y: 0, width: 6, height: 6 };

function render(widget: PreviewWidget) {
    const page = pageWith([widget]);
    return renderWidget(widget, POSITION, { dashboard: dashboardWith(page), page });
}

describe("preview: one widget as one element", () => {
    it("draws a chart as an element holding its compiled Vega spec", () => {
        const element = render(barWidget());
        assert.match(element.html, /^<section class="widget kind-chart" data-widget="approval_by_country" data-widget-type="bar" data-rows="sample"/);
        const spec = JSON.parse(/<script type="application\/json" class="vega-spec">(.*?)<\/script>/s.exec(element.html)![1]) as { marks: unknown[] };
        assert.ok(spec.marks.length > 0);
        assert.deepEqual(element.notes, []);
    });

    it("draws an unknown widget type as a labelled placeholder and reports it", () => {
        const element = render(barWidget({ widgetType: "sankey" }));
        assert.match(element.html, /data-widget="approval_by_country" data-widget-type="sankey"/);
        assert.match(element.html, /class="placeholder">sankey widget/);
        assert.deepEqual(element.notes, ['dashboard "fixture" > page "main" > widget "approval_by_country": widget type "sankey" is not drawn by the preview; shown as a placeholder']);
    });

    it("fails on a field the widget's query does not compute, naming dashboard, page and widget", () => {
        assert.throws(
            () => render(barWidget({ yField: "avg(no_such_field)" })),
            /^Error: dashboard "fixture" > page "main" > widget "approval_by_country": encodings\.y\.fieldName "avg\(no_such_field\)" is not a field of query "main_query"; its fields: country, avg\(approval_rate_pct\)$/,
        );
    });

    it("draws a filter as a labelled box and checks its binding against the bound query", () => {
        const filter: PreviewWidget = {
            name: "country_filter",
            queries: [{ name: "filter_q", datasetName: "geo", disaggregated: false, fields: [{ name: "country", expression: "`country`" }] }],
            spec: { version: 2, widgetType: "filter-multi-select", encodings: { fields: [{ fieldName: "country", displayName: "Country", queryName: "filter_q" }] } },
        };
        const element = render(filter);
        assert.match(element.html, /data-widget="country_filter" data-widget-type="filter-multi-select"/);
        assert.match(element.html, /<div class="filter-label">Country<\/div>/);
        const broken = { ...filter, spec: { ...filter.spec, encodings: { fields: [{ fieldName: "region", queryName: "filter_q" }] } } };
        assert.throws(() => render(broken), /widget "country_filter": encodings\.fields\[0\]\.fieldName "region" is not a field of query "filter_q"/);
    });

    it("draws text widgets as markdown, escaped", () => {
        const element = render({ name: "header", textLines: ["# Title <b>\n", "\n", "Some **bold** text"], queries: [] });
        assert.match(element.html, /<h1>Title &lt;b&gt;<\/h1>/);
        assert.match(element.html, /<p>Some <strong>bold<\/strong> text<\/p>/);
    });

    it("draws counters and tables from the rows", () => {
        const counter: PreviewWidget = {
            name: "rate",
            queries: [{ name: "q", datasetName: "geo", disaggregated: false, fields: [{ name: "approval_rate_pct", expression: "`approval_rate_pct`" }] }],
            spec: { version: 2, widgetType: "counter", encodings: { value: { fieldName: "approval_rate_pct" } } },
        };
        assert.match(render(counter).html, /<div class="counter-value">\d+(\.\d+)?<\/div>/);
        const table: PreviewWidget = { ...counter, name: "t", spec: { version: 2, widgetType: "table", encodings: { columns: [{ fieldName: "approval_rate_pct", displayName: "Rate" }] } } };
        const html = render(table).html;
        assert.match(html, /<th>Rate<\/th>/);
        assert.ok((html.match(/<tr>/g) ?? []).length > 2);
    });
});
