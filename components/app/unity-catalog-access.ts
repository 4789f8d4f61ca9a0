/**
 * Who gets which Unity Catalog privileges, decided in one place so that every securable has exactly one
 * owner of its grants: the schema's single `Grants` resource, one `Grants` per table the app writes, and
 * a non-authoritative `Grant` per principal on the shared catalog (which other teams also grant on).
 */
import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "../config";
import { PrincipalGrant } from "../platform/grants";
import { VIEWER_SCHEMA_PRIVILEGES, WORKLOAD_SCHEMA_PRIVILEGES } from "../platform/placement";

/**
 * Lakehouse tables the app changes: none. The rules operators edit live in Lakebase (the app's database
 * binding), and the catalog and schema come from the reports-volume binding, so no Unity Catalog table
 * needs MODIFY. A table named here gets its own grant (`APP_TABLE_PRIVILEGES`).
 */
export const APP_WRITTEN_TABLES: readonly string[] = [];

/**
 * What the app's pages read in the schema: SELECT for the gold views, silver tables and the Vector Search
 * index (Dashboard, Decisioning), EXECUTE for the registered models' champion aliases (ML Models).
 */
export const APP_SCHEMA_PRIVILEGES = ["EXECUTE", "SELECT", "USE_SCHEMA"];
export const APP_TABLE_PRIVILEGES = ["MODIFY", "SELECT"];

/**
 * Schema grants: run-as service principal, groups, and the app (its application id). The identity that
 * deploys is deliberately absent: it created the schema, so it owns it and holds every privilege already, and
 * naming it here would make a preview by any other identity (CI's read-only principal) propose new grants.
 */
export function schemaGrants(access: StackConfig["access"], app: pulumi.Input<string>): pulumi.Output<PrincipalGrant[]> {
    return pulumi.output(app).apply((appPrincipal) => [
        ...(access.runAsServicePrincipal ? [{ principal: access.runAsServicePrincipal, privileges: WORKLOAD_SCHEMA_PRIVILEGES }] : []),
        ...access.viewerGroups.map((group) => ({ principal: group, privileges: VIEWER_SCHEMA_PRIVILEGES })),
        ...access.managerGroups.map((group) => ({ principal: group, privileges: ["ALL_PRIVILEGES"] })),
        { principal: appPrincipal, privileges: APP_SCHEMA_PRIVILEGES },
    ]);
}

/**
 * Principals that need USE_CATALOG on the shared catalog to reach the schema. The deploying identity
 * already has it (it could not create the schema otherwise), so it is never granted here.
 */
export function catalogUsers(access: StackConfig["access"], app: pulumi.Input<string>): Array<{ key: string; principal: pulumi.Input<string> }> {
    return [
        { key: "app", principal: app },
        ...(access.runAsServicePrincipal ? [{ key: "run-as", principal: access.runAsServicePrincipal }] : []),
        ...[...access.viewerGroups, ...access.managerGroups]
            .filter((group, index, all) => all.indexOf(group) === index)
            .map((group) => ({ key: `group-${group.replace(/[^A-Za-z0-9-]/g, "-")}`, principal: group })),
    ];
}

/**
 * Who may read the stack's Lakebase catalog (read-only by nature): the run-as principal, whose agent jobs read
 * the approval rules there, and the viewer and manager groups. The deploying identity created the catalog and
 * owns it, so it is never named; in a stack without any of these the catalog gets no Grants resource at all.
 */
export const LAKEBASE_CATALOG_PRIVILEGES = ["SELECT", "USE_CATALOG", "USE_SCHEMA"];

export function lakebaseCatalogGrants(access: StackConfig["access"]): PrincipalGrant[] {
    const principals = [...(access.runAsServicePrincipal ? [access.runAsServicePrincipal] : []), ...access.viewerGroups, ...access.managerGroups];
    return principals.filter((principal, index) => principals.indexOf(principal) === index).map((principal) => ({ principal, privileges: LAKEBASE_CATALOG_PRIVILEGES }));
}
