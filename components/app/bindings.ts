/**
 * The app's resource bindings. Their keys are a contract with `app/app.yaml`, which reads each bound
 * resource with `valueFrom: <key>`; tests check both sides agree.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as databricks from "@pulumi/databricks";
import { STACK_OBJECT_KEYS } from "./stack-objects";

export interface AppBindingTargets {
    readonly warehouseId: pulumi.Input<string>;
    /** Lakebase Autoscaling resource paths: `projects/<id>/branches/<id>` and that branch's `.../databases/<id>`. */
    readonly lakebase: { readonly branch: pulumi.Input<string>; readonly database: pulumi.Input<string> };
    /** Serving endpoint names by model key (approval_propensity, risk_scoring, smart_routing, smart_retry). */
    readonly servingEndpoints: Readonly<Record<string, pulumi.Input<string>>>;
    /** Ids of the jobs the app starts, by job key. */
    readonly jobs: Readonly<Record<string, pulumi.Input<string>>>;
    /** Full name of the reports volume; the app derives the stack's catalog and schema from its path, and reads nothing in it. */
    readonly reportsVolume: pulumi.Input<string>;
    /** The secret scope holding the stack's pipeline and dashboard ids (stack-objects.ts). */
    readonly stackObjectsScope: pulumi.Input<string>;
    /** The stack's Genie space (the Ask page); absent while the stack has none (no data in silver yet). */
    readonly genieSpace?: { readonly id: pulumi.Input<string>; readonly title: string };
}

export const BINDING_KEYS = {
    warehouse: "sql-warehouse",
    lakebase: "lakebase",
    reportsVolume: "reports-volume",
    genieSpace: "genie-space",
    servingEndpoint: (modelKey: string) => `serving-${modelKey.replace(/_/g, "-")}`,
    job: (jobKey: string) => `job-${jobKey.replace(/_/g, "-")}`,
    stackObjects: (secretKey: string) => `stack-${secretKey}`,
} as const;

type AppResource = databricks.types.input.AppResource;

export function appBindings(targets: AppBindingTargets): AppResource[] {
    const byKey = <T>(record: Readonly<Record<string, T>>) => Object.keys(record).sort().map((key) => [key, record[key]] as const);
    return [
        { name: BINDING_KEYS.warehouse, description: "SQL warehouse for analytics queries", sqlWarehouse: { id: targets.warehouseId, permission: "CAN_USE" } },
        {
            name: BINDING_KEYS.lakebase,
            description: "Lakebase database for rules, experiments, incidents and the synced lakehouse tables",
            postgres: { branch: targets.lakebase.branch, database: targets.lakebase.database, permission: "CAN_CONNECT_AND_CREATE" },
        },
        {
            name: BINDING_KEYS.reportsVolume,
            description: "Reports volume of the stack's schema (its path names the catalog and schema)",
            ucSecurable: { securableType: "VOLUME", securableFullName: targets.reportsVolume, permission: "READ_VOLUME" },
        },
        // CAN_RUN: the Ask page starts conversations in the space; it never edits or manages it.
        ...(targets.genieSpace
            ? [{ name: BINDING_KEYS.genieSpace, description: "Genie space over the gold views, for the Ask page", genieSpace: { name: targets.genieSpace.title, spaceId: targets.genieSpace.id, permission: "CAN_RUN" } }]
            : []),
        ...byKey(targets.servingEndpoints).map(([model, endpoint]) => ({
            name: BINDING_KEYS.servingEndpoint(model),
            description: `Model serving endpoint of ${model}`,
            servingEndpoint: { name: endpoint, permission: "CAN_QUERY" },
        })),
        ...byKey(targets.jobs).map(([job, id]) => ({
            name: BINDING_KEYS.job(job),
            description: `Job ${job}, started from the app`,
            job: { id, permission: "CAN_MANAGE_RUN" },
        })),
        ...Object.values(STACK_OBJECT_KEYS).map((key) => ({
            name: BINDING_KEYS.stackObjects(key),
            description: `Ids of the stack's ${key}, which the app cannot bind directly`,
            secret: { scope: targets.stackObjectsScope, key, permission: "READ" },
        })),
    ];
}
