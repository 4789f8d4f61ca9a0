/**
 * The Unity Catalog privileges the deploying identity needs, in one place: the preflight step checks them
 * (scripts/lib/preflight.ts), the README lists them, and a change to the list re-runs the preflight.
 */
export type Securable = "catalog" | "metastore";

export interface Requirement {
    readonly securable: Securable;
    readonly privilege: string;
    /** What the deployment does with it, for the message and the README. */
    readonly why: string;
}

export const REQUIRED_PRIVILEGES: readonly Requirement[] = [
    { securable: "catalog", privilege: "USE_CATALOG", why: "reach the stack's schema" },
    { securable: "catalog", privilege: "CREATE_SCHEMA", why: "create the stack's schema" },
    { securable: "catalog", privilege: "MANAGE", why: "grant USE_CATALOG to the app, the run-as service principal and the groups" },
    { securable: "metastore", privilege: "CREATE_CATALOG", why: "create the Unity Catalog catalog of the Lakebase database" },
];
