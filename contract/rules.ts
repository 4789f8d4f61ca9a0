/**
 * The approval rules operators edit: one table in the stack's Lakebase database, written only by the app
 * (app/server/rules/store.ts creates it) and read by the agents through the database's Unity Catalog
 * catalog. There is no Delta copy, so the agents never act on a rule the app has already changed.
 */

/** Postgres schema of the app's own tables; the same name is the schema inside the Lakebase UC catalog. */
export const RULES_POSTGRES_SCHEMA = "payment_analysis";
export const RULES_TABLE = "approval_rules";
export const RULES_AUDIT_TABLE = "approval_rules_audit";

/** The rule types the app accepts and the agents ask for. */
export const RULE_TYPES = ["authentication", "retry", "routing"] as const;

/** Columns the agents select or filter on; the app's table must have each of them with this Postgres type. */
export const RULE_COLUMNS_READ_BY_AGENTS = {
    name: "text",
    rule_type: "text",
    condition_expression: "text",
    action_summary: "text",
    priority: "integer",
    is_active: "boolean",
} as const;

/** Three-part name of the rules table as the agents' SQL warehouse sees it. */
export function rulesTableName(lakebaseCatalog: string): string {
    return `${lakebaseCatalog}.${RULES_POSTGRES_SCHEMA}.${RULES_TABLE}`;
}
