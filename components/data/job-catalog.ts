/**
 * Every job of the solution as data: what it runs, when, for how long, with which retries and tags. The
 * values are the original bundle's (seed inventory 1.5) unless a comment says why they differ. The spec
 * builders in job-spec.ts turn these into provider inputs; nothing here touches Pulumi.
 */
import type * as pulumi from "@pulumi/pulumi";
import { GOLD_VIEWS_SQL, LAKEHOUSE_BOOTSTRAP_SQL, LAKEHOUSE_TABLES_SQL } from "../../contract/sql-files";
import { TRAINING_MIN_ROWS, TRAINING_MIN_ROWS_WIDGET } from "./training-threshold";

/** Compute shape of a notebook job on classic clusters (serverless ignores it). */
export type ComputeProfile = "single-node" | "single-node-ml" | "autoscale";

export type JobTrigger =
    | { readonly kind: "cron"; readonly quartz: string }
    | { readonly kind: "continuous" }
    | { readonly kind: "manual" };

/** Values a job's parameters may draw on, resolved per stack. */
export interface ParameterSources {
    readonly warehouseId: pulumi.Input<string>;
    readonly llmEndpoint: string;
    /** `<lakebase catalog>.<schema>.<table>` of the approval rules the app edits (contract/rules.ts). */
    readonly approvalRulesTable: pulumi.Input<string>;
    readonly genieSpaceTitle: string;
    readonly simulatorEventsPerSecond: number;
    readonly simulatorDurationMinutes: number;
}

export type ParameterSource = keyof ParameterSources;

interface JobBase {
    readonly key: string;
    readonly title: string;
    readonly description: string;
    readonly trigger: JobTrigger;
    readonly maxConcurrentRuns?: number;
    /** Tags besides project and environment (component, agent, type). */
    readonly tags: Readonly<Record<string, string>>;
}

export interface NotebookJobDefinition extends JobBase {
    readonly kind: "notebook";
    readonly taskKey: string;
    /** Notebook file name in notebooks/ without `.py`. */
    readonly notebook: string;
    readonly compute: ComputeProfile;
    /** The notebook keeps streaming checkpoints in the schema's checkpoints volume. */
    readonly usesCheckpointsVolume?: boolean;
    readonly timeoutSeconds: number;
    readonly maxRetries: number;
    /** Widget values fixed for this job (catalog and schema are always passed). */
    readonly fixedParameters?: Readonly<Record<string, string>>;
    /** Widgets filled from per-stack values: widget name -> source. */
    readonly stackParameters?: Readonly<Record<string, ParameterSource>>;
    /**
     * Job-level parameters (widget name -> source): the only ones a run may override, which is how the
     * bootstrap passes the simulator's rate and duration.
     */
    readonly jobParameters?: Readonly<Record<string, ParameterSource>>;
}

/** A job of SQL file tasks on the stack's warehouse, run one after the other in the listed order. */
export interface SqlFilesJobDefinition extends JobBase {
    readonly kind: "sql";
    /** SQL file names in sql/ (with `.sql`), in execution order; each becomes one task. */
    readonly files: readonly string[];
    readonly timeoutSecondsPerTask: number;
    readonly maxRetries: number;
}

export type JobDefinition = NotebookJobDefinition | SqlFilesJobDefinition;

const AGENT_TIMEOUT_SECONDS = 1800;
/** Every run of the agent notebook needs the warehouse, the LLM and the rules table it reads. */
const AGENT_STACK_PARAMETERS: Readonly<Record<string, ParameterSource>> = {
    warehouse_id: "warehouseId",
    llm_endpoint: "llmEndpoint",
    rules_table: "approvalRulesTable",
};

function agentJob(key: string, title: string, role: string, query: string, quartz: string, extra: Partial<NotebookJobDefinition> = {}): NotebookJobDefinition {
    return {
        kind: "notebook",
        key,
        title,
        description: `Runs the ${role} agent of the agent framework on the gold views and silver table.`,
        taskKey: `run_${role}`,
        notebook: "agent_framework",
        compute: "single-node",
        timeoutSeconds: AGENT_TIMEOUT_SECONDS,
        maxRetries: 0,
        trigger: { kind: "cron", quartz },
        tags: { component: "ai-agents", agent: role },
        fixedParameters: { agent_role: role, query, test_mode: "false" },
        stackParameters: AGENT_STACK_PARAMETERS,
        ...extra,
    };
}

/** The simulator's task timeout; its notebook refuses to run longer than MAX_RUNTIME, so runs end by themselves. */
const SIMULATOR_TIMEOUT_SECONDS = 3600;
const SIMULATOR_MAX_RUNTIME_MINUTES = SIMULATOR_TIMEOUT_SECONDS / 60 - 10;
/** Days of history the simulator writes before streaming, on a landing table without one: hourly and daily charts get shape. */
const SIMULATOR_HISTORY_DAYS = 30;

export const JOB_DEFINITIONS: readonly JobDefinition[] = [
    {
        kind: "notebook",
        key: "transaction_simulator",
        title: "Transaction Stream Simulator",
        description: "Appends synthetic payment events to the landing table payments_stream_input.",
        taskKey: "generate_transactions",
        notebook: "transaction_simulator",
        compute: "autoscale",
        timeoutSeconds: SIMULATOR_TIMEOUT_SECONDS,
        maxRetries: 0,
        trigger: { kind: "manual" },
        tags: { component: "simulator", type: "streaming" },
        fixedParameters: { max_runtime_minutes: String(SIMULATOR_MAX_RUNTIME_MINUTES), history_days: String(SIMULATOR_HISTORY_DAYS) },
        jobParameters: { events_per_second: "simulatorEventsPerSecond", duration_minutes: "simulatorDurationMinutes" },
    },
    {
        kind: "notebook",
        key: "continuous_processor",
        title: "Continuous Stream Processor",
        description: "Structured Streaming from the landing change feed into payments_realtime_silver and 1-minute metrics.",
        taskKey: "process_stream",
        notebook: "continuous_processor",
        compute: "autoscale",
        // The original had no timeout; the notebook now stops itself after max_runtime_minutes (55) and the
        // continuous trigger starts the next run, so an hour only catches a hung run.
        timeoutSeconds: 3600,
        maxRetries: 0,
        trigger: { kind: "continuous" },
        maxConcurrentRuns: 1,
        usesCheckpointsVolume: true,
        tags: { component: "streaming", type: "continuous" },
        // Serverless compute accepts only availableNow triggers (a processing-time trigger is refused), so each
        // run processes what has arrived and ends, and the job's continuous trigger starts the next run at once.
        fixedParameters: { run_once: "true", max_runtime_minutes: "55", trigger_interval: "10 seconds" },
    },
    {
        kind: "sql",
        key: "gold_views",
        title: "Create Payment Analysis Gold Views",
        description: "Creates or replaces the gold v_* views over silver on the stack's SQL warehouse.",
        files: [GOLD_VIEWS_SQL],
        timeoutSecondsPerTask: 600,
        maxRetries: 2,
        trigger: { kind: "cron", quartz: "0 30 * * * ?" },
        tags: { component: "gold-views" },
    },
    {
        kind: "sql",
        key: "lakehouse_tables",
        title: "Lakehouse Tables",
        description: "Creates the landing table and the App's lakehouse tables and views (idempotent); run by every deployment before anything uses them.",
        files: LAKEHOUSE_TABLES_SQL,
        timeoutSecondsPerTask: 600,
        maxRetries: 1,
        trigger: { kind: "manual" },
        tags: { component: "lakehouse" },
    },
    {
        kind: "sql",
        key: "lakehouse_bootstrap",
        title: "Lakehouse Bootstrap",
        description: "Fills the App's lakehouse tables from silver and gold.",
        files: LAKEHOUSE_BOOTSTRAP_SQL,
        timeoutSecondsPerTask: 600,
        maxRetries: 1,
        trigger: { kind: "manual" },
        tags: { component: "lakehouse" },
    },
    {
        kind: "notebook",
        key: "train_models",
        title: "Train Payment Approval ML Models",
        description: "Trains the four models on silver, registers them in Unity Catalog and moves the champion alias.",
        taskKey: "train_models",
        notebook: "train_models",
        compute: "single-node-ml",
        timeoutSeconds: 5400,
        maxRetries: 1,
        trigger: { kind: "cron", quartz: "0 0 3 * * ?" },
        tags: { component: "ml-training" },
        // The original's hyper-parameters; 30 days and 500 000 rows bound the pandas frame on one node. The row
        // threshold is the readiness check's own, so the notebook refuses exactly what the deployment would not train on.
        fixedParameters: {
            lookback_days: "30",
            max_rows: "500000",
            n_estimators: "100",
            min_samples_split: "5",
            [TRAINING_MIN_ROWS_WIDGET]: String(TRAINING_MIN_ROWS),
        },
    },
    {
        kind: "notebook",
        key: "test_agent_framework",
        title: "Test AI Agent Framework",
        description: "Exercises every agent role once against the gold views (test_mode).",
        taskKey: "test_agents",
        notebook: "agent_framework",
        compute: "single-node-ml",
        timeoutSeconds: AGENT_TIMEOUT_SECONDS,
        maxRetries: 1,
        trigger: { kind: "cron", quartz: "0 0 4 ? * MON" },
        tags: { component: "ai-agents" },
        fixedParameters: { test_mode: "true", agent_role: "orchestrator", query: "What optimizations do you recommend?" },
        stackParameters: AGENT_STACK_PARAMETERS,
    },
    agentJob("smart_routing_agent", "Smart Routing Agent", "smart_routing", "Analyze routing performance and recommend cascade configurations", "0 0 */6 * * ?"),
    agentJob("smart_retry_agent", "Smart Retry Agent", "smart_retry", "Identify retry opportunities and recovery strategies", "0 0 */4 * * ?"),
    agentJob("decline_analyst_agent", "Decline Analyst Agent", "decline_analyst", "Analyze decline patterns and recovery recommendations", "0 0 8 * * ?"),
    agentJob("risk_assessor_agent", "Risk Assessor Agent", "risk_assessor", "Identify high-risk transactions and interventions", "0 0 */2 * * ?"),
    agentJob("performance_recommender_agent", "Performance Recommender Agent", "performance_recommender", "Analyze performance and recommend optimizations", "0 0 6 * * ?"),
    agentJob(
        "orchestrator_agent",
        "Payment Analysis Orchestrator",
        "orchestrator",
        // "retry" (not the original's "retries" alone) so the orchestrator also reaches the retry agent.
        "Run comprehensive payment analysis (routing, retry, declines, risk, performance)",
        "0 0 7 ? * MON",
        { timeoutSeconds: 3600, maxConcurrentRuns: 1 },
    ),
    {
        kind: "notebook",
        key: "genie_sync",
        title: "Genie Space Sync",
        description: "Creates or updates the stack's Payment Analytics Genie space over the gold views.",
        taskKey: "sync_genie_config",
        notebook: "sync_genie_space",
        compute: "single-node",
        timeoutSeconds: 600,
        maxRetries: 0,
        trigger: { kind: "cron", quartz: "0 0 5 ? * SUN" },
        tags: { component: "genie" },
        stackParameters: { warehouse_id: "warehouseId", space_title: "genieSpaceTitle" },
    },
];

/** The definition with that key; throws listing the keys that exist. */
export function jobDefinition(key: string): JobDefinition {
    const found = JOB_DEFINITIONS.find((job) => job.key === key);
    if (!found) throw new Error(`jobs: no job "${key}"; jobs are ${JOB_DEFINITIONS.map((j) => j.key).join(", ")}`);
    return found;
}
