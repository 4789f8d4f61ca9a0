/**
 * A Lakeview chart widget as a Vega-Lite spec: mark from the widget type, channels from its encodings,
 * the rows inline. Pure, so each widget type has a unit test; compiling and drawing happen elsewhere.
 */
import type { PreviewWidget } from "./dashboard-shape";
import { channel, type Channel } from "./encodings";
import { valueKind, type TypedField } from "./field-types";
import type { Row } from "./sample-rows";
import { widgetType } from "./widget-kind";
import { choroplethSpec } from "./world-map";

type VlSpec = Record<string, unknown>;
type VlType = "quantitative" | "temporal" | "nominal" | "ordinal";

/** Vega-Lite reads `.` and `[` in a field name as nested access; Lakeview names like `bin(x, binWidth=0.5)` are flat. */
export function vlField(name: string): string {
    return name.replace(/([.[\]\\])/g, "\\$1");
}

function fieldType(fields: readonly TypedField[], name: string): VlType {
    const field = fields.find((f) => f.name === name);
    return field === undefined ? "nominal" : valueKind(field.sparkType);
}

function channelType(ch: Channel, fields: readonly TypedField[], name: string): VlType {
    switch (ch.scale?.type) {
        case "categorical":
            return "nominal";
        case "quantitative":
            return "quantitative";
        case "temporal":
            return "temporal";
        default:
            return fieldType(fields, name);
    }
}

/** Lakeview's sort settings in Vega-Lite terms; natural order keeps the rows' order. */
function sortOf(ch: Channel): unknown {
    switch (ch.scale?.sort?.by) {
        case "y":
            return "y";
        case "y-reversed":
            return "-y";
        case "x":
            return "x";
        case "x-reversed":
            return "-x";
        case "custom-order":
            return ch.scale.sort.orderedList;
        case "natural-order":
            return null;
        default:
            return undefined;
    }
}

function encodeChannel(ch: Channel | undefined, fields: readonly TypedField[]): Record<string, unknown> | undefined {
    if (ch?.fieldName === undefined) return undefined;
    const type = channelType(ch, fields, ch.fieldName);
    const sort = type === "nominal" ? sortOf(ch) : undefined;
    return {
        field: vlField(ch.fieldName),
        type,
        title: ch.displayName ?? ch.fieldName,
        ...(sort !== undefined ? { sort } : {}),
        ...(type === "temporal" && fields.find((f) => f.name === ch.fieldName)?.sparkType === "date" ? { timeUnit: "yearmonthdate" } : {}),
    };
}

const MARKS: Readonly<Record<string, unknown>> = {
    bar: { type: "bar" },
    histogram: { type: "bar" },
    // Points on lines and areas, so a series of one row (an hour of local data) still shows.
    line: { type: "line", point: true },
    "forecast-line": { type: "line" },
    combo: { type: "line" },
    area: { type: "area", line: true, point: true, opacity: 0.6 },
    scatter: { type: "point", filled: true },
    heatmap: { type: "rect" },
};

/** x/y charts; a y channel with several fields becomes one series per field (a fold). */
function xyChart(widget: PreviewWidget, fields: readonly TypedField[]): VlSpec {
    const type = widgetType(widget);
    const x = channel(widget, "x");
    const y = channel(widget, "y");
    const encoding: Record<string, unknown> = { x: encodeChannel(x, fields), y: encodeChannel(y, fields) };
    const transform: unknown[] = [];
    if (y?.fields !== undefined) {
        transform.push({ fold: y.fields.map((f) => vlField(f.fieldName)), as: ["series", "value"] });
        encoding.y = { field: "value", type: "quantitative", title: y.displayName ?? "value" };
        encoding.color = { field: "series", type: "nominal", title: null };
    }
    if (x?.fields !== undefined) throw new Error(`several x fields are not drawn by the preview`);
    const color = encodeChannel(channel(widget, "color"), fields);
    if (color) encoding.color = type === "heatmap" ? { ...color, type: "quantitative" } : color;
    const size = encodeChannel(channel(widget, "size"), fields);
    if (size) encoding.size = size;
    if (type === "heatmap") {
        encoding.x = { ...(encoding.x as object), type: "ordinal" };
        encoding.y = { ...(encoding.y as object), type: "ordinal" };
    }
    if (encoding.x === undefined || encoding.y === undefined) throw new Error(`a ${type} chart needs x and y encodings with a fieldName`);
    return { mark: MARKS[type], encoding, ...(transform.length > 0 ? { transform } : {}) };
}

function pieChart(widget: PreviewWidget, fields: readonly TypedField[]): VlSpec {
    const angle = encodeChannel(channel(widget, "angle"), fields);
    const color = encodeChannel(channel(widget, "color"), fields);
    if (angle === undefined || color === undefined) throw new Error("a pie chart needs angle and color encodings with a fieldName");
    return { mark: { type: "arc", innerRadius: 0 }, encoding: { theta: { ...angle, type: "quantitative", stack: true }, color: { ...color, type: "nominal" } } };
}

const CHART_CONFIG = {
    view: { stroke: null },
    axis: { labelFontSize: 10, titleFontSize: 11, labelLimit: 120 },
    legend: { labelFontSize: 10, titleFontSize: 10, orient: "right" },
    font: "Helvetica, Arial, sans-serif",
};

/** The full Vega-Lite spec of a chart or map widget, sized to its box. */
export function chartSpec(widget: PreviewWidget, kind: "chart" | "map", fields: readonly TypedField[], rows: readonly Row[], size: { width: number; height: number }): VlSpec {
    const type = widgetType(widget);
    const frame = {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        width: size.width,
        height: size.height,
        autosize: { type: "fit", contains: "padding" },
        background: "transparent",
        config: CHART_CONFIG,
    };
    // A map brings its own data (the country shapes) and looks the rows up by country.
    if (kind === "map") return { ...frame, ...choroplethSpec(widget, rows) };
    const body = type === "pie" ? pieChart(widget, fields) : xyChart(widget, fields);
    return { ...frame, data: { values: rows }, ...body };
}
