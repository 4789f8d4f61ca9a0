"""The risk features every silver table derives from a payment event: risk tier, amount bucket and the
composite risk score. Batch silver (silver_transform.py), the real-time pipeline and the continuous processor
all call `with_risk_features`, so one event gets the same tier and score whichever path it took. The two
streaming paths also share the columns their silver adds to the event (`STREAM_ENRICHMENT_FIELDS`).

A plain Python module next to the notebooks, imported like payment_events_schema.py.
"""

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import DateType, DoubleType, IntegerType, StringType, StructField, TimestampType

# fraud_score above which an event's risk tier is high, and medium; the gold views' high-risk share uses 0.7 too.
HIGH_RISK_FRAUD_SCORE = 0.7
MEDIUM_RISK_FRAUD_SCORE = 0.3

# Upper bounds (exclusive) of the amount buckets; larger amounts are very_large.
AMOUNT_BUCKETS = [(50, "micro"), (200, "small"), (500, "medium"), (1000, "large")]

# Weights of the composite risk score: fraud, AML, and the distrust of the device.
COMPOSITE_RISK_WEIGHTS = {"fraud_score": 0.5, "aml_risk_score": 0.3, "device_distrust": 0.2}


# What a stream's silver adds to the event: time parts, the risk features and when it was processed.
STREAM_ENRICHMENT_FIELDS = [
    StructField("event_date", DateType()),
    StructField("event_hour", IntegerType()),
    StructField("event_minute", IntegerType()),
    StructField("risk_tier", StringType()),
    StructField("amount_bucket", StringType()),
    StructField("composite_risk_score", DoubleType()),
    StructField("_processed_at", TimestampType()),
]


def with_stream_enrichment(events: DataFrame) -> DataFrame:
    """Adds the columns of STREAM_ENRICHMENT_FIELDS to streamed events."""
    timed = (
        events.withColumn("event_date", F.to_date("event_timestamp"))
        .withColumn("event_hour", F.hour("event_timestamp"))
        .withColumn("event_minute", F.minute("event_timestamp"))
    )
    return with_risk_features(timed).withColumn("_processed_at", F.current_timestamp())


def with_risk_features(events: DataFrame) -> DataFrame:
    """Adds risk_tier, amount_bucket and composite_risk_score from fraud_score, amount, aml_risk_score and
    device_trust_score."""
    tier = (
        F.when(F.col("fraud_score") > HIGH_RISK_FRAUD_SCORE, F.lit("high"))
        .when(F.col("fraud_score") > MEDIUM_RISK_FRAUD_SCORE, F.lit("medium"))
        .otherwise(F.lit("low"))
    )
    first_bound, first_name = AMOUNT_BUCKETS[0]
    bucket = F.when(F.col("amount") < first_bound, F.lit(first_name))
    for bound, name in AMOUNT_BUCKETS[1:]:
        bucket = bucket.when(F.col("amount") < bound, F.lit(name))
    weights = COMPOSITE_RISK_WEIGHTS
    composite = F.round(
        F.col("fraud_score") * weights["fraud_score"]
        + F.col("aml_risk_score") * weights["aml_risk_score"]
        + (F.lit(1.0) - F.col("device_trust_score")) * weights["device_distrust"],
        4,
    )
    return (
        events.withColumn("risk_tier", tier)
        .withColumn("amount_bucket", bucket.otherwise(F.lit("very_large")))
        .withColumn("composite_risk_score", composite)
    )
