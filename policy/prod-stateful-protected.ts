import { ResourceValidationPolicy } from "@pulumi/policy";
import { ENVIRONMENT_CONFIG_SCHEMA, isProductionResource } from "./lib/environment";

// Resources whose deletion loses data: the schema and volumes hold tables and files, the Lakebase project,
// its database, the database's owner role and its catalog hold the app's rules, experiments and incidents,
// and deleting a Lakeflow pipeline deletes the tables it publishes. (Synced tables are not listed: their
// Delta sources hold the data, and a deleted synced table is rebuilt from them.)
// In prod each must carry `protect`, so a refactor that renames or drops one fails instead of deleting it.
export const STATEFUL_TYPES = [
    "databricks:index/schema:Schema",
    "databricks:index/volume:Volume",
    "databricks:index/postgresProject:PostgresProject",
    "databricks:index/postgresDatabase:PostgresDatabase",
    "databricks:index/postgresCatalog:PostgresCatalog",
    "databricks:index/pipeline:Pipeline",
] as const;

export const prodStatefulProtected: ResourceValidationPolicy = {
    name: "prod-stateful-protected",
    description: "In production, resources that hold data (schema, volumes, Lakebase, pipelines) are protected from deletion.",
    enforcementLevel: "mandatory",
    configSchema: ENVIRONMENT_CONFIG_SCHEMA,
    severity: "critical",
    remediationSteps: "Create the resource with { protect: true } (payment-analysis:protectData is required in prod).",
    validateResource: (args, reportViolation) => {
        if (!(STATEFUL_TYPES as readonly string[]).includes(args.type) || !isProductionResource(args)) return;
        if (args.opts.protect !== true) {
            reportViolation(`${args.type} "${args.name}" holds data but is not protected; a deletion would lose it.`);
        }
    },
};
