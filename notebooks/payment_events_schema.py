"""The payment event: the 46 columns every event carries from the simulator's landing table through bronze
into silver (contract/landing.ts, PAYMENT_EVENT_DDL, is the list they are checked against).

A plain Python module, uploaded as a workspace file next to the notebooks: jobs import it from the notebook's
directory (the working directory, on sys.path), pipelines through their root path (on sys.path as well).
"""

from pyspark.sql.types import (
    BooleanType,
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    TimestampType,
)

EVENT_FIELDS = [
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
