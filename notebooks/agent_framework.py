# Databricks notebook source
# MAGIC %md
# MAGIC # Payment analysis agents
# MAGIC
# MAGIC Six roles: `smart_routing`, `smart_retry`, `decline_analyst`, `risk_assessor`,
# MAGIC `performance_recommender` and `orchestrator` (which consults the specialists the query concerns).
# MAGIC Each specialist first queries its gold views / silver through the SQL warehouse `warehouse_id`
# MAGIC (Statement Execution API, parameterised statements only), then asks the LLM serving endpoint
# MAGIC `llm_endpoint` to analyse those rows. With `test_mode=true` every role runs once.
# MAGIC Any failure (warehouse, SQL, LLM, empty answer) raises, so the job run fails visibly.

# COMMAND ----------

# MAGIC %pip install --quiet databricks-sdk==0.40.0

# COMMAND ----------

dbutils.library.restartPython()

# COMMAND ----------

import json
import re
import time
from dataclasses import dataclass, field

from databricks.sdk import WorkspaceClient
from databricks.sdk.service.serving import ChatMessage, ChatMessageRole
from databricks.sdk.service.sql import StatementParameterListItem, StatementResponse, StatementState

dbutils.widgets.text("catalog", "", "Catalog")
dbutils.widgets.text("schema", "", "Schema")
dbutils.widgets.text("warehouse_id", "", "SQL warehouse id")
dbutils.widgets.text("llm_endpoint", "", "LLM serving endpoint")
dbutils.widgets.text("rules_table", "", "Approval rules table (Lakebase catalog)")
dbutils.widgets.dropdown(
    "agent_role",
    "orchestrator",
    ["smart_routing", "smart_retry", "decline_analyst", "risk_assessor", "performance_recommender", "orchestrator"],
    "Agent role",
)
dbutils.widgets.text("query", "What optimizations do you recommend?", "Question")
dbutils.widgets.dropdown("test_mode", "false", ["true", "false"], "Exercise every role")

# COMMAND ----------

IDENTIFIER = re.compile(r"^[A-Za-z0-9_-]+$")
THREE_PART_NAME = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")


def required(value: str, widget_name: str) -> str:
    if not value.strip():
        raise ValueError(f"widget '{widget_name}' is empty; the job must pass it")
    return value.strip()


def identifier(value: str, widget_name: str) -> str:
    if not IDENTIFIER.match(value):
        raise ValueError(f"widget '{widget_name}' = {value!r} is not a valid Unity Catalog name (letters, digits, '_' or '-')")
    return value


CATALOG = identifier(dbutils.widgets.get("catalog"), "catalog")
SCHEMA = identifier(dbutils.widgets.get("schema"), "schema")
WAREHOUSE_ID = required(dbutils.widgets.get("warehouse_id"), "warehouse_id")
LLM_ENDPOINT = required(dbutils.widgets.get("llm_endpoint"), "llm_endpoint")
# The rules operators edit in the app live in Lakebase; its Unity Catalog catalog lets the warehouse read them.
RULES_TABLE = required(dbutils.widgets.get("rules_table"), "rules_table")
if not THREE_PART_NAME.match(RULES_TABLE):
    raise ValueError(f"widget 'rules_table' = {RULES_TABLE!r} is not a three-part name <catalog>.<schema>.<table>")
AGENT_ROLE = dbutils.widgets.get("agent_role")
QUERY = required(dbutils.widgets.get("query"), "query")
TEST_MODE = dbutils.widgets.get("test_mode") == "true"
STATEMENT_TIMEOUT_SECONDS = 300

workspace = WorkspaceClient()

# COMMAND ----------


@dataclass(frozen=True)
class Tool:
    """One parameterised query; values travel as statement parameters, never inside the SQL text."""

    name: str
    sql: str
    parameters: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (SQL type, value)
    # What to tell the operator when the table the tool reads does not exist yet.
    missing_table_hint: str = ""


def rules_tool(name: str, rule_type: str) -> Tool:
    """The active rules of one type, lowest priority number first, straight from the table the app writes."""
    return Tool(
        name,
        "SELECT name, condition_expression, action_summary, priority FROM IDENTIFIER(:rules_table) "
        "WHERE is_active AND rule_type = :rule_type ORDER BY priority, name LIMIT 50",
        {"rules_table": ("STRING", RULES_TABLE), "rule_type": ("STRING", rule_type)},
        missing_table_hint=(
            f"{RULES_TABLE} is created by the app when it first starts, in its Lakebase database; "
            "deploy the stack with its app (pulumi up) first"
        ),
    )


def wait_for(response: StatementResponse) -> StatementResponse:
    deadline = time.monotonic() + STATEMENT_TIMEOUT_SECONDS
    while response.status is not None and response.status.state in (StatementState.PENDING, StatementState.RUNNING):
        if time.monotonic() > deadline:
            raise TimeoutError(f"statement {response.statement_id} still running after {STATEMENT_TIMEOUT_SECONDS}s")
        time.sleep(2)
        if response.statement_id is None:
            raise RuntimeError("the warehouse returned a running statement without an id")
        response = workspace.statement_execution.get_statement(response.statement_id)
    return response


def run_tool(tool: Tool) -> list[dict[str, str | None]]:
    response = workspace.statement_execution.execute_statement(
        statement=tool.sql,
        warehouse_id=WAREHOUSE_ID,
        catalog=CATALOG,
        schema=SCHEMA,
        parameters=[StatementParameterListItem(name=n, type=t, value=v) for n, (t, v) in tool.parameters.items()],
        wait_timeout="30s",
    )
    response = wait_for(response)
    status = response.status
    if status is None or status.state != StatementState.SUCCEEDED:
        message = (status.error.message or "no message") if status is not None and status.error is not None else "no status"
        state = status.state if status is not None else None
        hint = f" ({tool.missing_table_hint})" if tool.missing_table_hint and "TABLE_OR_VIEW_NOT_FOUND" in message else ""
        raise RuntimeError(f"tool {tool.name} failed on warehouse {WAREHOUSE_ID} ({state}): {message}{hint}")
    if response.manifest is None or response.manifest.schema is None or response.manifest.schema.columns is None:
        raise RuntimeError(f"tool {tool.name}: the warehouse returned no result schema")
    columns = [column.name or f"column_{i}" for i, column in enumerate(response.manifest.schema.columns)]
    rows = response.result.data_array if response.result is not None and response.result.data_array else []
    return [dict(zip(columns, row)) for row in rows]


def ask_llm(system_prompt: str, user_prompt: str) -> str:
    answer = workspace.serving_endpoints.query(
        name=LLM_ENDPOINT,
        messages=[
            ChatMessage(role=ChatMessageRole.SYSTEM, content=system_prompt),
            ChatMessage(role=ChatMessageRole.USER, content=user_prompt),
        ],
        max_tokens=1500,
        temperature=0.2,
    )
    choices = answer.choices or []
    content = choices[0].message.content if choices and choices[0].message is not None else None
    if not content:
        raise RuntimeError(f"serving endpoint {LLM_ENDPOINT} returned no answer")
    return content


# COMMAND ----------


@dataclass(frozen=True)
class Specialist:
    role: str
    system_prompt: str
    tools: tuple[Tool, ...]
    keywords: tuple[str, ...]
    test_query: str


SPECIALISTS = [
    Specialist(
        role="smart_routing",
        system_prompt=(
            "You are a payment routing analyst. From the route performance rows, recommend the primary, "
            "backup and tertiary payment solution per card network, with expected approval rate and latency."
        ),
        tools=(
            Tool(
                "route_performance",
                "SELECT payment_solution, card_network, COUNT(*) AS transactions, "
                "ROUND(AVG(CASE WHEN is_approved THEN 100.0 ELSE 0.0 END), 2) AS approval_rate_pct, "
                "ROUND(AVG(processing_time_ms), 1) AS avg_latency_ms "
                "FROM payments_enriched_silver WHERE event_date >= date_sub(current_date(), :lookback_days) "
                "GROUP BY payment_solution, card_network ORDER BY transactions DESC LIMIT 50",
                {"lookback_days": ("INT", "7")},
            ),
            Tool("solution_performance", "SELECT * FROM v_solution_performance ORDER BY transaction_count DESC LIMIT 20"),
            rules_tool("routing_rules", "routing"),
        ),
        keywords=("routing", "route", "cascade", "processor", "network"),
        test_query="Analyze routing performance and recommend cascade configurations",
    ),
    Specialist(
        role="smart_retry",
        system_prompt=(
            "You are a payment retry strategist. Separate retryable from terminal declines, and recommend "
            "retry timing and the expected recovery for each decline reason."
        ),
        tools=(
            Tool("retry_performance", "SELECT * FROM v_retry_performance ORDER BY retry_attempts DESC LIMIT 50"),
            Tool(
                "recovery_opportunities",
                "SELECT * FROM v_decline_recovery_opportunities WHERE potential_recovery_value >= :min_value "
                "ORDER BY potential_recovery_value DESC LIMIT 30",
                {"min_value": ("DOUBLE", "100")},
            ),
            rules_tool("retry_rules", "retry"),
        ),
        keywords=("retry", "retries", "recover", "reprocess", "failed"),
        test_query="Identify retry opportunities and recovery strategies",
    ),
    Specialist(
        role="decline_analyst",
        system_prompt=(
            "You are a decline analyst. Explain the main decline causes by reason, segment and network, and "
            "recommend the actions with the largest recoverable value."
        ),
        tools=(
            Tool("top_decline_reasons", "SELECT * FROM v_top_decline_reasons ORDER BY decline_count DESC LIMIT 10"),
            Tool(
                "declines_by_segment",
                "SELECT merchant_segment, decline_reason, SUM(decline_count) AS declines, "
                "SUM(potential_recovery_value) AS recoverable_value FROM v_decline_recovery_opportunities "
                "GROUP BY merchant_segment, decline_reason ORDER BY declines DESC LIMIT 20",
            ),
        ),
        keywords=("decline", "reject", "denied", "fail"),
        test_query="Analyze decline patterns and recovery recommendations",
    ),
    Specialist(
        role="risk_assessor",
        system_prompt=(
            "You are a fraud and AML risk assessor (tiers: low < 0.3, medium 0.3-0.7, high > 0.7). Identify "
            "risky patterns and recommend step-up authentication or blocks."
        ),
        tools=(
            Tool(
                "high_risk_transactions",
                "SELECT transaction_id, merchant_segment, amount, fraud_score, aml_risk_score, device_trust_score, "
                "is_approved FROM payments_enriched_silver WHERE fraud_score >= :threshold "
                "AND event_date >= date_sub(current_date(), 1) ORDER BY fraud_score DESC LIMIT 50",
                {"threshold": ("DOUBLE", "0.7")},
            ),
            Tool(
                "risk_distribution",
                "SELECT risk_tier, COUNT(*) AS transactions, "
                "ROUND(AVG(CASE WHEN is_approved THEN 100.0 ELSE 0.0 END), 2) AS approval_rate_pct "
                "FROM payments_enriched_silver WHERE event_date >= date_sub(current_date(), :lookback_days) "
                "GROUP BY risk_tier",
                {"lookback_days": ("INT", "7")},
            ),
            Tool("active_alerts", "SELECT * FROM v_active_alerts"),
        ),
        keywords=("fraud", "risk", "suspicious", "aml"),
        test_query="Identify high-risk transactions and interventions",
    ),
    Specialist(
        role="performance_recommender",
        system_prompt=(
            "You are a payments performance advisor (targets: approval > 85%, latency < 300 ms). Prioritise "
            "optimisations by expected impact."
        ),
        tools=(
            Tool("kpi_summary", "SELECT * FROM v_executive_kpis"),
            Tool(
                "underperforming_solutions",
                "SELECT * FROM v_solution_performance WHERE approval_rate_pct < :target_pct ORDER BY transaction_count DESC",
                {"target_pct": ("DOUBLE", "90")},
            ),
            Tool(
                "underperforming_countries",
                "SELECT * FROM v_performance_by_geography WHERE approval_rate_pct < :target_pct "
                "AND transaction_count > :min_volume ORDER BY transaction_count DESC LIMIT 20",
                {"target_pct": ("DOUBLE", "85"), "min_volume": ("INT", "100")},
            ),
            Tool("daily_trends", "SELECT * FROM v_daily_trends ORDER BY event_date DESC LIMIT 30"),
        ),
        keywords=("performance", "optimiz", "optimis", "improve", "recommend", "kpi", "latency"),
        test_query="Analyze performance and recommend optimizations",
    ),
]
SPECIALIST_BY_ROLE = {s.role: s for s in SPECIALISTS}
ROLES = [s.role for s in SPECIALISTS] + ["orchestrator"]

# COMMAND ----------


def run_specialist(specialist: Specialist, question: str) -> dict[str, object]:
    evidence = {tool.name: run_tool(tool) for tool in specialist.tools}
    row_count = sum(len(rows) for rows in evidence.values())
    prompt = f"Question: {question}\n\nData (JSON, one key per query):\n{json.dumps(evidence, default=str)[:60000]}"
    answer = ask_llm(specialist.system_prompt, prompt)
    return {"role": specialist.role, "rows": row_count, "answer": answer}


def specialists_for(question: str) -> list[Specialist]:
    text = question.lower()
    chosen = [s for s in SPECIALISTS if any(keyword in text for keyword in s.keywords)]
    return chosen or SPECIALISTS


def run_orchestrator(question: str) -> dict[str, object]:
    results = [run_specialist(s, question) for s in specialists_for(question)]
    briefs = "\n\n".join(f"## {r['role']}\n{r['answer']}" for r in results)
    synthesis = ask_llm(
        "You are the lead payments analyst. Merge the specialists' findings into one prioritised action plan.",
        f"Question: {question}\n\nSpecialist findings:\n{briefs}",
    )
    return {
        "role": "orchestrator",
        "agents_used": [r["role"] for r in results],
        "rows": sum(int(str(r["rows"])) for r in results),
        "answer": synthesis,
    }


def run_role(role: str, question: str) -> dict[str, object]:
    if role == "orchestrator":
        return run_orchestrator(question)
    if role not in SPECIALIST_BY_ROLE:
        raise ValueError(f"widget 'agent_role' = {role!r} is not a role; valid roles: {', '.join(ROLES)}")
    return run_specialist(SPECIALIST_BY_ROLE[role], question)


# COMMAND ----------

if TEST_MODE:
    runs = [run_role(s.role, s.test_query) for s in SPECIALISTS]
    runs.append(run_role("orchestrator", "Run a comprehensive payment analysis: routing, retries, declines, risk and performance"))
    orchestrated = runs[-1].get("agents_used")
    if not isinstance(orchestrated, list) or set(orchestrated) != set(SPECIALIST_BY_ROLE):
        raise RuntimeError(f"test_mode: the orchestrator consulted {orchestrated}, expected every specialist {sorted(SPECIALIST_BY_ROLE)}")
else:
    runs = [run_role(AGENT_ROLE, QUERY)]

for result in runs:
    print(f"===== {result['role']} ({result['rows']} data rows) =====\n{result['answer']}\n")

dbutils.notebook.exit(json.dumps({str(r["role"]): {"rows": r["rows"]} for r in runs}, sort_keys=True))
