import { Issue, IssueTracker } from "./issue-sync";

/** GitHub's REST issues API with the workflow's token (needs `permissions: issues: write`). */
export function githubIssues(options: { apiUrl: string; repository: string; token: string; fetchImpl?: typeof fetch }): IssueTracker {
    const doFetch = options.fetchImpl ?? fetch;
    const base = `${options.apiUrl.replace(/\/$/, "")}/repos/${options.repository}/issues`;

    async function call(method: string, url: string, body?: unknown): Promise<unknown> {
        const response = await doFetch(url, {
            method,
            headers: {
                accept: "application/vnd.github+json",
                authorization: `Bearer ${options.token}`,
                "x-github-api-version": "2022-11-28",
                ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`GitHub ${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
        return text === "" ? undefined : JSON.parse(text);
    }

    const toIssue = (raw: Record<string, unknown>): Issue => ({
        number: raw.number as number,
        title: String(raw.title ?? ""),
        body: String(raw.body ?? ""),
    });

    return {
        async listOpen(label) {
            const issues: Issue[] = [];
            for (let page = 1; ; page++) {
                const batch = (await call("GET", `${base}?state=open&labels=${encodeURIComponent(label)}&per_page=100&page=${page}`)) as Array<Record<string, unknown>>;
                // This endpoint also lists pull requests; they carry a `pull_request` key.
                issues.push(...batch.filter((raw) => raw.pull_request === undefined).map(toIssue));
                if (batch.length < 100) return issues;
            }
        },
        async create(issue) {
            return toIssue((await call("POST", base, issue)) as Record<string, unknown>);
        },
        async update(number, issue) {
            await call("PATCH", `${base}/${number}`, issue);
        },
        async comment(number, body) {
            await call("POST", `${base}/${number}/comments`, { body });
        },
        async close(number) {
            await call("PATCH", `${base}/${number}`, { state: "closed", state_reason: "completed" });
        },
    };
}
