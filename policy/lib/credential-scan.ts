import { isUnknownValueError } from "./unknowns";

// Databricks personal access tokens are "dapi" followed by 32 lowercase hex
// digits (sometimes with a "-<n>" suffix, which the pattern need not cover).
const DATABRICKS_PAT = /dapi[0-9a-f]{32}/;

// A value that only points at a Databricks secret scope is the sanctioned way
// to hand a credential to a job, pipeline, endpoint or app.
const SECRET_SCOPE_REFERENCE = /^\{\{\s*secrets\/[^/{}\s]+\/[^/{}\s]+\s*\}\}$/;

// Compared against the key lower-cased with separators removed, so that
// DATABRICKS_TOKEN, clientSecret, PGPASSWORD and openaiApiKeyPlaintext all match.
const CREDENTIAL_KEY_SUFFIXES = ["token", "password", "passwd", "secret", "apikey", "secretaccesskey", "privatekey", "plaintext"];

// Keys that end like a credential but hold none (checked after normalisation).
const NON_CREDENTIAL_KEYS = new Set(["idempotencytoken"]);

export interface CredentialFinding {
    readonly path: string;
    readonly reason: string;
}

export interface CredentialScanResult {
    readonly findings: readonly CredentialFinding[];
    // Unknown values sitting under a credential-named key: they cannot be
    // judged in preview and are re-checked at `pulumi up`, when inputs are known.
    readonly unknownCredentialValues: readonly Error[];
}

export function isCredentialKey(key: string): boolean {
    const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, "");
    if (NON_CREDENTIAL_KEYS.has(normalised)) {
        return false;
    }
    return CREDENTIAL_KEY_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
}

export function isSecretScopeReference(value: string): boolean {
    return SECRET_SCOPE_REFERENCE.test(value.trim());
}

export function containsDatabricksPat(value: string): boolean {
    return DATABRICKS_PAT.test(value);
}

// Findings name the path only, never the value: policy output lands in CI logs.
export function scanForPlaintextCredentials(props: Record<string, unknown>): CredentialScanResult {
    const findings: CredentialFinding[] = [];
    const unknownCredentialValues: Error[] = [];

    const visitString = (value: string, key: string, path: string): void => {
        if (containsDatabricksPat(value)) {
            findings.push({ path, reason: "looks like a Databricks personal access token" });
        } else if (isCredentialKey(key) && value.length > 0 && !isSecretScopeReference(value)) {
            findings.push({ path, reason: "is a credential-named input with a plain value; use a {{secrets/<scope>/<key>}} reference" });
        }
        if (key === "contentBase64" && containsDatabricksPat(Buffer.from(value, "base64").toString("utf8"))) {
            findings.push({ path, reason: "decodes to content containing a Databricks personal access token" });
        }
    };

    const visit = (node: unknown, key: string, path: string): void => {
        if (typeof node === "string") {
            visitString(node, key, path);
            return;
        }
        if (node === null || typeof node !== "object") {
            return;
        }
        const isList = Array.isArray(node);
        for (const childKey of Object.keys(node)) {
            let child: unknown;
            try {
                child = (node as Record<string, unknown>)[childKey];
            } catch (error) {
                if (!isUnknownValueError(error)) {
                    throw error;
                }
                if (isCredentialKey(isList ? key : childKey)) {
                    unknownCredentialValues.push(error);
                }
                continue;
            }
            const childPath = isList ? `${path}[${childKey}]` : path === "" ? childKey : `${path}.${childKey}`;
            // List items inherit the list's key: a list named "tokens" holds tokens.
            visit(child, isList ? key : childKey, childPath);
        }
    };

    visit(props, "", "");
    return { findings, unknownCredentialValues };
}
