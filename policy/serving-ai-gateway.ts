import * as databricks from "@pulumi/databricks";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";

// Each endpoint is a public HTTP surface billed per request; rate limits bound
// abuse and cost, usage tracking makes that cost attributable per caller.
export const servingAiGateway: ResourceValidationPolicy = {
    name: "serving-ai-gateway",
    description: "Model serving endpoints have AI Gateway rate limits and usage tracking enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set aiGateway.rateLimits (at least one limit with calls or tokens > 0) and aiGateway.usageTrackingConfig.enabled = true.",
    validateResource: validateResourceOfType(databricks.ModelServing, (endpoint, _args, reportViolation) => {
        const gateway = endpoint.aiGateway;
        if (gateway === undefined || gateway === null) {
            reportViolation("aiGateway is not set: the endpoint needs AI Gateway rate limits and usage tracking.");
            return;
        }
        const rateLimits = gateway.rateLimits ?? [];
        if (rateLimits.length === 0) {
            reportViolation("aiGateway.rateLimits is empty: add at least one rate limit.");
        }
        rateLimits.forEach((limit, index) => {
            const calls = limit.calls ?? 0;
            const tokens = limit.tokens ?? 0;
            if (calls <= 0 && tokens <= 0) {
                reportViolation(`aiGateway.rateLimits[${index}] limits nothing: set calls or tokens to a positive number.`);
            }
        });
        if (gateway.usageTrackingConfig?.enabled !== true) {
            reportViolation("aiGateway.usageTrackingConfig.enabled is not true: enable usage tracking.");
        }
    }),
};
