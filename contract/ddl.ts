import type { Column } from "./types";

/**
 * Columns written as a Spark DDL column list ("id string not null, amount double, ctx struct<a:string,b:double>").
 * The contract is read far more often than it is written, and a DDL list reads like the `CREATE TABLE`
 * a Databricks user would write, so the instance uses this form instead of one object literal per column.
 */
export function columnsFromDdl(ddl: string, source: string): Column[] {
    const columns = splitTopLevel(ddl, source).map((entry) => parseEntry(entry, source));
    const seen = new Set<string>();
    for (const column of columns) {
        if (seen.has(column.name)) throw new Error(`${source}: column "${column.name}" is declared twice`);
        seen.add(column.name);
    }
    return columns;
}

const NAME = /^[a-z_][a-z0-9_]*$/;
const SIMPLE_TYPES = new Set(["string", "double", "int", "bigint", "boolean", "timestamp", "date"]);

function parseEntry(entry: string, source: string): Column {
    const match = /^(\S+)\s+(.+?)(\s+not\s+null)?$/i.exec(entry.trim());
    if (!match) throw new Error(`${source}: column entry "${entry.trim()}" must be "<name> <type> [not null]"`);
    const [, name, rawType, notNull] = match;
    if (!NAME.test(name)) {
        throw new Error(`${source}: column name "${name}" must be lower-case snake_case ([a-z_][a-z0-9_]*)`);
    }
    const type = rawType.replace(/\s+/g, "");
    assertSparkType(type, `${source}: column "${name}"`);
    return notNull ? { name, type, nullable: false } : { name, type };
}

function assertSparkType(type: string, where: string): void {
    if (SIMPLE_TYPES.has(type)) return;
    const struct = /^struct<(.+)>$/.exec(type);
    if (struct) {
        for (const field of splitTopLevel(struct[1], where)) {
            const sep = field.indexOf(":");
            if (sep <= 0 || !NAME.test(field.slice(0, sep))) {
                throw new Error(`${where}: struct field "${field}" must be "<name>:<type>"`);
            }
            assertSparkType(field.slice(sep + 1), where);
        }
        return;
    }
    throw new Error(
        `${where}: type "${type}" is not one of ${[...SIMPLE_TYPES].join(", ")} or struct<name:type,...> (lower case)`,
    );
}

/** Splits on commas that are not inside `<...>`, so struct types stay whole. */
function splitTopLevel(text: string, source: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let current = "";
    for (const char of text) {
        if (char === "<") depth++;
        if (char === ">") depth--;
        if (depth < 0) throw new Error(`${source}: unbalanced ">" in "${text}"`);
        if (char === "," && depth === 0) {
            parts.push(current);
            current = "";
        } else {
            current += char;
        }
    }
    if (depth !== 0) throw new Error(`${source}: unbalanced "<" in "${text}"`);
    parts.push(current);
    const trimmed = parts.map((p) => p.trim());
    if (trimmed.some((p) => p === "")) throw new Error(`${source}: empty column entry (stray comma?) in "${text}"`);
    return trimmed;
}
