"""A small local runner for Lakeflow declarative pipeline code (`import dlt`).

Loading: each pipeline notebook runs through spark_local.notebook with the pipeline `configuration` set as
Spark confs and this package's `dlt` module first on sys.path; `@dlt.table`/`@dlt.view` and the expectation
decorators only record what they decorate.

Running: every dataset, in definition order, is materialised on demand: a `dlt.read`, `dlt.read_stream`,
`spark.read.table` or `spark.readStream.table` of another dataset of the pipeline materialises that one first
(a cycle is an error), so the order is the dependency order. Unqualified names resolve in the target schema,
which is current while the pipeline runs.

  * A query returning a streaming DataFrame is a streaming table: it runs as a real Structured Streaming query
    with `trigger(availableNow=True)` (all available data, then stop) and a checkpoint in the work folder,
    writing each micro-batch through `foreachBatch`, where expectations are applied to the batch.
  * A batch DataFrame is a materialized view: recomputed and written with overwrite.
  * `@dlt.view` is a temporary view (not published to the schema).
  * A declared `schema=` creates the table with those columns and nullability first, so Delta enforces both
    on write (a query whose columns or types differ fails the write).

Expectations: a row passes a constraint only when it evaluates to TRUE (FALSE and NULL are violations).
`expect` counts violations and keeps the rows, `expect_or_drop` removes violating rows, `expect_or_fail`
fails the update naming the expectation and the number of violating rows. Counts are per dataset and summed
over micro-batches.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

SHIM_DIR = Path(__file__).resolve().parent / "shim"


class ExpectationFailed(Exception):
    pass


class PipelineError(Exception):
    pass


@dataclass(frozen=True)
class Expectation:
    name: str
    condition: str
    action: str  # warn | drop | fail


@dataclass
class Dataset:
    name: str
    kind: str  # table | view
    function: Callable[..., Any]
    options: dict[str, Any]
    source: str

    @property
    def expectations(self) -> list[Expectation]:
        return [Expectation(*entry) for entry in getattr(self.function, "__dlt_expectations__", [])]


@dataclass
class DatasetResult:
    name: str
    kind: str
    streaming: bool
    rows_written: int = 0
    violations: dict[str, int] = field(default_factory=dict)


def apply_expectations(frame: DataFrame, expectations: list[Expectation], dataset: str) -> tuple[DataFrame, dict[str, int], int]:
    """(rows to keep, violations per expectation, rows kept). Raises ExpectationFailed for an expect_or_fail
    violation. Runs one aggregation over `frame` (evaluated again when the caller writes the returned frame, so
    the query must be deterministic apart from timestamps)."""
    if not expectations:
        return frame, {}, frame.count()
    names = [e.name for e in expectations]
    if len(set(names)) != len(names):
        raise PipelineError(f"{dataset}: expectation names must be unique per dataset, got {names}")
    flags = [f"__expectation_{i}" for i in range(len(expectations))]
    flagged = frame.select(
        "*", *[F.coalesce(F.expr(e.condition).cast("boolean"), F.lit(False)).alias(flag) for e, flag in zip(expectations, flags)]
    )
    keep = F.lit(True)
    for e, flag in zip(expectations, flags):
        if e.action == "drop":
            keep = keep & F.col(flag)
    aggregates = [F.sum((~F.col(flag)).cast("long")).alias(flag) for flag in flags] + [F.sum(keep.cast("long")).alias("__kept")]
    counts = flagged.agg(*aggregates).collect()[0]
    violations = {e.name: int(counts[flag] or 0) for e, flag in zip(expectations, flags)}
    failed = [e for e in expectations if e.action == "fail" and violations[e.name] > 0]
    if failed:
        details = ", ".join(f"{e.name} ({e.condition}): {violations[e.name]} row(s)" for e in failed)
        raise ExpectationFailed(f"{dataset}: expect_or_fail violated: {details}")
    return flagged.where(keep).drop(*flags), violations, int(counts["__kept"] or 0)


class _ReaderProxy:
    """Wraps DataFrameReader/DataStreamReader so `.table(name)` of a pipeline dataset materialises it first."""

    def __init__(self, runner: "PipelineRunner", reader: Any) -> None:
        self._runner = runner
        self._reader = reader

    def table(self, name: str) -> DataFrame:
        self._runner.ensure_if_defined(name)
        return self._reader.table(name)

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(self._reader, attribute)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            return _ReaderProxy(self._runner, result) if result is self._reader or type(result) is type(self._reader) else result

        return call


class _SparkProxy:
    """The `spark` a pipeline notebook sees: the real session, with reads of pipeline datasets resolved."""

    def __init__(self, runner: "PipelineRunner", spark: SparkSession) -> None:
        self._runner = runner
        self._spark = spark

    @property
    def read(self) -> _ReaderProxy:
        return _ReaderProxy(self._runner, self._spark.read)

    @property
    def readStream(self) -> _ReaderProxy:  # noqa: N802 - PySpark's name
        return _ReaderProxy(self._runner, self._spark.readStream)

    def table(self, name: str) -> DataFrame:
        self._runner.ensure_if_defined(name)
        return self._spark.table(name)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._spark, attribute)


def import_shim() -> Any:
    """Imports `dlt` from spark_local/shim (first on sys.path), refusing any other module of that name."""
    shim = str(SHIM_DIR)
    if sys.path[:1] != [shim]:
        sys.path.insert(0, shim)
    cached = sys.modules.get("dlt")
    if cached is not None and not getattr(cached, "LOCAL_RUNNER", False):
        del sys.modules["dlt"]
    import dlt  # noqa: PLC0415

    if not getattr(dlt, "LOCAL_RUNNER", False):
        raise PipelineError(f"imported dlt from {getattr(dlt, '__file__', '?')}, not the local runner's shim in {shim}")
    return dlt


class PipelineRunner:
    def __init__(self, spark: SparkSession, catalog: str, schema: str, checkpoints: Path, configuration: dict[str, str] | None = None) -> None:
        self.spark = spark
        self.catalog = catalog
        self.schema = schema
        self.checkpoints = checkpoints
        self.configuration = dict(configuration or {})
        self.datasets: dict[str, Dataset] = {}
        self.results: dict[str, DatasetResult] = {}
        self._running: list[str] = []
        self._loading = ""

    # --- loading ---------------------------------------------------------------------------------------
    def load(self, notebook: Path) -> None:
        from spark_local.notebook import run_notebook

        dlt = import_shim()
        for key, value in self.configuration.items():
            self.spark.conf.set(key, value)
        self._use_target()
        self._loading = str(notebook)
        dlt._bind(self)
        try:
            result = run_notebook(notebook, _SparkProxy(self, self.spark))
        finally:
            dlt._bind(None)
            self._loading = ""
        if result.exit_value is not None:
            raise PipelineError(f"{notebook}: pipeline code must not call dbutils.notebook.exit")

    def define(self, kind: str, function: Callable[..., Any], options: dict[str, Any]) -> None:
        name = options.get("name") or function.__name__
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise PipelineError(f"{self._loading}: dataset name {name!r} is not a plain identifier")
        if name in self.datasets:
            raise PipelineError(f"{self._loading}: dataset {name} is defined twice (also in {self.datasets[name].source})")
        self.datasets[name] = Dataset(name, kind, function, dict(options), self._loading)

    # --- running ---------------------------------------------------------------------------------------
    def run(self) -> dict[str, DatasetResult]:
        """One pipeline update: every dataset once. A later update continues each streaming table from its
        checkpoint (new source rows only) and recomputes each materialized view."""
        if not self.datasets:
            raise PipelineError("the pipeline defines no dataset")
        self.results = {}
        self._use_target()
        dlt = import_shim()
        dlt._bind(self)
        try:
            for name in list(self.datasets):
                self.ensure(name)
        finally:
            dlt._bind(None)
        return self.results

    def read(self, name: str, streaming: bool) -> DataFrame:
        if name not in self.datasets:
            raise PipelineError(f"dlt.read{'_stream' if streaming else ''}({name!r}): no dataset {name!r} in this pipeline (defined: {sorted(self.datasets)})")
        self.ensure(name)
        return self.spark.readStream.table(name) if streaming else self.spark.read.table(name)

    def ensure_if_defined(self, name: str) -> None:
        short = name.split(".")[-1].strip("`")
        qualified_here = name.count(".") == 0 or name.replace("`", "") == f"{self.catalog}.{self.schema}.{short}" or name.replace("`", "") == f"{self.schema}.{short}"
        if short in self.datasets and qualified_here:
            self.ensure(short)

    def ensure(self, name: str) -> None:
        if name in self.results:
            return
        if name in self._running:
            raise PipelineError(f"dependency cycle: {' -> '.join(self._running + [name])}")
        dataset = self.datasets[name]
        self._running.append(name)
        try:
            frame = dataset.function()
            if not isinstance(frame, DataFrame):
                raise PipelineError(f"{dataset.source}: {name} returned {type(frame).__name__}, not a DataFrame")
            if dataset.kind == "view":
                result = self._view(dataset, frame)
            elif frame.isStreaming:
                result = self._streaming_table(dataset, frame)
            else:
                result = self._materialized_view(dataset, frame)
        except (PipelineError, ExpectationFailed):
            raise
        except Exception as error:
            raise PipelineError(f"{dataset.source}: dataset {name}: {type(error).__name__}: {error}") from error
        finally:
            self._running.pop()
        self.results[name] = result

    def _use_target(self) -> None:
        self.spark.sql(f"USE `{self.catalog}`.`{self.schema}`")

    def _qualified(self, name: str) -> str:
        return f"`{self.catalog}`.`{self.schema}`.`{name}`"

    def _create(self, dataset: Dataset, frame: DataFrame, replace: bool) -> None:
        """Creates the table (a streaming table once, keeping its rows across updates; a materialized view
        afresh on every update)."""
        from delta.tables import DeltaTable

        schema = dataset.options.get("schema")
        if isinstance(schema, str):
            raise PipelineError(f"{dataset.source}: {dataset.name}: a DDL-string schema is not supported locally; use a StructType")
        create = DeltaTable.createOrReplace if replace else DeltaTable.createIfNotExists
        builder = create(self.spark).tableName(self._qualified(dataset.name)).addColumns(schema or frame.schema)
        if dataset.options.get("comment"):
            builder = builder.comment(dataset.options["comment"])
        for key, value in (dataset.options.get("table_properties") or {}).items():
            builder = builder.property(key, value)
        builder.execute()

    def _materialized_view(self, dataset: Dataset, frame: DataFrame) -> DatasetResult:
        self._create(dataset, frame, replace=True)
        kept, violations, rows = apply_expectations(frame, dataset.expectations, dataset.name)
        kept.write.format("delta").mode("append").saveAsTable(self._qualified(dataset.name))
        return DatasetResult(dataset.name, "materialized_view", False, rows, violations)

    def _streaming_table(self, dataset: Dataset, frame: DataFrame) -> DatasetResult:
        self._create(dataset, frame, replace=False)
        result = DatasetResult(dataset.name, "streaming_table", True, 0, {e.name: 0 for e in dataset.expectations})
        target = self._qualified(dataset.name)

        def write_batch(batch: DataFrame, batch_id: int) -> None:
            kept, violations, rows = apply_expectations(batch, dataset.expectations, dataset.name)
            kept.write.format("delta").mode("append").saveAsTable(target)
            result.rows_written += rows
            for key, count in violations.items():
                result.violations[key] += count

        query = (
            frame.writeStream.foreachBatch(write_batch)
            .option("checkpointLocation", str(self.checkpoints / dataset.name))
            .trigger(availableNow=True)
            .queryName(f"pipeline_{dataset.name}")
            .start()
        )
        query.awaitTermination()
        failure = query.exception()
        if failure is not None:
            raise PipelineError(f"{dataset.source}: streaming table {dataset.name} failed: {failure}")
        return result

    def _view(self, dataset: Dataset, frame: DataFrame) -> DatasetResult:
        if dataset.expectations:
            if frame.isStreaming:
                raise PipelineError(f"{dataset.source}: expectations on a streaming @dlt.view are not supported locally")
            frame, violations, rows = apply_expectations(frame, dataset.expectations, dataset.name)
        else:
            violations, rows = {}, 0
        frame.createOrReplaceTempView(dataset.name)
        return DatasetResult(dataset.name, "view", frame.isStreaming, rows, violations)
