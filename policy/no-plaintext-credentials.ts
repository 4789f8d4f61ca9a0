import { ResourceValidationPolicy } from "@pulumi/policy";
import { scanForPlaintextCredentials } from "./lib/credential-scan";

// Secrets are unwrapped before validateResource runs (the SDK deserialises
// inputs without secret markers), so a policy cannot tell a Pulumi secret from
// a plain string. The rule therefore targets what ends up in the workspace:
// any credential in a job, endpoint or app definition is readable by whoever
// can view it, Pulumi secret or not. Credentials belong in a secret scope and
// are passed as {{secrets/<scope>/<key>}} references.
//
// Exempt: provider resources, whose token/clientSecret inputs are the
// sanctioned credential slots and never reach the workspace; and the Secret
// resource, whose purpose is to store a credential in a secret scope.
const EXEMPT_TYPE_PREFIXES = ["pulumi:providers:"];
const EXEMPT_TYPES = new Set(["databricks:index/secret:Secret"]);

export const noPlaintextCredentials: ResourceValidationPolicy = {
    name: "no-plaintext-credentials",
    description: "No input holds a Databricks personal access token or a plain value under a token/password/secret key.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Store the credential in a Databricks secret scope (databricks.Secret) and pass {{secrets/<scope>/<key>}} instead of the value.",
    validateResource: (args, reportViolation) => {
        if (EXEMPT_TYPES.has(args.type) || EXEMPT_TYPE_PREFIXES.some((prefix) => args.type.startsWith(prefix))) {
            args.notApplicable(`Resource type "${args.type}" is a sanctioned credential holder.`);
        }
        const { findings, unknownCredentialValues } = scanForPlaintextCredentials(args.props);
        for (const finding of findings) {
            reportViolation(`Input ${finding.path} ${finding.reason}.`);
        }
        if (unknownCredentialValues.length > 0) {
            // Rethrowing lets the engine record an advisory "can't be known
            // during preview" note, after the violations already reported.
            throw unknownCredentialValues[0];
        }
    },
};
