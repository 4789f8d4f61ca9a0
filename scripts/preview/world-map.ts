/**
 * A Lakeview choropleth as a Vega-Lite world map: Natural Earth country shapes (`world-atlas`, 1:110m,
 * installed from npm and read from node_modules, so no network), joined to the widget's rows by country.
 * world-atlas identifies countries by their ISO 3166-1 numeric code; the rows carry the code the widget's
 * geographic role names (alpha-2 or alpha-3), converted with `i18n-iso-countries`.
 */
import * as fs from "fs";
import * as countries from "i18n-iso-countries";
import type { PreviewWidget } from "./dashboard-shape";
import { encodingsOf } from "./encodings";
import type { Row } from "./sample-rows";

type VlSpec = Record<string, unknown>;

/** The field holding each row's numeric country code after conversion; not a Lakeview field name. */
const NUMERIC_KEY = "__iso_numeric";
const NO_DATA_FILL = "#e8e8e8";

const TO_NUMERIC: Readonly<Record<string, (code: string) => string | undefined>> = {
    "admin0-iso-3166-1-alpha-2": (code) => countries.alpha2ToNumeric(code),
    "admin0-iso-3166-1-alpha-3": (code) => countries.alpha3ToNumeric(code),
};

let topology: unknown;

/** world-atlas's countries at 1:110m, read once. */
export function worldTopology(): unknown {
    topology ??= JSON.parse(fs.readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8"));
    return topology;
}

export interface ChoroplethFields {
    readonly region: string;
    readonly role: string;
    readonly color: string;
    readonly colorTitle: string;
}

/** The region and color fields of a choropleth widget; an unsupported geographic role is an error naming the ones drawn. */
export function choroplethFields(widget: PreviewWidget): ChoroplethFields {
    const encodings = encodingsOf(widget) as {
        region?: { admin0?: { fieldName?: string; geographicRole?: string } };
        color?: { fieldName?: string; displayName?: string };
    };
    const region = encodings.region?.admin0;
    const color = encodings.color;
    if (region?.fieldName === undefined || color?.fieldName === undefined) {
        throw new Error("a choropleth needs encodings.region.admin0.fieldName and encodings.color.fieldName");
    }
    const role = region.geographicRole ?? "";
    if (TO_NUMERIC[role] === undefined) {
        throw new Error(`geographic role "${role}" is not drawn by the preview; drawn: ${Object.keys(TO_NUMERIC).join(", ")}`);
    }
    return { region: region.fieldName, role, color: color.fieldName, colorTitle: color.displayName ?? color.fieldName };
}

/** Each row with its country's numeric code; a code the ISO list does not know is an error naming it. */
export function withNumericCodes(rows: readonly Row[], fields: ChoroplethFields): Row[] {
    return rows.map((row) => {
        const code = String(row[fields.region] ?? "");
        const numeric = TO_NUMERIC[fields.role](code.toUpperCase());
        if (numeric === undefined) throw new Error(`"${code}" in field "${fields.region}" is not an ISO 3166-1 ${fields.role.slice(-7)} country code`);
        return { ...row, [NUMERIC_KEY]: numeric };
    });
}

/** The map layer: every country shape, filled by the widget's value where a row matches, grey elsewhere. */
export function choroplethSpec(widget: PreviewWidget, rows: readonly Row[]): VlSpec {
    const fields = choroplethFields(widget);
    return {
        data: { values: worldTopology(), format: { type: "topojson", feature: "countries" } },
        transform: [{ lookup: "id", from: { data: { values: withNumericCodes(rows, fields) }, key: NUMERIC_KEY, fields: [fields.color] } }],
        projection: { type: "equalEarth" },
        // "show": countries without a row stay on the map (grey, by the condition) instead of being filtered out.
        mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.4, invalid: "show" },
        encoding: {
            color: {
                condition: { test: `datum[${JSON.stringify(fields.color)}] == null`, value: NO_DATA_FILL },
                field: fields.color.replace(/([.[\]\\])/g, "\\$1"),
                type: "quantitative",
                title: fields.colorTitle,
            },
        },
    };
}
