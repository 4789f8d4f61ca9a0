/**
 * Makes one of our dashboards look like it was opened, touched and saved in the current Lakeview editor:
 * every key the editor adds that the format check used to refuse (issue 14) is added the way the editor
 * writes it. Built from our own templates, so the result still reads our contract's tables and columns,
 * and a test can ask whether a UI round trip blocks the next deploy.
 *
 * The values (colours, sizes, filter expressions) are ordinary choices a user makes; only the placement
 * and the shape of each key matter to the check.
 */
type Json = Record<string, unknown>;

interface Widget extends Json {
    name: string;
    multilineTextboxSpec?: { lines: string[] };
    textbox_spec?: string;
    queries?: { name: string; query: { fields?: { name: string; expression: string }[]; filters?: unknown[] } & Json }[];
    spec?: { version: number; widgetType: string; encodings: Json } & Json;
}

interface Dashboard {
    pages: { layout?: { widget: Widget }[] }[];
    uiSettings?: Json;
}

/** How many times each edit was made, so a test can insist that every kind of edit really happened. */
export type UiEditCounts = Record<UiEdit, number>;

export const UI_EDITS = [
    "widget specExtensions",
    "spec.data",
    "counter style",
    "query filters",
    "categorySize",
    "object mark.colors",
    "table v1",
    "table link column",
    "textbox_spec",
] as const;
export type UiEdit = (typeof UI_EDITS)[number];

// The per-column settings the editor writes for every column of a version 1 table. `{{ @ }}` is the
// table's own cell-value template and `{{ column }}` another column of the row, not placeholders of ours.
function tableV1Column(column: Json, order: number): Json {
    return {
        ...column,
        alignContent: "left",
        allowSearch: false,
        booleanValues: ["false", "true"],
        displayAs: "string",
        highlightLinks: false,
        imageHeight: "",
        imageTitleTemplate: "{{ @ }}",
        imageUrlTemplate: "{{ @ }}",
        imageWidth: "",
        linkOpenInNewTab: true,
        linkTextTemplate: "{{ @ }}",
        linkTitleTemplate: "{{ @ }}",
        linkUrlTemplate: "{{ @ }}",
        order: 100000 + order,
        preserveWhitespace: false,
        title: typeof column.displayName === "string" ? column.displayName : column.fieldName,
        type: "string",
        useMonospaceFont: false,
        visible: true,
    };
}

function editDataWidget(widget: Widget, count: (edit: UiEdit) => void): void {
    const spec = widget.spec!;
    const queries = widget.queries!;
    widget.specExtensions = { widgetBackgroundColor: { light: "#F7F9FA" } };
    count("widget specExtensions");
    if (queries.length === 1) {
        spec.data = { queryName: queries[0].name };
        count("spec.data");
    }
    const firstPlainField = queries[0].query.fields?.find((field) => /^`[^`]+`$/.test(field.expression));
    if (firstPlainField !== undefined) {
        queries[0].query.filters = [{ expression: `${firstPlainField.expression} IS NOT NULL` }];
        count("query filters");
    }
    if (spec.widgetType === "counter") {
        spec.style = { color: { light: "#1B3139" }, fontSize: 32 };
        count("counter style");
    }
    if (spec.widgetType === "table") {
        const columns = (spec.encodings.columns as Json[]).map(tableV1Column);
        const linkable = columns.find((column) => /^[a-z_]+$/.test(String(column.fieldName)));
        if (linkable !== undefined) {
            Object.assign(linkable, { displayAs: "link", linkUrlTemplate: `/explore?${String(linkable.fieldName)}={{ ${String(linkable.fieldName)} }}` });
            count("table link column");
        }
        spec.version = 1;
        spec.encodings = { columns };
        Object.assign(spec, { allowHTMLByDefault: false, condensed: true, invisibleColumns: [], itemsPerPage: 25, paginationSize: "default", withRowNumber: false });
        count("table v1");
    }
    const x = spec.encodings.x as { scale?: Json } | undefined;
    if (x?.scale?.type === "categorical") {
        x.scale.categorySize = 24;
        count("categorySize");
    }
    if (["bar", "line", "area"].includes(spec.widgetType)) {
        spec.mark = { ...(spec.mark as Json | undefined), colors: { light: ["#077A9D", "#FFAB00", "#00A972"] } };
        count("object mark.colors");
    }
}

/** A UI-edited copy of `dashboard` (parsed JSON) and how often each edit was made. */
export function uiEdited(dashboard: unknown): { dashboard: Dashboard; counts: UiEditCounts } {
    const copy = JSON.parse(JSON.stringify(dashboard)) as Dashboard;
    const counts = Object.fromEntries(UI_EDITS.map((edit) => [edit, 0])) as UiEditCounts;
    const count = (edit: UiEdit) => counts[edit]++;
    let textWidgets = 0;
    for (const page of copy.pages) {
        for (const { widget } of page.layout ?? []) {
            if (widget.multilineTextboxSpec !== undefined) {
                // Every other text widget in the older single-string form, so both forms occur.
                if (textWidgets++ % 2 === 1) {
                    widget.textbox_spec = widget.multilineTextboxSpec.lines.join("");
                    delete widget.multilineTextboxSpec;
                    count("textbox_spec");
                }
                continue;
            }
            editDataWidget(widget, count);
        }
    }
    copy.uiSettings = { theme: { widgetHeaderAlignment: "ALIGNMENT_UNSPECIFIED" } };
    return { dashboard: copy, counts };
}
