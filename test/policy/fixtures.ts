// Happy-path inputs, one factory per resource type, shaped like the inputs the
// program sends (camelCase names from @pulumi/databricks 1.110). Each test
// applies one mutation to a fresh copy and expects exactly that to be caught.

export const TYPES = {
    warehouse: "databricks:index/sqlEndpoint:SqlEndpoint",
    serving: "databricks:index/modelServing:ModelServing",
    job: "databricks:index/job:Job",
    pipeline: "databricks:index/pipeline:Pipeline",
    postgresProject: "databricks:index/postgresProject:PostgresProject",
    app: "databricks:index/app:App",
    notebook: "databricks:index/notebook:Notebook",
    secret: "databricks:index/secret:Secret",
    provider: "pulumi:providers:databricks",
} as const;

export type Environment = "dev" | "prod";

export const SERVICE_PRINCIPAL_APPLICATION_ID = "8d23ae77-912e-4a19-81e4-b9c3f5cc9349";
export const BUDGET_POLICY_ID = "0f6c7a32-5d1e-4b8a-9c3f-2e7d4a1b6c90";

export function warehouseProps(environment: Environment): Record<string, unknown> {
    return {
        name: `payment-analysis-${environment}-warehouse`,
        clusterSize: "2X-Small",
        autoStopMins: 10,
        enableServerlessCompute: true,
        warehouseType: "PRO",
        tags: {
            customTags: [
                { key: "project", value: "payment-analysis" },
                { key: "environment", value: environment },
                { key: "domain", value: "payment-analytics" },
            ],
        },
    };
}

export function servingProps(environment: Environment): Record<string, unknown> {
    return {
        name: `approval-propensity-${environment}`,
        config: {
            servedEntities: [{
                name: "approval_propensity_model",
                entityName: "main.payments.approval_propensity_model",
                entityVersion: "3",
                workloadSize: "Small",
                workloadType: "CPU",
                scaleToZeroEnabled: true,
                environmentVars: { ENABLE_MLFLOW_TRACING: "true", DATABRICKS_TOKEN: "{{secrets/payment-analysis/serving-token}}" },
            }],
        },
        aiGateway: {
            rateLimits: [{ calls: 100, key: "user", renewalPeriod: "minute" }],
            usageTrackingConfig: { enabled: true },
        },
        tags: [
            { key: "project", value: "payment-analysis" },
            { key: "environment", value: environment },
        ],
        budgetPolicyId: BUDGET_POLICY_ID,
    };
}

export function jobProps(environment: Environment): Record<string, unknown> {
    return {
        name: `[${environment}] Train Payment Approval ML Models`,
        tasks: [{
            taskKey: "train_models",
            notebookTask: {
                notebookPath: "/Workspace/payment-analysis/notebooks/train_models",
                baseParameters: { catalog: "main", schema: "payments" },
            },
            timeoutSeconds: 5400,
            maxRetries: 1,
        }],
        runAs: { servicePrincipalName: SERVICE_PRINCIPAL_APPLICATION_ID },
        tags: { project: "payment-analysis", environment, component: "ml-training" },
        budgetPolicyId: BUDGET_POLICY_ID,
    };
}

export function pipelineProps(environment: Environment): Record<string, unknown> {
    return {
        name: `[${environment}] Payment Analysis ETL`,
        catalog: "main",
        schema: "payments",
        serverless: true,
        photon: true,
        development: environment !== "prod",
        continuous: false,
        runAs: { servicePrincipalName: SERVICE_PRINCIPAL_APPLICATION_ID },
        libraries: [{ notebook: { path: "/Workspace/payment-analysis/notebooks/bronze_ingest" } }],
        tags: { project: "payment-analysis", environment },
        budgetPolicyId: BUDGET_POLICY_ID,
    };
}

