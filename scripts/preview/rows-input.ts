/**
 * The hook for real rows (`--rows <dir>`): one JSON file per dataset, an array of objects, named after the
 * dashboard dataset (`executive_kpis.json`) or the contract view it reads (`v_executive_kpis.json`). When a
 * file is there, its rows replace the samples for every widget on that dataset.
 */
import * as fs from "fs";
import * as path from "path";
import type { TypedField } from "./field-types";
import type { Row } from "./sample-rows";

export type RowSource = (datasetName: string, tables: readonly string[]) => { file: string; rows: Row[] } | undefined;

export function rowsFromDirectory(dir: string): RowSource {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--rows ${dir}: not a directory`);
    return (datasetName, tables) => {
        for (const name of [datasetName, ...tables]) {
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
 * The widget's fields from dataset rows, by field name or else the column the field reads. Aggregates are
 * not recomputed (a row is taken as already at the widget's grain); a missing column is an error.
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
