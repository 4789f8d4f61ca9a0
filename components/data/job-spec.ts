/**
 * Pure builders from a job definition (job-catalog.ts) to `databricks.JobArgs`. Tests call them with
 * plain values; the Jobs component calls them with Outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as databricks from "@pulumi/databricks";
import type { StackConfig } from "../config";
import { sortedTags, Tags } from "../tags";
import { ComputeProfile, JobDefinition, JobTrigger, NotebookJobDefinition, ParameterSource, ParameterSources, SqlFilesJobDefinition } from "./job-catalog";

type Input<T> = pulumi.Input<T>;

/** An uploaded notebook or SQL file: where it is and a hash of what was uploaded. */
export interface AssetRef {
    readonly path: Input<string>;
    readonly contentHash: string;
}

/** Where uploaded assets live; WorkspaceAssets satisfies it. */
export interface AssetPaths {
    notebook(name: string): AssetRef;
    sqlFile(name: string): AssetRef;
}

export interface JobSpecContext {
    readonly displayName: (title: string) => string;
    readonly catalog: Input<string>;
    readonly schema: Input<string>;
    readonly warehouseId: Input<string>;
    /** `/Volumes/<catalog>/<schema>/checkpoints`. */
    readonly checkpointsPath: Input<string>;
    readonly sources: ParameterSources;
    readonly assets: AssetPaths;
    readonly compute: StackConfig["jobCompute"];
    readonly schedulesPaused: boolean;
    /** Set in prod: jobs run as this service principal, not as whoever deployed. */
    readonly runAsServicePrincipal?: string;
    readonly tags: Tags;
    /** The stack's budget policy, when spend is attributed per stack. */
    readonly budgetPolicyId?: Input<string>;
    /** What a notebook declares (notebooks/requirements.ts): its widgets and the PyPI packages it needs. */
    readonly notebookRequirements: (notebook: string) => NotebookRequirements;
}

export interface NotebookRequirements {
    readonly parameters: readonly string[];
    readonly packages: readonly string[];
}

export const CLASSIC_CLUSTER_KEY = "main";

export function pauseStatus(paused: boolean): "PAUSED" | "UNPAUSED" {
    return paused ? "PAUSED" : "UNPAUSED";
}

/** Schedule or continuous trigger of a job; manual jobs get neither. */
export function triggerArgs(trigger: JobTrigger, paused: boolean): Pick<databricks.JobArgs, "schedule" | "continuous"> {
    switch (trigger.kind) {
        case "cron":
            return { schedule: { quartzCronExpression: trigger.quartz, timezoneId: "UTC", pauseStatus: pauseStatus(paused) } };
        case "continuous":
            return { continuous: { pauseStatus: pauseStatus(paused) } };
        case "manual":
            return {};
    }
}

/**
 * A classic job cluster with an explicit Unity Catalog access mode (the original left it to workspace
 * defaults) and a node type from config (the original's Standard_DS3_v2 exists only on Azure).
 */
export function classicCluster(profile: ComputeProfile, compute: Extract<StackConfig["jobCompute"], { kind: "classic" }>, tags: Tags): databricks.types.input.JobJobClusterNewCluster {
    const base = {
        nodeTypeId: compute.nodeType,
        dataSecurityMode: compute.dataSecurityMode,
        customTags: sortedTags(profile === "autoscale" ? tags : { ...tags, ResourceClass: "SingleNode" }),
    };
    switch (profile) {
        case "autoscale":
            return { ...base, sparkVersion: compute.sparkVersion, autoscale: { minWorkers: 1, maxWorkers: 2 } };
        case "single-node":
        case "single-node-ml":
            return {
                ...base,
                sparkVersion: profile === "single-node-ml" ? compute.mlSparkVersion : compute.sparkVersion,
                numWorkers: 0,
                sparkConf: { "spark.databricks.cluster.profile": "singleNode", "spark.master": "local[*]" },
                ...(profile === "single-node-ml" ? { sparkEnvVars: { MLFLOW_TRACKING_URI: "databricks" } } : {}),
            };
    }
}

function resolveSources(widgets: Readonly<Record<string, ParameterSource>> | undefined, sources: ParameterSources): Record<string, Input<string>> {
    const resolved: Record<string, Input<string>> = {};
    for (const widget of Object.keys(widgets ?? {}).sort()) {
        const value = sources[widgets![widget]];
        resolved[widget] = typeof value === "number" ? String(value) : value;
    }
    return resolved;
}

/** Widget values of a notebook task: catalog and schema always, then the job's own. Keys sorted. */
export function baseParameters(job: NotebookJobDefinition, ctx: Pick<JobSpecContext, "catalog" | "schema" | "sources">): Record<string, Input<string>> {
    const all: Record<string, Input<string>> = {
        catalog: ctx.catalog,
        schema: ctx.schema,
        ...(job.fixedParameters ?? {}),
        ...resolveSources(job.stackParameters, ctx.sources),
    };
    const overlap = Object.keys(job.jobParameters ?? {}).filter((key) => key in all);
    if (overlap.length > 0) {
        throw new Error(`jobs: ${job.key} sets ${overlap.join(", ")} both as task and as job parameter; a job parameter silently overrides the task's`);
    }
    return Object.fromEntries(Object.keys(all).sort().map((key) => [key, all[key]]));
}

function commonArgs(job: JobDefinition, ctx: JobSpecContext): databricks.JobArgs {
    return {
        name: ctx.displayName(job.title),
        description: job.description,
        tags: sortedTags({ ...ctx.tags, ...job.tags }),
        ...triggerArgs(job.trigger, ctx.schedulesPaused),
        ...(job.maxConcurrentRuns !== undefined ? { maxConcurrentRuns: job.maxConcurrentRuns } : {}),
        ...(ctx.runAsServicePrincipal ? { runAs: { servicePrincipalName: ctx.runAsServicePrincipal } } : {}),
        ...(ctx.budgetPolicyId !== undefined ? { budgetPolicyId: ctx.budgetPolicyId } : {}),
    };
}

/**
 * Every widget the notebook declares must be passed (task or job parameter) and nothing else: a missing
 * one would run with the notebook's default silently, an extra one is a typo.
 */
export function checkParametersMatchWidgets(job: NotebookJobDefinition, passed: readonly string[], widgets: readonly string[]): void {
    const missing = widgets.filter((w) => !passed.includes(w)).sort();
    const unknown = passed.filter((p) => !widgets.includes(p)).sort();
    if (missing.length > 0 || unknown.length > 0) {
        const parts = [
            ...(missing.length > 0 ? [`does not pass widget(s) ${missing.join(", ")}`] : []),
            ...(unknown.length > 0 ? [`passes ${unknown.join(", ")}, which the notebook does not declare`] : []),
        ];
        throw new Error(`jobs: ${job.key} ${parts.join(" and ")}; notebooks/${job.notebook}.py declares ${widgets.join(", ")}`);
    }
}

/**
 * A one-task notebook job. Serverless: the task names no compute. Notebook tasks cannot take a job
 * `environments` entry (the Jobs API applies those to Python script, wheel and dbt tasks only; a
 * serverless notebook gets its packages from its own environment, i.e. `%pip install` cells), so
 * packages reach the task only on classic clusters, as task libraries.
 */
export function notebookJobSpec(job: NotebookJobDefinition, ctx: JobSpecContext): databricks.JobArgs {
    const classic = ctx.compute.kind === "classic" ? ctx.compute : undefined;
    const requirements = ctx.notebookRequirements(job.notebook);
    const parameters = baseParameters(job, ctx);
    checkParametersMatchWidgets(job, [...Object.keys(parameters), ...Object.keys(job.jobParameters ?? {})], requirements.parameters);
    const packages = [...requirements.packages].sort();
    const task: databricks.types.input.JobTask = {
        taskKey: job.taskKey,
        notebookTask: { notebookPath: ctx.assets.notebook(job.notebook).path, source: "WORKSPACE", baseParameters: parameters },
        timeoutSeconds: job.timeoutSeconds,
        maxRetries: job.maxRetries,
        ...(classic ? { jobClusterKey: CLASSIC_CLUSTER_KEY } : {}),
        ...(classic && packages.length > 0 ? { libraries: packages.map((name) => ({ pypi: { package: name } })) } : {}),
    };
    const jobParameters = resolveSources(job.jobParameters, ctx.sources);
    const args: databricks.JobArgs = {
        ...commonArgs(job, ctx),
        tasks: [task],
        ...(classic ? { jobClusters: [{ jobClusterKey: CLASSIC_CLUSTER_KEY, newCluster: classicCluster(job.compute, classic, ctx.tags) }] } : {}),
        ...(Object.keys(jobParameters).length > 0 ? { parameters: Object.entries(jobParameters).map(([name, value]) => ({ name, default: value })) } : {}),
    };
    if (job.usesCheckpointsVolume) {
        // Names the volume in the job (and so orders the job after it): a continuous job starts at creation.
        args.description = pulumi.interpolate`${job.description} Checkpoints under ${ctx.checkpointsPath}.`;
    }
    return args;
}

/**
 * SQL file tasks on the stack's warehouse, each depending on the one before, so files run in order. The
 * list itself is sorted by task key: the provider reads a job's tasks back in that order, and any other
 * order shows as a change after every `up`. Run order comes from `dependsOns`, never from list position.
 */
export function sqlFilesJobSpec(job: SqlFilesJobDefinition, ctx: JobSpecContext): databricks.JobArgs {
    const keys = job.files.map(sqlTaskKey);
    const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
    if (duplicate) throw new Error(`jobs: ${job.key} lists sql/${duplicate}.sql twice`);
    const tasks: databricks.types.input.JobTask[] = keys.map((key, i) => ({
        taskKey: key,
        sqlTask: { warehouseId: ctx.warehouseId, file: { path: ctx.assets.sqlFile(key).path, source: "WORKSPACE" } },
        timeoutSeconds: job.timeoutSecondsPerTask,
        maxRetries: job.maxRetries,
        ...(i > 0 ? { dependsOns: [{ taskKey: keys[i - 1] }] } : {}),
    }));
    return { ...commonArgs(job, ctx), tasks: sortedByTaskKey(tasks) };
}

export function sortedByTaskKey(tasks: readonly databricks.types.input.JobTask[]): databricks.types.input.JobTask[] {
    return [...tasks].sort((a, b) => (a.taskKey < b.taskKey ? -1 : a.taskKey > b.taskKey ? 1 : 0));
}

/** `app_config.sql` -> `app_config`: the task key and the WorkspaceAssets name. */
export function sqlTaskKey(file: string): string {
    if (!/^[a-z0-9_]+\.sql$/.test(file)) throw new Error(`jobs: "${file}" is not a sql/ file name like gold_views.sql`);
    return file.slice(0, -".sql".length);
}

export function jobSpec(job: JobDefinition, ctx: JobSpecContext): databricks.JobArgs {
    return job.kind === "notebook" ? notebookJobSpec(job, ctx) : sqlFilesJobSpec(job, ctx);
}

/**
 * What a run does, as opposed to how the job is named, scheduled or tagged: a run re-executes when this
 * changes, never because a schedule was paused or a tag added.
 */
export function runRelevantSpec(args: databricks.JobArgs): Pick<databricks.JobArgs, "tasks" | "jobClusters" | "parameters" | "runAs"> {
    return { tasks: args.tasks, jobClusters: args.jobClusters, parameters: args.parameters, runAs: args.runAs };
}

/**
 * Minutes the runner waits for a run of this job: every task's timeout times its attempts (tasks run one
 * after the other), plus startup. Above the job's own worst case, so the job's timeout fires first and
 * the reason shows in the run page.
 */
export function runnerTimeoutMinutes(job: JobDefinition): number {
    const STARTUP_MINUTES = 15;
    const taskSeconds =
        job.kind === "notebook" ? job.timeoutSeconds * (job.maxRetries + 1) : job.files.length * job.timeoutSecondsPerTask * (job.maxRetries + 1);
    return Math.ceil(taskSeconds / 60) + STARTUP_MINUTES;
}
