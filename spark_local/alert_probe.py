"""Shows that every alert fires on a real incident, not only that it stays quiet on normal traffic.

In a schema of its own (the manifest's `alertProbe`), silver is copied and a bad hour is injected: as many
payments as the last hour already holds, each declined for suspected fraud, scored 0.9 and slow. The gold views
the alerts read and the alert queries, rendered for that schema by the deployment's code, must then all fire:
the approval rate halves, the decline rate and the high-risk share jump, p95 latency exceeds any threshold.
"""
from __future__ import annotations

import re
from typing import Any

# What one bad payment looks like; the other columns are copied from real silver rows.
BAD_PAYMENT = {"is_approved": "false", "decline_reason": "'FRAUD_SUSPECTED'", "fraud_score": "0.9", "processing_time_ms": "600000"}
# A floor for the injected burst, so even an empty last hour becomes a judgeable one (the alerts need 50+).
MIN_BAD_EVENTS = 100
# The gold views the alerts and v_active_alerts read; the probe schema has silver only, so just these are created.
PROBED_VIEWS = ("v_last_hour_performance", "v_active_alerts")
# v_active_alerts rows a bad hour must raise.
ACTIVE_ALERT_TYPES = ("APPROVAL_RATE_DROP", "HIGH_FRAUD_RATE")


def fires(alert: dict[str, Any], value: float | None) -> bool:
    if value is None:
        return False
    return value < alert["threshold"] if alert["operator"] == "LESS_THAN" else value > alert["threshold"]


def alert_value(spark: Any, alert: dict[str, Any]) -> float | None:
    rows = spark.sql(alert["query"]).collect()
    return float(rows[0][alert["column"]]) if rows and rows[0][alert["column"]] is not None else None


def probed_statements(statements: list[dict[str, Any]]) -> list[str]:
    """The USE statements and the CREATE VIEW statements of PROBED_VIEWS, in file order."""
    pattern = re.compile(r"^\s*(USE\b|CREATE\s+OR\s+REPLACE\s+VIEW\s+(" + "|".join(PROBED_VIEWS) + r")\b)", re.IGNORECASE)
    chosen = [statement["text"] for statement in statements if pattern.match(statement["text"])]
    created = {name for name in PROBED_VIEWS if any(re.search(rf"VIEW\s+{name}\b", text) for text in chosen)}
    if created != set(PROBED_VIEWS):
        raise ValueError(f"sql/gold_views.sql no longer creates {sorted(set(PROBED_VIEWS) - created)}, which the alert probe reads")
    return chosen


def probe_alerts(spark: Any, manifest: dict[str, Any], schema: str, local_statement: Any) -> dict[str, Any]:
    """Returns the value of every alert on the bad hour; raises naming each alert that stays quiet."""
    from pyspark.sql import functions as F

    catalog, probe = manifest["catalog"], manifest["alertProbe"]
    silver = spark.table(f"`{catalog}`.`{schema}`.payments_enriched_silver")
    last_hour = silver.where(F.expr("event_time >= current_timestamp() - INTERVAL 1 HOUR")).count()
    bad_events = max(last_hour, MIN_BAD_EVENTS)
    overrides = {
        "transaction_id": F.expr("uuid()"),
        "event_time": F.expr("current_timestamp() - INTERVAL 10 MINUTES"),
        **{column: F.expr(value) for column, value in BAD_PAYMENT.items()},
    }
    types = dict(silver.dtypes)
    burst = silver.limit(bad_events).select(
        *[overrides[name].cast(types[name]).alias(name) if name in overrides else F.col(name) for name in silver.columns]
    )
    if burst.count() < bad_events:
        raise AssertionError(f"silver has fewer than the {bad_events} rows the bad hour copies")
    spark.sql(f"CREATE SCHEMA IF NOT EXISTS `{catalog}`.`{probe['schema']}`")
    silver.unionByName(burst).write.format("delta").mode("overwrite").saveAsTable(f"`{catalog}`.`{probe['schema']}`.payments_enriched_silver")
    for text in probed_statements(probe["goldViews"]):
        spark.sql(local_statement(text)).collect()
    values = {alert["key"]: alert_value(spark, alert) for alert in probe["alerts"]}
    quiet = [f"{alert['key']} ({alert['column']} = {values[alert['key']]}, {alert['operator']} {alert['threshold']})"
             for alert in probe["alerts"] if not fires(alert, values[alert["key"]])]
    raised = {row["alert_type"] for row in spark.sql("SELECT alert_type FROM v_active_alerts").collect()}
    quiet += [f"v_active_alerts {kind}" for kind in ACTIVE_ALERT_TYPES if kind not in raised]
    spark.sql(f"USE `{catalog}`.`{schema}`")
    if quiet:
        raise AssertionError(f"quiet on a bad hour ({bad_events} fraud declines injected into {last_hour} events): " + "; ".join(quiet))
    return {"badEvents": bad_events, "lastHourEvents": last_hour, **values, "v_active_alerts": sorted(raised)}
