/**
 * The Lakeview serialised dashboard format, as observed in 41 real exports. Databricks publishes no schema
 * and the API accepts near-empty bodies without validating widgets, so a wrong version or a misspelt key
 * deploys and renders blank; this schema is what catches it.
 *
 * Why strict in some places and permissive in others: the same check gates our own templates and any
 * dashboard edited in the UI and pulled back (`npm run dashboards:pull`). The UI adds presentational keys
 * release by release (colours, counter styles, per-column table settings, filters on widget queries);
 * refusing those made every pulled dashboard block the next deploy, although none of them can break
 * rendering. So objects whose keys decide what is queried and where it is drawn are strict (top level,
 * pages, layout items, positions, widgets, datasets, widget queries, encodings' channel names), and unknown
 * keys there are reported as the typos they usually are; presentational objects (spec options, frame,
 * mark, scale, axis, format, style) are typed where we know their keys and pass any other key through.
 * References between parts (dataset names, query names, field names) are checked in dashboards.ts.
 */
import { z } from "zod";
import { widgetSpec } from "./lakeview-spec";

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
        // Widget-level filters the UI writes; their expressions are the editor's, not ours to parse.
        filters: z.array(looseObject).optional(),
    }),
});

export const widget = z
    .strictObject({
        name: id,
        // Each element is one line of markdown; lines are concatenated verbatim, so each ends in "\n".
        multilineTextboxSpec: z.strictObject({ lines: z.array(z.string()).min(1) }).optional(),
        // The older text widget form: the whole markdown in one string. Still rendered, still exported.
        textbox_spec: z.string().optional(),
        queries: z.array(widgetQuery).min(1).optional(),
        spec: widgetSpec.optional(),
        // Presentation the editor keeps outside spec (e.g. widgetBackgroundColor); its keys vary by release.
        specExtensions: looseObject.optional(),
    })
    .superRefine((w, ctx) => {
        const textForms = [w.multilineTextboxSpec, w.textbox_spec].filter((form) => form !== undefined).length;
        if (textForms > 1) {
            ctx.addIssue({ code: "custom", message: "a text widget has one of multilineTextboxSpec or textbox_spec, not both" });
        }
        const isText = textForms > 0;
        if (isText && (w.queries !== undefined || w.spec !== undefined)) {
            ctx.addIssue({ code: "custom", message: "a text widget (multilineTextboxSpec or textbox_spec) has no queries and no spec" });
        }
        if (!isText && (w.queries === undefined || w.spec === undefined)) {
            ctx.addIssue({ code: "custom", message: "a widget needs either a text form (multilineTextboxSpec or textbox_spec) or both queries and spec" });
        }
    });

const page = z.strictObject({
    name: id,
    displayName: nonEmpty,
    pageType: z.enum(["PAGE_TYPE_CANVAS", "PAGE_TYPE_GLOBAL_FILTERS"]),
    // Older exports have none; our templates must have it (see requireGridV1 in dashboards-layout.ts).
    layoutVersion: z.literal("GRID_V1").optional(),
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
