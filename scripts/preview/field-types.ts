/**
 * The Spark type of each field a widget query computes, so sample rows look like what the warehouse would
 * return: the column's type from the data contract when the dataset reads a contract view that has it,
 * otherwise (aliases computed in the dataset SQL) a type guessed from the name.
 */
import { parseFieldExpression } from "../../checks/dashboards-fields";
import { datasets as contractDatasets } from "../../contract";
import type { PreviewField } from "./dashboard-shape";

export interface TypedField {
    readonly name: string;
    /** The dataset column the field reads (undefined for COUNT(*)). */
    readonly column: string | undefined;
    readonly sparkType: string;
    readonly aggregate: boolean;
}

/** Contract tables a dataset's SQL reads, by their `{{catalog}}.{{schema}}.<name>` (or rendered) reference. */
export function tablesRead(sql: string): string[] {
    const names = [...sql.matchAll(/\{\{\s*catalog\s*\}\}\.\{\{\s*schema\s*\}\}\.`?(\w+)`?/g)].map((m) => m[1]);
    return [...new Set(names)];
}

const NAME_TYPES: readonly [RegExp, string][] = [
    [/(^|_)(date|day)$/, "date"],
    [/(^|_)(hour|time|timestamp|ts|at|start|end|detected)$/, "timestamp"],
    [/(pct|rate|score|value|amount|avg|ms|latency|ratio|share)/, "double"],
    [/((^|_)count($|_)|transactions|countries|merchants|(^|_)total($|_)|_n$|^n_)/, "bigint"],
];

/** A type from the name alone, for columns the dataset SQL computes. */
export function typeFromName(name: string): string {
    const lower = name.toLowerCase();
    return NAME_TYPES.find(([pattern]) => pattern.test(lower))?.[1] ?? "string";
}

function contractColumnType(tables: readonly string[], column: string): string | undefined {
    for (const table of tables) {
        const found = contractDatasets.find((d) => d.name === table)?.columns.find((c) => c.name === column);
        if (found) return found.type;
    }
    return undefined;
}

export function typeFields(fields: readonly PreviewField[], datasetSql: string, where: string): TypedField[] {
    const tables = tablesRead(datasetSql);
    return fields.map((field) => {
        const parsed = parseFieldExpression(field.expression);
        if (typeof parsed === "string") throw new Error(`${where} > field "${field.name}": ${parsed}`);
        const columnType = parsed.column === undefined ? "bigint" : (contractColumnType(tables, parsed.column) ?? typeFromName(parsed.column));
        const counted = /^count(distinct)?\(/.test(parsed.conventionalName);
        const truncated = /^(secondly|minutely|hourly|daily|weekly|monthly|quarterly|yearly)\(/.test(parsed.conventionalName);
        const sparkType = counted ? "bigint" : truncated ? "timestamp" : parsed.aggregate && /^(avg|median)\(/.test(parsed.conventionalName) ? "double" : columnType;
        return { name: field.name, column: parsed.column, sparkType, aggregate: parsed.aggregate };
    });
}

export type ValueKind = "temporal" | "quantitative" | "nominal";

export function valueKind(sparkType: string): ValueKind {
    if (/^(date|timestamp)/.test(sparkType)) return "temporal";
    if (/^(tinyint|smallint|int|integer|bigint|long|float|double|decimal)/.test(sparkType)) return "quantitative";
    return "nominal";
}
