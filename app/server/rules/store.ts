/**
 * Approval rules in Lakebase (Postgres). Every write is one transaction that changes the rule and appends
 * its audit entry (who, when, what changed), so a failure leaves neither. Edits carry the version they
 * were made on: a concurrent edit is refused with 409 instead of silently overwriting the other one.
 */
import type { Pool, PoolClient } from "pg";
import { randomUUID } from "node:crypto";
import { conflict, notFound, UserFacingError } from "../errors";
import { RULE_TYPES, RuleInput } from "./validation";

export const RULES_SCHEMA = "payment_analysis";

export interface Rule {
    readonly id: string;
    readonly name: string;
    readonly rule_type: string;
    readonly condition_expression: string | null;
    readonly action_summary: string;
    readonly priority: number;
    readonly is_active: boolean;
    readonly version: number;
    readonly created_at: string;
    readonly updated_at: string;
    readonly updated_by: string;
}

export interface AuditEntry {
    readonly id: number;
    readonly rule_id: string;
    readonly rule_name: string;
    readonly action: "create" | "update" | "disable" | "enable" | "delete";
    readonly actor: string;
    readonly at: string;
    readonly changes: Record<string, { from?: unknown; to?: unknown }>;
}

const EDITABLE = ["name", "rule_type", "condition_expression", "action_summary", "priority", "is_active"] as const;

/** Creates the schema and tables when absent; safe to run at every start and from several instances at once. */
export async function migrate(pool: Pool): Promise<void> {
    await inTransaction(pool, "preparing the rules tables", async (client) => {
        // Two app instances starting together would race on CREATE ... IF NOT EXISTS; the lock serialises them.
        await client.query("SELECT pg_advisory_xact_lock(727274)");
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${RULES_SCHEMA}`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${RULES_SCHEMA}.approval_rules (
            id text PRIMARY KEY,
            name text NOT NULL UNIQUE,
            rule_type text NOT NULL CHECK (rule_type IN (${RULE_TYPES.map((t) => `'${t}'`).join(", ")})),
            condition_expression text,
            action_summary text NOT NULL,
            priority integer NOT NULL,
            is_active boolean NOT NULL DEFAULT true,
            version integer NOT NULL DEFAULT 1,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            updated_by text NOT NULL
        )`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${RULES_SCHEMA}.approval_rules_audit (
            id bigserial PRIMARY KEY,
            rule_id text NOT NULL,
            rule_name text NOT NULL,
            action text NOT NULL,
            actor text NOT NULL,
            at timestamptz NOT NULL DEFAULT now(),
            changes jsonb NOT NULL
        )`);
    });
}

export class RuleStore {
    constructor(private readonly pool: Pool) {}

    async list(): Promise<Rule[]> {
        const result = await this.read("listing the rules", `SELECT * FROM ${RULES_SCHEMA}.approval_rules ORDER BY priority, name`);
        return result.map(toRule);
    }

    async active(): Promise<Rule[]> {
        const result = await this.read("reading the active rules", `SELECT * FROM ${RULES_SCHEMA}.approval_rules WHERE is_active ORDER BY priority, name`);
        return result.map(toRule);
    }

    async audit(limit = 100): Promise<AuditEntry[]> {
        const rows = await this.read("reading the audit trail", `SELECT * FROM ${RULES_SCHEMA}.approval_rules_audit ORDER BY id DESC LIMIT $1`, [limit]);
        return rows.map((row) => ({ ...(row as unknown as AuditEntry), id: Number(row["id"]), at: iso(row["at"]) }));
    }

    async create(input: RuleInput, actor: string): Promise<Rule> {
        return inTransaction(this.pool, `saving rule "${input.name}"`, async (client) => {
            const id = randomUUID();
            const inserted = await client.query(
                `INSERT INTO ${RULES_SCHEMA}.approval_rules (id, name, rule_type, condition_expression, action_summary, priority, is_active, updated_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
                [id, input.name, input.rule_type, input.condition_expression, input.action_summary, input.priority, input.is_active, actor],
            );
            const rule = toRule(inserted.rows[0]);
            await appendAudit(client, rule, "create", actor, Object.fromEntries(EDITABLE.map((field) => [field, { to: rule[field] }])));
            return rule;
        });
    }

    /** Replaces the editable fields of rule `id`, made on `version`; 409 if someone changed it since. */
    async update(id: string, version: number, input: RuleInput, actor: string): Promise<Rule> {
        return inTransaction(this.pool, `saving rule "${input.name}"`, async (client) => {
            const before = await lockedAt(client, id, version);
            const updated = await client.query(
                `UPDATE ${RULES_SCHEMA}.approval_rules
                 SET name = $3, rule_type = $4, condition_expression = $5, action_summary = $6, priority = $7, is_active = $8,
                     version = version + 1, updated_at = now(), updated_by = $9
                 WHERE id = $1 AND version = $2 RETURNING *`,
                [id, version, input.name, input.rule_type, input.condition_expression, input.action_summary, input.priority, input.is_active, actor],
            );
            const after = toRule(updated.rows[0]);
            const changes = Object.fromEntries(EDITABLE.filter((field) => before[field] !== after[field]).map((field) => [field, { from: before[field], to: after[field] }]));
            const action = Object.keys(changes).length === 1 && "is_active" in changes ? (after.is_active ? "enable" : "disable") : "update";
            await appendAudit(client, after, action, actor, changes);
            return after;
        });
    }

    async setActive(id: string, version: number, active: boolean, actor: string): Promise<Rule> {
        return inTransaction(this.pool, `${active ? "enabling" : "disabling"} the rule`, async (client) => {
            const before = await lockedAt(client, id, version);
            const updated = await client.query(
                `UPDATE ${RULES_SCHEMA}.approval_rules SET is_active = $3, version = version + 1, updated_at = now(), updated_by = $4
                 WHERE id = $1 AND version = $2 RETURNING *`,
                [id, version, active, actor],
            );
            const after = toRule(updated.rows[0]);
            await appendAudit(client, after, active ? "enable" : "disable", actor, before.is_active === active ? {} : { is_active: { from: before.is_active, to: active } });
            return after;
        });
    }

    async remove(id: string, version: number, actor: string): Promise<void> {
        await inTransaction(this.pool, "deleting the rule", async (client) => {
            const before = await lockedAt(client, id, version);
            await client.query(`DELETE FROM ${RULES_SCHEMA}.approval_rules WHERE id = $1 AND version = $2`, [id, version]);
            await appendAudit(client, before, "delete", actor, Object.fromEntries(EDITABLE.map((field) => [field, { from: before[field] }])));
        });
    }

    private async read(action: string, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
        try {
            return (await this.pool.query(sql, values)).rows;
        } catch (error) {
            throw asUserError(error, action);
        }
    }
}

/** The rule at `version`, locked for this transaction; 404 if gone, 409 if someone saved a newer version. */
async function lockedAt(client: PoolClient, id: string, version: number): Promise<Rule> {
    const found = await client.query(`SELECT * FROM ${RULES_SCHEMA}.approval_rules WHERE id = $1 FOR UPDATE`, [id]);
    if (found.rowCount === 0) throw notFound(`rule ${id} does not exist (deleted by someone else?)`);
    const current = toRule(found.rows[0]);
    if (current.version !== version) {
        throw conflict(`rule "${current.name}" was changed by ${current.updated_by} at ${current.updated_at} after you opened it (version ${current.version}, yours ${version}); reload it and apply your edit again`);
    }
    return current;
}

async function appendAudit(client: PoolClient, rule: Rule, action: AuditEntry["action"], actor: string, changes: AuditEntry["changes"]): Promise<void> {
    await client.query(
        `INSERT INTO ${RULES_SCHEMA}.approval_rules_audit (rule_id, rule_name, action, actor, changes) VALUES ($1, $2, $3, $4, $5)`,
        [rule.id, rule.name, action, actor, JSON.stringify(changes)],
    );
}

async function inTransaction<T>(pool: Pool, action: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
        client = await pool.connect();
    } catch (error) {
        throw asUserError(error, action);
    }
    try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        return result;
    } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => console.error(`rollback after ${action} failed: ${rollbackError.message}`));
        throw asUserError(error, action, true);
    } finally {
        client.release();
    }
}

/** Postgres errors in the operator's terms; the SQL and the server's message stay in the log. */
function asUserError(error: unknown, action: string, write = false): Error {
    if (error instanceof UserFacingError) return error;
    const code = (error as { code?: string }).code;
    const detail = error instanceof Error ? error.message : String(error);
    if (code === "23505") return new UserFacingError(409, `${action} failed: a rule with this name already exists`, detail);
    const unsaved = write ? "; nothing was saved" : "";
    if (code === "23514" || code === "23502" || code === "22001") return new UserFacingError(400, `${action} failed: the rules database refused the values${unsaved}`, detail);
    return new UserFacingError(503, `${action} failed: the rules database refused the request or could not be reached${unsaved}`, detail);
}

function iso(value: unknown): string {
    return value instanceof Date ? value.toISOString() : String(value);
}

function toRule(row: Record<string, unknown>): Rule {
    return {
        id: String(row["id"]),
        name: String(row["name"]),
        rule_type: String(row["rule_type"]),
        condition_expression: row["condition_expression"] === null ? null : String(row["condition_expression"]),
        action_summary: String(row["action_summary"]),
        priority: Number(row["priority"]),
        is_active: Boolean(row["is_active"]),
        version: Number(row["version"]),
        created_at: iso(row["created_at"]),
        updated_at: iso(row["updated_at"]),
        updated_by: String(row["updated_by"]),
    };
}
