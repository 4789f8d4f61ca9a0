import { strict as assert } from "assert";
import { analyzeQuery } from "../../checks/sql";
import { columnsFromDdl } from "../../contract/ddl";
import type { DatasetContract } from "../../contract/types";

const silver: DatasetContract = {
    name: "payments",
    layer: "silver",
    kind: "materialized_view",
    producer: { kind: "notebook", path: "notebooks/x.py" },
    columns: columnsFromDdl("id string not null, amount double, is_approved boolean, segment string", "payments"),
};
const summary: DatasetContract = {
    name: "v_summary",
    layer: "gold",
    kind: "view",
    producer: { kind: "sql", path: "sql/test.sql" },
    columns: columnsFromDdl("segment string, total double", "v_summary"),
};
const config: DatasetContract = {
    name: "settings",
    layer: "lakehouse",
    kind: "table",
    producer: { kind: "sql", path: "sql/test.sql" },
    columns: columnsFromDdl("id int not null, value string", "settings"),
};
const contract = [silver, summary, config];

function assertOneProblem(problems: string[], pattern: RegExp): void {
    assert.ok(problems.some((p) => pattern.test(p)), `expected a problem matching ${pattern}, got:\n${problems.join("\n")}`);
}

describe("analyzeQuery", () => {
    it("returns referenced tables without their template qualifier and expands *", () => {
        const result = analyzeQuery("SELECT * FROM {{catalog}}.{{schema}}.payments", "q", contract);
        assert.deepEqual(result.problems, []);
        assert.deepEqual(result.tables, ["payments"]);
        assert.deepEqual(result.outputColumns, ["id", "amount", "is_approved", "segment"]);
    });

    it("names outputs by alias, by column, and by expression text", () => {
        const result = analyzeQuery("SELECT p.segment, SUM(p.amount) AS total, count(*) FROM payments p GROUP BY p.segment", "q", contract);
        assert.deepEqual(result.problems, []);
        assert.deepEqual(result.outputColumns, ["segment", "total", "count(*)"]);
    });

    it("resolves CTEs, subquery aliases and correlated references", () => {
        const sql = `WITH s AS (SELECT segment, amount AS value FROM payments)
            SELECT x.segment, x.value FROM s AS x
            WHERE EXISTS (SELECT 1 FROM payments q WHERE q.segment = x.segment) ORDER BY value`;
        const result = analyzeQuery(sql, "q", contract);
        assert.deepEqual(result.problems, []);
        assert.deepEqual(result.outputColumns, ["segment", "value"]);
        assert.deepEqual(result.tables, ["payments"]);
    });

    it("reports an unknown table with a suggestion", () => {
        const { problems } = analyzeQuery("SELECT id FROM paymnts", "q", contract);
        assertOneProblem(problems, /unknown table "paymnts".*"payments"/);
    });

    it("reports an unknown column, qualified or not", () => {
        assertOneProblem(analyzeQuery("SELECT amount, ammount FROM payments", "q", contract).problems, /unknown column "ammount".*"amount"/);
        assertOneProblem(analyzeQuery("SELECT p.nope FROM payments p", "q", contract).problems, /unknown column "nope" in table payments/);
        assertOneProblem(analyzeQuery("SELECT id FROM payments WHERE segmnt = 'x'", "q", contract).problems, /unknown column "segmnt"/);
    });

    it("reports a qualifier other than the stack's catalog and schema", () => {
        assertOneProblem(analyzeQuery("SELECT id FROM main.other.payments", "q", contract).problems, /outside the stack's schema/);
    });

    it("reports syntax errors and clauses swallowed as aliases", () => {
        assertOneProblem(analyzeQuery("SELECT id FROM payments WHERE", "q", contract).problems, /"where" is parsed as a table alias/);
        assertOneProblem(analyzeQuery("SELECT id,, amount FROM payments", "q", contract).problems, /syntax error/);
    });

    it("fails on a template placeholder without a value, naming it", () => {
        assert.throws(() => analyzeQuery("SELECT * FROM {{catalgo}}.x", "typo.sql", contract), /typo\.sql.*\{\{catalgo\}\}/);
    });

    it("reports an ambiguous column across joined tables", () => {
        const sql = "SELECT id FROM payments a JOIN payments b ON a.id = b.id";
        assertOneProblem(analyzeQuery(sql, "q", contract).problems, /ambiguous column "id"/);
    });
});
