import * as assert from "assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import {
    NOTEBOOK_DIR,
    NOTEBOOKS,
    type NotebookFile,
    type NotebookProblem,
    catalogProblems,
    checkNotebooks,
    notebookPackages,
    notebookSpec,
    repositoryNotebooks,
} from "../../checks/notebooks";
import { notebookFormatProblems } from "../../checks/notebook-format";

function source(name: string): string {
    return readFileSync(path.join(NOTEBOOK_DIR, name), "utf8");
}

/** `text` with `from` replaced exactly once, so a fixture cannot silently stop mutating anything. */
function replaceOnce(text: string, from: string, to: string): string {
    const at = text.indexOf(from);
    assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `fixture: "${from}" must occur exactly once`);
    return text.slice(0, at) + to + text.slice(at + from.length);
}

describe("notebooks (pyright, format, contract)", function () {
    // pyright needs a few seconds; each `before` runs it once for all the files it checks.
    this.timeout(120_000);

    describe("the repository's notebooks", () => {
        let notebooks: NotebookFile[];
        let problems: NotebookProblem[];
        before(() => {
            notebooks = repositoryNotebooks();
            problems = checkNotebooks(notebooks);
        });

        it("pass every check", () => {
            assert.deepStrictEqual(
                problems.map((p) => `${p.notebook} [${p.check}] ${p.message}`),
                [],
            );
        });

        it("are exactly the notebooks listed in notebooks/requirements.ts", () => {
            assert.deepStrictEqual(catalogProblems(notebooks), []);
            assert.strictEqual(notebooks.length, NOTEBOOKS.length);
        });
    });

    describe("bad notebooks fail", () => {
        let directory: string;
        let problems: NotebookProblem[];
        const fixtures: { notebook: string; name: string; text: string }[] = [];

        // Each fixture is a real notebook with one defect, checked as if it were that notebook.
        function fixture(notebook: string, name: string, mutate: (text: string) => string): void {
            fixtures.push({ notebook, name, text: mutate(source(notebook)) });
        }

        fixture("silver_transform.py", "expect_or_warn", (t) =>
            replaceOnce(t, '@dlt.expect("has_geo_country"', '@dlt.expect_or_warn("has_geo_country"'),
        );
        fixture("transaction_simulator.py", "undefined_name", (t) =>
            replaceOnce(t, "rows_per_batch = EVENTS_PER_SECOND * BATCH_SECONDS", "rows_per_batch = EVENTS_PER_SECOND * BATCH_SECOND"),
        );
        fixture("continuous_processor.py", "unknown_method", (t) =>
            replaceOnce(t, ".outputMode(\"append\")", ".outputModes(\"append\")"),
        );
        fixture("bronze_ingest.py", "extra_column", (t) =>
            replaceOnce(
                t,
                'StructField("created_at", TimestampType()),',
                'StructField("created_at", TimestampType()),\n        StructField("merchant_tier", StringType()),',
            ),
        );
        fixture("bronze_ingest.py", "wrong_type", (t) =>
            replaceOnce(t, 'StructField("merchant_name", StringType()),', 'StructField("merchant_name", IntegerType()),'),
        );
        fixture("silver_transform.py", "missing_table", (t) =>
            replaceOnce(t, 'name="reason_code_taxonomy_silver",', 'name="reason_code_taxonomy",'),
        );
        fixture("silver_transform.py", "gold_view_name", (t) =>
            replaceOnce(t, 'name="decision_log_silver",', 'name="v_retry_performance",'),
        );
        fixture("realtime_pipeline.py", "no_schema", (t) =>
            replaceOnce(t, "    schema=PAYMENTS_STREAM_ALERTS_SCHEMA,\n", ""),
        );
        fixture("sync_genie_space.py", "genie_column", (t) =>
            replaceOnce(t, '["approval_rate_pct", "total_transaction_value",', '["approval_rate_pct", "total_value",'),
        );
        fixture("train_models.py", "undeclared_widget", (t) =>
            replaceOnce(t, 'dbutils.widgets.text("max_rows", "500000", "Maximum training rows")\n', ""),
        );
        fixture("bronze_ingest.py", "merchant_domain", (t) => replaceOnce(t, "MERCHANT_COUNT = 100", "MERCHANT_COUNT = 50"));
        fixture("agent_framework.py", "agent_parameter", (t) =>
            replaceOnce(t, '{"threshold": ("DOUBLE", "0.7")}', '{"min_score": ("DOUBLE", "0.7")}'),
        );
        fixture("agent_framework.py", "agent_fstring", (t) =>
            replaceOnce(t, 'Tool("kpi_summary", "SELECT * FROM v_executive_kpis")', 'Tool("kpi_summary", f"SELECT * FROM {CATALOG}.v_executive_kpis")'),
        );
        fixture("realtime_pipeline.py", "stream_count_distinct", (t) =>
            replaceOnce(t, 'F.approx_count_distinct("merchant_id")', 'F.countDistinct("merchant_id")'),
        );
        fixture("train_models.py", "label_leakage", (t) =>
            replaceOnce(t, 'label_sources=("decline_reason_standard",),', 'label_sources=("decline_reason_standard", "fraud_score"),'),
        );
        fixture("agent_framework.py", "bad_separator", (t) => t.replace("# COMMAND ----------", "# COMMAND ---------"));

        before(() => {
            directory = mkdtempSync(path.join(os.tmpdir(), "bad-notebooks-"));
            const entries = fixtures.map((f) => {
                const file = path.join(directory, `${f.name}.py`);
                writeFileSync(file, f.text);
                return { notebook: `notebooks/${f.notebook}`, file };
            });
            problems = checkNotebooks(entries);
        });

        after(() => rmSync(directory, { recursive: true, force: true }));

        /** The defect of fixture `name` must be reported for that fixture's file, by the expected check. */
        function expectProblem(name: string, check: NotebookProblem["check"], pattern: RegExp): void {
            const own = problems.filter((p) => path.basename(p.file) === `${name}.py`);
            assert.ok(
                own.some((p) => p.check === check && pattern.test(p.message)),
                `${name}: expected a ${check} problem matching ${pattern}, got:\n${own.map((p) => `[${p.check}] ${p.message}`).join("\n")}`,
            );
        }

        it("a dlt function that does not exist (expect_or_warn)", () => expectProblem("expect_or_warn", "pyright", /"expect_or_warn" is not a known attribute of module "dlt"/));
        it("an undefined name", () => expectProblem("undefined_name", "pyright", /"BATCH_SECOND" is not defined/));
        it("an unknown pyspark method", () => expectProblem("unknown_method", "pyright", /outputModes/));
        it("a column the contract does not have", () => expectProblem("extra_column", "tables", /column "merchant_tier" is not in the contract/));
        it("a column of the wrong type", () => expectProblem("wrong_type", "tables", /column "merchant_name" is int, the contract says string/));
        it("a table the contract does not list, and the contract table it then lacks", () => {
            expectProblem("missing_table", "tables", /table "reason_code_taxonomy" is not in the data contract/);
            expectProblem("missing_table", "tables", /creates reason_code_taxonomy_silver, but it declares no such table/);
        });
        it("a pipeline table named like a gold view", () =>
            expectProblem("gold_view_name", "tables", /v_retry_performance is produced by sql\/gold_views\.sql according to the contract/));
        it("a table without a declared schema", () => expectProblem("no_schema", "facts", /table 'payments_stream_alerts' has no schema=/));
        it("a Genie column that does not exist", () =>
            expectProblem("genie_column", "references", /referenced column v_executive_kpis\.total_value is not in the contract/));
        it("a widget read but not declared", () => expectProblem("undeclared_widget", "widgets", /widget "max_rows" is read but never declared/));
        it("a merchant domain that disagrees with the contract", () => expectProblem("merchant_domain", "domain", /MERCHANT_COUNT = 50 differs/));
        it("an agent query whose :marker gets no parameter, and a parameter with no marker", () => {
            expectProblem("agent_parameter", "queries", /parameter :threshold is used but not passed/);
            expectProblem("agent_parameter", "queries", /parameter "min_score" is passed but the SQL has no :min_score/);
        });
        it("agent SQL built with an f-string", () => expectProblem("agent_fstring", "facts", /Tool SQL must be one string literal/));
        it("an exact distinct count in a streaming notebook", () =>
            expectProblem("stream_count_distinct", "streaming", /countDistinct in a notebook that reads a stream/));
        it("a model whose label is computed from one of its features", () =>
            expectProblem("label_leakage", "models", /model risk_scoring_model uses label source column\(s\) fraud_score as features/));
        it("a misspelt cell separator", () => expectProblem("bad_separator", "format", /cell separator must be exactly "# COMMAND ----------"/));
    });
});

describe("notebook format", () => {
    const good = "# Databricks notebook source\nx = 1\n\n# COMMAND ----------\n\n# MAGIC %md\n# MAGIC # Title\n";

    it("accepts the Databricks source format", () => assert.deepStrictEqual(notebookFormatProblems(good), []));
    it("needs the header on line 1", () =>
        assert.match(notebookFormatProblems(good.replace("# Databricks notebook source", "# notebook"))[0], /line 1 must be exactly/));
    it("needs blank lines around separators", () =>
        assert.match(notebookFormatProblems(good.replace("x = 1\n\n", "x = 1\n")).join("\n"), /empty line before and after/));
    it("rejects empty cells", () =>
        assert.match(notebookFormatProblems(good.replace("x = 1", "")).join("\n"), /empty cell/));
    it("rejects MAGIC lines outside a magic cell", () =>
        assert.match(notebookFormatProblems(good.replace("x = 1", "x = 1\n# MAGIC %sql")).join("\n"), /outside a magic cell/));
    it("rejects code inside a magic cell", () =>
        assert.match(notebookFormatProblems(good + "y = 2\n").join("\n"), /may only contain "# MAGIC" lines/));
});

describe("notebook requirements", () => {
    it("pins every package with ==", () => {
        for (const [notebook, packages] of Object.entries(notebookPackages)) {
            for (const requirement of packages) {
                assert.match(requirement, /^[A-Za-z0-9_.-]+==\d+(\.\d+)*$/, `${notebook}: "${requirement}" is not pinned`);
            }
        }
    });
    it("gives the training notebook scikit-learn and mlflow", () => {
        const names = notebookPackages.train_models.map((r) => r.split("==")[0]);
        assert.deepStrictEqual([...names].sort(), ["mlflow", "scikit-learn"]);
    });
    it("gives pipelines no parameters (they read the pipeline target and spark.conf)", () => {
        for (const notebook of NOTEBOOKS.filter((n) => n.runtime === "pipeline")) {
            assert.deepStrictEqual(notebook.parameters, [], notebook.name);
        }
    });
    it("names the valid notebooks when asked for an unknown one", () =>
        assert.throws(() => notebookSpec("train_model"), /unknown notebook "train_model": valid notebooks are .*train_models/));
});
