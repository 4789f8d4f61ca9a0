/**
 * The Lakeview serialised dashboard format as /work/shared/spec/lakeview-format.md documents it from 41
 * real exports. Databricks publishes no schema and the API accepts near-empty bodies without validating
 * widgets, so a wrong version or a misspelt key deploys and renders blank; this schema is what catches it.
 * Strict (unknown keys rejected) where the exports agree on a shape; loose only where the format doc
 * records a sub-object without pinning its keys (parameter default selections, conditional styles).
 */
import { z } from "zod";

// Ids the UI mints (8 hex digits) and the readable ones that survive a UI round trip.
const id = z.string().regex(/^[A-Za-z0-9_-]+$/, "must match [A-Za-z0-9_-]+");
const nonEmpty = z.string().min(1);
const looseObject = z.looseObject({});

const parameter = z.strictObject({
    displayName: nonEmpty,
    keyword: id,
    dataType: z.enum(["STRING", "DATE", "DATETIME", "INTEGER", "DECIMAL"]),
    complexType: z.enum(["RANGE", "MULTI"]).optional(),
    defaultSelection: looseObject.optional(),
});

const dataset = z
    .strictObject({
        name: id,
        displayName: nonEmpty,
        // Lines are concatenated verbatim into one SQL statement.
        queryLines: z.array(z.string()).min(1).optional(),
        // The older single-string form; still accepted by the API.
        query: nonEmpty.optional(),
        parameters: z.array(parameter).optional(),
        catalog: nonEmpty.optional(),
        schema: nonEmpty.optional(),
    })
    .refine((d) => (d.queryLines === undefined) !== (d.query === undefined), {
        message: "a dataset needs exactly one of queryLines or query",
    });

const position = z.strictObject({
    x: z.int().min(0),
    y: z.int().min(0),
    width: z.int().min(1),
    height: z.int().min(1),
});

const queryField = z.strictObject({ name: nonEmpty, expression: nonEmpty });
const widgetQuery = z.strictObject({
    name: nonEmpty,
    query: z.strictObject({
        datasetName: id,
        fields: z.array(queryField).optional(),
        parameters: z.array(z.strictObject({ name: nonEmpty, keyword: id })).optional(),
        // Present on every widget query in the exports; the UI reads its absence as an error.
        disaggregated: z.boolean(),
        orders: z.array(z.strictObject({ direction: z.enum(["ASC", "DESC"]), expression: nonEmpty })).optional(),
    }),
});

const numberFormat = z.strictObject({
    type: z.enum(["number-plain", "number", "number-currency", "number-percent"]),
    abbreviation: z.enum(["compact", "none"]).optional(),
    decimalPlaces: z.strictObject({ type: z.enum(["max", "exact"]), places: z.int().min(0) }).optional(),
    currencyCode: z.string().regex(/^[A-Z]{3}$/).optional(),
    hideGroupSeparator: z.boolean().optional(),
    formatTemplate: z.string().optional(),
});
// The exports show date-time formats without pinning their other keys.
const dateTimeFormat = z.looseObject({ type: z.literal("date-time") });
const format = z.union([numberFormat, dateTimeFormat]);

const scale = z.strictObject({
    type: z.enum(["categorical", "quantitative", "temporal"]),
    sort: z.strictObject({ by: z.enum(["x", "x-reversed", "y", "y-reversed", "natural-order"]) }).optional(),
    mappings: z.array(z.strictObject({ value: z.unknown(), color: z.string() })).optional(),
    domainMin: z.number().optional(),
    reverse: z.boolean().optional(),
    fn: looseObject.optional(),
    colorRamp: looseObject.optional(),
});
const axis = z.strictObject({ title: z.string().optional(), hideTitle: z.boolean().optional(), hideLabels: z.boolean().optional() });
const legend = z.strictObject({ hide: z.boolean().optional(), title: z.string().optional(), position: z.string().optional() });
const channelExtras = { displayName: z.string().optional(), axis: axis.optional(), format: format.optional(), legend: legend.optional() };

// `scale` is on every chart channel that names a field (610 of 610 in the exports).
const fieldChannel = z.strictObject({ fieldName: nonEmpty, scale, ...channelExtras });
const multiFieldChannel = z.strictObject({
    scale,
    fields: z.array(z.strictObject({ fieldName: nonEmpty, displayName: z.string().optional() })).min(1),
    ...channelExtras,
});
const measureChannel = z.union([fieldChannel, multiFieldChannel]);
const label = z.strictObject({ show: z.boolean() });
const extra = z.array(z.strictObject({ fieldName: nonEmpty, displayName: z.string().optional() }));

const frame = z.strictObject({
    showTitle: z.boolean().optional(),
    title: z.string().optional(),
    showDescription: z.boolean().optional(),
    description: z.string().optional(),
    headerAlignment: z.string().optional(),
});
const common = { frame: frame.optional(), specExtensions: looseObject.optional() };
const mark = z.strictObject({
    layout: z.enum(["stack", "group", "percent-stack", "layer"]).optional(),
    colors: z.array(z.string()).optional(),
});
const chartExtras = { ...common, mark: mark.optional(), annotations: z.array(looseObject).optional() };

const counterChannel = z.strictObject({
    fieldName: nonEmpty,
    displayName: z.string().optional(),
    format: format.optional(),
    style: looseObject.optional(),
    rowNumber: z.int().optional(),
    period: looseObject.optional(),
    change: looseObject.optional(),
});
const tableColumn = z.strictObject({
    fieldName: nonEmpty,
    displayName: z.string().optional(),
    format: format.optional(),
    style: looseObject.optional(),
});
const filterBinding = z
    .strictObject({
        fieldName: nonEmpty.optional(),
        parameterName: nonEmpty.optional(),
        displayName: z.string().optional(),
        queryName: nonEmpty,
    })
    .refine((b) => (b.fieldName === undefined) !== (b.parameterName === undefined), {
        message: "a filter binding names exactly one of fieldName or parameterName",
    });
const filterSpec = <T extends string>(widgetType: T) =>
    z.strictObject({
        version: z.literal(2),
        widgetType: z.literal(widgetType),
        encodings: z.strictObject({ fields: z.array(filterBinding).min(1) }),
        selection: looseObject.optional(),
        disallowAll: z.boolean().optional(),
        ...common,
    });
// Types the exports use rarely; their encodings vary, so only version and type are pinned.
const looseSpec = <T extends string>(widgetType: T, version: number) =>
    z.strictObject({ version: z.literal(version), widgetType: z.literal(widgetType), encodings: looseObject, ...chartExtras });

/** Exact (widgetType, version) pairs from the exports; a wrong version renders "Invalid widget definition". */
export const widgetSpec = z.discriminatedUnion("widgetType", [
    z.strictObject({
        version: z.literal(2),
        widgetType: z.literal("counter"),
        encodings: z.strictObject({ value: counterChannel, target: counterChannel.optional(), period: looseObject.optional() }),
        ...common,
    }),
    // Table v1 needs ~20 keys per column that only the UI writes correctly; hand-written tables are v2.
    z.strictObject({
        version: z.literal(2),
        widgetType: z.literal("table"),
        encodings: z.strictObject({ columns: z.array(tableColumn).min(1), rowOrder: looseObject.optional() }),
        rowsPerPage: z.int().min(1).optional(),
        ...common,
    }),
    ...(["bar", "line", "area"] as const).map((widgetType) =>
        z.strictObject({
            version: z.literal(3),
            widgetType: z.literal(widgetType),
            encodings: z.strictObject({
                x: measureChannel,
                y: measureChannel,
                color: fieldChannel.optional(),
                label: label.optional(),
                extra: extra.optional(),
            }),
            ...chartExtras,
        }),
    ),
    z.strictObject({
        version: z.literal(3),
        widgetType: z.literal("scatter"),
        encodings: z.strictObject({
            x: fieldChannel,
            y: fieldChannel,
            color: fieldChannel.optional(),
            size: fieldChannel.optional(),
            label: label.optional(),
            extra: extra.optional(),
        }),
        ...chartExtras,
    }),
    z.strictObject({
        version: z.literal(3),
        widgetType: z.literal("pie"),
        encodings: z.strictObject({ angle: fieldChannel, color: fieldChannel, label: label.optional(), extra: extra.optional() }),
        ...chartExtras,
    }),
    z.strictObject({
        version: z.literal(3),
        widgetType: z.literal("heatmap"),
        encodings: z.strictObject({ x: fieldChannel, y: fieldChannel, color: fieldChannel }),
        ...chartExtras,
    }),
    z.strictObject({
        version: z.literal(3),
        widgetType: z.literal("histogram"),
        encodings: z.strictObject({ x: fieldChannel, y: fieldChannel, color: fieldChannel.optional() }),
        ...chartExtras,
    }),
    looseSpec("pivot", 3),
    looseSpec("combo", 1),
    looseSpec("symbol-map", 2),
    looseSpec("forecast-line", 1),
    filterSpec("filter-single-select"),
    filterSpec("filter-multi-select"),
    filterSpec("filter-date-range-picker"),
    filterSpec("filter-date-picker"),
    filterSpec("range-slider"),
]);

export const widget = z
    .strictObject({
        name: id,
        // Each element is one line of markdown; lines are concatenated verbatim, so each ends in "\n".
        multilineTextboxSpec: z.strictObject({ lines: z.array(z.string()).min(1) }).optional(),
        queries: z.array(widgetQuery).min(1).optional(),
        spec: widgetSpec.optional(),
    })
    .superRefine((w, ctx) => {
        const isText = w.multilineTextboxSpec !== undefined;
        if (isText && (w.queries !== undefined || w.spec !== undefined)) {
            ctx.addIssue({ code: "custom", message: "a text widget (multilineTextboxSpec) has no queries and no spec" });
        }
        if (!isText && (w.queries === undefined || w.spec === undefined)) {
            ctx.addIssue({ code: "custom", message: "a widget needs either multilineTextboxSpec or both queries and spec" });
        }
    });

const page = z.strictObject({
    name: id,
    displayName: nonEmpty,
    pageType: z.enum(["PAGE_TYPE_CANVAS", "PAGE_TYPE_GLOBAL_FILTERS"]),
    // Required although the API tolerates its absence: without it the canvas is 6 columns wide, and
    // 12-column positions without it break drag and resize in the editor (format doc section 5).
    layoutVersion: z.literal("GRID_V1"),
    layout: z.array(z.strictObject({ widget, position })).optional(),
});

export const lakeviewDashboard = z.strictObject({
    datasets: z.array(dataset),
    pages: z.array(page).min(1),
    uiSettings: looseObject.optional(),
});

export type LakeviewDashboard = z.infer<typeof lakeviewDashboard>;
export type LakeviewPage = z.infer<typeof page>;
export type LakeviewWidget = z.infer<typeof widget>;
export type LakeviewDataset = z.infer<typeof dataset>;

/** Columns of the page grid (GRID_V1). */
export const GRID_COLUMNS = 12;
