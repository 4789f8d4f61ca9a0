"""The local Lakeflow runner: expectation semantics, dependency order, streaming tables, declared schemas."""
from __future__ import annotations

import shutil
import tempfile
import textwrap
import unittest
from pathlib import Path

from spark_local.pipeline import Expectation, ExpectationFailed, PipelineError, PipelineRunner, apply_expectations
from spark_local.session import LOCAL_CATALOG, allow_three_part_names_in_delta_builder, start_session, use_schema

SCHEMA = "pipeline_test"


def setUpModule() -> None:  # noqa: N802 - unittest's name
    global spark, work
    work = Path(tempfile.mkdtemp(prefix="spark-local-test-"))
    allow_three_part_names_in_delta_builder()
    spark = start_session(work)
    use_schema(spark, LOCAL_CATALOG, SCHEMA)


def tearDownModule() -> None:  # noqa: N802
    spark.stop()
    shutil.rmtree(work, ignore_errors=True)


def frame(rows: list[tuple[int | None, str | None]]):
    return spark.createDataFrame(rows, "id INT, code STRING")


class ExpectationsTest(unittest.TestCase):
    ROWS = [(1, "a"), (2, None), (-3, "c"), (None, "d")]

    def test_expect_counts_violations_and_keeps_every_row(self) -> None:
        kept, violations, rows = apply_expectations(frame(self.ROWS), [Expectation("positive", "id > 0", "warn")], "t")
        self.assertEqual(violations, {"positive": 2})  # -3 and NULL
        self.assertEqual((rows, kept.count()), (4, 4))

    def test_expect_or_drop_removes_false_and_null_rows(self) -> None:
        expectations = [Expectation("positive", "id > 0", "drop"), Expectation("has_code", "code IS NOT NULL", "drop")]
        kept, violations, rows = apply_expectations(frame(self.ROWS), expectations, "t")
        self.assertEqual(violations, {"positive": 2, "has_code": 1})
        self.assertEqual(sorted(row.id for row in kept.collect()), [1])
        self.assertEqual(rows, 1)
        self.assertEqual(kept.columns, ["id", "code"])

    def test_expect_or_fail_raises_naming_the_expectation_and_the_count(self) -> None:
        with self.assertRaisesRegex(ExpectationFailed, r"t: expect_or_fail violated: has_code \(code IS NOT NULL\): 1 row"):
            apply_expectations(frame(self.ROWS), [Expectation("has_code", "code IS NOT NULL", "fail")], "t")

    def test_expect_or_fail_passes_clean_data(self) -> None:
        _, violations, rows = apply_expectations(frame([(1, "a")]), [Expectation("has_code", "code IS NOT NULL", "fail")], "t")
        self.assertEqual((violations, rows), ({"has_code": 0}, 1))


PIPELINE = textwrap.dedent(
    """\
    # Databricks notebook source
    import dlt
    from pyspark.sql import functions as F
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    SOURCE = spark.conf.get("test.source")

    # COMMAND ----------

    # Defined before what it reads: the runner must materialise `clean` first.
    @dlt.table(name="summary")
    def summary():
        return dlt.read("clean").groupBy().agg(F.count(F.lit(1)).alias("rows"))


    @dlt.table(schema=StructType([StructField("id", IntegerType(), False), StructField("code", StringType())]))
    @dlt.expect_or_drop("positive", "id > 0")
    @dlt.expect("has_code", "code IS NOT NULL")
    def clean():
        return spark.readStream.table(SOURCE)
    """
)


class RunnerTest(unittest.TestCase):
    def runner(self, text: str, source_rows: list[tuple[int | None, str | None]], name: str) -> PipelineRunner:
        folder = Path(tempfile.mkdtemp(dir=work))
        notebook = folder / f"{name}.py"
        notebook.write_text(text, encoding="utf-8")
        source = f"source_{name}"
        frame(source_rows).write.format("delta").mode("overwrite").saveAsTable(f"`{SCHEMA}`.`{source}`")
        runner = PipelineRunner(spark, LOCAL_CATALOG, SCHEMA, folder / "checkpoints", {"test.source": source})
        runner.load(notebook)
        return runner

    def test_runs_in_dependency_order_as_a_streaming_table_with_expectations(self) -> None:
        runner = self.runner(PIPELINE, [(1, "a"), (2, None), (-1, "x")], "ok")
        results = runner.run()
        self.assertEqual(list(results), ["clean", "summary"])
        self.assertTrue(results["clean"].streaming)
        self.assertEqual(results["clean"].violations, {"positive": 1, "has_code": 1})
        self.assertEqual(sorted(row.id for row in spark.table(f"`{SCHEMA}`.clean").collect()), [1, 2])
        self.assertEqual(spark.table(f"`{SCHEMA}`.summary").collect()[0].rows, 2)
        self.assertFalse(spark.table(f"`{SCHEMA}`.clean").schema["id"].nullable)

    def test_a_second_update_appends_only_new_source_rows_to_a_streaming_table(self) -> None:
        text = PIPELINE.replace('"summary"', '"summary_again"').replace("def clean", "def clean_again").replace('dlt.read("clean")', 'dlt.read("clean_again")')
        runner = self.runner(text, [(1, "a")], "again")
        runner.run()
        frame([(5, "e"), (-5, "x")]).write.format("delta").mode("append").saveAsTable(f"`{SCHEMA}`.`source_again`")
        second = runner.run()
        self.assertEqual(second["clean_again"].rows_written, 1)
        self.assertEqual(sorted(row.id for row in spark.table(f"`{SCHEMA}`.clean_again").collect()), [1, 5])
        self.assertEqual(spark.table(f"`{SCHEMA}`.summary_again").collect()[0].rows, 2)

    def test_expect_or_fail_fails_the_update(self) -> None:
        text = PIPELINE.replace('@dlt.expect("has_code"', '@dlt.expect_or_fail("has_code"').replace('"summary"', '"summary_fail"').replace("def clean", "def clean_fail").replace('dlt.read("clean")', 'dlt.read("clean_fail")')
        runner = self.runner(text, [(1, "a"), (2, None)], "fail")
        with self.assertRaisesRegex(PipelineError, "has_code"):
            runner.run()

    def test_reading_an_undefined_dataset_names_it(self) -> None:
        text = PIPELINE.replace('dlt.read("clean")', 'dlt.read("cleen")').replace('"summary"', '"summary_typo"').replace("def clean", "def clean_typo")
        with self.assertRaisesRegex(PipelineError, "no dataset 'cleen'"):
            self.runner(text, [(1, "a")], "typo").run()

    def test_a_cycle_is_an_error(self) -> None:
        text = textwrap.dedent(
            """\
            # Databricks notebook source
            import dlt

            @dlt.table
            def left():
                return dlt.read("right")

            @dlt.table
            def right():
                return dlt.read("left")
            """
        )
        with self.assertRaisesRegex(PipelineError, "dependency cycle: left -> right -> left"):
            self.runner(text, [(1, "a")], "cycle").run()


if __name__ == "__main__":
    unittest.main()
