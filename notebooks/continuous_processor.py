# Databricks notebook source
# MAGIC %md
# MAGIC # Continuous stream processor
# MAGIC
# MAGIC Structured Streaming job: landing change feed -> `payments_realtime_silver`, and 1-minute metrics
# MAGIC -> `payments_realtime_metrics` (watermarked, append mode). Checkpoints live in the `checkpoints`
# MAGIC volume of the target schema.
# MAGIC
# MAGIC The run always ends by itself: with `run_once=true` both queries process what is available
# MAGIC (`availableNow`) and stop, which is what the bootstrap uses; otherwise they run on a processing-time
# MAGIC trigger until `max_runtime_minutes` have passed, then stop cleanly.

# COMMAND ----------

import re
import time

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.streaming.query import StreamingQuery
from pyspark.sql.types import (
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

from payment_events_schema import EVENT_FIELDS
from payment_features import STREAM_ENRICHMENT_FIELDS, with_stream_enrichment

dbutils.widgets.text("catalog", "", "Catalog")
dbutils.widgets.text("schema", "", "Schema")
dbutils.widgets.dropdown("run_once", "false", ["true", "false"], "Process available data and stop")
dbutils.widgets.text("max_runtime_minutes", "55", "Stop after (minutes)")
dbutils.widgets.text("trigger_interval", "10 seconds", "Trigger interval")

# COMMAND ----------

IDENTIFIER = re.compile(r"^[A-Za-z0-9_-]+$")
INTERVAL = re.compile(r"^\d+ (second|seconds|minute|minutes)$")


def identifier(value: str, widget_name: str) -> str:
    if not IDENTIFIER.match(value):
        raise ValueError(f"widget '{widget_name}' = {value!r} is not a valid Unity Catalog name (letters, digits, '_' or '-')")
    return value


CATALOG = identifier(dbutils.widgets.get("catalog"), "catalog")
SCHEMA = identifier(dbutils.widgets.get("schema"), "schema")
RUN_ONCE = dbutils.widgets.get("run_once") == "true"
TRIGGER_INTERVAL = dbutils.widgets.get("trigger_interval")
if not INTERVAL.match(TRIGGER_INTERVAL):
    raise ValueError(f"widget 'trigger_interval' = {TRIGGER_INTERVAL!r} must look like '10 seconds' or '1 minute'")
try:
    MAX_RUNTIME_MINUTES = int(dbutils.widgets.get("max_runtime_minutes"))
except ValueError:
    raise ValueError("widget 'max_runtime_minutes' must be a whole number of minutes") from None
if MAX_RUNTIME_MINUTES <= 0:
    raise ValueError(f"widget 'max_runtime_minutes' = {MAX_RUNTIME_MINUTES} must be greater than 0")

CHECKPOINT_ROOT = f"/Volumes/{CATALOG}/{SCHEMA}/checkpoints/continuous_processor"
WATERMARK_DELAY = "2 minutes"


def qualified(table: str) -> str:
    return f"`{CATALOG}`.`{SCHEMA}`.`{table}`"


# COMMAND ----------

PAYMENTS_REALTIME_SILVER_SCHEMA = StructType(EVENT_FIELDS + STREAM_ENRICHMENT_FIELDS)

PAYMENTS_REALTIME_METRICS_SCHEMA = StructType(
    [
        StructField("window_start", TimestampType()),
        StructField("window_end", TimestampType()),
        StructField("merchant_segment", StringType()),
        StructField("payment_solution", StringType()),
        StructField("transaction_count", LongType()),
        StructField("approved_count", LongType()),
        StructField("avg_amount", DoubleType()),
        StructField("total_amount", DoubleType()),
        StructField("avg_fraud_score", DoubleType()),
        StructField("avg_latency_ms", DoubleType()),
        StructField("approval_rate", DoubleType()),
    ]
)


def conform(frame: DataFrame, schema: StructType) -> DataFrame:
    return frame.select(*[F.col(field.name).cast(field.dataType) for field in schema.fields])


def start_table_stream(frame: DataFrame, table: str, schema: StructType) -> StreamingQuery:
    """Appends `frame` to `table` with its own checkpoint; the trigger follows run_once."""
    writer = (
        conform(frame, schema)
        .writeStream.format("delta")
        .outputMode("append")
        .option("checkpointLocation", f"{CHECKPOINT_ROOT}/{table}")
        .queryName(table)
    )
    writer = writer.trigger(availableNow=True) if RUN_ONCE else writer.trigger(processingTime=TRIGGER_INTERVAL)
    return writer.toTable(qualified(table))


# COMMAND ----------

events = (
    spark.readStream.format("delta")
    .option("readChangeFeed", "true")
    .option("startingVersion", "0")
    .table(qualified("payments_stream_input"))
    .where(F.col("_change_type").isin("insert", "update_postimage"))
)

silver = with_stream_enrichment(events)

metrics = (
    events.withWatermark("event_timestamp", WATERMARK_DELAY)
    .groupBy(F.window("event_timestamp", "1 minute"), "merchant_segment", "payment_solution")
    .agg(
        F.count(F.lit(1)).alias("transaction_count"),
        F.sum(F.col("is_approved").cast("long")).alias("approved_count"),
        F.avg("amount").alias("avg_amount"),
        F.sum("amount").alias("total_amount"),
        F.avg("fraud_score").alias("avg_fraud_score"),
        F.avg("processing_time_ms").alias("avg_latency_ms"),
    )
    .withColumn("approval_rate", F.round(F.col("approved_count") * 100.0 / F.col("transaction_count"), 2))
    .withColumn("window_start", F.col("window.start"))
    .withColumn("window_end", F.col("window.end"))
)

queries = [
    start_table_stream(silver, table="payments_realtime_silver", schema=PAYMENTS_REALTIME_SILVER_SCHEMA),
    start_table_stream(metrics, table="payments_realtime_metrics", schema=PAYMENTS_REALTIME_METRICS_SCHEMA),
]

# COMMAND ----------

deadline = time.monotonic() + MAX_RUNTIME_MINUTES * 60
try:
    for query in queries:
        remaining = deadline - time.monotonic()
        # awaitTermination re-raises the query's failure, so a broken stream fails the run.
        finished = query.awaitTermination(timeout=max(1, int(remaining)))
        if not finished and not RUN_ONCE:
            print(f"{query.name}: runtime budget of {MAX_RUNTIME_MINUTES} min reached, stopping")
        elif not finished:
            raise TimeoutError(f"{query.name} did not drain the available data within {MAX_RUNTIME_MINUTES} min")
finally:
    for query in queries:
        if query.isActive:
            query.stop()

for query in queries:
    error = query.exception()
    if error is not None:
        raise RuntimeError(f"stream {query.name} failed: {error}")
    print(f"{query.name}: last progress {query.lastProgress}")
