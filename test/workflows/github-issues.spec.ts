import { strict as assert } from "node:assert";
import { githubIssues } from "../../.github/scripts/drift/github-issues";

type Call = { method: string; url: string; body?: unknown; auth?: string };

function fakeFetch(answers: Array<{ status: number; body: unknown }>, calls: Call[]): typeof fetch {
    return (async (url: string, init: RequestInit) => {
        const headers = init.headers as Record<string, string>;
        calls.push({ method: String(init.method), url, body: init.body ? JSON.parse(String(init.body)) : undefined, auth: headers.authorization });
        const answer = answers.shift();
        if (!answer) throw new Error(`unexpected request ${init.method} ${url}`);
        return new Response(answer.body === undefined ? "" : JSON.stringify(answer.body), { status: answer.status });
    }) as typeof fetch;
}

const OPTIONS = { apiUrl: "https://api.github.com/", repository: "acme/payment-analysis", token: "t0ken" };

describe("GitHub issues client", () => {
    it("pages through open issues of a label and drops pull requests", async () => {
        const calls: Call[] = [];
        const firstPage = Array.from({ length: 100 }, (_, i) => ({ number: i + 1, title: `t${i}`, body: null, ...(i === 0 ? { pull_request: {} } : {}) }));
        const tracker = githubIssues({ ...OPTIONS, fetchImpl: fakeFetch([{ status: 200, body: firstPage }, { status: 200, body: [{ number: 500, title: "x", body: "y" }] }], calls) });
        const issues = await tracker.listOpen("drift");
        assert.equal(issues.length, 100);
        assert.equal(issues[0].number, 2);
        assert.equal(issues[0].body, "");
        assert.deepEqual(calls.map((c) => c.url), [
            "https://api.github.com/repos/acme/payment-analysis/issues?state=open&labels=drift&per_page=100&page=1",
            "https://api.github.com/repos/acme/payment-analysis/issues?state=open&labels=drift&per_page=100&page=2",
        ]);
        assert.equal(calls[0].auth, "Bearer t0ken");
    });

    it("closes as completed", async () => {
        const calls: Call[] = [];
        await githubIssues({ ...OPTIONS, fetchImpl: fakeFetch([{ status: 200, body: {} }], calls) }).close(8);
        assert.deepEqual(calls, [{ method: "PATCH", url: "https://api.github.com/repos/acme/payment-analysis/issues/8", body: { state: "closed", state_reason: "completed" }, auth: "Bearer t0ken" }]);
    });

    it("fails with the status and GitHub's message instead of carrying on", async () => {
        const tracker = githubIssues({ ...OPTIONS, fetchImpl: fakeFetch([{ status: 403, body: { message: "Resource not accessible by integration" } }], []) });
        await assert.rejects(tracker.create({ title: "t", body: "b", labels: ["drift"] }), /POST .*\/issues answered 403: .*Resource not accessible by integration/);
    });
});
