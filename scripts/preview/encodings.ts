/**
 * Reading a widget's encodings: the channel objects, and the check that every field an encoding shows is
 * one its query computes (otherwise the workspace draws an empty widget; the preview refuses instead).
 */
import type { PreviewQuery, PreviewWidget } from "./dashboard-shape";

export interface Channel {
    readonly fieldName?: string;
    readonly fields?: readonly { fieldName: string; displayName?: string }[];
    readonly displayName?: string;
    readonly scale?: { type?: string; sort?: { by?: string; orderedList?: unknown[] } };
}

export function encodingsOf(widget: PreviewWidget): Record<string, unknown> {
    const encodings = widget.spec?.encodings;
    return encodings !== null && typeof encodings === "object" && !Array.isArray(encodings) ? (encodings as Record<string, unknown>) : {};
}

export function channel(widget: PreviewWidget, name: string): Channel | undefined {
    const value = encodingsOf(widget)[name];
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Channel) : undefined;
}

export interface EncodedField {
    readonly path: string;
    readonly fieldName: string;
    /** A filter binding names the query it filters beside the field. */
    readonly queryName?: string;
}

/** Every `fieldName` anywhere under encodings, with its path and any sibling queryName. */
export function encodedFieldNames(value: unknown, at = "encodings"): EncodedField[] {
    if (Array.isArray(value)) return value.flatMap((item, i) => encodedFieldNames(item, `${at}[${i}]`));
    if (value === null || typeof value !== "object") return [];
    const record = value as Record<string, unknown>;
    const own: EncodedField[] =
        typeof record.fieldName === "string"
            ? [{ path: `${at}.fieldName`, fieldName: record.fieldName, queryName: typeof record.queryName === "string" ? record.queryName : undefined }]
            : [];
    return [...own, ...Object.entries(record).flatMap(([key, child]) => (key === "fieldName" ? [] : encodedFieldNames(child, `${at}.${key}`)))];
}

/** The query a data widget draws: the one spec.data.queryName names, else the first. */
export function mainQuery(widget: PreviewWidget, where: string): PreviewQuery {
    const data = widget.spec?.data as { queryName?: unknown } | undefined;
    const named = typeof data?.queryName === "string" ? widget.queries.find((q) => q.name === data.queryName) : widget.queries[0];
    if (named === undefined) throw new Error(`${where}: has no query to draw${typeof data?.queryName === "string" ? ` (spec.data.queryName "${data.queryName}" is not one of its queries)` : ""}`);
    return named;
}

/** Each encoded field against its query: the binding's own queryName (filters), else the main query. */
export function requireEncodedFieldsInQuery(widget: PreviewWidget, main: PreviewQuery, where: string): void {
    for (const { path, fieldName, queryName } of encodedFieldNames(encodingsOf(widget))) {
        const query = queryName === undefined ? main : widget.queries.find((q) => q.name === queryName);
        if (query === undefined) throw new Error(`${where}: ${path} binds query "${queryName}", which the widget does not have`);
        const names = query.fields.map((f) => f.name);
        if (!names.includes(fieldName)) {
            throw new Error(`${where}: ${path} "${fieldName}" is not a field of query "${query.name}"; its fields: ${names.join(", ") || "(none)"}`);
        }
    }
}
