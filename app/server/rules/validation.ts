/**
 * What a rule may hold, checked before anything is written. Every message names the field and what
 * would be valid. Free text refuses the characters that only ever appear in an injection attempt
 * (statement separators and SQL comments), although every value travels as a query parameter anyway.
 */
import { z } from "zod";
import { ConditionError, parseCondition } from "./condition";

export const RULE_TYPES = ["authentication", "retry", "routing"] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const LIMITS = { name: 120, condition: 1_000, action: 500, priorityMin: 1, priorityMax: 1_000 } as const;

const SQL_META = /;|--|\/\*|\*\/|`|\\/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

const text = (field: string, max: number) =>
    z
        .string({ error: `${field} must be text` })
        .trim()
        .min(1, { error: `${field} must not be empty` })
        .max(max, { error: `${field} must be at most ${max} characters` })
        .refine((value) => !CONTROL.test(value), { error: `${field} must not contain control characters (line breaks, tabs)` })
        .refine((value) => !SQL_META.test(value), { error: `${field} must not contain ; -- /* */ \` or \\` });

const condition = z
    .union([z.null(), z.literal(""), text("condition_expression", LIMITS.condition)], { error: "condition_expression must be text or empty" })
    .transform((value, context) => {
        if (value === null || value === "") return null;
        try {
            parseCondition(value);
        } catch (error) {
            if (!(error instanceof ConditionError)) throw error;
            context.addIssue({ code: "custom", message: `condition_expression: ${error.message}` });
            return z.NEVER;
        }
        return value;
    });

export const ruleInput = z
    .object({
        name: text("name", LIMITS.name).refine((value) => /^[\p{L}\p{N} _.,()/&+-]+$/u.test(value), {
            error: "name may contain letters, digits, spaces and _ . , ( ) / & + - only",
        }),
        rule_type: z.enum(RULE_TYPES, { error: `rule_type must be one of ${RULE_TYPES.join(", ")}` }),
        condition_expression: condition.optional().transform((value) => value ?? null),
        action_summary: text("action_summary", LIMITS.action),
        priority: z
            .number({ error: "priority must be a whole number" })
            .int({ error: "priority must be a whole number" })
            .min(LIMITS.priorityMin, { error: `priority must be between ${LIMITS.priorityMin} and ${LIMITS.priorityMax}` })
            .max(LIMITS.priorityMax, { error: `priority must be between ${LIMITS.priorityMin} and ${LIMITS.priorityMax}` }),
        is_active: z.boolean({ error: "is_active must be true or false" }).default(true),
    })
    .strict();
export type RuleInput = z.output<typeof ruleInput>;

/** An edit names the version it was made on, so a concurrent edit is detected instead of overwritten. */
export const versionInput = z.object({ version: z.number({ error: "version must be the rule's version number" }).int().min(1) });

export class ValidationError extends Error {
    constructor(readonly problems: string[]) {
        super(problems.join("; "));
        this.name = "ValidationError";
    }
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ValidationError(["the request body must be a JSON object"]);
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new ValidationError(
        parsed.error.issues.map((issue) => {
            if (issue.code === "unrecognized_keys") return `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; a rule has name, rule_type, condition_expression, action_summary, priority, is_active`;
            return issue.message;
        }),
    );
}
