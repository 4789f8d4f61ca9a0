import { Pool, PoolConfig } from "pg";

/** A plain Postgres pool (local runs and tests; the deployed app's pool comes from wiring.ts). */
export function postgresPool(config: PoolConfig): Pool {
    return new Pool(config);
}
