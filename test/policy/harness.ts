// A stand-in for the policy analyzer (node_modules/@pulumi/policy/server.js):
// it hands a policy the same kind of args the engine does, including inputs
// wrapped in the SDK's unknown-checking proxy, and sorts the outcome the same
// way: reported violations, "not applicable", or "can't run during preview".
import { PRODUCTION_STACK_NAME } from "../../components/config";
import { ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy, unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";

// The engine's placeholders for values unknown during preview. They are
// internal to the SDK (no typings), so they are read from its runtime module.
const sdkProxyInternals = require("@pulumi/policy/proxy") as Record<string, string>;
export const UNKNOWN = {
    string: sdkProxyInternals.unknownStringValue,
    number: sdkProxyInternals.unknownNumberValue,
    boolean: sdkProxyInternals.unknownBooleanValue,
    array: sdkProxyInternals.unknownArrayValue,
    object: sdkProxyInternals.unknownObjectValue,
} as const;
for (const [kind, sentinel] of Object.entries(UNKNOWN)) {
    if (typeof sentinel !== "string") {
        throw new Error(`@pulumi/policy/proxy no longer exports the unknown ${kind} sentinel; update test/policy/harness.ts.`);
    }
}

export interface FakeResource {
    type: string;
    props: Record<string, unknown>;
    stack: string;
    name?: string;
    config?: Record<string, unknown>;
    /** The `protect` resource option, as the engine reports it. */
    protect?: boolean;
}

export interface PolicyOutcome {
    violations: string[];
    notApplicable?: string;
    // Set when the policy hit an unknown value; the engine reports it as an
    // advisory "can't run during preview" note, never as a violation.
    unknownDuringPreview?: string;
}

class NotApplicable extends Error {
    constructor(readonly reason: string) {
        super(reason);
    }
}

/**
 * What `npm run policy-config -- --stack <s>` gives the pack for the committed stack files (prod says
 * environment prod, dev says dev); a test of another pairing passes `config` itself.
 */
export function defaultPolicyConfig(stack: string): Record<string, unknown> {
    return { environment: PRODUCTION_STACK_NAME.test(stack) ? "prod" : "dev" };
}

export function urnFor(stack: string, type: string, name: string): string {
    return `urn:pulumi:${stack}::payment-analysis::${type}::${name}`;
}

function fakeArgs(resource: FakeResource): ResourceValidationArgs {
    const name = resource.name ?? "subject";
    // A JSON round trip mirrors deserialisation: the policy gets its own copy.
    const props = unknownCheckingProxy(JSON.parse(JSON.stringify(resource.props)));
    const isType = (resourceClass: { __pulumiType?: unknown }): boolean => resourceClass.__pulumiType === resource.type;
    return {
        type: resource.type,
        props,
        urn: urnFor(resource.stack, resource.type, name),
        name,
        opts: {
            protect: resource.protect ?? false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        stackTags: new Map(),
        isType: isType as ResourceValidationArgs["isType"],
        asType: ((resourceClass: { __pulumiType?: unknown }) => (isType(resourceClass) ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => (resource.config ?? defaultPolicyConfig(resource.stack)) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason ?? "not applicable");
        },
    };
}

export async function runPolicy(policy: ResourceValidationPolicy, resource: FakeResource): Promise<PolicyOutcome> {
    if (policy.validateResource === undefined) {
        throw new Error(`Policy "${policy.name}" has no validateResource.`);
    }
    const validations: ResourceValidation[] = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    const outcome: PolicyOutcome = { violations: [] };
    for (const validation of validations) {
        // Same fast path as the analyzer: typed validations skip other types.
        const pulumiType = (validation as { __pulumiType?: unknown }).__pulumiType;
        if (typeof pulumiType === "string" && pulumiType !== resource.type) {
            outcome.notApplicable = `Policy only applies to resources of type '${pulumiType}'`;
            continue;
        }
        try {
            await validation(fakeArgs(resource), (message) => outcome.violations.push(message));
        } catch (error) {
            if (error instanceof UnknownValueError) {
                outcome.unknownDuringPreview = (error as Error).message;
            } else if (error instanceof NotApplicable) {
                outcome.notApplicable = error.reason;
            } else {
                throw error;
            }
        }
    }
    return outcome;
}
