import * as databricks from "@pulumi/databricks";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { ENVIRONMENT_CONFIG_SCHEMA, isProductionResource } from "./lib/environment";

// Development mode skips retries and keeps clusters alive for iteration: wrong
// for prod (the original bundle hard-coded development: true and could not
// deploy to prod at all). Jobs have no development flag in the Jobs API or in
// @pulumi/databricks 1.110, so this rule covers pipelines only. Whether a prod
// pipeline runs continuously or triggered is a cost/latency choice owned by the
// program's config, not a guardrail, so `continuous` is not checked.
export const prodPipelineNotDevelopment: ResourceValidationPolicy = {
    name: "prod-pipeline-not-development",
    description: "Lakeflow pipelines in production are not in development mode.",
    enforcementLevel: "mandatory",
    configSchema: ENVIRONMENT_CONFIG_SCHEMA,
    severity: "high",
    remediationSteps: "Set development: false (or leave it unset) on prod pipelines.",
    validateResource: validateResourceOfType(databricks.Pipeline, (pipeline, args, reportViolation) => {
        if (isProductionResource(args) && pipeline.development === true) {
            reportViolation("Prod pipeline has development: true; set it to false.");
        }
    }),
};
