/**
 * The app's settings, all from the environment the platform derives from the app's resource bindings
 * (app.yaml `valueFrom`) and its system variables. Nothing is hard-coded: a missing binding is reported
 * by its variable and binding key, all at once, before the server starts.
 */
import { z } from "zod";

/** The four models, by the key of their serving-endpoint binding; the app.yaml variable of each is `SERVING_<KEY>`. */
export const MODEL_KEYS = ["approval_propensity", "risk_scoring", "smart_routing", "smart_retry"] as const;
export type ModelKey = (typeof MODEL_KEYS)[number];

/** Registered model name of each key, as the training notebook registers it in the stack's schema. */
export const MODEL_NAMES: Readonly<Record<ModelKey, string>> = {
    approval_propensity: "approval_propensity_model",
    risk_scoring: "risk_scoring_model",
    smart_routing: "smart_routing_policy",
    smart_retry: "smart_retry_policy",
};

/** Jobs the app starts, by key; the app.yaml variable of each is `JOB_<KEY>`. */
export const JOB_KEYS = ["transaction_simulator", "gold_views", "lakehouse_bootstrap", "train_models", "test_agent_framework", "orchestrator_agent"] as const;
export type JobKey = (typeof JOB_KEYS)[number];

/** The similar-transactions Vector Search index, in the stack's schema. */
export const SEARCH_INDEX = "similar_transactions_index";

export const envName = {
    warehouse: "DATABRICKS_WAREHOUSE_ID",
    reportsVolume: "REPORTS_VOLUME",
    lakebaseHost: "LAKEBASE_HOST",
    genieSpace: "GENIE_SPACE_ID",
    pipelines: "STACK_PIPELINES",
    dashboards: "STACK_DASHBOARDS",
    serving: (key: ModelKey) => `SERVING_${key.toUpperCase()}`,
    job: (key: JobKey) => `JOB_${key.toUpperCase()}`,
} as const;

export interface AppConfig {
    readonly host: string;
    readonly warehouseId: string;
    readonly catalog: string;
    readonly schema: string;
    readonly endpoints: Readonly<Record<ModelKey, string>>;
    readonly jobs: Readonly<Record<JobKey, string>>;
    /** Every pipeline of the stack (ETL, real-time), key to id, as the program wrote them. */
    readonly pipelines: Readonly<Record<string, string>>;
    /** Every published AI/BI dashboard of the stack, key to id and title. */
    readonly dashboards: Readonly<Record<string, { readonly id: string; readonly title: string }>>;
    /** Absent when the stack has no Genie space bound: the Ask page then says so. */
    readonly genieSpaceId?: string;
}

export class ConfigError extends Error {}

/**
 * Catalog and schema from the bound reports volume. The platform resolves a volume binding to its path
 * (`/Volumes/<catalog>/<schema>/<volume>`); a three-part name is accepted as well.
 */
export function schemaOfVolume(value: string): { catalog: string; schema: string } {
    const parts = value.startsWith("/Volumes/") ? value.slice("/Volumes/".length).replace(/\/+$/, "").split("/") : value.split(".");
    if (parts.length !== 3 || parts.some((part) => part.length === 0)) {
        throw new ConfigError(`${envName.reportsVolume} must be a volume path /Volumes/<catalog>/<schema>/<volume> (or <catalog>.<schema>.<volume>), got ${JSON.stringify(value)}`);
    }
    return { catalog: parts[0], schema: parts[1] };
}

const nonEmpty = z.string().trim().min(1);

/** The JSON the program writes to the stack's secrets (components/app/stack-objects.ts). */
const objectKey = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: "keys are lower-case identifiers" });
const pipelineIds = z.record(objectKey, nonEmpty);
const dashboardIds = z.record(objectKey, z.strictObject({ id: nonEmpty, title: nonEmpty }));

/** Parses one of those secrets, naming the variable and the first bad entry. */
export function parseStackObjects<T>(name: string, text: string, schema: z.ZodType<T>): T {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        throw new ConfigError(`${name} must be a JSON object (the program writes it), got ${JSON.stringify(text.slice(0, 80))}`);
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${name} is not what the program writes: ${issue.path.join(".") || "(top)"} ${issue.message}`);
}

export function readAppConfig(env: NodeJS.ProcessEnv): AppConfig {
    const problems: string[] = [];
    const required = (name: string, binding: string): string => {
        const parsed = nonEmpty.safeParse(env[name]);
        if (parsed.success) return parsed.data;
        problems.push(`${name} is not set (app.yaml binds it to the resource "${binding}")`);
        return "";
    };
    const rawHost = required("DATABRICKS_HOST", "the workspace; the platform sets it");
    const warehouseId = required(envName.warehouse, "sql-warehouse");
    const volume = required(envName.reportsVolume, "reports-volume");
    const endpoints = Object.fromEntries(MODEL_KEYS.map((key) => [key, required(envName.serving(key), `serving-${key.replace(/_/g, "-")}`)])) as Record<ModelKey, string>;
    const jobs = Object.fromEntries(JOB_KEYS.map((key) => [key, required(envName.job(key), `job-${key.replace(/_/g, "-")}`)])) as Record<JobKey, string>;
    const pipelinesText = required(envName.pipelines, "stack-pipelines");
    const dashboardsText = required(envName.dashboards, "stack-dashboards");
    const parsedOr = <T>(name: string, text: string, schema: z.ZodType<T>, empty: T): T => {
        if (!text) return empty;
        try {
            return parseStackObjects(name, text, schema);
        } catch (error) {
            problems.push((error as Error).message);
            return empty;
        }
    };
    const pipelines = parsedOr(envName.pipelines, pipelinesText, pipelineIds, {});
    const dashboards = parsedOr(envName.dashboards, dashboardsText, dashboardIds, {});
    let place = { catalog: "", schema: "" };
    if (volume) {
        try {
            place = schemaOfVolume(volume);
        } catch (error) {
            problems.push((error as Error).message);
        }
    }
    for (const [key, id] of Object.entries(jobs)) {
        if (id && !/^\d+$/.test(id)) problems.push(`${envName.job(key as JobKey)} must be a job id (digits), got ${JSON.stringify(id)}`);
    }
    if (problems.length > 0) throw new ConfigError(`the app cannot start:\n  ${problems.join("\n  ")}`);
    const host = /^https?:\/\//.test(rawHost) ? rawHost.replace(/\/+$/, "") : `https://${rawHost.replace(/\/+$/, "")}`;
    const genieSpaceId = env[envName.genieSpace]?.trim();
    return { host, warehouseId, ...place, endpoints, jobs, pipelines, dashboards, ...(genieSpaceId ? { genieSpaceId } : {}) };
}
