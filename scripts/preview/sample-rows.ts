/**
 * Deterministic sample rows for one widget query: the same dashboard always gives the same picture, so a
 * changed picture in review means a changed dashboard. Values are plausible for the field's type and name
 * (rates 0-100, scores 0-1, counts, dates over the 30 days before a fixed day, known categories).
 */
import { DECLINE_REASONS, MERCHANT_SEGMENTS } from "../../contract";
import { valueKind, type TypedField } from "./field-types";

export type Row = Record<string, string | number | boolean | null>;

/** The last day of the sample period; fixed so pictures do not change with the calendar. */
export const SAMPLE_END_DATE = Date.UTC(2026, 0, 31);
const DAY_MS = 24 * 3600 * 1000;

/** mulberry32: tiny, seedable, good enough for sample values. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export function seedOf(text: string): number {
    let hash = 2166136261;
    for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    return hash >>> 0;
}

const CATEGORY_VALUES: readonly [RegExp, readonly string[]][] = [
    [/decline_reason|reason/, DECLINE_REASONS],
    [/segment/, MERCHANT_SEGMENTS],
    [/country/, ["US", "GB", "DE", "FR", "BR", "IN", "JP", "CA", "AU", "MX"]],
    [/network|scheme/, ["VISA", "MASTERCARD", "AMEX", "DISCOVER"]],
    [/severity|risk|likelihood|tier/, ["low", "medium", "high"]],
    [/status|outcome/, ["approved", "declined"]],
    [/bucket/, ["<100ms", "100-250ms", "250-500ms", "500ms-1s", ">1s"]],
];

export function categoriesFor(name: string, count: number): string[] {
    const known = CATEGORY_VALUES.find(([pattern]) => pattern.test(name.toLowerCase()))?.[1];
    if (known) return known.slice(0, count);
    return Array.from({ length: count }, (_, i) => `${name} ${String.fromCharCode(65 + i)}`);
}

function numberFor(field: TypedField, random: () => number): number {
    const name = field.name.toLowerCase();
    if (/pct|rate|percent|share/.test(name)) return Math.round((55 + random() * 44) * 10) / 10;
    if (/score|probability|trust/.test(name)) return Math.round(random() * 1000) / 1000;
    if (/latency|_ms|ms\)|duration/.test(name)) return Math.round(80 + random() * 900);
    if (/value|amount|revenue|cost|loss|usd/.test(name)) return Math.round(random() * 250000) / 100;
    if (/^(tinyint|smallint|int|integer|bigint|long)/.test(field.sparkType) || /count|transactions|merchants|countries/.test(name)) {
        return Math.round(50 + random() * 5000);
    }
    return Math.round(random() * 10000) / 100;
}

function dayIso(offsetDays: number, withTime: boolean): string {
    const iso = new Date(SAMPLE_END_DATE - offsetDays * DAY_MS).toISOString();
    return withTime ? iso.slice(0, 19) : iso.slice(0, 10);
}

/**
 * Rows for `fields`: the dimensions (non-aggregated temporal and nominal fields) are crossed (30 days,
 * up to `categories` values each), the measures drawn at random per row. With no dimension: one row
 * (a counter) or `minRows` rows (a table or scatter of raw values).
 */
export function sampleRows(fields: readonly TypedField[], seed: number, options: { categories?: number; minRows?: number } = {}): Row[] {
    const random = seededRandom(seed);
    const categories = options.categories ?? 6;
    const dimensions = fields.filter((f) => !f.aggregate && valueKind(f.sparkType) !== "quantitative");
    const measuresOnly = dimensions.length === 0 || dimensions.length === fields.length;
    const minRows = options.minRows ?? 1;
    let combos: Row[] = [{}];
    if (!measuresOnly) {
        for (const [i, dim] of dimensions.entries()) {
            const temporal = valueKind(dim.sparkType) === "temporal";
            // Only the first dimension gets the full range; series (a colour) stay few so charts stay readable.
            const values: (string | number)[] = temporal
                ? Array.from({ length: i === 0 ? 30 : 3 }, (_, d) => dayIso(29 - d, dim.sparkType.startsWith("timestamp")))
                : categoriesFor(dim.column ?? dim.name, i === 0 ? categories : 3);
            combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [dim.name]: value })));
        }
    }
    while (combos.length < minRows) combos.push({});
    return combos.map((combo, index) => {
        const row: Row = {};
        for (const field of fields) {
            if (field.name in combo) {
                row[field.name] = combo[field.name];
                continue;
            }
            const kind = valueKind(field.sparkType);
            if (kind === "quantitative") row[field.name] = numberFor(field, random);
            else if (kind === "temporal") row[field.name] = dayIso(Math.floor(random() * 30), field.sparkType.startsWith("timestamp"));
            else row[field.name] = categoriesFor(field.column ?? field.name, categories)[index % categories];
        }
        return row;
    });
}
