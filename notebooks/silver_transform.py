# Databricks notebook source
# MAGIC %md
# MAGIC # ETL pipeline: silver
# MAGIC
# MAGIC Second notebook of the "Payment Analysis ETL" pipeline. The pipeline stops here: the gold layer is
# MAGIC the SQL views of `sql/gold_views.sql`, so no table below shares a name with a gold view.
# MAGIC Catalog and schema come from the pipeline target (no widgets). The risk features (tier, amount bucket,
# MAGIC composite score) come from `payment_features.py`, shared with the real-time pipeline and the
# MAGIC continuous processor.

# COMMAND ----------

import dlt
from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F
from pyspark.sql.types import (
    BooleanType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

from payment_events_schema import EVENT_FIELDS
from payment_features import with_risk_features

# COMMAND ----------

ENRICHMENT_FIELDS = [
    StructField("merchant_name", StringType()),
    StructField("merchant_country", StringType()),
    StructField("merchant_risk_tier", StringType()),
    StructField("is_cross_border", BooleanType()),
    StructField("event_date", DateType()),
    StructField("event_time", TimestampType()),
    StructField("event_hour", IntegerType()),
    StructField("event_day_of_week", IntegerType()),
    StructField("canonical_transaction_key", StringType()),
    StructField("risk_tier", StringType()),
    StructField("amount_bucket", StringType()),
    StructField("composite_risk_score", DoubleType()),
    StructField("retry_scenario", StringType()),
    StructField("decline_reason_standard", StringType()),
    StructField("decline_reason_group", StringType()),
    StructField("recommended_action", StringType()),
    StructField("service_path", StringType()),
    StructField("_processed_at", TimestampType()),
    StructField("attempt_sequence", IntegerType()),
    StructField("previous_attempt_time", TimestampType()),
    StructField("time_since_last_attempt_seconds", LongType()),
    StructField("prior_approved_count", LongType()),
    StructField("merchant_retry_policy_max_attempts", IntegerType()),
]

PAYMENTS_ENRICHED_SILVER_SCHEMA = StructType(EVENT_FIELDS + ENRICHMENT_FIELDS)
MERCHANT_VISIBLE_ATTEMPTS_SILVER_SCHEMA = StructType(EVENT_FIELDS + ENRICHMENT_FIELDS)

REASON_CODE_TAXONOMY_SILVER_SCHEMA = StructType(
    [
        StructField("decline_reason_standard", StringType(), False),
        StructField("decline_reason_group", StringType(), False),
        StructField("actionability", StringType(), False),
        StructField("default_action", StringType()),
        StructField("_created_at", TimestampType()),
    ]
)

DECISION_LOG_SILVER_SCHEMA = StructType(
    [
        StructField("transaction_id", StringType(), False),
        StructField("decision_type", StringType()),
        StructField("decision_timestamp", TimestampType()),
        StructField(
            "request_context",
            StructType(
                [
                    StructField("merchant_id", StringType()),
                    StructField("amount", DoubleType()),
                    StructField("fraud_score", DoubleType()),
                    StructField("device_trust_score", DoubleType()),
                ]
            ),
        ),
        StructField(
            "decision_response",
            StructType([StructField("recommended_path", StringType()), StructField("risk_tier", StringType())]),
        ),
        StructField("_processed_at", TimestampType()),
    ]
)

SMART_CHECKOUT_DECISIONS_SILVER_SCHEMA = StructType(
    [
        StructField("transaction_id", StringType(), False),
        StructField("decision_timestamp", TimestampType()),
        StructField("geo_country", StringType()),
        StructField("flow_type", StringType()),
        StructField("entry_system", StringType()),
        StructField("risk_tier", StringType()),
        StructField("fraud_score", DoubleType()),
        StructField("device_trust_score", DoubleType()),
        StructField("is_network_token", BooleanType()),
        StructField("has_passkey", BooleanType()),
        StructField("three_ds_routed", BooleanType()),
        StructField("recommended_path", StringType()),
        StructField("decision_reason", StringType()),
        StructField("_created_at", TimestampType()),
    ]
)

# (standard reason, group, actionability, default action)
REASON_TAXONOMY = [
    ("FUNDS_OR_LIMIT", "funds", "HIGH", "Retry after 24-72h or suggest another payment method"),
    ("ISSUER_TECHNICAL", "issuer", "HIGH", "Retry immediately or route to an alternative network"),
    ("ISSUER_DO_NOT_HONOR", "issuer", "MEDIUM", "Retry once later; offer an alternative checkout path"),
    ("CARD_EXPIRED", "card", "HIGH", "Refresh credentials (network token / account updater)"),
    ("SECURITY_CVV", "security", "MEDIUM", "Ask the cardholder to re-enter card details"),
    ("SECURITY_3DS_FAILED", "security", "MEDIUM", "Offer an alternative authentication path"),
    ("FRAUD_SUSPECTED", "fraud", "LOW", "Review antifraud rules; do not retry"),
    ("OTHER", "other", "LOW", "Manual review"),
]
RAW_TO_STANDARD = {
    "INSUFFICIENT_FUNDS": "FUNDS_OR_LIMIT",
    "LIMIT_EXCEEDED": "FUNDS_OR_LIMIT",
    "EXPIRED_CARD": "CARD_EXPIRED",
    "CVV_MISMATCH": "SECURITY_CVV",
    "ISSUER_UNAVAILABLE": "ISSUER_TECHNICAL",
    "DO_NOT_HONOR": "ISSUER_DO_NOT_HONOR",
    "3DS_AUTH_FAILED": "SECURITY_3DS_FAILED",
    "FRAUD_SUSPECTED": "FRAUD_SUSPECTED",
}


def conform(frame: DataFrame, schema: StructType) -> DataFrame:
    return frame.select(*[F.col(field.name).cast(field.dataType) for field in schema.fields])


# COMMAND ----------


def standard_reason() -> Column:
    reason = F.when(F.col("is_approved"), F.lit(None).cast("string")).when(
        F.col("antifraud_result") == "fail", F.lit("FRAUD_SUSPECTED")
    )
    for raw, standard in RAW_TO_STANDARD.items():
        reason = reason.when(F.col("decline_reason") == raw, F.lit(standard))
    return reason.otherwise(F.lit("OTHER"))


def reason_lookup(position: int) -> Column:
    """Column `position` of REASON_TAXONOMY for the row's decline_reason_standard."""
    result: Column | None = None
    for row in REASON_TAXONOMY:
        matches = F.col("decline_reason_standard") == row[0]
        result = F.when(matches, F.lit(row[position])) if result is None else result.when(matches, F.lit(row[position]))
    assert result is not None
    return result


def service_path() -> Column:
    labels = [
        F.when(F.col("antifraud_used"), F.concat(F.lit("antifraud="), F.col("antifraud_result"))),
        F.when(F.col("three_ds_routed"), F.when(F.col("three_ds_friction"), F.lit("3ds=challenge")).otherwise(F.lit("3ds=frictionless"))),
        F.when(F.col("idpay_invoked"), F.when(F.col("idpay_success"), F.lit("idpay=success")).otherwise(F.lit("idpay=fail"))),
        F.when(F.col("is_network_token"), F.lit("network_token")),
        F.when(F.col("has_passkey"), F.lit("passkey")),
        F.when(F.col("data_only_used"), F.lit("data_only")),
        F.when(F.col("click_to_pay_used"), F.lit("click_to_pay")),
        F.when(F.col("vault_used"), F.lit("vault")),
    ]
    return F.concat_ws("+", *labels)


@dlt.table(
    name="payments_enriched_silver",
    comment="Validated events joined to the merchant dimension, with risk, decline taxonomy and retry context.",
    table_properties={"quality": "silver", "pipelines.autoOptimize.managed": "true"},
    schema=PAYMENTS_ENRICHED_SILVER_SCHEMA,
)
@dlt.expect_or_drop("valid_transaction_id", "transaction_id IS NOT NULL")
@dlt.expect_or_drop("valid_amount", "amount > 0")
@dlt.expect_or_fail("valid_merchant", "merchant_id IS NOT NULL")
@dlt.expect("valid_entry_system", "entry_system IN ('PD', 'WS', 'SEP', 'CHECKOUT')")
@dlt.expect("has_response_code", "is_approved OR decline_code_raw IS NOT NULL")
@dlt.expect("has_geo_country", "geo_country IS NOT NULL")
@dlt.expect("merchant_in_dimension", "merchant_name IS NOT NULL")
def payments_enriched_silver():
    merchants = dlt.read("merchants_dim_bronze").select("merchant_id", "merchant_name", "merchant_country", "merchant_risk_tier")
    attempts = Window.partitionBy("merchant_id", "card_token_id").orderBy("event_time", "transaction_id")
    earlier_attempts = attempts.rowsBetween(Window.unboundedPreceding, -1)
    keyed = (
        dlt.read("payments_raw_bronze")
        .join(merchants, on="merchant_id", how="left")
        .withColumn("transaction_stage", F.coalesce(F.col("transaction_stage"), F.lit("entry_response")))
        .withColumn("is_cross_border", F.col("issuer_country") != F.col("merchant_country"))
        .withColumn("event_time", F.col("event_timestamp"))
        .withColumn("event_date", F.to_date("event_timestamp"))
        .withColumn("event_hour", F.hour("event_timestamp"))
        .withColumn("event_day_of_week", F.dayofweek("event_timestamp"))
        .withColumn(
            "canonical_transaction_key",
            F.sha2(
                F.concat_ws(
                    "|",
                    F.col("merchant_id"),
                    F.col("card_token_id"),
                    F.col("amount").cast("string"),
                    F.col("currency"),
                    F.col("entry_system"),
                    F.col("flow_type"),
                    F.date_format(F.date_trunc("minute", F.col("event_timestamp")), "yyyy-MM-dd HH:mm"),
                ),
                256,
            ),
        )
    )
    enriched = (
        with_risk_features(keyed)
        .withColumn(
            "retry_scenario",
            F.when(F.col("is_recurring"), F.lit("PaymentRecurrence")).when(F.col("is_retry"), F.lit("PaymentRetry")).otherwise(F.lit("None")),
        )
        .withColumn("decline_reason_standard", standard_reason())
        .withColumn("decline_reason_group", reason_lookup(1))
        .withColumn("recommended_action", reason_lookup(3))
        .withColumn("service_path", service_path())
        .withColumn("_processed_at", F.current_timestamp())
        .withColumn("attempt_sequence", F.row_number().over(attempts))
        .withColumn("previous_attempt_time", F.lag("event_time").over(attempts))
        .withColumn(
            "time_since_last_attempt_seconds",
            F.unix_timestamp("event_time") - F.unix_timestamp("previous_attempt_time"),
        )
        .withColumn(
            "prior_approved_count",
            F.coalesce(F.sum(F.col("is_approved").cast("long")).over(earlier_attempts), F.lit(0)),
        )
        .withColumn(
            "merchant_retry_policy_max_attempts",
            F.when(F.col("merchant_risk_tier") == "high", F.lit(1)).when(F.col("merchant_risk_tier") == "medium", F.lit(2)).otherwise(F.lit(3)),
        )
    )
    return conform(enriched, PAYMENTS_ENRICHED_SILVER_SCHEMA)


# COMMAND ----------


@dlt.table(
    name="merchant_visible_attempts_silver",
    comment="entry_response attempts only, the latest row per canonical_transaction_key (what a merchant sees).",
    table_properties={"quality": "silver"},
    schema=MERCHANT_VISIBLE_ATTEMPTS_SILVER_SCHEMA,
)
def merchant_visible_attempts_silver():
    latest_first = Window.partitionBy("canonical_transaction_key").orderBy(F.col("event_time").desc(), F.col("transaction_id"))
    visible = (
        dlt.read("payments_enriched_silver")
        .where(F.col("transaction_stage") == "entry_response")
        .withColumn("_rank", F.row_number().over(latest_first))
        .where(F.col("_rank") == 1)
    )
    return conform(visible, MERCHANT_VISIBLE_ATTEMPTS_SILVER_SCHEMA)


@dlt.table(
    name="reason_code_taxonomy_silver",
    comment="The 8 standard decline reasons with group, actionability and default action.",
    table_properties={"quality": "silver"},
    schema=REASON_CODE_TAXONOMY_SILVER_SCHEMA,
)
def reason_code_taxonomy_silver():
    rows = spark.createDataFrame(REASON_TAXONOMY, ["decline_reason_standard", "decline_reason_group", "actionability", "default_action"])
    return conform(rows.withColumn("_created_at", F.current_timestamp()), REASON_CODE_TAXONOMY_SILVER_SCHEMA)


def authentication_path() -> Column:
    return (
        F.when(F.col("risk_tier") == "high", F.lit("3ds_challenge"))
        .when(F.col("has_passkey") | (F.col("device_trust_score") > 0.8), F.lit("passkey"))
        .otherwise(F.lit("frictionless"))
    )


@dlt.table(
    name="decision_log_silver",
    comment="The authentication decision recommended for each transaction, with its request context.",
    table_properties={"quality": "silver"},
    schema=DECISION_LOG_SILVER_SCHEMA,
)
def decision_log_silver():
    decisions = (
        dlt.read("payments_enriched_silver")
        .withColumn("decision_type", F.lit("authentication"))
        .withColumn("decision_timestamp", F.col("event_time"))
        .withColumn("request_context", F.struct("merchant_id", "amount", "fraud_score", "device_trust_score"))
        .withColumn("decision_response", F.struct(authentication_path().alias("recommended_path"), F.col("risk_tier")))
    )
    return conform(decisions, DECISION_LOG_SILVER_SCHEMA)


@dlt.table(
    name="smart_checkout_decisions_silver",
    comment="Smart-checkout path recommended per transaction (3DS challenge, passkey, network token, ...).",
    table_properties={"quality": "silver"},
    schema=SMART_CHECKOUT_DECISIONS_SILVER_SCHEMA,
)
def smart_checkout_decisions_silver():
    path = (
        F.when(F.col("risk_tier") == "high", F.lit("3ds_challenge"))
        .when(F.col("has_passkey"), F.lit("passkey"))
        .when(F.col("is_network_token"), F.lit("network_token"))
        .when(F.col("three_ds_routed"), F.lit("3ds_frictionless"))
        .otherwise(F.lit("standard"))
    )
    reason = (
        F.when(F.col("risk_tier") == "high", F.lit("fraud_score above the high-risk threshold"))
        .when(F.col("has_passkey"), F.lit("cardholder has a passkey"))
        .when(F.col("is_network_token"), F.lit("network token available"))
        .when(F.col("three_ds_routed"), F.lit("issuer requires 3DS; low risk allows frictionless"))
        .otherwise(F.lit("no signal favours another path"))
    )
    decisions = (
        dlt.read("payments_enriched_silver")
        .withColumn("decision_timestamp", F.col("event_time"))
        .withColumn("recommended_path", path)
        .withColumn("decision_reason", reason)
        .withColumn("_created_at", F.current_timestamp())
    )
    return conform(decisions, SMART_CHECKOUT_DECISIONS_SILVER_SCHEMA)
