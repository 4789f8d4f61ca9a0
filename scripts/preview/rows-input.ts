/**
 * The hook for real rows (`--rows <dir>`): one JSON file per dataset, an array of objects, at
 * `<dir>/<dashboard>/<dataset>.json` (what the local Spark run writes to .tmp/spark/rows), or directly in
 * `<dir>` named after the dataset (`executive_kpis.json`) or the contract view it reads
 * (`v_executive_kpis.json`). When a file is there, its rows replace the samples for every widget on that dataset.
 */
import * as fs from "fs";
import * as path from "path";
import type { PreviewField } from "./dashboard-shape";
import { aggregateRows } from "./aggregate-rows";
import type { TypedField } from "./field-types";
import type { Row } from "./sample-rows";

export type RowSource = (dashboardKey: string, datasetName: string, tables: readonly string[]) => { file: string; rows: Row[] } | undefined;

export function rowsFromDirectory(dir: string): RowSource {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--rows ${dir}: not a directory`);
    return (dashboardKey, datasetName, tables) => {
        const candidates = [path.join(dashboardKey, datasetName), datasetName, ...tables];
        for (const name of candidates) {
            const file = path.join(dir, `${name}.json`);
            if (!fs.existsSync(file)) continue;
            const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
            if (!Array.isArray(parsed) || !parsed.every((row) => row !== null && typeof row === "object" && !Array.isArray(row))) {
                throw new Error(`${file}: expected a JSON array of row objects`);
            }
            return { file, rows: parsed as Row[] };
        }
        return undefined;
    };
}

/**
 * The widget's fields from rows already at the widget's grain (each row has every field's name, e.g. a
 * gold view's rows): taken as they are, by field name or else the column the field reads; a missing column
 * is an error. Dataset rows are aggregated instead (aggregate-rows.ts).
 */
export function projectRows(rows: readonly Row[], fields: readonly TypedField[], where: string, file: string): Row[] {
    return rows.map((row, index) =>
        Object.fromEntries(
            fields.map((field) => {
                const key = field.name in row ? field.name : field.column !== undefined && field.column in row ? field.column : undefined;
                if (key === undefined) throw new Error(`${where}: ${file} row ${index} has neither "${field.name}" nor column "${field.column ?? "*"}"`);
                return [field.name, row[key]];
            }),
        ),
    );
}

/** Rows at the widget's grain from real rows: as they are when they already carry every field, else aggregated. */
export function widgetRows(rows: readonly Row[], typed: readonly TypedField[], fields: readonly PreviewField[], disaggregated: boolean, where: string, file: string): Row[] {
    const atGrain = rows.length > 0 && typed.every((field) => field.name in rows[0]);
    return atGrain ? projectRows(rows, typed, where, file) : aggregateRows(rows, fields, disaggregated, where, file);
}
