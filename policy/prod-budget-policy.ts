import { ResourceValidationPolicy } from "@pulumi/policy";
import { ENVIRONMENT_CONFIG_SCHEMA, isProductionResource } from "./lib/environment";

// Serverless workloads and where each keeps its budget policy (@pulumi/databricks 1.110). Without one,
// prod's serverless spend lands on no budget and cannot be told from other stacks' in the billing records.
export const BUDGET_POLICY_PATHS: Readonly<Record<string, readonly string[]>> = {
    "databricks:index/job:Job": ["budgetPolicyId"],
    "databricks:index/pipeline:Pipeline": ["budgetPolicyId"],
    "databricks:index/modelServing:ModelServing": ["budgetPolicyId"],
    "databricks:index/vectorSearchEndpoint:VectorSearchEndpoint": ["budgetPolicyId"],
    "databricks:index/app:App": ["budgetPolicyId"],
    "databricks:index/postgresProject:PostgresProject": ["spec", "budgetPolicyId"],
};

export const prodBudgetPolicy: ResourceValidationPolicy = {
    name: "prod-budget-policy",
    description: "In production, serverless jobs, pipelines, serving and vector search endpoints, the app and Lakebase carry a budget policy, so spend is attributed to the stack.",
    enforcementLevel: "mandatory",
    configSchema: ENVIRONMENT_CONFIG_SCHEMA,
    severity: "medium",
    remediationSteps: "Set payment-analysis:budgetPolicy to create (with accountId) or to an existing budget policy's id; the program passes it to every serverless resource.",
    validateResource: (args, reportViolation) => {
        const path = BUDGET_POLICY_PATHS[args.type];
        if (path === undefined || !isProductionResource(args)) return;
        let value: unknown = args.props;
        for (const key of path) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[key];
        if (typeof value !== "string" || value.trim() === "") {
            reportViolation(`${args.type} "${args.name}" carries no ${path.join(".")}; its serverless spend would be attributed to no budget.`);
        }
    },
};
