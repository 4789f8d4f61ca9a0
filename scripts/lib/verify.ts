/**
 * Post-deploy checks: does the deployed solution answer, not merely exist? Each check yields pass/fail
 * with a reason. Checks run one after another (the first one also wakes the warehouse); once the
 * workspace proves unreachable the rest are reported as not run instead of each retrying for minutes.
 */
import { ApiError, WorkspaceClient } from "@databricks/sdk-experimental";
import { z } from "zod";
import { datasetByName } from "../../contract";
import { parseResponse } from "./responses";
import { BackoffPolicy, pollDelayMs } from "./retry";
import { StackOutputs } from "./stack-outputs";
import { Clock, TransportError } from "./transport";
import { APP_PAGE_CHECKS, checkPage } from "./verify-app";

export interface CheckResult {
    readonly name: string;
    readonly ok: boolean;
    readonly reason: string;
}

export interface VerifySettings {
    /** How long a SQL statement may take, warehouse start-up included. */
    readonly statementTimeoutMs: number;
    readonly poll: BackoffPolicy;
    readonly clock: Clock;
}

export const defaultVerifySettings = (clock: Clock): VerifySettings => ({
    statementTimeoutMs: 10 * 60_000,
    poll: { initialDelayMs: 1_000, maxDelayMs: 10_000, multiplier: 1.5 },
    clock,
});

export const championAlias = "champion";

/** A check failed for a reason that is the finding itself, not an error in the check. */
class CheckFailed extends Error {}

interface Check {
    readonly name: string;
    /** Resolves with the pass reason; throws with the fail reason. */
    readonly run: () => Promise<string>;
}

export async function verifyDeployment(ws: WorkspaceClient, outputs: StackOutputs, settings: VerifySettings): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    let unreachable: string | undefined;
    for (const check of planChecks(ws, outputs, settings)) {
        if (unreachable !== undefined) {
            results.push({ name: check.name, ok: false, reason: `not run: ${unreachable}` });
            continue;
        }
        try {
            results.push({ name: check.name, ok: true, reason: await check.run() });
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            results.push({ name: check.name, ok: false, reason });
            if (error instanceof TransportError) unreachable = "the workspace is unreachable (see the first failure)";
        }
    }
    return results;
}

function planChecks(ws: WorkspaceClient, outputs: StackOutputs, settings: VerifySettings): Check[] {
    // Set by the app check; the page checks call the URL it found.
    let appUrl: string | undefined;
    const authHeaders = async () => {
        const headers = new Headers();
        await ws.config.authenticate(headers);
        return Object.fromEntries(headers.entries());
    };
    const kpiView = `${quote(outputs.catalog)}.${quote(outputs.schema)}.${quote(datasetByName("v_executive_kpis").name)}`;
    return [
        {
            name: `warehouse ${outputs.warehouseId} answers SELECT 1`,
            run: async () => {
                const rows = await executeSql(ws, outputs.warehouseId, "SELECT 1", settings);
                if (rows[0]?.[0] !== "1") throw new CheckFailed(`SELECT 1 returned ${JSON.stringify(rows)}`);
                return "SELECT 1 returned 1";
            },
        },
        {
            name: `${kpiView} returns a row`,
            run: async () => {
                const rows = await executeSql(ws, outputs.warehouseId, `SELECT * FROM ${kpiView} LIMIT 1`, settings);
                if (rows.length === 0) throw new CheckFailed("the view is empty: the gold layer has no data yet");
                return `${rows[0].length} columns in the first row`;
            },
        },
        ...Object.entries(outputs.models).flatMap(([key, model]): Check[] => [
            {
                name: `model ${key} (${model.fullName}) has alias ${championAlias}`,
                run: async () => {
                    const version = parseResponse(
                        z.object({ version: z.number().int() }),
                        await ws.modelVersions.getByAlias({ full_name: model.fullName, alias: championAlias }),
                        `models/${model.fullName}/aliases/${championAlias}`,
                    );
                    return `${championAlias} is version ${version.version}`;
                },
            },
            {
                name: `endpoint ${model.endpointName} is READY and serves ${model.fullName} v${model.servedVersion}`,
                run: async () => checkEndpoint(ws, model.endpointName, model.fullName, model.servedVersion),
            },
        ]),
        ...Object.entries(outputs.dashboards).map(([key, dashboard]): Check => ({
            name: `dashboard ${key} is published`,
            run: async () => checkDashboard(ws, dashboard.id, outputs.warehouseId),
        })),
        {
            name: `app ${outputs.appName} is running`,
            run: async () => {
                const running = await checkApp(ws, outputs.appName);
                appUrl = running.url;
                return running.reason;
            },
        },
        ...APP_PAGE_CHECKS.map((page): Check => ({
            name: `app page ${page.page} answers`,
            run: async () => {
                if (appUrl === undefined) throw new CheckFailed("not run: the app is not running or has no URL (see the app check)");
                return checkPage(appUrl, page, authHeaders);
            },
        })),
    ];
}

const statementResponse = z.object({
    statement_id: z.string(),
    status: z.object({
        state: z.enum(["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "CLOSED"]),
        error: z.object({ message: z.string().optional(), error_code: z.string().optional() }).optional(),
    }),
    result: z.object({ data_array: z.array(z.array(z.string().nullable())).optional() }).optional(),
});

/** Runs a statement on the warehouse and waits (with a deadline) for its rows. */
async function executeSql(ws: WorkspaceClient, warehouseId: string, statement: string, settings: VerifySettings): Promise<(string | null)[][]> {
    const { clock } = settings;
    const startedAt = clock.now();
    let response = parseResponse(
        statementResponse,
        await ws.statementExecution.executeStatement({
            warehouse_id: warehouseId,
            statement,
            wait_timeout: "30s",
            on_wait_timeout: "CONTINUE",
            disposition: "INLINE",
            format: "JSON_ARRAY",
        }),
        "sql/statements",
    );
    for (let poll = 1; response.status.state === "PENDING" || response.status.state === "RUNNING"; poll++) {
        const elapsed = clock.now() - startedAt;
        if (elapsed >= settings.statementTimeoutMs) {
            await ws.statementExecution.cancelExecution({ statement_id: response.statement_id });
            throw new CheckFailed(`still ${response.status.state} after ${Math.round(elapsed / 1000)}s (statement ${response.statement_id} cancelled)`);
        }
        await clock.sleep(Math.min(pollDelayMs(poll, settings.poll), settings.statementTimeoutMs - elapsed));
        response = parseResponse(
            statementResponse,
            await ws.statementExecution.getStatement({ statement_id: response.statement_id }),
            `sql/statements/${response.statement_id}`,
        );
    }
    if (response.status.state !== "SUCCEEDED") {
        const error = response.status.error;
        throw new CheckFailed(`statement ${response.status.state}${error ? `: ${error.error_code ? `${error.error_code} ` : ""}${error.message ?? ""}` : ""}`);
    }
    return response.result?.data_array ?? [];
}

const servingEndpoint = z.object({
    state: z.object({ ready: z.string().optional(), config_update: z.string().optional() }),
    config: z
        .object({
            served_entities: z.array(z.object({ entity_name: z.string().optional(), entity_version: z.string().optional() })).optional(),
        })
        .optional(),
});

async function checkEndpoint(ws: WorkspaceClient, name: string, fullName: string, expectedVersion: string): Promise<string> {
    const endpoint = parseResponse(servingEndpoint, await ws.servingEndpoints.get({ name }), `serving-endpoints/${name}`);
    const problems: string[] = [];
    if (endpoint.state.ready !== "READY") problems.push(`state.ready is ${endpoint.state.ready ?? "missing"}`);
    if (endpoint.state.config_update === "UPDATE_FAILED" || endpoint.state.config_update === "UPDATE_CANCELED") {
        problems.push(`the last config update is ${endpoint.state.config_update}`);
    }
    const entities = endpoint.config?.served_entities ?? [];
    const served = entities.filter((entity) => entity.entity_name === fullName).map((entity) => entity.entity_version ?? "?");
    if (served.length === 0) {
        const actual = entities.map((entity) => `${entity.entity_name ?? "?"} v${entity.entity_version ?? "?"}`).join(", ") || "nothing";
        problems.push(`does not serve ${fullName} (serves ${actual})`);
    } else if (!served.includes(expectedVersion)) {
        problems.push(`serves ${fullName} v${served.join(", v")}, but the training run produced v${expectedVersion}`);
    }
    if (problems.length > 0) throw new CheckFailed(problems.join("; "));
    return `READY, serves ${fullName} v${expectedVersion}`;
}

async function checkDashboard(ws: WorkspaceClient, dashboardId: string, warehouseId: string): Promise<string> {
    let raw: unknown;
    try {
        raw = await ws.lakeview.getPublished({ dashboard_id: dashboardId });
    } catch (error) {
        if (error instanceof ApiError && error.statusCode === 404) {
            throw new CheckFailed(`dashboard ${dashboardId} has no published version (${error.message})`);
        }
        throw error;
    }
    const published = parseResponse(
        z.object({ display_name: z.string().optional(), warehouse_id: z.string().optional() }),
        raw,
        `lakeview/dashboards/${dashboardId}/published`,
    );
    if (published.warehouse_id !== undefined && published.warehouse_id !== warehouseId) {
        throw new CheckFailed(`published against warehouse ${published.warehouse_id}, but the stack's warehouse is ${warehouseId}`);
    }
    return `published${published.display_name ? ` as "${published.display_name}"` : ""}`;
}

const appResponse = z.object({
    compute_status: z.object({ state: z.string().optional(), message: z.string().optional() }).optional(),
    app_status: z.object({ state: z.string().optional(), message: z.string().optional() }).optional(),
    url: z.string().optional(),
});

async function checkApp(ws: WorkspaceClient, name: string): Promise<{ reason: string; url?: string }> {
    const app = parseResponse(appResponse, await ws.apps.get({ name }), `apps/${name}`);
    const compute = app.compute_status?.state ?? "missing";
    const status = app.app_status?.state ?? "missing";
    if (compute !== "ACTIVE" || status !== "RUNNING") {
        const messages = [app.compute_status?.message, app.app_status?.message].filter(Boolean).join("; ");
        throw new CheckFailed(`compute ${compute}, app ${status}${messages ? ` (${messages})` : ""}; expected compute ACTIVE and app RUNNING`);
    }
    return { reason: `compute ACTIVE, app RUNNING${app.url ? ` at ${app.url}` : ""}`, ...(app.url ? { url: app.url } : {}) };
}

/** Backtick-quotes a Unity Catalog identifier, so names with hyphens stay one identifier. */
function quote(identifier: string): string {
    return `\`${identifier.replace(/`/g, "``")}\``;
}

/** The table verify prints: one row per check, failures easy to spot. */
export function formatCheckTable(results: readonly CheckResult[]): string {
    const rows = results.map((r) => [r.ok ? "PASS" : "FAIL", r.name, r.reason.replace(/\s*\n\s*/g, " ")]);
    const header = ["RESULT", "CHECK", "REASON"];
    const widths = [0, 1].map((column) => Math.max(header[column].length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]) => `${cells[0].padEnd(widths[0])}  ${cells[1].padEnd(widths[1])}  ${cells[2]}`.trimEnd();
    const failed = results.filter((r) => !r.ok).length;
    const summary = failed === 0 ? `all ${results.length} checks passed` : `${failed} of ${results.length} checks failed`;
    return [line(header), ...rows.map(line), "", summary, ""].join("\n");
}
