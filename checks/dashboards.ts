/**
 * Cross-checks of one dashboard that the schema cannot express: every dataset is valid Spark SQL over
 * contract tables, every widget reads a dataset that exists and only columns that dataset returns, every
 * encoding shows a field its query computes, and the layout fits the grid. These are the mistakes that
 * deploy fine and then render blank widgets (format doc section 10).
 */
import { parseFieldExpression } from "./dashboards-fields";
import { checkPageFilters } from "./dashboards-filters";
import { checkPageLayout } from "./dashboards-layout";
import type { LakeviewDashboard, LakeviewDataset, LakeviewWidget } from "./lakeview-schema";

/** What the SQL checker reports about one dataset query. */
export interface DatasetAnalysis {
    /** Contract tables and views read, by unqualified name. */
    readonly tables: readonly string[];
    /** Column names of the result, in order; empty when they cannot be determined. */
    readonly outputColumns: readonly string[];
    readonly problems: readonly string[];
}

export type DatasetAnalyzer = (sql: string, source: string) => DatasetAnalysis;

export interface CrossCheckOptions {
    /**
     * The SQL checker, for the project's own templates: with it the dataset SQL, the contract's tables and
     * columns, the editor's expression grammar and unused datasets are checked too. Without it (any other
     * Lakeview file) only what breaks rendering in any dashboard is checked: references between datasets,
     * queries, fields and encodings, and the layout; those files follow nobody's contract or conventions.
     */
    readonly analyze?: DatasetAnalyzer;
    /**
     * Every table must be written `{{catalog}}.{{schema}}.<name>`: an unqualified name resolves against
     * whatever the warehouse session defaults to (inventory 7.3, item 28). The analyzer rejects other
     * qualifiers; this catches the bare names it accepts.
     */
    readonly requireQualifiedTables?: boolean;
    /** Hold the pages to the filter rules of dashboards-filters.ts (needs `analyze`, for the result columns). */
    readonly requirePageFilters?: boolean;
}

export function datasetSql(dataset: LakeviewDataset): string {
    return dataset.queryLines !== undefined ? dataset.queryLines.join("") : (dataset.query ?? "");
}

/** `table` written without a `something.` in front, outside string literals and comments. */
export function hasUnqualifiedReference(sql: string, table: string): boolean {
    const code = sql.replace(/'(?:[^'\\]|\\.)*'/g, "''").replace(/--[^\n]*/g, "");
    const escaped = table.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^\\w.\`])\`?${escaped}\`?(?![\\w.])`, "i").test(code);
}

function duplicates(names: readonly string[]): string[] {
    return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}

interface EncodedField {
    readonly fieldName?: string;
    readonly parameterName?: string;
    readonly queryName?: string;
    readonly path: string;
}

/** Every object under `encodings` that names a field or parameter, wherever the widget type nests it. */
export function encodedFields(encodings: unknown, path = "encodings"): EncodedField[] {
    if (Array.isArray(encodings)) return encodings.flatMap((item, i) => encodedFields(item, `${path}[${i}]`));
    if (encodings === null || typeof encodings !== "object") return [];
    const record = encodings as Record<string, unknown>;
    const own: EncodedField[] =
        typeof record.fieldName === "string" || typeof record.parameterName === "string"
            ? [
                  {
                      fieldName: typeof record.fieldName === "string" ? record.fieldName : undefined,
                      parameterName: typeof record.parameterName === "string" ? record.parameterName : undefined,
                      queryName: typeof record.queryName === "string" ? record.queryName : undefined,
                      path,
                  },
              ]
            : [];
    return [...own, ...Object.entries(record).flatMap(([key, value]) => encodedFields(value, `${path}.${key}`))];
}

function checkWidget(
    widget: LakeviewWidget,
    where: string,
    datasets: ReadonlyMap<string, DatasetAnalysis | undefined>,
    projectConventions: boolean,
): string[] {
    const problems: string[] = [];
    const queries = widget.queries ?? [];
    for (const dup of duplicates(queries.map((q) => q.name))) problems.push(`${where}: query name "${dup}" is used twice`);

    for (const { name: queryName, query } of queries) {
        const at = `${where} > query "${queryName}"`;
        if (!datasets.has(query.datasetName)) {
            problems.push(`${at}: datasetName "${query.datasetName}" is not a dataset of this dashboard; datasets: ${[...datasets.keys()].join(", ")}`);
            continue;
        }
        const analysis = datasets.get(query.datasetName);
        const fields = query.fields ?? [];
        for (const dup of duplicates(fields.map((f) => f.name))) problems.push(`${at}: field name "${dup}" is used twice`);
        for (const field of projectConventions ? fields : []) {
            const parsed = parseFieldExpression(field.expression);
            if (typeof parsed === "string") {
                problems.push(`${at} > field "${field.name}": ${parsed}`);
                continue;
            }
            if (field.name !== parsed.conventionalName) {
                problems.push(`${at} > field "${field.name}": the editor names expression ${field.expression} "${parsed.conventionalName}"; use that name`);
            }
            if (parsed.aggregate && query.disaggregated) {
                problems.push(`${at} > field "${field.name}": aggregate ${field.expression} in a disaggregated query (disaggregated: true shows rows as-is; set it to false)`);
            }
            // Without a result shape (the SQL did not parse) a column check would only add noise.
            if (parsed.column !== undefined && analysis !== undefined && analysis.outputColumns.length > 0) {
                if (!analysis.outputColumns.includes(parsed.column)) {
                    problems.push(
                        `${at} > field "${field.name}": column "${parsed.column}" is not returned by dataset "${query.datasetName}"; ` +
                            `it returns ${analysis.outputColumns.join(", ")}`,
                    );
                }
            }
        }
    }

    if (widget.spec !== undefined) {
        const boundQuery = widget.spec.data?.queryName;
        if (boundQuery !== undefined && !queries.some((q) => q.name === boundQuery)) {
            problems.push(`${where} > spec.data.queryName: "${boundQuery}" is not a query of this widget; queries: ${queries.map((q) => q.name).join(", ")}`);
        }
        const single = queries.length === 1 ? queries[0] : undefined;
        for (const encoded of encodedFields(widget.spec.encodings)) {
            const at = `${where} > spec.${encoded.path}`;
            const query = encoded.queryName !== undefined ? queries.find((q) => q.name === encoded.queryName) : single;
            if (query === undefined) {
                problems.push(
                    encoded.queryName !== undefined
                        ? `${at}: queryName "${encoded.queryName}" is not a query of this widget; queries: ${queries.map((q) => q.name).join(", ")}`
                        : `${at}: the widget has ${queries.length} queries, so the encoding must name one with queryName`,
                );
                continue;
            }
            if (encoded.fieldName !== undefined) {
                const names = (query.query.fields ?? []).map((f) => f.name);
                // A range slider encodes the bare column while its query computes min/max of it.
                const isSliderColumn =
                    widget.spec.widgetType === "range-slider" &&
                    (query.query.fields ?? []).some((f) => {
                        const parsed = parseFieldExpression(f.expression);
                        return typeof parsed !== "string" && parsed.column === encoded.fieldName;
                    });
                if (!names.includes(encoded.fieldName) && !isSliderColumn) {
                    problems.push(`${at}: fieldName "${encoded.fieldName}" is not a field of query "${query.name}"; fields: ${names.join(", ") || "(none)"}`);
                }
            }
            if (encoded.parameterName !== undefined) {
                const names = (query.query.parameters ?? []).map((p) => p.name);
                if (!names.includes(encoded.parameterName)) {
                    problems.push(`${at}: parameterName "${encoded.parameterName}" is not a parameter of query "${query.name}"; parameters: ${names.join(", ") || "(none)"}`);
                }
            }
        }
    }
    return problems;
}

export function crossCheckDashboard(dashboard: LakeviewDashboard, source: string, options: CrossCheckOptions): string[] {
    const problems: string[] = [];
    const widgets = dashboard.pages.flatMap((page) => (page.layout ?? []).map((item) => ({ page, widget: item.widget })));

    for (const dup of duplicates(dashboard.datasets.map((d) => d.name))) problems.push(`${source}: dataset name "${dup}" is used twice`);
    for (const dup of duplicates(dashboard.pages.map((p) => p.name))) problems.push(`${source}: page name "${dup}" is used twice`);
    for (const dup of duplicates(widgets.map((w) => w.widget.name))) problems.push(`${source}: widget name "${dup}" is used twice (names are unique per dashboard)`);

    const analyses = new Map<string, DatasetAnalysis | undefined>();
    for (const dataset of dashboard.datasets) {
        const where = `${source} > dataset "${dataset.name}"`;
        if (options.analyze === undefined) {
            analyses.set(dataset.name, undefined);
            continue;
        }
        const analysis = options.analyze(datasetSql(dataset), where);
        problems.push(...analysis.problems.map((problem) => (problem.startsWith(where) ? problem : `${where}: ${problem}`)));
        if (options.requireQualifiedTables === true) {
            for (const table of analysis.tables) {
                if (hasUnqualifiedReference(datasetSql(dataset), table)) {
                    problems.push(`${where}: reads ${table} without a qualifier; write {{catalog}}.{{schema}}.${table} so each stack reads its own`);
                }
            }
        }
        analyses.set(dataset.name, analysis);
    }

    const used = new Set(widgets.flatMap(({ widget }) => (widget.queries ?? []).map((q) => q.query.datasetName)));
    for (const dataset of options.analyze !== undefined ? dashboard.datasets : []) {
        if (!used.has(dataset.name)) problems.push(`${source} > dataset "${dataset.name}": no widget uses it; remove it or add a widget`);
    }

    for (const { page, widget } of widgets) {
        problems.push(...checkWidget(widget, `${source}: page "${page.name}" > widget "${widget.name}"`, analyses, options.analyze !== undefined));
    }
    for (const page of dashboard.pages) problems.push(...checkPageLayout(page, source));
    if (options.analyze !== undefined && options.requirePageFilters === true) {
        const columns = new Map([...analyses].map(([name, analysis]) => [name, analysis?.outputColumns ?? []]));
        problems.push(...checkPageFilters(dashboard, source, columns));
    }
    return problems;
}
