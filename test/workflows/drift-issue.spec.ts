import { strict as assert } from "node:assert";
import { classifyPreview } from "../../.github/scripts/drift/classify";
import { issueMarker, issueTitle, renderIssueBody, valueAt } from "../../.github/scripts/drift/issue-body";
import { Issue, IssueTracker, syncDriftIssue } from "../../.github/scripts/drift/issue-sync";
import { CLEAN, DRIFTED } from "./preview-fixtures";

const RUN = { runUrl: "https://github.com/acme/payment-analysis/actions/runs/42" };

/** In-memory issues with a log of every write, so tests see what would reach GitHub. */
class FakeTracker implements IssueTracker {
    readonly writes: string[] = [];
    constructor(public issues: Array<Issue & { labels: string[]; open: boolean }> = []) {}
    async listOpen(label: string) {
        return this.issues.filter((i) => i.open && i.labels.includes(label));
    }
    async create(issue: { title: string; body: string; labels: string[] }) {
        const created = { ...issue, number: 100 + this.issues.length, open: true };
        this.issues.push(created);
        this.writes.push(`create #${created.number}`);
        return created;
    }
    async update(number: number, issue: { title: string; body: string }) {
        Object.assign(this.find(number), issue);
        this.writes.push(`update #${number}`);
    }
    async comment(number: number) {
        this.writes.push(`comment #${number}`);
    }
    async close(number: number) {
        this.find(number).open = false;
        this.writes.push(`close #${number}`);
    }
    private find(number: number) {
        const issue = this.issues.find((i) => i.number === number);
        if (!issue) throw new Error(`no issue #${number}`);
        return issue;
    }
}

function drifted() {
    const result = classifyPreview(1, DRIFTED);
    if (result.status !== "drift") throw new Error("fixture is not drift");
    return result;
}

describe("drift issue", () => {
    it("opens one labelled issue titled after the stack on the first drift", async () => {
        const tracker = new FakeTracker();
        assert.equal(await syncDriftIssue(tracker, "dev", drifted(), RUN), "opened issue #100");
        assert.equal(tracker.issues[0].title, "Drift detected in stack dev");
        assert.deepEqual(tracker.issues[0].labels, ["drift"]);
    });

    it("rewrites the open issue of the same stack instead of opening another", async () => {
        const tracker = new FakeTracker([
            { number: 7, title: issueTitle("prod"), body: issueMarker("prod"), labels: ["drift"], open: true },
            { number: 8, title: "renamed by a maintainer", body: `${issueMarker("dev")} old`, labels: ["drift"], open: true },
        ]);
        assert.equal(await syncDriftIssue(tracker, "dev", drifted(), RUN), "updated issue #8");
        assert.deepEqual(tracker.writes, ["update #8"]);
        assert.match(tracker.issues[1].body, /gold-views/);
    });

    it("closes the stack's issue with a comment once the drift is gone, and leaves other stacks alone", async () => {
        const tracker = new FakeTracker([
            { number: 7, title: issueTitle("prod"), body: issueMarker("prod"), labels: ["drift"], open: true },
            { number: 8, title: issueTitle("dev"), body: issueMarker("dev"), labels: ["drift"], open: true },
        ]);
        const clean = classifyPreview(0, CLEAN);
        if (clean.status !== "clean") throw new Error("fixture is not clean");
        assert.equal(await syncDriftIssue(tracker, "dev", clean, RUN), "closed issue #8");
        assert.deepEqual(tracker.writes, ["comment #8", "close #8"]);
        assert.equal(tracker.issues[0].open, true);
    });

    it("does nothing when the stack is clean and no issue is open", async () => {
        const tracker = new FakeTracker();
        const clean = classifyPreview(0, CLEAN);
        if (clean.status !== "clean") throw new Error("fixture is not clean");
        await syncDriftIssue(tracker, "dev", clean, RUN);
        assert.deepEqual(tracker.writes, []);
    });

    describe("body", () => {
        const { counts, steps } = drifted();
        const body = renderIssueBody("dev", counts, steps, RUN);

        it("carries the marker, the counts, the run link and each changed property with old and new value", () => {
            assert.ok(body.startsWith(issueMarker("dev")));
            assert.match(body, /\| create \| 1 \|\n\| update \| 1 \|/);
            assert.ok(body.includes(RUN.runUrl));
            assert.match(body, /`timeoutSeconds` \(update\): `7200` → `3600`/);
            assert.match(body, /`tasks\[0\]\.notebookTask\.baseParameters\.schema` \(update\): `"changed_by_hand"` → `"payment_analysis_dev"`/);
        });

        it("shortens long values with a hash instead of pasting serialized dashboards", () => {
            assert.match(body, /\*\*create\*\* `executive-overview`/);
            assert.ok(!body.includes("{}".repeat(50)), "serialized dashboard pasted in full");
        });

        it("stays under GitHub's body limit however many resources drift", () => {
            const many = Array.from({ length: 2000 }, (_, i) => ({ ...steps[0], urn: `${steps[0].urn}-${i}` }));
            const long = renderIssueBody("dev", { update: 2000 }, many, RUN);
            assert.ok(long.length < 65_536, `body is ${long.length} characters`);
            assert.match(long, /…and \d+ more resources/);
        });
    });

    it("follows detailed-diff paths into state", () => {
        assert.equal(valueAt({ a: [{ b: { c: 3 } }] }, "a[0].b.c"), 3);
        assert.equal(valueAt({ a: 1 }, "a.b"), undefined);
    });
});
