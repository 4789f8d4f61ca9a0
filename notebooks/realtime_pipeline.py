# Databricks notebook source
# MAGIC %md
# MAGIC # Real-time pipeline
# MAGIC
# MAGIC The "Payment Real-Time Stream" Lakeflow declarative pipeline: landing table -> stream bronze ->
# MAGIC stream silver -> 1-minute metrics (streaming, append) -> alerts.
# MAGIC Catalog and schema come from the pipeline target (no widgets). Optional pipeline configuration,
# MAGIC read with `spark.conf.get`:
# MAGIC
# MAGIC | key | default | meaning |
# MAGIC |---|---|---|
# MAGIC | `payment_analysis.landing_table` | `payments_stream_input` | table the simulator appends to |
# MAGIC | `payment_analysis.watermark_delay` | `2 minutes` | how late an event may arrive and still count |

# COMMAND ----------

import dlt
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
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

# spark.conf.get answers None for an unset key given a None default; `or` then supplies the default.
LANDING_TABLE = spark.conf.get("payment_analysis.landing_table", None) or "payments_stream_input"
WATERMARK_DELAY = spark.conf.get("payment_analysis.watermark_delay", None) or "2 minutes"

# COMMAND ----------

PAYMENTS_STREAM_BRONZE_SCHEMA = StructType(EVENT_FIELDS)
PAYMENTS_STREAM_SILVER_SCHEMA = StructType(EVENT_FIELDS + STREAM_ENRICHMENT_FIELDS)

PAYMENTS_STREAM_METRICS_1MIN_SCHEMA = StructType(
    [
        StructField("window_start", TimestampType()),
        StructField("window_end", TimestampType()),
        StructField("merchant_segment", StringType()),
        StructField("payment_solution", StringType()),
        StructField("card_network", StringType()),
        StructField("transaction_count", LongType()),
        StructField("approved_count", LongType()),
        StructField("declined_count", LongType()),
        StructField("avg_amount", DoubleType()),
        StructField("total_amount", DoubleType()),
        StructField("avg_fraud_score", DoubleType()),
        StructField("avg_latency_ms", DoubleType()),
        StructField("unique_merchants", LongType()),
        StructField("approval_rate_pct", DoubleType()),
    ]
)

PAYMENTS_STREAM_ALERTS_SCHEMA = StructType(
    [
        StructField("window_start", TimestampType()),
        StructField("window_end", TimestampType()),
        StructField("alert_type", StringType()),
        StructField("severity", StringType()),
        StructField("merchant_segment", StringType()),
        StructField("payment_solution", StringType()),
        StructField("approval_rate_pct", DoubleType()),
        StructField("avg_fraud_score", DoubleType()),
        StructField("avg_latency_ms", DoubleType()),
        StructField("transaction_count", LongType()),
        StructField("alert_message", StringType()),
    ]
)


def conform(frame: DataFrame, schema: StructType) -> DataFrame:
    return frame.select(*[F.col(field.name).cast(field.dataType) for field in schema.fields])


# COMMAND ----------


@dlt.table(
    name="payments_stream_bronze",
    comment="Landing events through the change data feed: the table's snapshot on the first update, then each new event once.",
    table_properties={"quality": "bronze", "delta.enableChangeDataFeed": "true"},
    schema=PAYMENTS_STREAM_BRONZE_SCHEMA,
)
def payments_stream_bronze():
    # No startingVersion: the stream starts from the current snapshot and its checkpoint then holds the
    # position. With "latest", a triggered update that found no new event committed no offset, so the next
    # update re-resolved "latest" and skipped everything the simulator wrote in between.
    changes = spark.readStream.format("delta").option("readChangeFeed", "true").table(LANDING_TABLE)
    events = changes.where(F.col("_change_type").isin("insert", "update_postimage")).withColumn("_ingested_at", F.current_timestamp())
    return conform(events, PAYMENTS_STREAM_BRONZE_SCHEMA)


@dlt.table(
    name="payments_stream_silver",
    comment="Stream bronze with time parts and risk features.",
    table_properties={"quality": "silver", "delta.enableChangeDataFeed": "true"},
    schema=PAYMENTS_STREAM_SILVER_SCHEMA,
)
@dlt.expect_all_or_drop({"valid_transaction_id": "transaction_id IS NOT NULL", "valid_amount": "amount > 0"})
def payments_stream_silver():
    enriched = with_stream_enrichment(dlt.read_stream("payments_stream_bronze"))
    return conform(enriched, PAYMENTS_STREAM_SILVER_SCHEMA)


# COMMAND ----------


@dlt.table(
    name="payments_stream_metrics_1min",
    comment="1-minute windows, emitted once the watermark passes; unique_merchants is approximate.",
    table_properties={"quality": "gold"},
    schema=PAYMENTS_STREAM_METRICS_1MIN_SCHEMA,
)
def payments_stream_metrics_1min():
    # Exact distinct counts are not supported in streaming aggregations; approx_count_distinct is.
    metrics = (
        dlt.read_stream("payments_stream_silver")
        .withWatermark("event_timestamp", WATERMARK_DELAY)
        .groupBy(F.window("event_timestamp", "1 minute"), "merchant_segment", "payment_solution", "card_network")
        .agg(
            F.count(F.lit(1)).alias("transaction_count"),
            F.sum(F.col("is_approved").cast("long")).alias("approved_count"),
            F.sum((~F.col("is_approved")).cast("long")).alias("declined_count"),
            F.avg("amount").alias("avg_amount"),
            F.sum("amount").alias("total_amount"),
            F.avg("fraud_score").alias("avg_fraud_score"),
            F.avg("processing_time_ms").alias("avg_latency_ms"),
            F.approx_count_distinct("merchant_id").alias("unique_merchants"),
        )
        .withColumn("approval_rate_pct", F.round(F.col("approved_count") * 100.0 / F.col("transaction_count"), 2))
        .withColumn("window_start", F.col("window.start"))
        .withColumn("window_end", F.col("window.end"))
    )
    return conform(metrics, PAYMENTS_STREAM_METRICS_1MIN_SCHEMA)


# A rate over a handful of events is noise: one decline in a window of two is "50 % approval". Windows are per
# segment, solution and network (about 190 groups a minute), so only busy groups are judged.
MIN_ALERT_TRANSACTIONS = 20


@dlt.table(
    name="payments_stream_alerts",
    comment="Windows of at least MIN_ALERT_TRANSACTIONS events with low approval, high fraud or high latency.",
    table_properties={"quality": "gold"},
    schema=PAYMENTS_STREAM_ALERTS_SCHEMA,
)
def payments_stream_alerts():
    metrics = dlt.read("payments_stream_metrics_1min")
    alert_type = (
        F.when(F.col("approval_rate_pct") < 80, F.lit("LOW_APPROVAL_RATE"))
        .when(F.col("avg_fraud_score") > 0.5, F.lit("HIGH_FRAUD_RATE"))
        .otherwise(F.lit("HIGH_LATENCY"))
    )
    severity = F.when((F.col("approval_rate_pct") < 70) | (F.col("avg_fraud_score") > 0.7), F.lit("CRITICAL")).otherwise(F.lit("WARNING"))
    alerts = (
        metrics.where(F.col("transaction_count") >= MIN_ALERT_TRANSACTIONS)
        .where((F.col("approval_rate_pct") < 80) | (F.col("avg_fraud_score") > 0.5) | (F.col("avg_latency_ms") > 500))
        .withColumn("alert_type", alert_type)
        .withColumn("severity", severity)
        .withColumn(
            "alert_message",
            F.format_string(
                "%s for %s / %s: approval %.1f%%, fraud %.3f, latency %.0f ms",
                F.col("alert_type"),
                F.col("merchant_segment"),
                F.col("payment_solution"),
                F.col("approval_rate_pct"),
                F.col("avg_fraud_score"),
                F.col("avg_latency_ms"),
            ),
        )
    )
    return conform(alerts, PAYMENTS_STREAM_ALERTS_SCHEMA)
