/**
 * The `spec` of a Lakeview data widget: what it shows (version, widgetType, encodings) and how it looks
 * (frame, mark, format, style, table options...). See lakeview-schema.ts for the strict/permissive split;
 * here it means: version, widgetType, channel names and the fieldName of each channel are pinned, because a
 * mistake there renders "Invalid widget definition" or an empty chart; presentational objects are typed
 * where we know their keys and pass any further keys through, because the editor keeps adding options and
 * a pulled dashboard must not block the next deploy over a colour or a label setting.
 */
import { z } from "zod";

const nonEmpty = z.string().min(1);
const looseObject = z.looseObject({});

const numberFormat = z.looseObject({
    type: z.enum(["number-plain", "number", "number-currency", "number-percent"]),
    abbreviation: z.enum(["compact", "none"]).optional(),
    decimalPlaces: z.looseObject({ type: z.enum(["max", "exact"]), places: z.int().min(0) }).optional(),
    currencyCode: z.string().regex(/^[A-Z]{3}$/).optional(),
    hideGroupSeparator: z.boolean().optional(),
    formatTemplate: z.string().optional(),
});
// The exports show date-time formats without pinning their other keys.
const dateTimeFormat = z.looseObject({ type: z.literal("date-time") });
const format = z.union([numberFormat, dateTimeFormat]);

const SORT_ORDERS = ["natural-order", "custom-order", "y", "y-reversed", "x", "x-reversed"] as const;

const sort = z
    .looseObject({ by: z.enum(SORT_ORDERS), orderedList: z.array(z.unknown()).optional() })
    .refine((s) => s.by !== "custom-order" || (s.orderedList !== undefined && s.orderedList.length > 0), {
        message: 'sort by "custom-order" needs a non-empty orderedList (the values in the order to show them)',
        path: ["orderedList"],
    });

const scale = z.looseObject({
    type: z.enum(["categorical", "quantitative", "temporal"]).optional(),
    sort: sort.optional(),
    categorySize: z.number().optional(),
    domain: z.union([looseObject, z.array(z.unknown())]).optional(),
    domainMin: z.number().optional(),
    mappings: z.array(z.looseObject({ value: z.unknown(), color: z.unknown() })).optional(),
    reverse: z.boolean().optional(),
});
const channelExtras = {
    displayName: z.string().optional(),
    axis: looseObject.optional(),
    format: format.optional(),
    legend: looseObject.optional(),
};

// `scale` is on every chart channel that names a field (610 of 610 in the exports).
const fieldChannel = z.looseObject({ fieldName: nonEmpty, scale, ...channelExtras });
const multiFieldChannel = z.looseObject({
    scale,
    fields: z.array(z.looseObject({ fieldName: nonEmpty, displayName: z.string().optional() })).min(1),
    ...channelExtras,
});
const measureChannel = z.union([fieldChannel, multiFieldChannel]);
const label = z.looseObject({ show: z.boolean() });
const extra = z.array(z.looseObject({ fieldName: nonEmpty, displayName: z.string().optional() }));

const frame = z.looseObject({
    showTitle: z.boolean().optional(),
    title: z.string().optional(),
    showDescription: z.boolean().optional(),
    description: z.string().optional(),
    headerAlignment: z.string().optional(),
});

/** Keys every spec may carry. `specExtensions` is named only to say where it belongs. */
const common = {
    frame: frame.optional(),
    // Current exports bind the spec to a widget query by name; the cross-checks verify the name.
    data: z.looseObject({ queryName: nonEmpty }).optional(),
    specExtensions: z
        .never({ error: "specExtensions belongs on the widget, beside spec (widget.specExtensions), not inside spec" })
        .optional(),
};
const mark = z.looseObject({
    layout: z.enum(["stack", "group", "percent-stack", "layer"]).optional(),
    // An array of hex colours, or (newer editor) an object keyed by series or theme.
    colors: z.union([z.array(z.string()), looseObject]).optional(),
});
const chartExtras = { ...common, mark: mark.optional(), annotations: z.array(looseObject).optional() };

const counterChannel = z.looseObject({
    fieldName: nonEmpty,
    displayName: z.string().optional(),
    format: format.optional(),
    style: looseObject.optional(),
    rowNumber: z.int().optional(),
});
const tableColumn = z.looseObject({
    fieldName: nonEmpty,
    displayName: z.string().optional(),
    format: format.optional(),
    style: looseObject.optional(),
});
const filterBinding = z
    .looseObject({
        fieldName: nonEmpty.optional(),
        parameterName: nonEmpty.optional(),
        displayName: z.string().optional(),
        queryName: nonEmpty,
    })
    .refine((b) => (b.fieldName === undefined) !== (b.parameterName === undefined), {
        message: "a filter binding names exactly one of fieldName or parameterName",
    });
const filterSpec = <T extends string>(widgetType: T) =>
    z.looseObject({
        version: z.literal(2),
        widgetType: z.literal(widgetType),
        encodings: z.strictObject({ fields: z.array(filterBinding).min(1) }),
        selection: looseObject.optional(),
        disallowAll: z.boolean().optional(),
        ...common,
    });
// Types the exports use rarely; their encodings vary, so only version and type are pinned.
const looseSpec = <T extends string>(widgetType: T, version: number) =>
    z.looseObject({ version: z.literal(version), widgetType: z.literal(widgetType), encodings: looseObject, ...chartExtras });

/** Bar, line and area: one x, one y (or several y fields), optional colour series. */
const xyChart = <T extends string>(widgetType: T) =>
    z.looseObject({
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
    });

/**
 * No export sorts a categorical x axis "by x": the editor keeps categories such as latency buckets in order
 * with natural-order (or pins a list with custom-order), so "by x" there is a hand-written mistake.
 */
function rejectSortByXOnCategoricalX(spec: { encodings: unknown }, ctx: z.RefinementCtx): void {
    const x = (spec.encodings as { x?: { scale?: { type?: string; sort?: { by?: string } } } }).x;
    if (x?.scale?.type === "categorical" && x.scale.sort?.by === "x") {
        ctx.addIssue({
            code: "custom",
            path: ["encodings", "x", "scale", "sort", "by"],
            message:
                'sort by "x" on a categorical x axis does not keep the categories in order; use {"by": "natural-order"} ' +
                'to keep the categories in their natural order, or {"by": "custom-order", "orderedList": [...]}',
        });
    }
}

/** Exact (widgetType, version) pairs from the exports; a wrong version renders "Invalid widget definition". */
export const widgetSpec = z.discriminatedUnion("widgetType", [
    z.looseObject({
        version: z.literal(2),
        widgetType: z.literal("counter"),
        encodings: z.strictObject({ value: counterChannel, target: counterChannel.optional(), period: looseObject.optional() }),
        // Current exports carry the counter's colours and font settings here.
        style: looseObject.optional(),
        ...common,
    }),
    z.looseObject({
        // Version 1 is what the editor writes for a table edited in the UI (columns with ~20 settings each);
        // version 2 is the shorter form the templates are written in. Both render.
        version: z.union([z.literal(1), z.literal(2)]),
        widgetType: z.literal("table"),
        encodings: z.strictObject({ columns: z.array(tableColumn).min(1), rowOrder: looseObject.optional() }),
        rowsPerPage: z.int().min(1).optional(),
        ...common,
    }),
    xyChart("bar"),
    xyChart("line"),
    xyChart("area"),
    z.looseObject({
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
    z.looseObject({
        version: z.literal(3),
        widgetType: z.literal("pie"),
        encodings: z.strictObject({ angle: fieldChannel, color: fieldChannel, label: label.optional(), extra: extra.optional() }),
        ...chartExtras,
    }),
    z.looseObject({
        version: z.literal(3),
        widgetType: z.literal("heatmap"),
        encodings: z.strictObject({ x: fieldChannel, y: fieldChannel, color: fieldChannel }),
        ...chartExtras,
    }),
    z.looseObject({
        version: z.literal(3),
        widgetType: z.literal("histogram"),
        encodings: z.strictObject({ x: fieldChannel, y: fieldChannel, color: fieldChannel.optional() }),
        ...chartExtras,
    }),
    looseSpec("pivot", 3),
    looseSpec("combo", 1),
    looseSpec("symbol-map", 2),
    // Shape from Databricks' widget guidance, not seen in any export studied: a country (admin0) or
    // region (admin1) boundary filled by a measure. Pinned so a misspelt region key fails here, not blank.
    z.looseObject({
        version: z.literal(1),
        widgetType: z.literal("choropleth-map"),
        encodings: z.strictObject({
            region: z.strictObject({
                regionType: z.literal("mapbox-v4-admin"),
                admin0: z.strictObject({
                    type: z.literal("field"),
                    fieldName: nonEmpty,
                    geographicRole: z.enum(["admin0-iso-3166-1-alpha-2", "admin0-iso-3166-1-alpha-3"]),
                }),
                admin1: z.looseObject({ type: z.literal("field"), fieldName: nonEmpty, geographicRole: nonEmpty }).optional(),
            }),
            color: fieldChannel,
            extra: extra.optional(),
        }),
        ...chartExtras,
    }),
    looseSpec("forecast-line", 1),
    filterSpec("filter-single-select"),
    filterSpec("filter-multi-select"),
    filterSpec("filter-date-range-picker"),
    filterSpec("filter-date-picker"),
    filterSpec("range-slider"),
]).superRefine(rejectSortByXOnCategoricalX);

export type WidgetSpec = z.infer<typeof widgetSpec>;
