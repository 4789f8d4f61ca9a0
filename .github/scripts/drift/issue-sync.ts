import { DriftResult } from "./classify";
import { DRIFT_LABEL, RunInfo, issueMarker, issueTitle, renderIssueBody } from "./issue-body";

export interface Issue {
    readonly number: number;
    readonly title: string;
    readonly body: string;
}

/** The few GitHub issue operations drift detection needs; tests pass an in-memory fake. */
export interface IssueTracker {
    listOpen(label: string): Promise<Issue[]>;
    create(issue: { title: string; body: string; labels: string[] }): Promise<Issue>;
    update(number: number, issue: { title: string; body: string }): Promise<void>;
    comment(number: number, body: string): Promise<void>;
    close(number: number): Promise<void>;
}

/**
 * Keeps exactly one open issue per drifting stack: opens it on the first drift, rewrites it while
 * the drift lasts (no comment per run, so watchers are not paged daily), closes it once a run finds
 * the stack clean. Returns what it did, for the run summary.
 */
export async function syncDriftIssue(
    tracker: IssueTracker,
    stack: string,
    result: Exclude<DriftResult, { status: "error" }>,
    run: RunInfo,
): Promise<string> {
    const existing = (await tracker.listOpen(DRIFT_LABEL))
        .filter((issue) => issue.body.includes(issueMarker(stack)) || issue.title === issueTitle(stack))
        .sort((a, b) => a.number - b.number)[0];

    if (result.status === "drift") {
        const issue = { title: issueTitle(stack), body: renderIssueBody(stack, result.counts, result.steps, run) };
        if (existing) {
            await tracker.update(existing.number, issue);
            return `updated issue #${existing.number}`;
        }
        const created = await tracker.create({ ...issue, labels: [DRIFT_LABEL] });
        return `opened issue #${created.number}`;
    }

    if (!existing) return "no drift and no open drift issue";
    await tracker.comment(existing.number, `No drift left in stack \`${stack}\` according to ${run.runUrl}; closing.`);
    await tracker.close(existing.number);
    return `closed issue #${existing.number}`;
}
