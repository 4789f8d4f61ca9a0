"""The local Spark run behind `npm run test:spark` (driven by scripts/test-spark.ts, which renders the manifest).

In one SparkSession, in order: the simulator notebook writes the landing table; the ETL pipeline notebooks
(bronze_ingest + silver_transform) run through the local Lakeflow runner; every SQL file runs statement by
statement, all files twice (a deployment re-runs them); every dashboard dataset query runs; train_models
trains and registers the four models with real scikit-learn and MLflow (local sqlite tracking and registry
in place of Unity Catalog). Then every table and view Spark created is compared with the data contract.

Writes a JSON result (counts, the training exit value, failures); exits 1 when anything failed.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from spark_local.alert_probe import alert_value, fires, probe_alerts
from spark_local.dataset_rows import save_rows
from spark_local.monitor_tables import create_monitor_tables

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO_ROOT / "notebooks"

SIMULATOR_WIDGETS = {"events_per_second": "50", "duration_minutes": "1", "max_runtime_minutes": "5"}
ETL_PIPELINE = ["bronze_ingest.py", "silver_transform.py"]
# Reads the landing table's change feed from the latest version on: its first update sees no events, so a
# batch from the simulator's own first_attempts() is appended and a second update must stream exactly it.
REALTIME_PIPELINE = ["realtime_pipeline.py"]
REALTIME_EVENTS = 500
# Run once (availableNow, as its job runs it) over everything the landing table holds by then.
CONTINUOUS_PROCESSOR = "continuous_processor.py"
# The agent notebook's prompt: the tools' rows follow this line, as JSON keyed by tool name.
AGENT_DATA_MARKER = "Data (JSON, one key per query):\n"
# The agent notebook in test mode (every role once) against the local stand-in of the SQL warehouse and the LLM.
AGENT_WIDGETS = {"warehouse_id": "local-spark", "llm_endpoint": "fake-llm", "test_mode": "true"}
# The Genie sync against the same stand-in; the space may cover only what these SQL files and notebooks produce.
GENIE_WIDGETS = {"warehouse_id": "local-spark", "space_title": "Payment Analytics (local)"}
GENIE_PRODUCERS = {"sql/gold_views.sql", "notebooks/silver_transform.py"}


@dataclass
class Outcome:
    failures: list[str] = field(default_factory=list)
    steps: dict[str, Any] = field(default_factory=dict)

    def fail(self, where: str, error: BaseException | str) -> None:
        message = error if isinstance(error, str) else describe(error)
        self.failures.append(f"{where}: {message}")
        print(f"FAILED {where}: {message}", flush=True)


def describe(error: BaseException) -> str:
    """Spark's own error text (first lines) or the exception, without the JVM stack."""
    text = str(error).strip()
    lines = [line for line in text.splitlines() if not line.strip().startswith("at ") and "JVM stacktrace" not in line]
    short = "\n".join(lines[:12])
    return f"{type(error).__name__}: {short}"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def local_statement(text: str) -> str:
    """Databricks SQL -> OSS Spark SQL, for the one statement OSS Spark lacks: `USE CATALOG c` is `USE c` (a single
    name that is a registered catalog switches the catalog). Everything else runs as written."""
    match = re.fullmatch(r"\s*USE\s+CATALOG\s+(`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)\s*", text, flags=re.IGNORECASE)
    return f"USE {match.group(1)}" if match else text


def check_notebook_packages(manifest: dict[str, Any], outcome: Outcome) -> None:
    from spark_local.notebook import check_installed

    for notebook, packages in manifest["notebookPackages"].items():
        for problem in check_installed(list(packages)):
            outcome.fail(f"notebooks/{notebook}.py packages (notebooks/requirements.ts)", problem)


def run_sql_files(spark: Any, manifest: dict[str, Any], outcome: Outcome) -> int:
    """Every file, statement by statement, twice. Returns how many files ran in full both times."""
    failed: set[str] = set()
    for attempt in (1, 2):
        for sql_file in manifest["sqlFiles"]:
            source = sql_file["file"]
            for statement in sql_file["statements"]:
                try:
                    spark.sql(local_statement(statement["text"])).collect()
                except Exception as error:  # noqa: BLE001 - every failure is reported with its location
                    failed.add(source)
                    outcome.fail(f"{source}:{statement['line']} (run {attempt})", error)
        log(f"SQL files, run {attempt}: done")
    return len([f for f in manifest["sqlFiles"] if f["file"] not in failed])


def run_dashboards(spark: Any, manifest: dict[str, Any], row_widgets: set[str], outcome: Outcome) -> dict[str, int]:
    total = ran = with_rows = 0
    for dashboard in manifest["dashboards"]:
        for dataset in dashboard["datasets"]:
            total += 1
            where = f"{dashboard['file']} dataset {dataset['name']} ({dataset['displayName']})"
            try:
                rows = spark.sql(dataset["query"]).collect()
            except Exception as error:  # noqa: BLE001
                outcome.fail(where, error)
                continue
            ran += 1
            save_rows(dashboard["file"], dataset["name"], rows)
            if rows:
                with_rows += 1
            drawing = sorted(set(dataset["widgetTypes"]) & row_widgets)
            if not rows and drawing:
                outcome.fail(where, f"returned no rows, but {', '.join(drawing)} widget(s) draw it")
            elif not rows:
                log(f"  {where}: no rows (drawn by {', '.join(sorted(set(dataset['widgetTypes']))) or 'no widget'})")
    return {"total": total, "ran": ran, "withRows": with_rows}


def check_contract(spark: Any, manifest: dict[str, Any], schema: str, produced_by_run: set[str], outcome: Outcome) -> dict[str, int]:
    contract = {dataset["name"]: dataset for dataset in manifest["contract"]}
    created = [table for table in spark.catalog.listTables(schema) if not table.isTemporary]
    checked = 0
    for table in created:
        expected = contract.get(table.name)
        if expected is None:
            outcome.fail(f"contract: {schema}.{table.name}", "Spark created it, but contract/ has no dataset of that name")
            continue
        fields = spark.table(f"`{schema}`.`{table.name}`").schema.fields
        actual = [(f.name, f.dataType.simpleString()) for f in fields]
        wanted = [(c["name"], c["type"].replace(" ", "")) for c in expected["columns"]]
        if actual != wanted:
            differences = []
            for position in range(max(len(actual), len(wanted))):
                a = actual[position] if position < len(actual) else None
                w = wanted[position] if position < len(wanted) else None
                if a != w:
                    differences.append(f"#{position + 1}: created {a}, contract {w}")
            outcome.fail(f"contract: {schema}.{table.name}", "columns differ: " + "; ".join(differences[:8]))
        if expected["producer"].startswith("sql/") and expected["kind"] == "table":
            # A table a SQL file declares carries its NOT NULLs into Delta, where Spark reports them as written.
            nullability = {f.name: f.nullable for f in fields}
            drifted = [f"{c['name']} is {'nullable' if nullability[c['name']] else 'not null'}, contract {'nullable' if c['nullable'] else 'not null'}"
                       for c in expected["columns"] if c["name"] in nullability and nullability[c["name"]] != c["nullable"]]
            if drifted:
                outcome.fail(f"contract: {schema}.{table.name}", "; ".join(drifted))
        checked += 1
    names = {table.name for table in created}
    for dataset in manifest["contract"]:
        if dataset["producer"] in produced_by_run and dataset["name"] not in names:
            outcome.fail(f"contract: {dataset['name']}", f"{dataset['producer']} ran but did not create it")
    return {"created": len(created), "checked": checked}


def check_event_schema(manifest: dict[str, Any], outcome: Outcome) -> None:
    """The payment event module every job and pipeline imports, loaded with real PySpark, is the contract's landing
    table column for column (name, type, nullability): the one list of columns the notebooks build on."""
    if str(NOTEBOOKS) not in sys.path:
        sys.path.append(str(NOTEBOOKS))
    from payment_events_schema import EVENT_FIELDS

    landing = next(dataset for dataset in manifest["contract"] if dataset["name"] == "payments_stream_input")
    actual = [(f.name, f.dataType.simpleString(), f.nullable) for f in EVENT_FIELDS]
    wanted = [(c["name"], c["type"].replace(" ", ""), c["nullable"]) for c in landing["columns"]]
    if actual != wanted:
        differences = [f"#{i + 1}: module {a}, contract {w}" for i, (a, w) in enumerate(zip(actual, wanted)) if a != w]
        if len(actual) != len(wanted):
            differences.append(f"module has {len(actual)} columns, contract {len(wanted)}")
        outcome.fail("notebooks/payment_events_schema.py", "differs from contract/landing.ts: " + "; ".join(differences[:8]))


def in_range(outcome: Outcome, figure: str, value: float | None, expected: tuple[float, float]) -> None:
    low, high = expected
    if value is None or not low <= value <= high:
        outcome.fail(f"data story: {figure}", f"is {value}, the simulator promises {low}..{high} (EXPECTED_FIGURES in notebooks/transaction_simulator.py)")


def check_story(spark: Any, manifest: dict[str, Any], expected: dict[str, tuple[float, float]], outcome: Outcome) -> dict[str, Any]:
    """What the simulated data is built to show, measured where the dashboards read it (silver and the gold views):
    the expected rates, charts with more than one point, and alerts that stay quiet on normal traffic."""
    rates = spark.sql(
        """SELECT
            100 * AVG(CAST(is_approved AS INT)) AS approval_rate_pct,
            100 * AVG(CASE WHEN decline_reason = 'FRAUD_SUSPECTED' THEN 1 ELSE 0 END) AS fraud_rate_pct,
            100 * AVG(CAST(is_retry AS INT)) AS retry_share_pct
        FROM payments_enriched_silver"""
    ).first()
    figures: dict[str, Any] = {name: round(float(rates[name]), 2) for name in ("approval_rate_pct", "fraud_rate_pct", "retry_share_pct")}
    for name, value in figures.items():
        in_range(outcome, name, value, expected[name])
    # A retry must follow an earlier decline of the same card at the same merchant (silver's retry context).
    orphans = spark.sql(
        """SELECT COUNT(*) AS n FROM payments_enriched_silver AS r
        WHERE r.is_retry AND NOT EXISTS (
            SELECT 1 FROM payments_enriched_silver AS d
            WHERE d.card_token_id = r.card_token_id AND d.merchant_id = r.merchant_id
              AND NOT d.is_approved AND d.event_time <= r.event_time AND d.transaction_id <> r.transaction_id)"""
    ).first()["n"]
    figures["retries_without_an_earlier_decline"] = orphans
    if orphans:
        outcome.fail("data story: retries", f"{orphans} retries follow no earlier decline of the same card at the same merchant")
    days, day_over_day = spark.sql("SELECT COUNT(DISTINCT event_date), COUNT(dod_volume_change) FROM v_daily_trends").first()
    hours = spark.sql("SELECT COUNT(*) FROM v_approval_trends_hourly").first()[0]
    figures.update({"days": days, "hours": hours})
    if days < 2 or day_over_day < 1:
        outcome.fail("data story: daily charts", f"v_daily_trends has {days} day(s), {day_over_day} day-over-day change(s); the history should give many")
    if hours <= 24:
        outcome.fail("data story: hourly charts", f"v_approval_trends_hourly has {hours} hour(s) over its 7 days; the history should give more than a day's")
    for alert in manifest["alerts"]:
        value = alert_value(spark, alert)
        figures[f"alert {alert['key']}"] = value
        if value is None:
            outcome.fail(f"data story: alert {alert['key']}", "returned no value on the simulated last hour: the alert is never evaluated")
        elif fires(alert, value):
            outcome.fail(f"data story: alert {alert['key']}", f"fires on normal simulated traffic: {alert['column']} = {value}, threshold {alert['threshold']}")
    active = [f"{row['alert_type']} ({row['metric_name']} = {row['current_value']})" for row in spark.sql("SELECT * FROM v_active_alerts").collect()]
    if active:
        outcome.fail("data story: v_active_alerts", f"raises {', '.join(active)} on normal simulated traffic")
    return figures


def run_continuous_processor(spark: Any, manifest: dict[str, Any], landing_table: str, work: Path) -> dict[str, int]:
    """continuous_processor.py once, with the widget values its job fixes (run_once: availableNow), over the landing
    table the simulator and the real-time step wrote. Its checkpoints live in the schema's `checkpoints` volume; the
    one substitution is that volume's path (/Volumes/<catalog>/<schema>/<volume>/...) -> a folder of the run."""
    from pyspark.sql.streaming.readwriter import DataStreamWriter

    from spark_local.notebook import run_notebook

    original = DataStreamWriter.option

    def option(writer: Any, key: str, value: Any) -> Any:
        if key == "checkpointLocation":
            if not str(value).startswith("/Volumes/"):
                raise ValueError(f"continuous_processor checkpoints at {value!r}; on Databricks they belong in a Unity Catalog volume")
            value = str(work / "volumes" / str(value)[len("/Volumes/"):])
        return original(writer, key, value)

    DataStreamWriter.option = option  # type: ignore[method-assign]
    try:
        widgets = {"catalog": manifest["catalog"], "schema": manifest["schema"], **manifest["jobWidgets"]["continuous_processor"]}
        run_notebook(NOTEBOOKS / "continuous_processor.py", spark, widgets)
    finally:
        DataStreamWriter.option = original  # type: ignore[method-assign]
    landing = spark.table(landing_table).count()
    written = spark.table("payments_realtime_silver").count()
    if written != landing:
        raise AssertionError(f"payments_realtime_silver has {written} rows after one availableNow run over the {landing} landing events")
    metrics = spark.sql("SELECT COUNT(*) AS windows, COALESCE(SUM(transaction_count), 0) AS events, COUNT_IF(approved_count > transaction_count) AS impossible FROM payments_realtime_metrics").first()
    if metrics["impossible"]:
        raise AssertionError(f"payments_realtime_metrics has {metrics['impossible']} windows with more approvals than transactions")
    return {"silverRows": written, "metricWindows": metrics["windows"], "metricEvents": metrics["events"]}


@contextmanager
def local_workspace(spark: Any, work: Path) -> Iterator[Any]:
    """spark_local/fake_workspace.py served on 127.0.0.1, with the environment pointing the databricks-sdk
    client at it; yields what it recorded."""
    from spark_local.fake_workspace import fake_workspace

    # Only the stand-in's address and a dummy token: any DATABRICKS_* setting of the caller's shell is set aside.
    saved = {key: value for key, value in os.environ.items() if key.startswith("DATABRICKS_")}
    with fake_workspace(spark) as (url, recorded):
        for key in saved:
            del os.environ[key]
        os.environ.update({"DATABRICKS_HOST": url, "DATABRICKS_TOKEN": "local-stand-in", "DATABRICKS_AUTH_TYPE": "pat", "DATABRICKS_CONFIG_FILE": str(work / "no-databrickscfg")})
        try:
            yield recorded
        finally:
            for key in [key for key in os.environ if key.startswith("DATABRICKS_")]:
                del os.environ[key]
            os.environ.update(saved)


def sync_genie(spark: Any, manifest: dict[str, Any], work: Path, outcome: Outcome) -> dict[str, Any]:
    """sync_genie_space.py twice against the stand-in: the first run creates the space, the second finds it by
    title and updates it in place. Every table the space was given must be a gold view or silver table of
    the stack's own catalog and schema, as contract/ names them."""
    from spark_local.notebook import run_notebook

    widgets = {"catalog": manifest["catalog"], "schema": manifest["schema"], **GENIE_WIDGETS}
    where = "notebooks/sync_genie_space.py"
    with local_workspace(spark, work) as recorded:
        exit_values = [run_notebook(NOTEBOOKS / "sync_genie_space.py", spark, widgets).exit_value for _ in range(2)]
    runs = [json.loads(value or "null") for value in exit_values]
    if [run and run["action"] for run in runs] != ["created", "updated"] or runs[0]["space_id"] != runs[1]["space_id"]:
        outcome.fail(where, f"two syncs answered {runs}; the first must create the space, the second update that same space")
    if len(recorded.genie_spaces) != 1:
        outcome.fail(where, f"the workspace holds {len(recorded.genie_spaces)} spaces after two syncs, not one")
    # The deployment binds the app to the id in the exit value: it must be the space the workspace holds.
    elif any(run and run.get("space_id") not in recorded.genie_spaces for run in runs):
        outcome.fail(where, f"the exit values {exit_values} name a space the workspace does not hold ({sorted(recorded.genie_spaces)})")
    servable = {d["name"] for d in manifest["contract"] if d["producer"] in GENIE_PRODUCERS}
    prefix = f"{manifest['catalog']}.{manifest['schema']}."
    tables: list[str] = []
    for write, body in recorded.genie_writes:
        if body.get("warehouse_id") != GENIE_WIDGETS["warehouse_id"] or body.get("title") != GENIE_WIDGETS["space_title"]:
            outcome.fail(f"{where} {write}", f"sent warehouse {body.get('warehouse_id')!r}, title {body.get('title')!r}; the job passes {GENIE_WIDGETS}")
        tables = [table["identifier"] for table in json.loads(body["serialized_space"])["data_sources"]["tables"]]
        foreign = [t for t in tables if not t.startswith(prefix) or t[len(prefix):] not in servable]
        if foreign or not tables:
            outcome.fail(f"{where} {write}", f"the space's tables {foreign or tables} are not gold views or silver of {prefix[:-1]} ({', '.join(sorted(GENIE_PRODUCERS))})")
    # The exit values as the runner prints them, for scripts/test-spark.ts to read with the deployment's parser.
    return {"writes": [write.split()[0] for write, _ in recorded.genie_writes], "tables": len(tables), "exitValues": exit_values}


def run_agents(spark: Any, manifest: dict[str, Any], work: Path, outcome: Outcome) -> dict[str, Any]:
    """agent_framework.py with the real databricks-sdk client pointed at spark_local/fake_workspace.py: every
    agent query runs on Spark with its statement parameters, every prompt goes to the fake LLM."""
    from spark_local.notebook import run_notebook

    rules = manifest["rules"]
    widgets = {"catalog": manifest["catalog"], "schema": manifest["schema"], "rules_table": rules["rulesTable"], **AGENT_WIDGETS}
    with local_workspace(spark, work) as recorded:
        result = run_notebook(NOTEBOOKS / "agent_framework.py", spark, widgets)
    check_rules_given_to_agents(recorded.prompts, rules_tools(result.namespace), rules, outcome)
    check_missing_rules_table(spark, widgets, work, outcome)
    if result.exit_value is None:
        outcome.fail("notebooks/agent_framework.py", "finished without dbutils.notebook.exit(...)")
        return {}
    roles = json.loads(result.exit_value)
    for role, figures in sorted(roles.items()):
        if not figures["rows"]:
            outcome.fail(f"notebooks/agent_framework.py role {role}", "its queries returned no rows: the LLM would analyse nothing")
    return {"queries": len(recorded.statements), "prompts": len(recorded.prompts), "rows": {role: figures["rows"] for role, figures in roles.items()}}


def rules_tools(agent_namespace: dict[str, Any]) -> dict[str, str]:
    """Rule type -> name of the notebook's tool that reads the rules table for it, from the notebook's own tools."""
    tools = [tool for specialist in agent_namespace["SPECIALISTS"] for tool in specialist.tools]
    return {tool.parameters["rule_type"][1]: tool.name for tool in tools if "rules_table" in tool.parameters}


def check_rules_given_to_agents(prompts: list[list[dict[str, str]]], tool_of_type: dict[str, str], rules: dict[str, Any], outcome: Outcome) -> None:
    """The rules the app stored reach the agent of their type through its rules tool; disabled ones reach none."""
    where = "notebooks/agent_framework.py rules"
    evidence: list[dict[str, Any]] = []
    for messages in prompts:
        for message in messages:
            content = message.get("content", "")
            if message.get("role") == "user" and AGENT_DATA_MARKER in content:
                evidence.append(json.loads(content.split(AGENT_DATA_MARKER, 1)[1]))
    for rule_type, names in rules["active"].items():
        tool = tool_of_type.get(rule_type)
        if tool is None:
            outcome.fail(where, f"no agent tool reads the {rule_type} rules (rules tools: {tool_of_type})")
            continue
        given = {row["name"] for data in evidence for row in data.get(tool, [])}
        missing = [name for name in names if name not in given]
        if missing:
            outcome.fail(where, f"the active {rule_type} rules {missing} the app stored never reached the agents through {tool} (it returned {sorted(given)})")
    shown = {row["name"] for data in evidence for tool in tool_of_type.values() for row in data.get(tool, [])}
    for name in rules["inactive"]:
        if name in shown:
            outcome.fail(where, f"the disabled rule {name!r} reached an agent")


def check_missing_rules_table(spark: Any, widgets: dict[str, str], work: Path, outcome: Outcome) -> None:
    """Before the app's first start its rules table does not exist: the agent fails and says what creates it."""
    from spark_local.notebook import run_notebook

    where = "notebooks/agent_framework.py without the rules table"
    absent = {**widgets, "rules_table": f"{widgets['rules_table']}_absent", "test_mode": "false", "agent_role": "smart_retry"}
    try:
        with local_workspace(spark, work):
            run_notebook(NOTEBOOKS / "agent_framework.py", spark, absent)
    except Exception as error:  # noqa: BLE001 - the failure is the expected outcome; its message is checked
        if "created by the app when it first starts" not in str(error):
            outcome.fail(where, f"failed without saying what creates the table: {describe(error)}")
        return
    outcome.fail(where, "ran as if the rules table existed")


def routing_margin(training: Any, accuracy: float) -> tuple[float, float]:
    """The routing model's test accuracy over always predicting the most common solution of approved payments."""
    spec = next(spec for spec in training.namespace["MODELS"] if spec.name == "smart_routing_policy")
    _, label = training.namespace["training_set"](spec, training.namespace["silver"])
    majority = float(label.value_counts(normalize=True).max())
    return majority, accuracy - majority


def served_output_problem(predictions: Any, description: str) -> str | None:
    """What is wrong with a served model's output on its input example, given what its description promises.
    A model described as a probability must return probabilities (values in [0, 1], not all 0/1 labels;
    rows of a 2-D output summing to 1), which is what a serving endpoint hands its callers."""
    import numpy as np

    values = np.asarray(predictions)
    if values.size == 0:
        return "returned nothing for its input example"
    if not description.startswith("Probability"):
        return None
    if not np.issubdtype(values.dtype, np.number):
        return f"is described as {description!r} but returns {values.dtype} values such as {values.ravel()[:3].tolist()}"
    floats = values.astype(float)
    if ((floats < 0) | (floats > 1)).any() or np.all(floats == np.round(floats)):
        return f"is described as {description!r} but returns {floats.ravel()[:4].tolist()}, class labels rather than probabilities"
    if floats.ndim == 2 and not np.allclose(floats.sum(axis=1), 1.0):
        return f"returns rows that do not sum to 1: {floats[:2].tolist()}"
    return None


def train(spark: Any, manifest: dict[str, Any], work: Path, expected: dict[str, tuple[float, float]], outcome: Outcome) -> tuple[str | None, int]:
    import mlflow
    from mlflow.artifacts import download_artifacts
    from mlflow.models import Model, get_model_info
    from mlflow.tracking import MlflowClient

    from spark_local.notebook import run_notebook

    store = f"sqlite:///{(work / 'mlflow.db').resolve()}"
    mlflow.set_tracking_uri(store)
    original = mlflow.set_registry_uri

    def set_registry_uri(uri: str) -> None:
        # The one substitution: Unity Catalog's registry -> the local sqlite registry.
        if uri != "databricks-uc":
            raise ValueError(f"train_models set registry URI {uri!r}; the local run only replaces 'databricks-uc'")
        original(store)

    mlflow.set_registry_uri = set_registry_uri  # type: ignore[assignment]
    try:
        # As its job passes them (components/data/job-catalog.ts), the deployment's row threshold among them.
        widgets = {"catalog": manifest["catalog"], "schema": manifest["schema"], **manifest["jobWidgets"]["train_models"]}
        result = run_notebook(NOTEBOOKS / "train_models.py", spark, widgets)
    finally:
        mlflow.set_registry_uri = original  # type: ignore[assignment]
    if result.exit_value is None:
        outcome.fail("notebooks/train_models.py", "finished without dbutils.notebook.exit(...)")
        return None, 0
    versions = json.loads(result.exit_value)
    client = MlflowClient(tracking_uri=store, registry_uri=store)
    trained = 0
    for name in manifest["models"]:
        version = versions.get(name)
        if version is None:
            continue  # reported by the TypeScript side's parseModelVersions with the deployment's own message
        where = f"notebooks/train_models.py model {name} v{version}"
        info = get_model_info(f"models:/{name}/{version}")
        if info.signature is None or info.signature.inputs is None or info.signature.outputs is None:
            outcome.fail(where, "logged without a full signature (inputs and outputs); Unity Catalog refuses it")
            continue
        champion = client.get_model_version_by_alias(name, "champion")
        if str(champion.version) != str(version):
            outcome.fail(where, f"@champion points at version {champion.version}")
            continue
        # Serve it as an endpoint would: the pyfunc flavour, on the logged input example.
        local = download_artifacts(f"models:/{name}/{version}", dst_path=str(work / "served" / f"{name}-{version}"))
        example = Model.load(local).load_input_example(local)
        if example is None:
            outcome.fail(where, "logged without an input example")
            continue
        predictions = mlflow.pyfunc.load_model(local).predict(example)
        if champion.run_id is None:
            outcome.fail(where, "has no training run (run_id): its description cannot be read")
            continue
        run = client.get_run(champion.run_id)
        if name.endswith(".smart_routing_policy"):
            majority, margin = routing_margin(result, float(run.data.metrics["accuracy"]))
            log(f"  smart_routing_policy: accuracy {run.data.metrics['accuracy']:.3f}, majority class {majority:.3f}")
            in_range(outcome, "routing_accuracy_over_majority", round(margin, 3), expected["routing_accuracy_over_majority"])
        problem = served_output_problem(predictions, run.data.tags.get("description", ""))
        if problem is not None:
            outcome.fail(where, f"served (pyfunc) output {problem}")
            continue
        trained += 1
    return result.exit_value, trained


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--manifest", required=True, type=Path)
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--result", required=True, type=Path)
    args = parser.parse_args(argv)
    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    work: Path = args.work
    outcome = Outcome()
    counts: dict[str, Any] = {"sqlFiles": 0, "datasets": {"total": 0, "ran": 0, "withRows": 0}, "models": 0, "exitValue": None}

    def step(name: str, action: Callable[[], Any]) -> Any:
        log(f"{name}: start")
        started = time.monotonic()
        try:
            value = action()
        except Exception as error:  # noqa: BLE001 - reported, then the run stops: later steps need this one
            traceback.print_exc()
            outcome.fail(name, error)
            raise StopRun() from error
        outcome.steps[name] = round(time.monotonic() - started, 1)
        log(f"{name}: done in {outcome.steps[name]} s")
        return value

    try:
        check_notebook_packages(manifest, outcome)
        check_event_schema(manifest, outcome)
        from spark_local.notebook import run_notebook
        from spark_local.pipeline import PipelineRunner
        from spark_local.session import LOCAL_CATALOG, allow_three_part_names_in_delta_builder, start_session, use_schema

        if manifest["catalog"] != LOCAL_CATALOG:
            raise SystemExit(f"the manifest's catalog is {manifest['catalog']!r}; the local run renders {{{{catalog}}}} as {LOCAL_CATALOG!r}")
        schema = manifest["schema"]
        allow_three_part_names_in_delta_builder()
        spark = step("spark session", lambda: start_session(work, manifest["rules"]))
        use_schema(spark, LOCAL_CATALOG, schema)
        widgets = {"catalog": LOCAL_CATALOG, "schema": schema, **SIMULATOR_WIDGETS}
        simulator = step("notebooks/transaction_simulator.py", lambda: run_notebook(NOTEBOOKS / "transaction_simulator.py", spark, widgets))
        live = simulator.namespace
        outcome.steps["simulator events"] = {"history": live["history_events"], "live": live["events"], "liveSeconds": round(live["runtime_seconds"], 1)}

        def pipeline(notebooks: list[str], name: str) -> Callable[[], dict[str, Any]]:
            def run() -> dict[str, Any]:
                runner = PipelineRunner(spark, LOCAL_CATALOG, schema, work / "checkpoints" / name)
                for notebook in notebooks:
                    runner.load(NOTEBOOKS / notebook)
                results = runner.run()
                for dataset, result in results.items():
                    log(f"  {dataset}: {result.kind}, {result.rows_written} rows, violations {result.violations}")
                return {dataset: {"rows": r.rows_written, "violations": r.violations} for dataset, r in results.items()}

            return run

        outcome.steps["ETL datasets"] = step("ETL pipeline (" + " + ".join(ETL_PIPELINE) + ")", pipeline(ETL_PIPELINE, "etl"))

        def realtime() -> dict[str, Any]:
            runner = PipelineRunner(spark, LOCAL_CATALOG, schema, work / "checkpoints" / "realtime")
            for notebook in REALTIME_PIPELINE:
                runner.load(NOTEBOOKS / notebook)
            runner.run()
            generate = simulator.namespace["first_attempts"]
            generate(REALTIME_EVENTS).write.format("delta").mode("append").saveAsTable(simulator.namespace["LANDING_TABLE"])
            results = runner.run()
            for dataset, result in results.items():
                log(f"  {dataset}: {result.kind}, {result.rows_written} rows, violations {result.violations}")
            for dataset in ("payments_stream_bronze", "payments_stream_silver"):
                if results[dataset].rows_written != REALTIME_EVENTS:
                    outcome.fail(f"notebooks/realtime_pipeline.py {dataset}", f"the second update wrote {results[dataset].rows_written} rows, not the {REALTIME_EVENTS} events appended after the first")
            return {dataset: {"rows": r.rows_written, "violations": r.violations} for dataset, r in results.items()}

        outcome.steps["realtime datasets"] = step("real-time pipeline (" + " + ".join(REALTIME_PIPELINE) + ", two updates)", realtime)
        landing_table = simulator.namespace["LANDING_TABLE"]
        outcome.steps["continuous processor"] = step(f"notebooks/{CONTINUOUS_PROCESSOR}", lambda: run_continuous_processor(spark, manifest, landing_table, work))
        spark.sql(f"USE `{LOCAL_CATALOG}`.`{schema}`")
        counts["sqlFiles"] = step("SQL files", lambda: run_sql_files(spark, manifest, outcome))
        outcome.steps["monitor metric tables"] = step("monitor metric tables (fixture)", lambda: create_monitor_tables(spark, manifest, schema))
        spark.sql(f"USE `{LOCAL_CATALOG}`.`{schema}`")
        counts["datasets"] = step("dashboard datasets", lambda: run_dashboards(spark, manifest, set(manifest["rowWidgets"]), outcome))
        expected = simulator.namespace["EXPECTED_FIGURES"]
        counts["story"] = step("data story", lambda: check_story(spark, manifest, expected, outcome))
        counts["alert probe"] = step("alerts on a bad hour", lambda: probe_alerts(spark, manifest, schema, local_statement))
        counts["genie"] = step("notebooks/sync_genie_space.py (twice)", lambda: sync_genie(spark, manifest, work, outcome))
        counts["agents"] = step("notebooks/agent_framework.py", lambda: run_agents(spark, manifest, work, outcome))
        counts["exitValue"], counts["models"] = step("notebooks/train_models.py", lambda: train(spark, manifest, work, expected, outcome))
        produced = {"notebooks/transaction_simulator.py", f"notebooks/{CONTINUOUS_PROCESSOR}", *(f"notebooks/{n}" for n in ETL_PIPELINE + REALTIME_PIPELINE), *(f["file"] for f in manifest["sqlFiles"])}
        counts["contract"] = step("contract check", lambda: check_contract(spark, manifest, schema, produced, outcome))
    except StopRun:
        pass
    result = {**counts, "failures": outcome.failures, "steps": outcome.steps}
    args.result.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 1 if outcome.failures else 0


class StopRun(Exception):
    pass


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
