/**
 * What each notebook in this folder needs from whoever runs it: a job (serverless job environment +
 * base parameters) or a Lakeflow pipeline (library, configuration via spark.conf). The jobs component
 * builds environments from `packages` and validates its base parameters against `parameters`;
 * checks/notebooks.ts holds this list to the files themselves (names, and widgets declared = parameters).
 */
export type NotebookRuntime = "job" | "pipeline";

export interface NotebookSpec {
    /** File name without `.py`, which is also the workspace notebook name. */
    readonly name: string;
    readonly runtime: NotebookRuntime;
    /** Widgets the notebook declares, i.e. the job base parameters it understands (pipelines take none). */
    readonly parameters: readonly string[];
    /** pip requirement strings, pinned, beyond what the serverless base environment provides. */
    readonly packages: readonly string[];
    /** Unity Catalog model names (without catalog.schema) the notebook registers, in its exit JSON. */
    readonly models?: readonly string[];
}

// Versions verified together: mlflow 2.19 supports scikit-learn 1.5 and runs on Python 3.11 (serverless env 2).
const SCIKIT_LEARN = "scikit-learn==1.5.2";
const MLFLOW = "mlflow==2.19.0";
// Needs statement_execution parameters and serving_endpoints.query with chat messages.
const DATABRICKS_SDK = "databricks-sdk==0.40.0";

export const NOTEBOOKS: readonly NotebookSpec[] = [
    {
        name: "transaction_simulator",
        runtime: "job",
        parameters: ["catalog", "schema", "events_per_second", "duration_minutes", "max_runtime_minutes", "history_days"],
        packages: [],
    },
    { name: "bronze_ingest", runtime: "pipeline", parameters: [], packages: [] },
    { name: "silver_transform", runtime: "pipeline", parameters: [], packages: [] },
    { name: "realtime_pipeline", runtime: "pipeline", parameters: [], packages: [] },
    {
        name: "continuous_processor",
        runtime: "job",
        parameters: ["catalog", "schema", "run_once", "max_runtime_minutes", "trigger_interval"],
        packages: [],
    },
    {
        name: "train_models",
        runtime: "job",
        parameters: ["catalog", "schema", "lookback_days", "max_rows", "n_estimators", "min_samples_split", "min_training_rows"],
        packages: [SCIKIT_LEARN, MLFLOW],
        models: ["approval_propensity_model", "risk_scoring_model", "smart_routing_policy", "smart_retry_policy"],
    },
    {
        name: "agent_framework",
        runtime: "job",
        parameters: ["catalog", "schema", "warehouse_id", "llm_endpoint", "rules_table", "agent_role", "query", "test_mode"],
        packages: [DATABRICKS_SDK],
    },
    {
        name: "sync_genie_space",
        runtime: "job",
        parameters: ["catalog", "schema", "warehouse_id", "space_title"],
        packages: [DATABRICKS_SDK],
    },
];

/** `{ train_models: ["scikit-learn==1.5.2", "mlflow==2.19.0"], ... }` for every notebook. */
export const notebookPackages: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
    NOTEBOOKS.map((notebook) => [notebook.name, notebook.packages]),
);

/** The notebook called `name`; throws naming the valid notebooks. */
export function notebookSpec(name: string): NotebookSpec {
    const found = NOTEBOOKS.find((notebook) => notebook.name === name);
    if (!found) {
        throw new Error(`unknown notebook "${name}": valid notebooks are ${NOTEBOOKS.map((n) => n.name).join(", ")}`);
    }
    return found;
}
