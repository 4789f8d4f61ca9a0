/**
 * The rules table the app creates is the one the agents query through the Lakebase catalog: same schema,
 * same table, every column they read with the type they expect, and the same rule types.
 */
import * as assert from "node:assert/strict";
import { postgresPool } from "../../app/server/rules/pool";
import { migrate, RULES_SCHEMA } from "../../app/server/rules/store";
import { RULE_TYPES as APP_RULE_TYPES } from "../../app/server/rules/validation";
import { RULE_COLUMNS_READ_BY_AGENTS, RULE_TYPES, RULES_AUDIT_TABLE, RULES_POSTGRES_SCHEMA, RULES_TABLE } from "../../contract/rules";
import { LocalPostgres, startPostgres } from "./support/postgres";

describe("the app's rules table against the contract the agents read (real PostgreSQL)", function () {
    this.timeout(60_000);
    let pg: LocalPostgres;
    let pool: ReturnType<typeof postgresPool>;

    before(async () => {
        pg = await startPostgres();
        pool = postgresPool({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
        await migrate(pool);
    });

    after(async () => {
        await pool?.end();
        pg?.stop();
    });

    it("writes to the schema the agents read and accepts exactly the contract's rule types", () => {
        assert.equal(RULES_SCHEMA, RULES_POSTGRES_SCHEMA);
        assert.deepEqual([...APP_RULE_TYPES], [...RULE_TYPES]);
    });

    it("creates the rules and audit tables, with every column the agents read and its type", async () => {
        const tables = await pool.query<{ table_name: string }>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
            [RULES_POSTGRES_SCHEMA],
        );
        assert.deepEqual(tables.rows.map((row) => row.table_name), [RULES_TABLE, RULES_AUDIT_TABLE].sort());
        const columns = await pool.query<{ column_name: string; data_type: string }>(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2",
            [RULES_POSTGRES_SCHEMA, RULES_TABLE],
        );
        const types = Object.fromEntries(columns.rows.map((row) => [row.column_name, row.data_type]));
        for (const [column, type] of Object.entries(RULE_COLUMNS_READ_BY_AGENTS)) {
            assert.equal(types[column], type, `${RULES_TABLE}.${column} is ${types[column] ?? "missing"}, the agents expect ${type}`);
        }
    });

    it("refuses a rule type the agents would never ask for", async () => {
        await assert.rejects(
            pool.query(`INSERT INTO ${RULES_POSTGRES_SCHEMA}.${RULES_TABLE} (id, name, rule_type, action_summary, priority, updated_by) VALUES ('x', 'x', 'pricing', 'n/a', 1, 'dba')`),
            /check constraint/,
        );
    });
});
