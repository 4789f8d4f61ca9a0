# Databricks notebook source
# MAGIC %md
# MAGIC # Sync the Genie space
# MAGIC
# MAGIC Creates the "Payment Analytics" Genie space, or updates it in place when a space with the same title
# MAGIC exists (so re-running is idempotent), through the Genie management API
# MAGIC (`POST /api/2.0/genie/spaces`, `PATCH /api/2.0/genie/spaces/{space_id}`).
# MAGIC The space covers the gold views and silver table of the original, with its sample questions.
# MAGIC Before calling the API the notebook checks that every table and every column the instructions
# MAGIC name exists, so the space never describes a column that is not there.
# MAGIC
# MAGIC `pulumi up` runs it after the gold views exist and binds the app to the space named by its exit value,
# MAGIC `{"action": "created" | "updated", "space_id": "<id>"}` (components/analytics/genie-space-exit.ts reads it).

# COMMAND ----------

# MAGIC %pip install --quiet databricks-sdk==0.40.0

# COMMAND ----------

dbutils.library.restartPython()

# COMMAND ----------

import hashlib
import json
import re

from databricks.sdk import WorkspaceClient

dbutils.widgets.text("catalog", "", "Catalog")
dbutils.widgets.text("schema", "", "Schema")
dbutils.widgets.text("warehouse_id", "", "SQL warehouse id")
dbutils.widgets.text("space_title", "Payment Analytics", "Genie space title")

# COMMAND ----------

IDENTIFIER = re.compile(r"^[A-Za-z0-9_-]+$")


def identifier(value: str, widget_name: str) -> str:
    if not IDENTIFIER.match(value):
        raise ValueError(f"widget '{widget_name}' = {value!r} is not a valid Unity Catalog name (letters, digits, '_' or '-')")
    return value


CATALOG = identifier(dbutils.widgets.get("catalog"), "catalog")
SCHEMA = identifier(dbutils.widgets.get("schema"), "schema")
WAREHOUSE_ID = dbutils.widgets.get("warehouse_id").strip()
if not WAREHOUSE_ID:
    raise ValueError("widget 'warehouse_id' is empty; a Genie space needs a SQL warehouse")
SPACE_TITLE = dbutils.widgets.get("space_title").strip()
if not SPACE_TITLE:
    raise ValueError("widget 'space_title' is empty")

# COMMAND ----------

# Table -> description. checks/notebooks.ts holds these names to the data contract.
SPACE_TABLES = {
    "v_executive_kpis": "One row of headline KPIs over all silver transactions.",
    "v_top_decline_reasons": "Declines by raw decline reason with share and recoverable percentage.",
    "v_performance_by_geography": "Approval, fraud and value per issuer country (10+ transactions).",
    "v_solution_performance": "Approval, fraud, value and latency per payment solution (last 30 days).",
    "v_approval_trends_hourly": "Hourly volume and approval rate over the last 7 days.",
    "v_daily_trends": "Daily volume, approval rate, fraud and value over the last 90 days.",
    "v_active_alerts": "Current alerts on approval rate drops and high-risk volume.",
    "payments_enriched_silver": "One row per validated payment event with merchant, risk and decline details.",
}

# Every column the instructions mention, per table; checked against the contract statically and
# against the live tables below.
COLUMN_REFERENCES = {
    "v_executive_kpis": ["approval_rate_pct", "total_transaction_value", "total_transactions", "avg_fraud_score"],
    "v_top_decline_reasons": ["decline_reason", "decline_count", "pct_of_declines", "recoverable_pct"],
    "v_performance_by_geography": ["country", "approval_rate_pct", "transaction_count"],
    "v_solution_performance": ["payment_solution", "approval_rate_pct", "avg_latency_ms"],
    "v_daily_trends": ["event_date", "transactions", "approval_rate"],
    "payments_enriched_silver": ["is_approved", "fraud_score", "risk_tier", "merchant_segment", "event_date"],
}

INSTRUCTIONS = """
Data model: payments_enriched_silver has one row per payment event; the v_* views aggregate it.
Approval rate is approval_rate_pct (0-100) in the views, or AVG(CAST(is_approved AS INT)) * 100 on silver.
Total processed value is total_transaction_value in v_executive_kpis.
Fraud risk: fraud_score is 0-1; risk_tier is low (< 0.3), medium (0.3-0.7) or high (> 0.7).
Declines: v_top_decline_reasons ranks decline_reason by decline_count; recoverable_pct is the share of
declines with a low fraud score. Countries in v_performance_by_geography are issuer countries.
Prefer the v_* views for KPIs and trends; use payments_enriched_silver for transaction-level questions.
""".strip()

SAMPLE_QUESTIONS = [
    "What is the current approval rate?",
    "What are the top 5 decline reasons?",
    "Which 5 countries have the most transactions?",
    "Which payment solution has the highest approval rate?",
    "How did the approval rate change over the last 7 days, hour by hour?",
    "Show the daily transaction volume and approval rate for the last 30 days.",
    "Are there any active alerts right now?",
    "What is the average fraud score by merchant segment?",
    "Which payment solutions have the slowest average latency?",
    "How many high-risk transactions were there today?",
]


def stable_id(text: str) -> str:
    """32 hex characters derived from the text, so a re-sync produces the same ids."""
    return hashlib.md5(text.encode("utf-8")).hexdigest()


# COMMAND ----------

missing: list[str] = []
for table in SPACE_TABLES:
    full_name = f"{CATALOG}.{SCHEMA}.{table}"
    if not spark.catalog.tableExists(full_name):
        missing.append(full_name)
        continue
    present = set(spark.table(full_name).columns)
    missing += [f"{full_name}.{c}" for c in COLUMN_REFERENCES.get(table, []) if c not in present]
if missing:
    raise RuntimeError(f"Genie space would reference objects that do not exist: {missing}; run the gold views job first")

serialized_space = {
    "version": 2,
    "config": {
        "sample_questions": sorted(
            [{"id": stable_id(q), "question": [q]} for q in SAMPLE_QUESTIONS], key=lambda item: item["id"]
        ),
    },
    "data_sources": {
        "tables": sorted(
            [{"identifier": f"{CATALOG}.{SCHEMA}.{t}", "description": [d]} for t, d in SPACE_TABLES.items()],
            key=lambda item: item["identifier"],
        ),
    },
    "instructions": {
        "text_instructions": [{"id": stable_id(INSTRUCTIONS), "content": [line + "\n" for line in INSTRUCTIONS.splitlines()]}],
    },
}

# COMMAND ----------

api = WorkspaceClient().api_client


def spaces_titled(title: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    page_token: str | None = None
    while True:
        query = {"page_size": 100} if page_token is None else {"page_size": 100, "page_token": page_token}
        page = api.do("GET", "/api/2.0/genie/spaces", query=query)
        if not isinstance(page, dict):
            raise RuntimeError("GET /api/2.0/genie/spaces returned a non-JSON body")
        spaces = page.get("spaces") or []
        found += [s for s in spaces if isinstance(s, dict) and s.get("title") == title]
        token = page.get("next_page_token")
        if not token:
            return found
        page_token = str(token)


body = {
    "title": SPACE_TITLE,
    "description": f"Payment approval analytics over {CATALOG}.{SCHEMA} (gold views and enriched silver).",
    "warehouse_id": WAREHOUSE_ID,
    "serialized_space": json.dumps(serialized_space, sort_keys=True),
}
existing = spaces_titled(SPACE_TITLE)
if len(existing) > 1:
    ids = [s.get("space_id") for s in existing]
    raise RuntimeError(f"{len(existing)} Genie spaces are titled {SPACE_TITLE!r} ({ids}); delete the extras so the sync knows which to update")
if existing:
    space_id = str(existing[0]["space_id"])
    result = api.do("PATCH", f"/api/2.0/genie/spaces/{space_id}", body=body)
    action = "updated"
else:
    result = api.do("POST", "/api/2.0/genie/spaces", body=body)
    if not isinstance(result, dict) or not result.get("space_id"):
        raise RuntimeError(f"creating Genie space {SPACE_TITLE!r} returned no space_id: {result!r}")
    space_id = str(result["space_id"])
    action = "created"

print(f"Genie space {SPACE_TITLE!r} {action}: {space_id}")
dbutils.notebook.exit(json.dumps({"action": action, "space_id": space_id}, sort_keys=True))
