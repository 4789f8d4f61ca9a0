import { formatString } from "../../../scripts/lib/plan-values";
import { PreviewStep } from "./preview-digest";

/** One open issue per stack: found again by this marker, whatever a maintainer does to the title. */
export function issueMarker(stack: string): string {
    return `<!-- drift-detection stack=${stack} -->`;
}

export function issueTitle(stack: string): string {
    return `Drift detected in stack ${stack}`;
}

export const DRIFT_LABEL = "drift";

/** GitHub rejects issue bodies over 65,536 characters; stay clear of it. */
const MAX_BODY = 60_000;

export interface RunInfo {
    /** Link to the workflow run that found the drift. */
    readonly runUrl: string;
}

/**
 * The issue text: what would change, per resource, with the property names and their old and new
 * values (shortened like the offline plan), and what to do about it.
 */
export function renderIssueBody(stack: string, counts: Readonly<Record<string, number>>, steps: readonly PreviewStep[], run: RunInfo): string {
    const head = [
        issueMarker(stack),
        `The scheduled drift check found that stack \`${stack}\` no longer matches the program on the default branch:`,
        `\`pulumi preview --refresh --stack ${stack}\` proposes the changes below. Found by ${run.runUrl}.`,
        "",
        "| Operation | Resources |",
        "| --- | ---: |",
        ...Object.entries(counts)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([op, count]) => `| ${op} | ${count} |`),
        "",
        "## Resources",
        "",
    ];
    const tail = [
        "",
        "## What to do",
        "",
        "- A change made by hand in the workspace that should stay: put it into the program, open a pull request.",
        `- A change that should not have happened: run the **deploy** workflow (or \`pulumi up --stack ${stack}\`) to put the workspace back.`,
        "- A difference that comes back after every deploy is a perpetual diff in the program: fix the input that the provider normalises.",
        "",
        "This issue is updated by every drift run while the drift lasts and closed by the first run that finds none.",
    ];
    const budget = MAX_BODY - [...head, ...tail].join("\n").length;
    const sections: string[] = [];
    let used = 0;
    for (const [position, step] of steps.entries()) {
        const section = renderStep(step);
        if (used + section.length > budget) {
            sections.push(`_…and ${steps.length - position} more resources; see the run log for all of them._`);
            break;
        }
        sections.push(section);
        used += section.length + 1;
    }
    return [...head, ...sections, ...tail].join("\n");
}

function renderStep(step: PreviewStep): string {
    const { type, name } = typeAndName(step.urn);
    const lines = [`- **${step.op}** \`${name}\` (\`${type}\`)`];
    const properties = changedProperties(step);
    for (const property of properties) {
        const kind = step.detailedDiff?.[property]?.kind ?? "update";
        const before = valueAt(step.oldState?.inputs, property);
        const after = valueAt(step.newState?.inputs, property);
        lines.push(`  - \`${property}\` (${kind}): ${display(before)} → ${display(after)}`);
    }
    if (step.replaceReasons && step.replaceReasons.length > 0) {
        lines.push(`  - replaced because of: ${step.replaceReasons.map((reason) => `\`${reason}\``).join(", ")}`);
    }
    return lines.join("\n");
}

function changedProperties(step: PreviewStep): string[] {
    const names = step.detailedDiff ? Object.keys(step.detailedDiff) : [...(step.diffReasons ?? [])];
    return [...new Set(names)].sort();
}

function typeAndName(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    if (parts.length < 4) return { type: "unknown type", name: urn };
    return { type: parts[2].split("$").pop() as string, name: parts.slice(3).join("::") };
}

/** Follows a detailed-diff path such as `tasks[0].notebookTask.source` into a state object. */
export function valueAt(root: unknown, propertyPath: string): unknown {
    let current: unknown = root;
    for (const segment of propertyPath.match(/[^.[\]]+/g) ?? []) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<string, unknown>)[segment];
    }
    return current;
}

const MAX_INLINE_JSON = 80;

function display(value: unknown): string {
    if (value === undefined) return "_(none)_";
    const json = JSON.stringify(value);
    const text = typeof value === "string" || json.length > MAX_INLINE_JSON ? formatString(typeof value === "string" ? value : json) : json;
    return `\`${text.replace(/`/g, "'")}\``;
}
