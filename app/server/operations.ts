/** The ML Models and Setup & Run pages' workspace reads and actions (Ask's are in genie.ts). */
import { AppConfig, JOB_KEYS, JobKey, MODEL_KEYS, MODEL_NAMES } from "./config";
import { notFound, UserFacingError } from "./errors";
import { WorkspaceApi } from "./workspace";

export interface ModelStatus {
    readonly key: string;
    readonly full_name: string;
    readonly endpoint: string;
    readonly endpoint_state: string;
    readonly config_update: string;
    readonly served_version: string | null;
    readonly champion_version: string | null;
    /** Why a part of this row could not be read; the rest of the row stands. */
    readonly problems: string[];
    readonly links: { readonly registry: string; readonly endpoint: string; readonly run: string | null };
}

interface EndpointResponse {
    state?: { ready?: string; config_update?: string };
    config?: { served_entities?: { entity_name?: string; entity_version?: string }[] };
}

export async function modelStatuses(ws: WorkspaceApi, config: AppConfig): Promise<ModelStatus[]> {
    return Promise.all(
        MODEL_KEYS.map(async (key) => {
            const model = MODEL_NAMES[key];
            const fullName = `${config.catalog}.${config.schema}.${model}`;
            const endpoint = config.endpoints[key];
            const problems: string[] = [];
            const [served, champion] = await Promise.all([
                ws.get<EndpointResponse>(`/api/2.0/serving-endpoints/${encodeURIComponent(endpoint)}`, `reading endpoint ${endpoint}`).catch((error: Error) => {
                    problems.push(error.message);
                    return undefined;
                }),
                ws.get<{ version?: number | string; run_id?: string }>(`/api/2.1/unity-catalog/models/${encodeURIComponent(fullName)}/aliases/champion`, `reading the champion of ${fullName}`).catch((error: Error) => {
                    problems.push(error.message);
                    return undefined;
                }),
            ]);
            const entity = served?.config?.served_entities?.find((e) => e.entity_name === fullName);
            return {
                key,
                full_name: fullName,
                endpoint,
                endpoint_state: served?.state?.ready ?? "UNKNOWN",
                config_update: served?.state?.config_update ?? "UNKNOWN",
                served_version: entity?.entity_version ?? null,
                champion_version: champion?.version === undefined ? null : String(champion.version),
                problems,
                links: {
                    registry: `${config.host}/explore/data/models/${[config.catalog, config.schema, model].map(encodeURIComponent).join("/")}`,
                    endpoint: `${config.host}/ml/endpoints/${encodeURIComponent(endpoint)}`,
                    run: champion?.run_id ? `${config.host}/ml/experiments/runs/${encodeURIComponent(champion.run_id)}` : null,
                },
            };
        }),
    );
}

export interface JobStatus {
    readonly key: JobKey;
    readonly job_id: string;
    readonly name: string;
    readonly last_run: { readonly state: string; readonly started_at: string | null; readonly url: string | null } | null;
    readonly link: string;
    readonly problem?: string;
}

interface RunsResponse {
    runs?: { run_id: number; start_time?: number; run_page_url?: string; state?: { life_cycle_state?: string; result_state?: string }; status?: { state?: string; termination_details?: { code?: string } } }[];
}

export async function jobStatuses(ws: WorkspaceApi, config: AppConfig): Promise<JobStatus[]> {
    return Promise.all(
        JOB_KEYS.map(async (key) => {
            const jobId = config.jobs[key];
            const link = `${config.host}/jobs/${jobId}`;
            try {
                const [job, runs] = await Promise.all([
                    ws.get<{ settings?: { name?: string } }>(`/api/2.2/jobs/get?job_id=${jobId}`, `reading job ${key}`),
                    ws.get<RunsResponse>(`/api/2.2/jobs/runs/list?job_id=${jobId}&limit=1`, `reading the runs of job ${key}`),
                ]);
                const run = runs.runs?.[0];
                return {
                    key,
                    job_id: jobId,
                    name: job.settings?.name ?? key,
                    last_run: run
                        ? {
                              state: run.state?.result_state ?? run.state?.life_cycle_state ?? run.status?.state ?? "UNKNOWN",
                              started_at: run.start_time ? new Date(run.start_time).toISOString() : null,
                              url: run.run_page_url ?? `${link}/runs/${run.run_id}`,
                          }
                        : null,
                    link,
                };
            } catch (error) {
                return { key, job_id: jobId, name: key, last_run: null, link, problem: (error as Error).message };
            }
        }),
    );
}

export async function runJob(ws: WorkspaceApi, config: AppConfig, key: string): Promise<{ run_id: number; url: string }> {
    if (!(JOB_KEYS as readonly string[]).includes(key)) throw notFound(`no job "${key}" is bound to the app; jobs: ${JOB_KEYS.join(", ")}`);
    const jobId = config.jobs[key as JobKey];
    const started = await ws.post<{ run_id?: number }>("/api/2.2/jobs/run-now", { job_id: Number(jobId) }, `starting job ${key}`);
    if (typeof started.run_id !== "number") throw new UserFacingError(502, `starting job ${key} failed: the workspace returned no run id`);
    return { run_id: started.run_id, url: `${config.host}/jobs/${jobId}/runs/${started.run_id}` };
}

export interface PipelineStatus {
    readonly key: string;
    readonly pipeline_id: string;
    readonly name: string;
    /** The pipeline's own state (IDLE, RUNNING, FAILED...). */
    readonly state: string;
    readonly last_update: { readonly state: string; readonly started_at: string | null; readonly url: string } | null;
    readonly link: string;
    readonly problem?: string;
}

interface PipelineResponse {
    name?: string;
    state?: string;
    latest_updates?: { update_id?: string; state?: string; creation_time?: string }[];
}

const pipelineLink = (config: AppConfig, id: string) => `${config.host}/pipelines/${encodeURIComponent(id)}`;

/** Every pipeline the program told the app about, in key order; one that cannot be read says why. */
export async function pipelineStatuses(ws: WorkspaceApi, config: AppConfig): Promise<PipelineStatus[]> {
    return Promise.all(
        Object.keys(config.pipelines)
            .sort()
            .map(async (key) => {
                const id = config.pipelines[key];
                const link = pipelineLink(config, id);
                try {
                    const pipeline = await ws.get<PipelineResponse>(`/api/2.0/pipelines/${encodeURIComponent(id)}`, `reading pipeline ${key}`);
                    const update = pipeline.latest_updates?.[0];
                    return {
                        key,
                        pipeline_id: id,
                        name: pipeline.name ?? key,
                        state: pipeline.state ?? "UNKNOWN",
                        last_update: update?.update_id
                            ? { state: update.state ?? "UNKNOWN", started_at: update.creation_time ?? null, url: `${link}/updates/${encodeURIComponent(update.update_id)}` }
                            : null,
                        link,
                    };
                } catch (error) {
                    return { key, pipeline_id: id, name: key, state: "UNKNOWN", last_update: null, link, problem: (error as Error).message };
                }
            }),
    );
}

/** Starts an incremental update (never a full refresh: that would rebuild every table from the landing data). */
export async function startPipeline(ws: WorkspaceApi, config: AppConfig, key: string): Promise<{ update_id: string; url: string }> {
    const id = Object.hasOwn(config.pipelines, key) ? config.pipelines[key] : undefined;
    if (!id) throw notFound(`no pipeline "${key}" in this stack; pipelines: ${Object.keys(config.pipelines).sort().join(", ") || "none"}`);
    const started = await ws.post<{ update_id?: string }>(`/api/2.0/pipelines/${encodeURIComponent(id)}/updates`, { full_refresh: false }, `starting pipeline ${key}`);
    if (!started.update_id) throw new UserFacingError(502, `starting pipeline ${key} failed: the workspace returned no update id`);
    return { update_id: started.update_id, url: `${pipelineLink(config, id)}/updates/${encodeURIComponent(started.update_id)}` };
}

export interface DashboardLink {
    readonly key: string;
    readonly title: string;
    readonly url: string;
}

/** The stack's published dashboards, by title: links for the signed-in user, whose own access applies. */
export function dashboardLinks(config: AppConfig): DashboardLink[] {
    return Object.entries(config.dashboards)
        .map(([key, d]) => ({ key, title: d.title, url: `${config.host}/dashboardsv3/${encodeURIComponent(d.id)}/published` }))
        .sort((a, b) => a.title.localeCompare(b.title));
}
