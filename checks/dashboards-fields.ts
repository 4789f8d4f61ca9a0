/**
 * Widget field expressions in the forms the Lakeview UI writes (format doc section 7). Anything richer
 * (CASE, ratios, casts) belongs in the dataset SQL, where the SQL checker sees it; so an expression outside
 * this grammar is an error rather than something to guess about.
 */
export interface FieldExpression {
    /** The dataset column the expression reads; undefined for COUNT(`*`). */
    readonly column: string | undefined;
    readonly aggregate: boolean;
    /** The field name the UI gives this expression, e.g. `sum(amount)`, `daily(ts)`. */
    readonly conventionalName: string;
}

const COLUMN = "`([^`]+)`";
const AGGREGATES: Readonly<Record<string, string>> = { SUM: "sum", AVG: "avg", MIN: "min", MAX: "max", COUNT: "count", MEDIAN: "median" };
const TRUNCATIONS: Readonly<Record<string, string>> = {
    SECOND: "secondly",
    MINUTE: "minutely",
    HOUR: "hourly",
    DAY: "daily",
    WEEK: "weekly",
    MONTH: "monthly",
    QUARTER: "quarterly",
    YEAR: "yearly",
};

export const FIELD_EXPRESSION_FORMS =
    "`col`, SUM|AVG|MIN|MAX|COUNT|MEDIAN(`col`), COUNT(`*`), COUNT(DISTINCT `col`), PERCENTILE(`col`, 0.5), " +
    'DATE_TRUNC("DAY"|"HOUR"|..., `col`), BIN_FLOOR(`col`, n)';

/** Parses `expression`; returns an error message naming the valid forms when it is none of them. */
export function parseFieldExpression(expression: string): FieldExpression | string {
    const text = expression.trim();
    let match: RegExpExecArray | null;
    if ((match = new RegExp(`^${COLUMN}$`).exec(text))) {
        return { column: match[1], aggregate: false, conventionalName: match[1] };
    }
    if (/^COUNT\(\s*`\*`\s*\)$/i.test(text) || /^COUNT\(\s*\*\s*\)$/i.test(text)) {
        return { column: undefined, aggregate: true, conventionalName: "count(*)" };
    }
    if ((match = new RegExp(`^COUNT\\(\\s*DISTINCT\\s+${COLUMN}\\s*\\)$`, "i").exec(text))) {
        return { column: match[1], aggregate: true, conventionalName: `countdistinct(${match[1]})` };
    }
    if ((match = new RegExp(`^PERCENTILE\\(\\s*${COLUMN}\\s*,\\s*0?\\.5\\s*\\)$`, "i").exec(text))) {
        return { column: match[1], aggregate: true, conventionalName: `median(${match[1]})` };
    }
    if ((match = new RegExp(`^([A-Za-z]+)\\(\\s*${COLUMN}\\s*\\)$`).exec(text))) {
        const fn = AGGREGATES[match[1].toUpperCase()];
        if (fn) return { column: match[2], aggregate: true, conventionalName: `${fn}(${match[2]})` };
    }
    if ((match = new RegExp(`^DATE_TRUNC\\(\\s*"([A-Za-z]+)"\\s*,\\s*${COLUMN}\\s*\\)$`, "i").exec(text))) {
        const unit = TRUNCATIONS[match[1].toUpperCase()];
        if (unit) return { column: match[2], aggregate: false, conventionalName: `${unit}(${match[2]})` };
    }
    if ((match = new RegExp(`^BIN_FLOOR\\(\\s*${COLUMN}\\s*,\\s*([0-9.]+)\\s*\\)$`, "i").exec(text))) {
        return { column: match[1], aggregate: false, conventionalName: `bin(${match[1]}, binWidth=${match[2]})` };
    }
    return `expression ${JSON.stringify(expression)} is not one of the forms the Lakeview editor writes: ${FIELD_EXPRESSION_FORMS}`;
}
