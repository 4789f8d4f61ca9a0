/**
 * Connects the API to what the platform provides: the workspace through the app principal's OAuth (the
 * SDK's unified auth reads DATABRICKS_HOST / DATABRICKS_CLIENT_ID / DATABRICKS_CLIENT_SECRET, which the
 * platform sets), and the rules database through the Lakebase binding's PG* variables.
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { createLakebasePool } from "@databricks/lakebase";
import type { Pool } from "pg";
import { postgresPool } from "./rules/pool";
import { AppConfig, readAppConfig } from "./config";
import { ApiDeps } from "./routes";
import { migrate, RuleStore } from "./rules/store";
import { SqlRunner } from "./sql";
import { WorkspaceApi } from "./workspace";

/**
 * The rules database. A Lakebase Autoscaling binding sets LAKEBASE_ENDPOINT, whose credentials the
 * Lakebase driver mints; a provisioned instance (the `database` binding) accepts the principal's
 * workspace OAuth token as the password. PGPASSWORD means a plain Postgres (local runs and tests).
 */
export function rulesPool(env: NodeJS.ProcessEnv, workspace: WorkspaceClient): Pool {
    if (env["PGPASSWORD"]) return postgresPool({ max: 10 });
    if (!env["PGHOST"] || !env["PGDATABASE"]) {
        throw new Error("PGHOST and PGDATABASE are not set: the app needs its Lakebase database binding (resource \"lakebase\")");
    }
    if (env["LAKEBASE_ENDPOINT"]) return createLakebasePool({ workspaceClient: workspace, logger: { error: true } });
    return createLakebasePool({ password: async () => bearerToken(workspace), logger: { error: true } });
}

async function bearerToken(workspace: WorkspaceClient): Promise<string> {
    const headers = new Headers();
    await workspace.config.authenticate(headers);
    const authorization = headers.get("authorization") ?? "";
    if (!authorization.startsWith("Bearer ")) throw new Error("the app's credentials gave no bearer token for the Lakebase connection");
    return authorization.slice("Bearer ".length);
}

export interface Wired {
    readonly config: AppConfig;
    readonly deps: ApiDeps;
    readonly pool: Pool;
}

export async function wire(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<Wired> {
    const config = readAppConfig(env);
    const workspace = new WorkspaceClient({});
    const ws = new WorkspaceApi({
        host: config.host,
        headers: async () => {
            const headers = new Headers();
            await workspace.config.authenticate(headers);
            return Object.fromEntries(headers.entries());
        },
    });
    const pool = rulesPool(env, workspace);
    pool.on("error", (error) => log(`rules database connection error: ${error.message}`));
    await migrate(pool);
    return { config, pool, deps: { config, ws, sql: new SqlRunner(ws, config.warehouseId), rules: new RuleStore(pool), log } };
}
