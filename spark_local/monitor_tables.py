"""The metric tables of the data-quality monitors, for the local run (a fixture, not an emulation).

On Databricks each silver table's monitor writes `<table>_profile_metrics` and `<table>_drift_metrics`
(contract/monitors.ts). OSS Spark has no monitors, so before the dashboard datasets run this writes both
tables with exactly the contract's columns and a few rows computed from the silver table itself: per daily
window (by the table's first event-time column; one window for a table without one) and per column, the
non-null count, nulls, null share and distinct count, plus a ':table' row with the row count; drift rows
compare each window with the one before. Statistics the fixture does not compute (js_distance) are NULL.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

MONITOR_PRODUCER = "components/analytics/quality-monitors.ts"
PROFILE_SUFFIX = "_profile_metrics"
DRIFT_SUFFIX = "_drift_metrics"
SIMPLE_TYPES = {"string", "double", "int", "bigint", "boolean", "timestamp", "date"}


def _ddl(columns: list[dict[str, Any]]) -> str:
    return ", ".join(f"`{c['name']}` {c['type']}" for c in columns)


def _profile_rows(spark: Any, schema: str, table: str) -> list[dict[str, Any]]:
    from pyspark.sql import functions as F

    frame = spark.table(f"`{schema}`.`{table}`")
    types = dict(frame.dtypes)
    event_time = next((name for name, kind in frame.dtypes if kind == "timestamp" and not name.startswith("_")), None)
    today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    window = F.date_trunc("DAY", F.col(event_time)) if event_time else F.lit(today)
    columns = [name for name, kind in frame.dtypes if kind in SIMPLE_TYPES]
    aggregates = [F.count(F.lit(1)).alias("__rows")]
    for i, name in enumerate(columns):
        aggregates += [
            F.count(F.col(name)).alias(f"c{i}"),
            F.sum(F.when(F.col(name).isNull(), 1).otherwise(0)).alias(f"n{i}"),
            F.approx_count_distinct(F.col(name)).alias(f"d{i}"),
        ]
    rows = []
    for agg in frame.groupBy(window.alias("__start")).agg(*aggregates).collect():
        start = agg["__start"]
        base = {"window": {"start": start, "end": start + timedelta(days=1)}, "granularity": "1 day", "log_type": "INPUT",
                "slice_key": None, "slice_value": None, "monitor_version": 1}
        rows.append({**base, "column_name": ":table", "data_type": "table", "count": agg["__rows"], "num_nulls": 0,
                     "percent_null": 0.0, "distinct_count": None})
        for i, name in enumerate(columns):
            total = agg[f"c{i}"] + agg[f"n{i}"]
            rows.append({**base, "column_name": name, "data_type": types[name], "count": agg[f"c{i}"], "num_nulls": agg[f"n{i}"],
                         "percent_null": 100.0 * agg[f"n{i}"] / total if total else None, "distinct_count": agg[f"d{i}"]})
    return rows


def _drift_rows(profile: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_column: dict[str, list[dict[str, Any]]] = {}
    for row in profile:
        by_column.setdefault(row["column_name"], []).append(row)
    drift = []
    for column, windows in by_column.items():
        windows.sort(key=lambda r: r["window"]["start"])
        for before, now in zip(windows, windows[1:]):
            nulls_now, nulls_before = now["percent_null"], before["percent_null"]
            drift.append({"window": now["window"], "window_cmp": before["window"], "granularity": "1 day", "drift_type": "CONSECUTIVE",
                          "slice_key": None, "slice_value": None, "column_name": column, "data_type": now["data_type"], "monitor_version": 1,
                          "count_delta": float(now["count"] - before["count"]),
                          "percent_null_delta": None if nulls_now is None or nulls_before is None else nulls_now - nulls_before,
                          "js_distance": None})
    return drift


def create_monitor_tables(spark: Any, manifest: dict[str, Any], schema: str) -> dict[str, int]:
    """Writes every monitor metric table of the contract; returns rows written per table."""
    contract = {d["name"]: d for d in manifest["contract"] if d["producer"] == MONITOR_PRODUCER}
    written: dict[str, int] = {}
    for name in sorted(contract):
        if not name.endswith(PROFILE_SUFFIX):
            continue
        table = name[: -len(PROFILE_SUFFIX)]
        drift_name = table + DRIFT_SUFFIX
        if drift_name not in contract:
            raise ValueError(f"contract has {name} but no {drift_name}: every monitored table has both metric tables")
        profile = _profile_rows(spark, schema, table)
        for target, rows in ((name, profile), (drift_name, _drift_rows(profile))):
            columns = contract[target]["columns"]
            frame = spark.createDataFrame([{c["name"]: row.get(c["name"]) for c in columns} for row in rows], schema=_ddl(columns))
            frame.write.format("delta").mode("overwrite").saveAsTable(f"`{schema}`.`{target}`")
            written[target] = len(rows)
    return written
