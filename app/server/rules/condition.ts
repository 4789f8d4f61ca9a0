/**
 * The condition language of approval rules: comparisons of transaction fields joined by AND, e.g.
 * `amount > 500 AND card_network = 'VISA' AND uses_3ds = false`. Small on purpose: the app evaluates it
 * itself (no SQL, no eval), and a condition that does not parse is refused when the rule is saved.
 */
export const CONDITION_FIELDS = {
    amount: "number",
    fraud_score: "number",
    aml_risk_score: "number",
    device_trust_score: "number",
    retry_count: "number",
    processing_time_ms: "number",
    is_cross_border: "boolean",
    uses_3ds: "boolean",
    card_network: "string",
    merchant_segment: "string",
    issuer_country: "string",
    currency: "string",
} as const;
export type ConditionField = keyof typeof CONDITION_FIELDS;

const OPERATORS = ["<=", ">=", "!=", "=", "<", ">"] as const;
type Operator = (typeof OPERATORS)[number];

export interface Comparison {
    readonly field: ConditionField;
    readonly operator: Operator;
    readonly value: number | string | boolean;
}

export class ConditionError extends Error {}

/** The comparisons of `text`; throws a ConditionError naming the bad clause and what would be valid. */
export function parseCondition(text: string): Comparison[] {
    const clauses = text.trim().split(/\s+AND\s+/i);
    return clauses.map((clause, index) => {
        const where = `clause ${index + 1} (${JSON.stringify(clause.trim())})`;
        const match = /^([a-z_][a-z0-9_]*)\s*(<=|>=|!=|=|<|>)\s*(.+)$/i.exec(clause.trim());
        if (!match) throw new ConditionError(`${where} is not "<field> <operator> <value>"; operators are ${OPERATORS.join(" ")}, clauses are joined by AND`);
        const field = match[1].toLowerCase();
        if (!(field in CONDITION_FIELDS)) throw new ConditionError(`${where}: unknown field "${field}"; valid fields are ${Object.keys(CONDITION_FIELDS).join(", ")}`);
        const kind = CONDITION_FIELDS[field as ConditionField];
        const operator = match[2] as Operator;
        const raw = match[3].trim();
        let value: number | string | boolean;
        if (kind === "number") {
            if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new ConditionError(`${where}: ${field} is a number, got ${raw}`);
            value = Number(raw);
        } else if (kind === "boolean") {
            if (!/^(true|false)$/i.test(raw)) throw new ConditionError(`${where}: ${field} is true or false, got ${raw}`);
            if (operator !== "=" && operator !== "!=") throw new ConditionError(`${where}: ${field} is compared with = or != only`);
            value = raw.toLowerCase() === "true";
        } else {
            const quoted = /^'([A-Za-z0-9 _.-]{1,64})'$/.exec(raw);
            if (!quoted) throw new ConditionError(`${where}: ${field} takes a quoted text of letters, digits, space, _ . - (at most 64), got ${raw}`);
            if (operator !== "=" && operator !== "!=") throw new ConditionError(`${where}: ${field} is compared with = or != only`);
            value = quoted[1];
        }
        return { field: field as ConditionField, operator, value };
    });
}

export type TransactionFacts = Partial<Record<ConditionField, number | string | boolean>>;

/** True when every comparison holds; a field the transaction lacks makes its comparison false. */
export function conditionHolds(comparisons: readonly Comparison[], facts: TransactionFacts): boolean {
    return comparisons.every(({ field, operator, value }) => {
        const actual = facts[field];
        if (actual === undefined) return false;
        switch (operator) {
            case "=":
                return typeof actual === "string" && typeof value === "string" ? actual.toLowerCase() === value.toLowerCase() : actual === value;
            case "!=":
                return typeof actual === "string" && typeof value === "string" ? actual.toLowerCase() !== value.toLowerCase() : actual !== value;
            case "<":
                return Number(actual) < Number(value);
            case "<=":
                return Number(actual) <= Number(value);
            case ">":
                return Number(actual) > Number(value);
            case ">=":
                return Number(actual) >= Number(value);
        }
    });
}
