import { PreviewDigest, PreviewStep, parsePreviewDigest } from "./preview-digest";

/**
 * `pulumi preview --refresh --expect-no-changes` exits non-zero both when the workspace drifted and
 * when the preview itself failed (bad credentials, a provider error). Only the first may open a
 * drift issue; the second must fail the run. This tells them apart from the JSON digest.
 */
export type DriftResult =
    | { readonly status: "clean" }
    | { readonly status: "drift"; readonly counts: Readonly<Record<string, number>>; readonly steps: readonly PreviewStep[] }
    | { readonly status: "error"; readonly reasons: readonly string[] };

/** Operations that leave the workspace as it is. */
const NO_CHANGE_OPS = new Set(["same", "read", "refresh", "discard"]);

/** The CLI's own complaint under --expect-no-changes: a consequence of drift, not a failure. */
const EXPECTED_CHANGES_ERROR = /no changes were expected/i;

export function classifyPreview(exitCode: number, stdout: string, stderr = ""): DriftResult {
    const digest = parsePreviewDigest(stdout);
    if ("error" in digest) return { status: "error", reasons: [digest.error, ...stderrTail(stderr)] };

    const errors = digest.diagnostics
        .filter((d) => d.severity === "error" && !EXPECTED_CHANGES_ERROR.test(d.message))
        .map((d) => (d.urn ? `${d.urn}: ${d.message.trim()}` : d.message.trim()));
    if (errors.length > 0) return { status: "error", reasons: errors };

    const counts = changeCounts(digest);
    if (Object.keys(counts).length > 0) {
        return { status: "drift", counts, steps: digest.steps.filter((step) => !NO_CHANGE_OPS.has(step.op)) };
    }
    if (exitCode !== 0) {
        return { status: "error", reasons: [`pulumi preview exited with ${exitCode} but proposed no changes`, ...stderrTail(stderr)] };
    }
    return { status: "clean" };
}

function changeCounts(digest: PreviewDigest): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [op, count] of Object.entries(digest.changeSummary)) {
        if (!NO_CHANGE_OPS.has(op) && count > 0) counts[op] = count;
    }
    // The summary comes from the CLI's last event; a preview cut short has only its steps.
    if (Object.keys(counts).length === 0) {
        for (const step of digest.steps) if (!NO_CHANGE_OPS.has(step.op)) counts[step.op] = (counts[step.op] ?? 0) + 1;
    }
    return counts;
}

function stderrTail(stderr: string): string[] {
    const lines = stderr.trim().split("\n").filter((line) => line.trim() !== "");
    return lines.length === 0 ? [] : [`stderr (last lines):\n${lines.slice(-15).join("\n")}`];
}
