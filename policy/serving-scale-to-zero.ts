import * as databricks from "@pulumi/databricks";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { ENVIRONMENT_CONFIG_SCHEMA, isProductionResource } from "./lib/environment";

interface ServedCompute {
    externalModel?: unknown;
    scaleToZeroEnabled?: boolean;
    minProvisionedConcurrency?: number;
    minProvisionedThroughput?: number;
}

// Outside prod an idle endpoint must cost nothing. External-model entities run
// no Databricks compute, so there is nothing to scale.
function checkServedCompute(served: ServedCompute, label: string, reportViolation: (message: string) => void): void {
    if (served.externalModel !== undefined && served.externalModel !== null) {
        return;
    }
    if (served.scaleToZeroEnabled !== true) {
        reportViolation(`${label}.scaleToZeroEnabled is not true: non-prod endpoints must scale to zero.`);
    }
    if ((served.minProvisionedConcurrency ?? 0) > 0) {
        reportViolation(`${label}.minProvisionedConcurrency is ${served.minProvisionedConcurrency}: non-prod endpoints must be able to scale to zero, so it must be 0 or unset.`);
    }
    if ((served.minProvisionedThroughput ?? 0) > 0) {
        reportViolation(`${label}.minProvisionedThroughput is ${served.minProvisionedThroughput}: non-prod endpoints must be able to scale to zero, so it must be 0 or unset.`);
    }
}

export const servingScaleToZero: ResourceValidationPolicy = {
    name: "serving-scale-to-zero",
    description: "Model serving endpoints outside production scale to zero when idle.",
    enforcementLevel: "mandatory",
    configSchema: ENVIRONMENT_CONFIG_SCHEMA,
    severity: "medium",
    remediationSteps: "In non-prod stacks set scaleToZeroEnabled = true on every served entity and leave minProvisionedConcurrency/minProvisionedThroughput at 0.",
    validateResource: validateResourceOfType(databricks.ModelServing, (endpoint, args, reportViolation) => {
        if (isProductionResource(args)) {
            return;
        }
        const config = endpoint.config;
        if (config === undefined || config === null) {
            return;
        }
        (config.servedEntities ?? []).forEach((entity, index) =>
            checkServedCompute(entity, `config.servedEntities[${index}]`, reportViolation));
        (config.servedModels ?? []).forEach((model, index) =>
            checkServedCompute(model, `config.servedModels[${index}]`, reportViolation));
    }),
};
