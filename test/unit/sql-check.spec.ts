import { strict as assert } from "assert";
import { analyzeQuery, checkSqlText, parseSpark } from "../../checks/sql";
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
const HEADER = "USE CATALOG `{{catalog}}`;\nUSE SCHEMA `{{schema}}`;\n";
const GOOD_VIEW = "CREATE OR REPLACE VIEW v_summary AS SELECT segment, SUM(amount) AS total FROM payments GROUP BY segment;\n";
const GOOD_TABLE =
    "CREATE TABLE IF NOT EXISTS settings (id INT NOT NULL DEFAULT 1, value STRING) USING DELTA " +
    "TBLPROPERTIES ('delta.feature.allowColumnDefaults' = 'supported');\n";

function problemsOf(sql: string): string[] {
    return checkSqlText(sql, "sql/test.sql", contract).problems;
}

function assertOneProblem(problems: string[], pattern: RegExp): void {
    assert.ok(problems.some((p) => pattern.test(p)), `expected a problem matching ${pattern}, got:\n${problems.join("\n")}`);
}

describe("parseSpark", () => {
    it("accepts valid Spark SQL, including templates and Databricks USE CATALOG", () => {
        assert.deepEqual(parseSpark(HEADER + GOOD_VIEW + GOOD_TABLE, "t.sql"), []);
    });

    it("reports a broken statement with its file line and column", () => {
        const errors = parseSpark("SELECT 1;\n\nSELECT a FROM t;\n  SELEC b FROM t;", "broken.sql");
        assert.equal(errors.length, 1, JSON.stringify(errors));
        assert.equal(errors[0].source, "broken.sql");
        assert.equal(errors[0].line, 4);
        assert.equal(errors[0].column, 3);
        assert.match(errors[0].message, /SELEC/);
    });

    it("fails on a template placeholder without a value, naming it", () => {
        assert.throws(() => parseSpark("SELECT * FROM {{catalgo}}.x", "typo.sql"), /typo\.sql.*\{\{catalgo\}\}/);
    });
});

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

    it("reports an ambiguous column across joined tables", () => {
        const sql = "SELECT id FROM payments a JOIN payments b ON a.id = b.id";
        assertOneProblem(analyzeQuery(sql, "q", contract).problems, /ambiguous column "id"/);
    });
});

describe("checkSqlText", () => {
    it("passes a file that creates exactly its contract objects", () => {
        assert.deepEqual(problemsOf(HEADER + GOOD_VIEW + GOOD_TABLE), []);
    });

    it("reports a view whose columns drift from the contract", () => {
        const drifted = "CREATE OR REPLACE VIEW v_summary AS SELECT segment, SUM(amount) AS total_amount FROM payments GROUP BY segment;";
        assertOneProblem(problemsOf(HEADER + drifted + GOOD_TABLE), /columns of view "v_summary" drift.*missing \[total\].*\[total_amount\]/);
    });

    it("reports an unknown column and an unknown table inside a view", () => {
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW.replace("SUM(amount)", "SUM(amt)") + GOOD_TABLE), /unknown column "amt"/);
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW.replace("FROM payments", "FROM payment") + GOOD_TABLE), /unknown table "payment"/);
    });

    it("reports a broken statement with its line", () => {
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW + "CREATE TABLE IF NOT EXISTS settings (id INT,, value STRING);"), /sql\/test\.sql:4:\d+: syntax error/);
    });

    it("requires the USE header before unqualified names", () => {
        assertOneProblem(problemsOf(GOOD_VIEW + GOOD_TABLE), /unqualified table "payments".*USE CATALOG/);
    });

    it("requires idempotent CREATE statements", () => {
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW.replace("OR REPLACE ", "") + GOOD_TABLE), /must be CREATE OR REPLACE VIEW/);
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW + GOOD_TABLE.replace("IF NOT EXISTS ", "")), /must say IF NOT EXISTS/);
    });

    it("requires allowColumnDefaults when a column has a DEFAULT", () => {
        const noFeature = GOOD_TABLE.replace("'delta.feature.allowColumnDefaults' = 'supported'", "'delta.enableChangeDataFeed' = 'true'");
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW + noFeature), /DEFAULT.*delta\.feature\.allowColumnDefaults/);
    });

    it("reports column types and nullability that differ from the contract", () => {
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW + GOOD_TABLE.replace("id INT", "id BIGINT")), /settings\.id is declared bigint but the contract says int/);
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW + GOOD_TABLE.replace("NOT NULL ", "")), /settings\.id is nullable but the contract says not null/);
    });

    it("reports objects missing from the contract and contract objects the file does not create", () => {
        const extra = "CREATE OR REPLACE VIEW v_extra AS SELECT id FROM payments;";
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW + GOOD_TABLE + extra), /creates view "v_extra", which is not in the data contract/);
        assertOneProblem(problemsOf(HEADER + GOOD_VIEW), /produces "settings", but it does not create it/);
    });

    it("checks MERGE targets, sources and written columns", () => {
        const merge = (body: string) => problemsOf(HEADER + GOOD_VIEW + GOOD_TABLE + body);
        const good = "MERGE INTO settings AS t USING (SELECT 1 AS id, 'x' AS value) AS s ON t.id = s.id " +
            "WHEN MATCHED THEN UPDATE SET t.value = s.value WHEN NOT MATCHED THEN INSERT (id, value) VALUES (s.id, s.value);";
        assert.deepEqual(merge(good), []);
        assertOneProblem(merge(good.replace("t.value = s.value", "t.valu = s.value")), /MERGE writes column "valu"/);
        assertOneProblem(merge(good.replace("VALUES (s.id, s.value)", "VALUES (s.id, s.vale)")), /unknown column "s\.vale"|unknown column "vale"/);
        assertOneProblem(merge(good.replace("MERGE INTO settings", "MERGE INTO setting")), /unknown table "setting"/);
    });

    it("lets a statement read an object created earlier in the same file", () => {
        const report = checkSqlText(HEADER + GOOD_VIEW + GOOD_TABLE + "SELECT total FROM v_summary;", "sql/test.sql", contract);
        assert.deepEqual(report.problems, []);
        assert.deepEqual(report.created, ["v_summary", "settings"]);
        assert.deepEqual(report.read, ["payments"]);
    });
});
