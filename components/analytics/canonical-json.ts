/**
 * Lakeview and the provider compare dashboards byte for byte, so key order must never produce a diff:
 * every object is written with its keys sorted, 2-space indented, like `databricks bundle generate` does.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function sortKeysDeep(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortKeysDeep);
    if (value !== null && typeof value === "object") {
        const sorted: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
        return sorted;
    }
    return value;
}

/** Sorted keys, 2-space indent, trailing newline: the one text form of a dashboard, in the repo and on the wire. */
export function canonicalJson(value: unknown): string {
    return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}

/** Parses `text`, naming `source` when it is not JSON. */
export function parseJson(text: string, source: string): unknown {
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new Error(`${source}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
}
