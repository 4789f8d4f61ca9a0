/**
 * The approval rules the local Spark run gives the agents: written by the app's own rule store into a real
 * PostgreSQL (the local stand-in of the stack's Lakebase database), which Spark reads through a JDBC catalog
 * named like the Lakebase catalog. The agents' rules tools then meet the table the app created, not a copy.
 */
import { postgresPool } from "../../app/server/rules/pool";
import { migrate, RuleStore } from "../../app/server/rules/store";
import type { RuleInput } from "../../app/server/rules/validation";
import { rulesTableName } from "../../contract/rules";
import type { LocalPostgres } from "./local-postgres";

/** What run_all.py needs to register the catalog and to check what the agents were given. */
export interface LocalRulesCatalog {
    readonly catalog: string;
    readonly jdbcUrl: string;
    readonly user: string;
    readonly password: string;
    /** The `rules_table` widget, as the jobs pass it. */
    readonly rulesTable: string;
    /** Rule type -> names of the active rules of that type, which the agent of that type must be shown. */
    readonly active: Readonly<Record<string, readonly string[]>>;
    /** Names of disabled rules, which no agent may be shown. */
    readonly inactive: readonly string[];
}

const OPERATOR = "spark-local@example.com";

/** One active routing rule and one retry rule, as operators would write them, and a disabled routing rule. */
export const LOCAL_RULES: readonly RuleInput[] = [
    { name: "Prefer the backup processor for Amex", rule_type: "routing", condition_expression: "card_network = 'AMEX'", action_summary: "Route to the backup processor", priority: 10, is_active: true },
    { name: "Retry soft declines after 10 minutes", rule_type: "retry", condition_expression: "decline_reason = 'INSUFFICIENT_FUNDS'", action_summary: "Retry once after 10 minutes", priority: 20, is_active: true },
    { name: "Old routing rule, disabled", rule_type: "routing", condition_expression: "amount > 10000", action_summary: "Route to manual review", priority: 5, is_active: false },
];

export async function seedLocalRules(pg: LocalPostgres, catalog: string): Promise<LocalRulesCatalog> {
    const pool = postgresPool({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
    try {
        await migrate(pool);
        const store = new RuleStore(pool);
        for (const rule of LOCAL_RULES) await store.create(rule, OPERATOR);
    } finally {
        await pool.end();
    }
    const active: Record<string, string[]> = {};
    for (const rule of LOCAL_RULES.filter((r) => r.is_active)) (active[rule.rule_type] ??= []).push(rule.name);
    return {
        catalog,
        jdbcUrl: `jdbc:postgresql://${pg.host}:${pg.port}/${pg.database}`,
        user: pg.user,
        password: pg.password,
        rulesTable: rulesTableName(catalog),
        active,
        inactive: LOCAL_RULES.filter((r) => !r.is_active).map((r) => r.name),
    };
}
