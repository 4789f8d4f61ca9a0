import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { StackNames } from "../naming";
import { keyValueTags, Tags } from "../tags";
import { modelFullName, SERVED_MODELS, ServedModel } from "./models";

export interface EndpointSpecContext {
    readonly endpointName: string;
    readonly catalog: pulumi.Input<string>;
    readonly schema: pulumi.Input<string>;
    readonly entityVersion: pulumi.Input<string>;
    readonly tags: Tags;
    readonly budgetPolicyId?: pulumi.Input<string>;
}

/**
 * One custom-model endpoint: the served entity has a stable name (the model's, without the version), so
 * the traffic route survives a new version; the version itself comes from the training run.
 * No guardrails: AI Gateway guardrails (PII, safety) apply to LLM endpoint types (foundation and external
 * models); a scikit-learn endpoint takes numeric features, so the original's guardrails did nothing.
 */
export function servingEndpointSpec(served: ServedModel, ctx: EndpointSpecContext): databricks.ModelServingArgs {
    return {
        name: ctx.endpointName,
        config: {
            servedEntities: [
                {
                    name: served.model,
                    entityName: pulumi.all([ctx.catalog, ctx.schema]).apply(([catalog, schema]) => modelFullName(catalog, schema, served.model)),
                    entityVersion: ctx.entityVersion,
                    workloadSize: "Small",
                    workloadType: "CPU",
                    scaleToZeroEnabled: true,
                },
            ],
            trafficConfig: { routes: [{ servedEntityName: served.model, trafficPercentage: 100 }] },
        },
        aiGateway: {
            rateLimits: [{ key: "user", calls: served.callsPerUserPerMinute, renewalPeriod: "minute" }],
            usageTrackingConfig: { enabled: true },
            // Inference tables under AI Gateway, not the legacy autoCaptureConfig the original mixed in.
            inferenceTableConfig: { enabled: true, catalogName: ctx.catalog, schemaName: ctx.schema, tableNamePrefix: served.inferenceTablePrefix },
        },
        tags: keyValueTags({ ...ctx.tags, component: "model-serving", model: served.model }),
        ...(ctx.budgetPolicyId !== undefined ? { budgetPolicyId: ctx.budgetPolicyId } : {}),
    };
}

export interface ModelServingArgs {
    readonly names: StackNames;
    readonly catalog: pulumi.Input<string>;
    readonly schema: pulumi.Input<string>;
    /** Full model name -> version, from the TrainingRun. */
    readonly modelVersions: pulumi.Output<Record<string, string>>;
    readonly tags: Tags;
    /** The stack's budget policy, when spend is attributed per stack. */
    readonly budgetPolicyId?: pulumi.Input<string>;
}

export interface ServedModelInfo {
    readonly fullName: pulumi.Output<string>;
    readonly servedVersion: pulumi.Output<string>;
    readonly endpointName: pulumi.Output<string>;
}

/**
 * The four model serving endpoints. Model serving waits up to 45 minutes for a new config and deletes
 * the endpoint when that wait fails (docs/deploy-flow.md, sources 14-15), so the create timeout is raised to that.
 */
export class ModelServingEndpoints extends pulumi.ComponentResource {
    /** Model name -> what it serves and where: the `models` stack output. */
    readonly models: Record<string, ServedModelInfo>;
    /** Endpoint ids by endpoint base name (`approval-propensity`), for permissions. */
    readonly endpointIds: Record<string, pulumi.Output<string>>;
    /** Endpoint names by endpoint base name, for the app's bindings. */
    readonly endpointNames: Record<string, pulumi.Output<string>>;

    constructor(name: string, args: ModelServingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:serving:ModelServingEndpoints", name, {}, opts);
        const models: Record<string, ServedModelInfo> = {};
        const endpointIds: Record<string, pulumi.Output<string>> = {};
        const endpointNames: Record<string, pulumi.Output<string>> = {};
        for (const served of SERVED_MODELS) {
            const fullName = pulumi.all([args.catalog, args.schema]).apply(([catalog, schema]) => modelFullName(catalog, schema, served.model));
            const entityVersion = pulumi.all([args.modelVersions, fullName]).apply(([versions, full]) => {
                const version = versions[full];
                if (version === undefined) throw new Error(`ModelServingEndpoints: the training run reported no version for ${full}; it reported ${Object.keys(versions).join(", ")}`);
                return version;
            });
            const endpoint = new databricks.ModelServing(
                `${name}-${served.endpointBase}`,
                servingEndpointSpec(served, {
                    endpointName: args.names.servingEndpoint(served.endpointBase),
                    catalog: args.catalog,
                    schema: args.schema,
                    entityVersion,
                    tags: args.tags,
                    budgetPolicyId: args.budgetPolicyId,
                }),
                { parent: this, customTimeouts: { create: "45m", update: "45m" } },
            );
            models[served.model] = { fullName, servedVersion: entityVersion, endpointName: endpoint.name };
            endpointIds[served.endpointBase] = endpoint.servingEndpointId;
            endpointNames[served.endpointBase] = endpoint.name;
        }
        this.models = models;
        this.endpointIds = endpointIds;
        this.endpointNames = endpointNames;
        this.registerOutputs({ models });
    }
}
