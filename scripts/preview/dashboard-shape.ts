/**
 * The parts of a `.lvdash.json` the preview draws, read structurally rather than through the Lakeview
 * schema: the schema knows today's widget types, and the preview must still draw a dashboard that uses a
 * type it has never seen (as a labelled placeholder), so unknown keys and types pass through here.
 */
export interface PreviewField {
    readonly name: string;
    readonly expression: string;
}

export interface PreviewQuery {
    readonly name: string;
    readonly datasetName: string;
    readonly fields: readonly PreviewField[];
    /** true: one widget row per dataset row; false (Lakeview's default): grouped and aggregated. */
    readonly disaggregated: boolean;
}

export interface PreviewWidget {
    readonly name: string;
    /** Markdown lines of a text widget (either text form); undefined for data widgets. */
    readonly textLines?: readonly string[];
    readonly queries: readonly PreviewQuery[];
    /** The widget's `spec`, untyped: each drawer reads the keys of its own widget type. */
    readonly spec?: Readonly<Record<string, unknown>>;
}

export interface PreviewPosition {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

export interface PreviewPage {
    readonly name: string;
    readonly displayName: string;
    readonly layoutVersion?: string;
    readonly layout: readonly { readonly widget: PreviewWidget; readonly position: PreviewPosition }[];
}

export interface PreviewDataset {
    readonly name: string;
    readonly sql: string;
}

export interface PreviewDashboard {
    /** File name without `.lvdash.json`, e.g. `executive_overview`. */
    readonly key: string;
    readonly datasets: readonly PreviewDataset[];
    readonly pages: readonly PreviewPage[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function objectAt(value: unknown, where: string): Json {
    if (!isObject(value)) throw new Error(`${where}: expected an object, got ${JSON.stringify(value)?.slice(0, 60)}`);
    return value;
}

function arrayAt(value: unknown, where: string): unknown[] {
    if (!Array.isArray(value)) throw new Error(`${where}: expected an array, got ${JSON.stringify(value)?.slice(0, 60)}`);
    return value;
}

function stringAt(value: unknown, where: string): string {
    if (typeof value !== "string") throw new Error(`${where}: expected a string, got ${JSON.stringify(value)?.slice(0, 60)}`);
    return value;
}

function intAt(value: unknown, where: string): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw new Error(`${where}: expected a whole number >= 0, got ${JSON.stringify(value)}`);
    return value;
}

function readQuery(raw: unknown, where: string): PreviewQuery {
    const query = objectAt(raw, where);
    const name = stringAt(query.name, `${where} > name`);
    const inner = objectAt(query.query, `${where} "${name}" > query`);
    const fields = arrayAt(inner.fields ?? [], `${where} "${name}" > fields`).map((field, i) => {
        const f = objectAt(field, `${where} "${name}" > fields[${i}]`);
        return { name: stringAt(f.name, `${where} "${name}" > fields[${i}].name`), expression: stringAt(f.expression, `${where} "${name}" > fields[${i}].expression`) };
    });
    return { name, datasetName: stringAt(inner.datasetName, `${where} "${name}" > datasetName`), fields, disaggregated: inner.disaggregated === true };
}

function readWidget(raw: unknown, where: string): PreviewWidget {
    const widget = objectAt(raw, where);
    const name = stringAt(widget.name, `${where} > name`);
    const at = `${where.replace(/ > widget$/, "")} > widget "${name}"`;
    const multiline = widget.multilineTextboxSpec;
    const textLines = isObject(multiline)
        ? arrayAt(multiline.lines, `${at} > multilineTextboxSpec.lines`).map((line, i) => stringAt(line, `${at} > lines[${i}]`))
        : typeof widget.textbox_spec === "string"
          ? widget.textbox_spec.split(/(?<=\n)/)
          : undefined;
    const queries = arrayAt(widget.queries ?? [], `${at} > queries`).map((q, i) => readQuery(q, `${at} > queries[${i}]`));
    const spec = widget.spec === undefined ? undefined : objectAt(widget.spec, `${at} > spec`);
    return { name, textLines, queries, spec };
}

/** Reads a dashboard for drawing; errors name the file, page and widget. */
export function readPreviewDashboard(text: string, key: string, source: string): PreviewDashboard {
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (error) {
        throw new Error(`${source}: not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const root = objectAt(raw, source);
    const datasets = arrayAt(root.datasets ?? [], `${source} > datasets`).map((d, i) => {
        const dataset = objectAt(d, `${source} > datasets[${i}]`);
        const name = stringAt(dataset.name, `${source} > datasets[${i}].name`);
        const lines = dataset.queryLines;
        const sql = Array.isArray(lines) ? lines.map((line) => stringAt(line, `${source} > dataset "${name}" > queryLines`)).join("") : stringAt(dataset.query, `${source} > dataset "${name}" > query`);
        return { name, sql };
    });
    const pages = arrayAt(root.pages, `${source} > pages`).map((p, i) => {
        const page = objectAt(p, `${source} > pages[${i}]`);
        const name = stringAt(page.name, `${source} > pages[${i}].name`);
        const where = `${source}: page "${name}"`;
        const layout = arrayAt(page.layout ?? [], `${where} > layout`).map((item, j) => {
            const entry = objectAt(item, `${where} > layout[${j}]`);
            const widget = readWidget(entry.widget, `${where} > widget`);
            const pos = objectAt(entry.position, `${where} > widget "${widget.name}" > position`);
            const posAt = (k: string) => intAt(pos[k], `${where} > widget "${widget.name}" > position.${k}`);
            return { widget, position: { x: posAt("x"), y: posAt("y"), width: posAt("width"), height: posAt("height") } };
        });
        const layoutVersion = typeof page.layoutVersion === "string" ? page.layoutVersion : undefined;
        const displayName = typeof page.displayName === "string" ? page.displayName : name;
        return { name, displayName, layoutVersion, layout };
    });
    return { key, datasets, pages };
}

/** "dashboard > page > widget", the prefix of every preview error about one widget. */
export function widgetLocation(dashboard: string, page: string, widget: string): string {
    return `dashboard "${dashboard}" > page "${page}" > widget "${widget}"`;
}
