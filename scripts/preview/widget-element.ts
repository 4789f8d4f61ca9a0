/**
 * One widget as one HTML element (`data-widget="<name>"`), placed on the page grid: text as markdown,
 * counters and tables as HTML, filters as labelled boxes, charts and maps as compiled Vega specs that the
 * page's script draws, anything else as a labelled placeholder that is also reported.
 */
import { chartSpec } from "./chart-vega-lite";
import type { PreviewDashboard, PreviewPage, PreviewWidget } from "./dashboard-shape";
import { widgetLocation } from "./dashboard-shape";
import { channel, encodingsOf, mainQuery, requireEncodedFieldsInQuery } from "./encodings";
import { tablesRead, typeFields, type TypedField } from "./field-types";
import { cellSizePx, checkFitsGrid, gridArea, gridColumns } from "./grid-layout";
import { escapeHtml, markdownToHtml, scriptJson } from "./html-text";
import { widgetRows, type RowSource } from "./rows-input";
import { sampleRows, seedOf, type Row } from "./sample-rows";
import { compileVegaLite } from "./vega-runtime";
import { formatValue, type NumberFormat } from "./value-format";
import { widgetKind, widgetType, type WidgetKind } from "./widget-kind";

/** Box padding and title line, taken off the cell to size a chart. */
const BOX_PADDING_PX = 12;
const TITLE_HEIGHT_PX = 22;

export interface WidgetElement {
    readonly html: string;
    /** Things the picture cannot show faithfully (unknown widget types); the command prints them. */
    readonly notes: readonly string[];
}

export interface WidgetContext {
    readonly dashboard: PreviewDashboard;
    readonly page: PreviewPage;
    readonly rowSource?: RowSource;
}

function titleOf(widget: PreviewWidget): string | undefined {
    const frame = widget.spec?.frame as { showTitle?: boolean; title?: string } | undefined;
    return frame?.showTitle === true && frame.title ? frame.title : undefined;
}

interface WidgetData {
    readonly fields: TypedField[];
    readonly rows: Row[];
    readonly origin: string;
}

function widgetData(widget: PreviewWidget, kind: WidgetKind, context: WidgetContext, where: string): WidgetData {
    const query = mainQuery(widget, where);
    requireEncodedFieldsInQuery(widget, query, where);
    const dataset = context.dashboard.datasets.find((d) => d.name === query.datasetName);
    if (dataset === undefined) throw new Error(`${where}: query "${query.name}" reads dataset "${query.datasetName}", which the dashboard does not define`);
    const fields = typeFields(query.fields, dataset.sql, `${where} > query "${query.name}"`);
    const real = context.rowSource?.(context.dashboard.key, dataset.name, tablesRead(dataset.sql));
    if (real) return { fields, rows: widgetRows(real.rows, fields, query.fields, query.disaggregated, where, real.file), origin: real.file };
    const seed = seedOf(`${context.dashboard.key}/${widget.name}`);
    const minRows = kind === "table" ? 12 : kind === "chart" && widgetType(widget) === "scatter" ? 24 : 1;
    return { fields, rows: sampleRows(fields, seed, { minRows }), origin: "sample" };
}

function counterBody(widget: PreviewWidget, data: WidgetData): string {
    const value = channel(widget, "value") as ({ fieldName?: string; format?: NumberFormat; displayName?: string } | undefined);
    const fieldName = value?.fieldName ?? data.fields[0]?.name;
    const shown = fieldName === undefined ? "" : formatValue(data.rows[0]?.[fieldName], value?.format);
    return `<div class="counter-value">${escapeHtml(shown)}</div>`;
}

function tableBody(widget: PreviewWidget, data: WidgetData, heightPx: number): string {
    const declared = encodingsOf(widget).columns;
    const columns = Array.isArray(declared)
        ? (declared as { fieldName: string; displayName?: string; format?: NumberFormat }[])
        : data.fields.map((f) => ({ fieldName: f.name, displayName: f.name, format: undefined }));
    const fitting = Math.max(1, Math.floor((heightPx - TITLE_HEIGHT_PX - 24) / 22));
    const head = columns.map((c) => `<th>${escapeHtml(c.displayName ?? c.fieldName)}</th>`).join("");
    const rows = data.rows
        .slice(0, fitting)
        .map((row) => `<tr>${columns.map((c) => `<td>${escapeHtml(formatValue(row[c.fieldName], c.format))}</td>`).join("")}</tr>`)
        .join("");
    return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function filterBody(widget: PreviewWidget): string {
    const bindings = encodingsOf(widget).fields;
    const labels = Array.isArray(bindings)
        ? (bindings as { displayName?: string; fieldName?: string; parameterName?: string }[]).map((b) => b.displayName ?? b.fieldName ?? b.parameterName ?? "")
        : [];
    const type = widgetType(widget);
    const control = /date/.test(type) ? "2026-01-01 → 2026-01-31" : type === "range-slider" ? "min ——●——●—— max" : "All ▾";
    return `<div class="filter-label">${escapeHtml([...new Set(labels)].join(", ") || type)}</div><div class="filter-control">${escapeHtml(control)}</div>`;
}

export function renderWidget(widget: PreviewWidget, position: { x: number; y: number; width: number; height: number }, context: WidgetContext): WidgetElement {
    const where = widgetLocation(context.dashboard.key, context.page.name, widget.name);
    const columns = gridColumns(context.page.layoutVersion);
    checkFitsGrid(position, columns, where);
    const kind = widgetKind(widget);
    const type = widgetType(widget);
    const cell = cellSizePx(position, columns);
    const title = titleOf(widget);
    const notes: string[] = [];
    let body: string;
    let extra = "";
    if (kind === "text") body = `<div class="markdown">${markdownToHtml(widget.textLines ?? [])}</div>`;
    else if (kind === "filter") {
        // A filter draws no data, but a binding to a field its query lacks is still a broken widget.
        if (widget.queries.length > 0) requireEncodedFieldsInQuery(widget, mainQuery(widget, where), where);
        body = filterBody(widget);
    }
    else if (kind === "unknown") {
        notes.push(`${where}: widget type "${type}" is not drawn by the preview; shown as a placeholder`);
        body = `<div class="placeholder">${escapeHtml(type)} widget<br>(not drawn by the preview)</div>`;
    } else {
        const data = widgetData(widget, kind, context, where);
        if (kind === "counter") body = counterBody(widget, data);
        else if (kind === "table") body = tableBody(widget, data, cell.height);
        else {
            const plot = { width: cell.width - 2 * BOX_PADDING_PX, height: cell.height - 2 * BOX_PADDING_PX - (title ? TITLE_HEIGHT_PX : 0) };
            const compiled = compileVegaLite(chartSpec(widget, kind, data.fields, data.rows, plot), where);
            body = `<div class="plot"></div><script type="application/json" class="vega-spec">${scriptJson(compiled)}</script>`;
        }
        extra = ` data-rows="${escapeHtml(data.origin)}"`;
    }
    const heading = title ? `<h3 class="title">${escapeHtml(title)}</h3>` : "";
    const html =
        `<section class="widget kind-${kind}" data-widget="${escapeHtml(widget.name)}" data-widget-type="${escapeHtml(type)}"${extra} style="grid-area: ${gridArea(position)}">` +
        `${heading}${body}</section>`;
    return { html, notes };
}
