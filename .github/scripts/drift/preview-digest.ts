/**
 * The JSON document `pulumi preview --json` prints (the CLI's PreviewDigest), reduced to the fields
 * drift detection reads. Secrets in old/new state are already replaced by "[secret]" by the CLI.
 */
export interface PreviewStep {
    readonly op: string;
    readonly urn: string;
    readonly diffReasons?: readonly string[];
    readonly replaceReasons?: readonly string[];
    readonly detailedDiff?: Readonly<Record<string, { readonly kind: string; readonly inputDiff?: boolean }>>;
    readonly oldState?: { readonly inputs?: Record<string, unknown> };
    readonly newState?: { readonly inputs?: Record<string, unknown> };
}

export interface PreviewDiagnostic {
    readonly urn?: string;
    readonly message: string;
    readonly severity: string;
}

export interface PreviewDigest {
    readonly steps: readonly PreviewStep[];
    readonly diagnostics: readonly PreviewDiagnostic[];
    readonly changeSummary: Readonly<Record<string, number>>;
}

/**
 * Parses the CLI's stdout. Anything printed before the document (a plugin download notice, say) is
 * skipped: the digest is the last top-level JSON object, starting at a line that is exactly "{".
 * Returns an error string instead of throwing so the caller can report it as a failed preview.
 */
export function parsePreviewDigest(stdout: string): PreviewDigest | { error: string } {
    const trimmed = stdout.trim();
    if (trimmed === "") return { error: "pulumi preview printed no JSON" };
    const start = trimmed.startsWith("{") ? 0 : trimmed.lastIndexOf("\n{\n") + 1;
    let parsed: unknown;
    try {
        parsed = JSON.parse(trimmed.slice(start));
    } catch (error) {
        return { error: `pulumi preview output is not JSON (${(error as Error).message}); it begins: ${trimmed.slice(0, 200)}` };
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        return { error: "pulumi preview JSON is not an object" };
    }
    const digest = parsed as Record<string, unknown>;
    return {
        steps: Array.isArray(digest.steps) ? (digest.steps as PreviewStep[]) : [],
        diagnostics: Array.isArray(digest.diagnostics) ? (digest.diagnostics as PreviewDiagnostic[]) : [],
        changeSummary: isCountMap(digest.changeSummary) ? digest.changeSummary : {},
    };
}

function isCountMap(value: unknown): value is Record<string, number> {
    return value !== null && typeof value === "object" && Object.values(value).every((count) => typeof count === "number");
}
