# Databricks notebook source
# MAGIC %md
# MAGIC # ETL pipeline: bronze
# MAGIC
# MAGIC Part of the "Payment Analysis ETL" Lakeflow declarative pipeline (with `silver_transform`).
# MAGIC Tables are published to the pipeline's catalog and schema, and unqualified names such as
# MAGIC `payments_stream_input` resolve there too, so this notebook takes no widgets.
# MAGIC Anything else comes from the pipeline `configuration` map through `spark.conf.get`:
# MAGIC
# MAGIC | key | default | meaning |
# MAGIC |---|---|---|
# MAGIC | `payment_analysis.landing_table` | `payments_stream_input` | table the simulator appends to |

# COMMAND ----------

import dlt
from pyspark.sql import functions as F
from pyspark.sql.types import (
    StringType,
    StructField,
    StructType,
    TimestampType,
)

from payment_events_schema import EVENT_FIELDS

# spark.conf.get answers None for an unset key given a None default; `or` then supplies the default.
LANDING_TABLE = spark.conf.get("payment_analysis.landing_table", None) or "payments_stream_input"

# COMMAND ----------

# Checked against contract/pipeline.ts by checks/notebooks.ts.
PAYMENTS_RAW_BRONZE_SCHEMA = StructType(EVENT_FIELDS)

MERCHANTS_DIM_BRONZE_SCHEMA = StructType(
    [
        StructField("merchant_id", StringType(), False),
        StructField("merchant_name", StringType()),
        StructField("merchant_segment", StringType()),
        StructField("merchant_country", StringType()),
        StructField("merchant_risk_tier", StringType()),
        StructField("created_at", TimestampType()),
    ]
)

# Same rule as the simulator and contract/domains.ts: merchant i has segment SEGMENTS[i % 8], etc.
MERCHANT_COUNT = 100
MERCHANT_SEGMENTS = ["Travel", "Retail", "Gaming", "Digital", "Entertainment", "Grocery", "Fuel", "Subscription"]
MERCHANT_COUNTRIES = ["US", "GB", "CA"]
MERCHANT_RISK_TIERS = ["low", "medium", "high"]

CDF_COLUMNS = ["_change_type", "_commit_version", "_commit_timestamp"]

# COMMAND ----------


@dlt.table(
    name="payments_raw_bronze",
    comment="payments_stream_input read through its change data feed; _ingested_at is the pipeline's processing time.",
    table_properties={"quality": "bronze", "pipelines.autoOptimize.managed": "true"},
    schema=PAYMENTS_RAW_BRONZE_SCHEMA,
)
def payments_raw_bronze():
    changes = spark.readStream.format("delta").option("readChangeFeed", "true").table(LANDING_TABLE)
    return (
        changes.where(F.col("_change_type").isin("insert", "update_postimage"))
        .drop(*CDF_COLUMNS)
        .withColumn("_ingested_at", F.current_timestamp())
        .select(*[F.col(field.name).cast(field.dataType) for field in PAYMENTS_RAW_BRONZE_SCHEMA.fields])
    )


def pick(values: list[str], index_column: str):
    return F.element_at(F.array(*[F.lit(v) for v in values]), (F.col(index_column) % len(values)).cast("int") + 1)


@dlt.table(
    name="merchants_dim_bronze",
    comment="One row per merchant the simulator emits (m_0..m_99).",
    table_properties={"quality": "bronze"},
    schema=MERCHANTS_DIM_BRONZE_SCHEMA,
)
def merchants_dim_bronze():
    return (
        spark.range(MERCHANT_COUNT)
        .withColumn("merchant_id", F.concat(F.lit("m_"), F.col("id").cast("string")))
        .withColumn("merchant_name", F.concat(F.lit("Merchant "), F.col("id").cast("string")))
        .withColumn("merchant_segment", pick(MERCHANT_SEGMENTS, "id"))
        .withColumn("merchant_country", pick(MERCHANT_COUNTRIES, "id"))
        .withColumn("merchant_risk_tier", pick(MERCHANT_RISK_TIERS, "id"))
        .withColumn("created_at", F.current_timestamp())
        .select(*[F.col(field.name).cast(field.dataType) for field in MERCHANTS_DIM_BRONZE_SCHEMA.fields])
    )
