/**
 * Is there data to train on? On a stack without the simulated bootstrap (prod), the first `pulumi up` meets
 * an empty schema: the pipelines exist but nothing has flowed through them. Training, the model serving
 * endpoints and the vector index need that data, so the program asks this question before declaring them and
 * defers them (with a stack output saying so) until an `up` finds the answer is yes.
 *
 * The answer comes from the workspace: the silver table exists (Unity Catalog) and holds at least the rows
 * training needs (a COUNT on the stack's warehouse). Every "no" says why; anything that is not an answer
 * (auth, an unreachable host, a failed statement) is an error, never a quiet "not ready".
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { BackoffPolicy, pollDelayMs } from "./retry";
import { Clock } from "./transport";

export interface ReadinessQuestion {
    /** Display name of the stack's SQL warehouse. */
    readonly warehouseName: string;
    /** Three-part name of the table training reads. */
    readonly table: string;
    readonly minRows: number;
}

export interface DataReadiness {
    readonly ready: boolean;
    /** Rows in the table, when it could be counted. */
    readonly rows?: number;
    readonly reason: string;
}

export interface ReadinessSettings {
    readonly clock: Clock;
    readonly poll: BackoffPolicy;
    /** Wall-clock limit for the whole check, a cold warehouse start included. */
    readonly timeoutMs: number;
}

export async function checkDataReadiness(ws: WorkspaceClient, question: ReadinessQuestion, settings: ReadinessSettings): Promise<DataReadiness> {
    const exists = await ws.tables.exists({ full_name: question.table });
    if (!exists.table_exists) {
        return { ready: false, reason: `${question.table} does not exist yet: its pipeline has not published it (it does once events land and the pipeline runs)` };
    }
    const warehouseId = await warehouseIdByName(ws, question.warehouseName);
    if (warehouseId === undefined) return { ready: false, reason: `the SQL warehouse "${question.warehouseName}" does not exist yet` };
    const rows = await countRows(ws, warehouseId, question.table, settings);
    if (rows < question.minRows) {
        return { ready: false, rows, reason: `${question.table} has ${rows} rows; training needs at least ${question.minRows}` };
    }
    return { ready: true, rows, reason: `${question.table} has ${rows} rows (at least ${question.minRows})` };
}

async function warehouseIdByName(ws: WorkspaceClient, name: string): Promise<string | undefined> {
    for await (const warehouse of ws.warehouses.list({})) {
        if (warehouse.name === name) {
            if (!warehouse.id) throw new Error(`the warehouse list returned "${name}" without an id`);
            return warehouse.id;
        }
    }
    return undefined;
}

const TERMINAL_FAILURES = new Set(["FAILED", "CANCELED", "CLOSED"]);

async function countRows(ws: WorkspaceClient, warehouseId: string, table: string, settings: ReadinessSettings): Promise<number> {
    const deadline = settings.clock.now() + settings.timeoutMs;
    const statement = `SELECT COUNT(*) FROM ${quotedName(table)}`;
    let response = await ws.statementExecution.executeStatement({ warehouse_id: warehouseId, statement, wait_timeout: "30s", on_wait_timeout: "CONTINUE" });
    for (let poll = 1; ; poll++) {
        const state = response.status?.state;
        if (state === "SUCCEEDED") return rowCount(response.result?.data_array, table);
        if (state !== undefined && TERMINAL_FAILURES.has(state)) {
            throw new Error(`counting the rows of ${table} on warehouse ${warehouseId} ended ${state}: ${response.status?.error?.message ?? "no error message"}`);
        }
        if (!response.statement_id) throw new Error(`the statement API answered state ${String(state)} without a statement_id`);
        const delay = pollDelayMs(poll, settings.poll);
        if (settings.clock.now() + delay > deadline) {
            await ws.statementExecution.cancelExecution({ statement_id: response.statement_id });
            throw new Error(`counting the rows of ${table} on warehouse ${warehouseId} did not finish within ${Math.round(settings.timeoutMs / 1000)} s (last state ${String(state)}); cancelled it`);
        }
        await settings.clock.sleep(delay);
        response = await ws.statementExecution.getStatement({ statement_id: response.statement_id });
    }
}

function rowCount(data: unknown, table: string): number {
    const cell = Array.isArray(data) && Array.isArray(data[0]) ? data[0][0] : undefined;
    const count = typeof cell === "string" || typeof cell === "number" ? Number(cell) : NaN;
    if (!Number.isInteger(count) || count < 0) throw new Error(`COUNT(*) of ${table} returned ${JSON.stringify(data)}, not a row count`);
    return count;
}

function quotedName(fullName: string): string {
    return fullName
        .split(".")
        .map((part) => `\`${part.replace(/`/g, "``")}\``)
        .join(".");
}
