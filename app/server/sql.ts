/**
 * File-based, parameterised SQL on the bound warehouse. Each query is `config/queries/<name>.sql` with
 * `-- @param <name> <TYPE>` lines; values travel as statement parameters, never spliced into the text,
 * and the gold views are named through IDENTIFIER(:catalog || '.' || :schema || '.<view>').
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { UserFacingError } from "./errors";
import { WorkspaceApi } from "./workspace";

export const QUERY_DIR = path.join(__dirname, "..", "config", "queries");

export interface QueryFile {
    readonly name: string;
    readonly text: string;
    /** Declared parameters and their SQL types, in file order. */
    readonly params: ReadonlyMap<string, string>;
}

export function loadQuery(name: string, dir = QUERY_DIR): QueryFile {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`query name ${JSON.stringify(name)} is not a file name`);
    const text = readFileSync(path.join(dir, `${name}.sql`), "utf8");
    const params = new Map<string, string>();
    for (const match of text.matchAll(/^--\s*@param\s+(\w+)\s+(\w+)\s*$/gm)) params.set(match[1], match[2].toUpperCase());
    const used = new Set([...text.replace(/^--.*$/gm, "").matchAll(/:(\w+)/g)].map((m) => m[1]));
    const undeclared = [...used].filter((p) => !params.has(p));
    const unused = [...params.keys()].filter((p) => !used.has(p));
    if (undeclared.length + unused.length > 0) {
        throw new Error(`${name}.sql: parameters used but not declared: [${undeclared.join(", ")}]; declared but not used: [${unused.join(", ")}]`);
    }
    return { name, text, params };
}

interface StatementResponse {
    statement_id: string;
    status: { state: string; error?: { message?: string; error_code?: string } };
    manifest?: { schema?: { columns?: { name: string; type_name?: string }[] } };
    result?: { data_array?: (string | null)[][] };
}

export type Row = Record<string, string | number | boolean | null>;

export interface SqlRunnerOptions {
    readonly pollMs: number;
    readonly timeoutMs: number;
}

export class SqlRunner {
    constructor(
        private readonly ws: WorkspaceApi,
        private readonly warehouseId: string,
        private readonly options: SqlRunnerOptions = { pollMs: 1_000, timeoutMs: 120_000 },
    ) {}

    /** Rows of query `name` as objects; numbers and booleans typed from the result manifest. */
    async run(name: string, values: Readonly<Record<string, string | number>>, what: string): Promise<Row[]> {
        const query = loadQuery(name);
        const missing = [...query.params.keys()].filter((p) => !(p in values));
        if (missing.length > 0) throw new Error(`${name}.sql needs the parameters ${missing.join(", ")}`);
        const parameters = [...query.params].map(([param, type]) => ({ name: param, value: String(values[param]), type }));
        const started = Date.now();
        let response = await this.ws.post<StatementResponse>(
            "/api/2.0/sql/statements",
            { warehouse_id: this.warehouseId, statement: query.text, parameters, wait_timeout: "30s", on_wait_timeout: "CONTINUE", disposition: "INLINE", format: "JSON_ARRAY" },
            what,
        );
        while (response.status.state === "PENDING" || response.status.state === "RUNNING") {
            if (Date.now() - started > this.options.timeoutMs) {
                throw new UserFacingError(504, `${what} failed: the warehouse did not answer within ${Math.round(this.options.timeoutMs / 1000)} s`);
            }
            await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
            response = await this.ws.get<StatementResponse>(`/api/2.0/sql/statements/${encodeURIComponent(response.statement_id)}`, what);
        }
        if (response.status.state !== "SUCCEEDED") {
            const code = response.status.error?.error_code;
            throw new UserFacingError(
                502,
                `${what} failed: the warehouse reported ${response.status.state}${code ? ` (${code})` : ""}`,
                `${name}.sql: ${response.status.error?.message ?? "no message"}`,
            );
        }
        const columns = response.manifest?.schema?.columns ?? [];
        return (response.result?.data_array ?? []).map((cells) => Object.fromEntries(columns.map((column, i) => [column.name, typed(cells[i], column.type_name)])));
    }
}

function typed(value: string | null | undefined, type: string | undefined): string | number | boolean | null {
    if (value === null || value === undefined) return null;
    const t = (type ?? "STRING").toUpperCase();
    if (["INT", "LONG", "BIGINT", "SHORT", "BYTE", "DOUBLE", "FLOAT", "DECIMAL"].includes(t)) return Number(value);
    if (t === "BOOLEAN") return value === "true";
    return value;
}
