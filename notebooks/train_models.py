# Databricks notebook source
# MAGIC %md
# MAGIC # Train the four payment models
# MAGIC
# MAGIC Trains `approval_propensity_model`, `risk_scoring_model`, `smart_routing_policy` and
# MAGIC `smart_retry_policy` with scikit-learn on `payments_enriched_silver`, logs each with MLflow (signature
# MAGIC and input example), registers it in Unity Catalog as `<catalog>.<schema>.<model>` and points the
# MAGIC `champion` alias at the new version. The three models described as a probability are served with
# MAGIC `predict_proba` (one probability per class); `smart_routing_policy` serves its predicted label.
# MAGIC
# MAGIC The notebook's exit value is `{"<catalog>.<schema>.<model>": "<version>", ...}`: the deployment reads
# MAGIC it to choose the versions the serving endpoints serve. There is no synthetic-data fallback: missing
# MAGIC or too little silver data fails the run with the reason.

# COMMAND ----------

# MAGIC %pip install --quiet mlflow==2.19.0 scikit-learn==1.5.2

# COMMAND ----------

dbutils.library.restartPython()

# COMMAND ----------

import json
import re
from dataclasses import dataclass
from typing import cast

import mlflow
import mlflow.sklearn
import pandas as pd
from mlflow.models import infer_signature
from mlflow.tracking import MlflowClient
from pyspark.sql import functions as F
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

dbutils.widgets.text("catalog", "", "Catalog")
dbutils.widgets.text("schema", "", "Schema")
dbutils.widgets.text("lookback_days", "30", "Training window (days)")
dbutils.widgets.text("max_rows", "500000", "Maximum training rows")
dbutils.widgets.text("n_estimators", "100", "Trees per forest")
dbutils.widgets.text("min_samples_split", "5", "min_samples_split")
# No default: the job passes the deployment's threshold (the one its readiness check used before starting this run).
dbutils.widgets.text("min_training_rows", "", "Minimum training rows")

# COMMAND ----------

IDENTIFIER = re.compile(r"^[A-Za-z0-9_-]+$")


def identifier(value: str, widget_name: str) -> str:
    if not IDENTIFIER.match(value):
        raise ValueError(f"widget '{widget_name}' = {value!r} is not a valid Unity Catalog name (letters, digits, '_' or '-')")
    return value


def positive_int(value: str, widget_name: str) -> int:
    if not value.strip():
        raise ValueError(f"widget '{widget_name}' is not set: pass a positive integer (the training job passes the deployment's value)")
    try:
        parsed = int(value)
    except ValueError:
        raise ValueError(f"widget '{widget_name}' = {value!r} is not an integer") from None
    if parsed <= 0:
        raise ValueError(f"widget '{widget_name}' = {parsed} must be greater than 0")
    return parsed


CATALOG = identifier(dbutils.widgets.get("catalog"), "catalog")
SCHEMA = identifier(dbutils.widgets.get("schema"), "schema")
LOOKBACK_DAYS = positive_int(dbutils.widgets.get("lookback_days"), "lookback_days")
MAX_ROWS = positive_int(dbutils.widgets.get("max_rows"), "max_rows")
N_ESTIMATORS = positive_int(dbutils.widgets.get("n_estimators"), "n_estimators")
MIN_SAMPLES_SPLIT = positive_int(dbutils.widgets.get("min_samples_split"), "min_samples_split")
MIN_TRAINING_ROWS = positive_int(dbutils.widgets.get("min_training_rows"), "min_training_rows")
SILVER_TABLE = f"{CATALOG}.{SCHEMA}.payments_enriched_silver"
CHAMPION_ALIAS = "champion"

# COMMAND ----------


@dataclass(frozen=True)
class ModelSpec:
    name: str
    numeric_features: tuple[str, ...]
    categorical_features: tuple[str, ...]
    # Source columns the label is computed from; none of them may be a feature.
    label_sources: tuple[str, ...]
    max_depth: int
    description: str
    # What the serving endpoint returns: predict_proba for a probability (one column per class), predict for a label.
    predict_fn: str


MODELS = [
    ModelSpec(
        name="approval_propensity_model",
        numeric_features=("amount", "fraud_score", "device_trust_score", "is_cross_border", "retry_count", "uses_3ds"),
        categorical_features=(),
        label_sources=("is_approved",),
        max_depth=10,
        description="Probability that the issuer approves the transaction.",
        predict_fn="predict_proba",
    ),
    ModelSpec(
        name="risk_scoring_model",
        numeric_features=("amount", "fraud_score", "aml_risk_score", "device_trust_score", "is_cross_border", "processing_time_ms"),
        categorical_features=(),
        label_sources=("decline_reason_standard",),
        max_depth=12,
        description="Probability that the transaction is declined as suspected fraud.",
        predict_fn="predict_proba",
    ),
    ModelSpec(
        name="smart_routing_policy",
        numeric_features=("amount", "fraud_score", "device_trust_score", "is_cross_border"),
        categorical_features=("merchant_segment", "card_network"),
        label_sources=("payment_solution", "is_approved"),
        max_depth=10,
        description="Payment solution that approved similar transactions (trained on approved rows).",
        predict_fn="predict",
    ),
    ModelSpec(
        name="smart_retry_policy",
        numeric_features=(
            "amount",
            "fraud_score",
            "device_trust_score",
            "retry_count",
            "is_recurring",
            "attempt_sequence",
            "time_since_last_attempt_seconds",
            "prior_approved_count",
            "merchant_retry_policy_max_attempts",
        ),
        categorical_features=("retry_scenario",),
        label_sources=("is_approved", "is_retry"),
        max_depth=8,
        description="Probability that a retry attempt is approved (trained on retries).",
        predict_fn="predict_proba",
    ),
]

for spec in MODELS:
    if spec.predict_fn not in ("predict", "predict_proba"):
        raise ValueError(f"{spec.name}: predict_fn must be 'predict' or 'predict_proba', got {spec.predict_fn!r}")
    leaked = set(spec.label_sources) & set(spec.numeric_features + spec.categorical_features)
    if leaked:
        raise ValueError(f"{spec.name}: label source column(s) {sorted(leaked)} are also features")

# COMMAND ----------

if not spark.catalog.tableExists(SILVER_TABLE):
    raise RuntimeError(f"{SILVER_TABLE} does not exist: run the ETL pipeline (after the simulator) before training")

needed_columns = sorted(
    {c for spec in MODELS for c in spec.numeric_features + spec.categorical_features + spec.label_sources}
)
silver = (
    spark.table(SILVER_TABLE)
    .where(F.col("event_date") >= F.date_sub(F.current_date(), LOOKBACK_DAYS))
    .select(*needed_columns)
    .limit(MAX_ROWS)
    .toPandas()
)
if len(silver) < MIN_TRAINING_ROWS:
    raise RuntimeError(
        f"{SILVER_TABLE} has {len(silver)} rows in the last {LOOKBACK_DAYS} days, fewer than the "
        f"{MIN_TRAINING_ROWS} needed: run the simulator and the ETL pipeline, or raise lookback_days"
    )
print(f"Training on {len(silver)} rows from {SILVER_TABLE}")

# COMMAND ----------


def training_set(spec: ModelSpec, data: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    if spec.name == "approval_propensity_model":
        rows = data
        label = rows["is_approved"].fillna(False).astype(int)
    elif spec.name == "risk_scoring_model":
        rows = data
        label = (rows["decline_reason_standard"] == "FRAUD_SUSPECTED").astype(int)
    elif spec.name == "smart_routing_policy":
        rows = data[data["is_approved"].fillna(False).astype(bool)]
        label = rows["payment_solution"].astype(str)
    elif spec.name == "smart_retry_policy":
        rows = data[data["is_retry"].fillna(False).astype(bool)]
        label = rows["is_approved"].fillna(False).astype(int)
    else:
        raise ValueError(f"no label rule for model {spec.name}")
    features = rows[list(spec.numeric_features)].astype(float).fillna(0.0)
    for column in spec.categorical_features:
        features[column] = rows[column].fillna("unknown").astype(str)
    if len(features) < MIN_TRAINING_ROWS:
        raise RuntimeError(f"{spec.name}: only {len(features)} training rows (need {MIN_TRAINING_ROWS}); generate more data")
    if label.nunique() < 2:
        raise RuntimeError(f"{spec.name}: the label has a single class in {len(features)} rows; generate more varied data")
    return features, label


def build_pipeline(spec: ModelSpec) -> Pipeline:
    encode = ColumnTransformer(
        [("categorical", OneHotEncoder(handle_unknown="ignore"), list(spec.categorical_features))],
        remainder="passthrough",
    )
    forest = RandomForestClassifier(
        n_estimators=N_ESTIMATORS,
        max_depth=spec.max_depth,
        min_samples_split=MIN_SAMPLES_SPLIT,
        random_state=42,
        n_jobs=-1,
    )
    return Pipeline([("encode", encode), ("forest", forest)])


def evaluate(model: Pipeline, features: pd.DataFrame, label: pd.Series) -> dict[str, float]:
    predicted = model.predict(features)
    metrics = {"accuracy": float(accuracy_score(label, predicted))}
    if label.nunique() == 2:
        # scikit-learn has no type hints: pyright infers zero_division's type from its default ("warn").
        metrics["precision"] = float(precision_score(label, predicted, zero_division=0))  # pyright: ignore[reportArgumentType]
        metrics["recall"] = float(recall_score(label, predicted, zero_division=0))  # pyright: ignore[reportArgumentType]
        metrics["f1_score"] = float(f1_score(label, predicted, zero_division=0))  # pyright: ignore[reportArgumentType]
        metrics["roc_auc"] = float(roc_auc_score(label, model.predict_proba(features)[:, 1]))
    return metrics


# COMMAND ----------

mlflow.set_registry_uri("databricks-uc")
current_user = spark.sql("SELECT current_user() AS user").collect()[0]["user"]
mlflow.set_experiment(f"/Users/{current_user}/payment_analysis_models")
client = MlflowClient()
versions: dict[str, str] = {}

for spec in MODELS:
    full_name = f"{CATALOG}.{SCHEMA}.{spec.name}"
    features, label = training_set(spec, silver)
    stratify = label if label.value_counts().min() >= 2 else None
    # train_test_split returns a list of the splits, each of its input's type.
    split = train_test_split(features, label, test_size=0.2, random_state=42, stratify=stratify)
    x_train, x_test = cast(pd.DataFrame, split[0]), cast(pd.DataFrame, split[1])
    y_train, y_test = cast(pd.Series, split[2]), cast(pd.Series, split[3])
    model = build_pipeline(spec)
    model.fit(x_train, y_train)
    with mlflow.start_run(run_name=spec.name) as run:
        mlflow.log_params(
            {
                "model_type": "RandomForestClassifier",
                "n_estimators": N_ESTIMATORS,
                "max_depth": spec.max_depth,
                "min_samples_split": MIN_SAMPLES_SPLIT,
                "features": ",".join(spec.numeric_features + spec.categorical_features),
                "training_rows": len(x_train),
            }
        )
        mlflow.log_metrics(evaluate(model, x_test, y_test))
        mlflow.set_tag("description", spec.description)
        mlflow.sklearn.log_model(
            sk_model=model,
            artifact_path="model",
            signature=infer_signature(x_train, getattr(model, spec.predict_fn)(x_train)),
            input_example=x_train.head(5),
            registered_model_name=full_name,
            pyfunc_predict_fn=spec.predict_fn,
        )
        run_id = run.info.run_id
    # Filter on the run in Python: Unity Catalog's search filter is only guaranteed to support name.
    registered = [v for v in client.search_model_versions(f"name='{full_name}'") if v.run_id == run_id]
    if len(registered) != 1:
        raise RuntimeError(f"{full_name}: expected one version registered by run {run_id}, found {len(registered)}")
    version = str(registered[0].version)
    client.set_registered_model_alias(full_name, CHAMPION_ALIAS, version)
    versions[full_name] = version
    print(f"{full_name} version {version} is now @{CHAMPION_ALIAS}")

# COMMAND ----------

dbutils.notebook.exit(json.dumps(versions, sort_keys=True))
