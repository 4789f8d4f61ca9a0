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
    BooleanType,
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

LANDING_TABLE = spark.conf.get("payment_analysis.landing_table", "payments_stream_input")

# COMMAND ----------

# Checked against contract/pipeline.ts by checks/notebooks.ts.
PAYMENTS_RAW_BRONZE_SCHEMA = StructType(
    [
        StructField("transaction_id", StringType(), False),
        StructField("merchant_id", StringType(), False),
        StructField("cardholder_id", StringType()),
        StructField("card_token_id", StringType()),
        StructField("amount", DoubleType(), False),
        StructField("currency", StringType(), False),
        StructField("card_network", StringType()),
        StructField("card_bin", StringType()),
        StructField("issuer_country", StringType()),
        StructField("geo_country", StringType()),
        StructField("merchant_segment", StringType()),
        StructField("entry_system", StringType()),
        StructField("flow_type", StringType()),
        StructField("transaction_stage", StringType()),
        StructField("merchant_response_code", StringType()),
        StructField("payment_method_type", StringType()),
        StructField("payment_solution", StringType()),
        StructField("entry_mode", StringType()),
        StructField("device_type", StringType()),
        StructField("device_fingerprint", StringType()),
        StructField("ip_address", StringType()),
        StructField("uses_3ds", BooleanType()),
        StructField("three_ds_routed", BooleanType()),
        StructField("three_ds_friction", BooleanType()),
        StructField("three_ds_authenticated", BooleanType()),
        StructField("antifraud_used", BooleanType()),
        StructField("antifraud_result", StringType()),
        StructField("vault_used", BooleanType()),
        StructField("data_only_used", BooleanType()),
        StructField("click_to_pay_used", BooleanType()),
        StructField("idpay_invoked", BooleanType()),
        StructField("idpay_success", BooleanType()),
        StructField("is_network_token", BooleanType()),
        StructField("has_passkey", BooleanType()),
        StructField("is_recurring", BooleanType()),
        StructField("is_retry", BooleanType()),
        StructField("retry_count", IntegerType()),
        StructField("fraud_score", DoubleType()),
        StructField("aml_risk_score", DoubleType()),
        StructField("device_trust_score", DoubleType()),
        StructField("is_approved", BooleanType()),
        StructField("decline_reason", StringType()),
        StructField("decline_code_raw", StringType()),
        StructField("processing_time_ms", IntegerType()),
        StructField("event_timestamp", TimestampType(), False),
        StructField("_ingested_at", TimestampType()),
    ]
)

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
