/**
 * The four models: the name the training notebook registers in Unity Catalog, the endpoint that serves
 * it, and the AI Gateway rate limit the original set per user (seed inventory 1.7).
 */
export interface ServedModel {
    /** Registered model name inside the stack's schema; also the stable served-entity name. */
    readonly model: string;
    /** Base of the serving endpoint name; the stack is appended by naming.ts. */
    readonly endpointBase: string;
    readonly callsPerUserPerMinute: number;
    /** Prefix of the AI Gateway inference tables in the stack's schema. */
    readonly inferenceTablePrefix: string;
}

export const SERVED_MODELS: readonly ServedModel[] = [
    { model: "approval_propensity_model", endpointBase: "approval-propensity", callsPerUserPerMinute: 100, inferenceTablePrefix: "approval_propensity_inf" },
    { model: "risk_scoring_model", endpointBase: "risk-scoring", callsPerUserPerMinute: 100, inferenceTablePrefix: "risk_scoring_inf" },
    { model: "smart_routing_policy", endpointBase: "smart-routing", callsPerUserPerMinute: 200, inferenceTablePrefix: "smart_routing_inf" },
    { model: "smart_retry_policy", endpointBase: "smart-retry", callsPerUserPerMinute: 200, inferenceTablePrefix: "smart_retry_inf" },
];

export function modelFullName(catalog: string, schema: string, model: string): string {
    return `${catalog}.${schema}.${model}`;
}
