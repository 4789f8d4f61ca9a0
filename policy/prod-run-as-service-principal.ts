import * as databricks from "@pulumi/databricks";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { ENVIRONMENT_CONFIG_SCHEMA, isProductionResource } from "./lib/environment";

interface RunAs {
    servicePrincipalName?: string;
    userName?: string;
    groupName?: string;
}

// A prod workload running as the deploying human breaks when that person leaves
// or loses access, and gives the workload that person's privileges.
function checkRunAs(runAs: RunAs | undefined | null, kind: string, reportViolation: (message: string) => void): void {
    const principal = runAs?.servicePrincipalName;
    if (typeof principal !== "string" || principal.trim().length === 0) {
        const current = runAs?.userName !== undefined && runAs?.userName !== null
            ? `it runs as user "${runAs.userName}"`
            : "it runs as the deploying identity";
        reportViolation(`Prod ${kind} must set runAs.servicePrincipalName; ${current}.`);
    }
}

export const prodJobRunAsServicePrincipal: ResourceValidationPolicy = {
    name: "prod-job-run-as-service-principal",
    description: "Jobs in production run as a service principal.",
    enforcementLevel: "mandatory",
    configSchema: ENVIRONMENT_CONFIG_SCHEMA,
    severity: "high",
    remediationSteps: "Set runAs.servicePrincipalName to the application id of the prod service principal.",
    validateResource: validateResourceOfType(databricks.Job, (job, args, reportViolation) => {
        if (isProductionResource(args)) {
            checkRunAs(job.runAs, "job", reportViolation);
        }
    }),
};

// @pulumi/databricks 1.110 exposes Pipeline.runAs (PipelineRunAs), so pipelines
// get the same rule as jobs.
export const prodPipelineRunAsServicePrincipal: ResourceValidationPolicy = {
    name: "prod-pipeline-run-as-service-principal",
    description: "Lakeflow pipelines in production run as a service principal.",
    enforcementLevel: "mandatory",
    configSchema: ENVIRONMENT_CONFIG_SCHEMA,
    severity: "high",
    remediationSteps: "Set runAs.servicePrincipalName to the application id of the prod service principal.",
    validateResource: validateResourceOfType(databricks.Pipeline, (pipeline, args, reportViolation) => {
        if (isProductionResource(args)) {
            checkRunAs(pipeline.runAs, "pipeline", reportViolation);
        }
    }),
};
