/**
 * Which drawer a widget gets. Lakeview has more widget types than the preview draws; any other type is a
 * labelled placeholder and is reported, never a silent gap in the picture.
 */
import type { PreviewWidget } from "./dashboard-shape";

export type WidgetKind = "text" | "counter" | "table" | "filter" | "chart" | "map" | "unknown";

const CHART_TYPES = new Set(["bar", "line", "area", "pie", "scatter", "heatmap", "histogram", "combo", "forecast-line"]);
// Point and symbol maps need coordinates the preview does not place; they stay placeholders.
const MAP_TYPES = new Set(["choropleth-map"]);

export function widgetType(widget: PreviewWidget): string {
    if (widget.textLines !== undefined) return "text";
    return typeof widget.spec?.widgetType === "string" ? widget.spec.widgetType : "(none)";
}

export function widgetKind(widget: PreviewWidget): WidgetKind {
    const type = widgetType(widget);
    if (type === "text") return "text";
    if (type === "counter") return "counter";
    if (type === "table" || type === "pivot") return "table";
    // The editor's filters are filter-single-select, filter-multi-select, filter-date-range-picker, ... and range-slider.
    if (type.startsWith("filter-") || type === "range-slider") return "filter";
    if (CHART_TYPES.has(type)) return "chart";
    if (MAP_TYPES.has(type)) return "map";
    return "unknown";
}
