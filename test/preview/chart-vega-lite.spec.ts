import { strict as assert } from "assert";
import { chartSpec, vlField } from "../../scripts/preview/chart-vega-lite";
import type { PreviewWidget } from "../../scripts/preview/dashboard-shape";
import type { TypedField } from "../../scripts/preview/field-types";
import { compileVegaLite } from "../../scripts/preview/vega-runtime";
import { barWidget } from "./fixture";

const SIZE = { width: 400, height: 200 };
const geoFields: TypedField[] = [
    { name: "country", column: "country", sparkType: "string", aggregate: false },
    { name: "avg(approval_rate_pct)", column: "approval_rate_pct", sparkType: "double", aggregate: true },
];
const rows = [
    { country: "US", "avg(approval_rate_pct)": 91.5 },
    { country: "GB", "avg(approval_rate_pct)": 88 },
];

function withSpec(type: string, encodings: Record<string, unknown>): PreviewWidget {
    return { name: `a_${type}`, queries: [], spec: { version: 3, widgetType: type, encodings } };
}

describe("preview: Lakeview chart -> Vega-Lite", () => {
    it("draws a bar with the categorical x sorted as the widget says (y-reversed: largest first)", () => {
        const spec = chartSpec(barWidget(), "chart", geoFields, rows, SIZE);
        assert.deepEqual(spec.mark, { type: "bar" });
        const encoding = spec.encoding as Record<string, Record<string, unknown>>;
        assert.deepEqual(encoding.x, { field: "country", type: "nominal", title: "Country", sort: "-y" });
        assert.equal(encoding.y.type, "quantitative");
        assert.deepEqual((spec.data as { values: unknown }).values, rows);
        assert.equal(spec.width, 400);
    });

    it("escapes Lakeview field names that Vega-Lite would read as nested access", () => {
        assert.equal(vlField("bin(amount, binWidth=0.5)"), "bin(amount, binWidth=0\\.5)");
        assert.equal(vlField("avg(x)"), "avg(x)");
    });

    it("draws line and area over a temporal x with a day unit for date fields", () => {
        const fields: TypedField[] = [
            { name: "event_date", column: "event_date", sparkType: "date", aggregate: false },
            { name: "sum(n)", column: "n", sparkType: "bigint", aggregate: true },
        ];
        for (const type of ["line", "area"]) {
            const widget = withSpec(type, { x: { fieldName: "event_date", scale: { type: "temporal" } }, y: { fieldName: "sum(n)", scale: { type: "quantitative" } } });
            const spec = chartSpec(widget, "chart", fields, [], SIZE);
            assert.equal((spec.mark as { type: string }).type, type);
            assert.deepEqual((spec.encoding as Record<string, Record<string, unknown>>).x, { field: "event_date", type: "temporal", title: "event_date", timeUnit: "yearmonthdate" });
        }
    });

    it("draws a pie as an arc with theta and colour", () => {
        const widget = withSpec("pie", { angle: { fieldName: "avg(approval_rate_pct)", scale: {} }, color: { fieldName: "country", scale: {} } });
        const spec = chartSpec(widget, "chart", geoFields, rows, SIZE);
        assert.equal((spec.mark as { type: string }).type, "arc");
        assert.deepEqual(Object.keys(spec.encoding as object).sort(), ["color", "theta"]);
    });

    it("draws a scatter as points with colour", () => {
        const widget = withSpec("scatter", {
            x: { fieldName: "avg(approval_rate_pct)", scale: {} },
            y: { fieldName: "avg(approval_rate_pct)", scale: {} },
            color: { fieldName: "country", scale: { type: "categorical" } },
        });
        const spec = chartSpec(widget, "chart", geoFields, rows, SIZE);
        assert.deepEqual(spec.mark, { type: "point", filled: true });
        assert.equal((spec.encoding as Record<string, Record<string, unknown>>).color.type, "nominal");
    });

    it("folds a y channel with several fields into one series per field", () => {
        const widget = withSpec("line", { x: { fieldName: "country", scale: {} }, y: { scale: {}, fields: [{ fieldName: "a" }, { fieldName: "b" }] } });
        const spec = chartSpec(widget, "chart", geoFields, [], SIZE);
        assert.deepEqual(spec.transform, [{ fold: ["a", "b"], as: ["series", "value"] }]);
    });

    it("draws a choropleth as world country shapes joined to the rows by ISO numeric code", () => {
        const widget = withSpec("choropleth-map", {
            color: { fieldName: "avg(approval_rate_pct)", displayName: "Approval (%)", scale: { type: "quantitative" } },
            region: { regionType: "mapbox-v4-admin", admin0: { type: "field", fieldName: "country", geographicRole: "admin0-iso-3166-1-alpha-2" } },
        });
        const spec = chartSpec(widget, "map", geoFields, rows, SIZE);
        assert.deepEqual(spec.mark, { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.4, invalid: "show" });
        const data = spec.data as { values: { type: string; objects: { countries: { geometries: { id: string }[] } } }; format: unknown };
        assert.equal(data.values.type, "Topology");
        assert.deepEqual(data.format, { type: "topojson", feature: "countries" });
        const lookup = (spec.transform as { lookup: string; from: { data: { values: Record<string, unknown>[] }; key: string } }[])[0];
        assert.equal(lookup.lookup, "id");
        // US is 840 and GB 826 in ISO 3166-1 numeric, the ids world-atlas gives those shapes.
        assert.deepEqual(lookup.from.data.values.map((r) => r[lookup.from.key]), ["840", "826"]);
        const ids = new Set(data.values.objects.countries.geometries.map((g) => g.id));
        assert.ok(ids.has("840") && ids.has("826"));
        const compiled = compileVegaLite(spec, "w");
        assert.ok(JSON.stringify(compiled).includes('"type":"geoshape"') || JSON.stringify(compiled).includes('"geoshape"'));
    });

    it("refuses a choropleth whose rows are not ISO country codes, or whose role it cannot draw", () => {
        const encodings = (role: string) => ({
            color: { fieldName: "avg(approval_rate_pct)", scale: {} },
            region: { admin0: { type: "field", fieldName: "country", geographicRole: role } },
        });
        const widget = withSpec("choropleth-map", encodings("admin0-iso-3166-1-alpha-2"));
        assert.throws(() => chartSpec(widget, "map", geoFields, [{ country: "Narnia", "avg(approval_rate_pct)": 1 }], SIZE), /"Narnia" in field "country" is not an ISO 3166-1 alpha-2 country code/);
        assert.throws(() => chartSpec(withSpec("choropleth-map", encodings("admin0-name")), "map", geoFields, rows, SIZE), /geographic role "admin0-name" is not drawn by the preview; drawn: admin0-iso-3166-1-alpha-2, admin0-iso-3166-1-alpha-3/);
    });

    it("fails on a bar without a y field", () => {
        const widget = withSpec("bar", { x: { fieldName: "country", scale: {} } });
        assert.throws(() => chartSpec(widget, "chart", geoFields, rows, SIZE), /a bar chart needs x and y encodings/);
    });

    it("compiles to Vega, and a spec Vega-Lite cannot use fails naming the widget", () => {
        const compiled = compileVegaLite(chartSpec(barWidget(), "chart", geoFields, rows, SIZE), "w");
        assert.match(String(compiled.$schema), /vega\/v6/);
        assert.ok(Array.isArray(compiled.marks));
        assert.throws(() => compileVegaLite({ mark: "no-such-mark", data: { values: [] } }, 'dashboard "d" > page "p" > widget "w"'), /^Error: dashboard "d" > page "p" > widget "w": ./);
    });
});
