/**
 * Post-deploy checks of the app's pages: each page's API over HTTP at the app's URL, with the caller's
 * workspace credentials (the Apps proxy accepts workspace OAuth tokens). A page passes when its API
 * answers 200 with the part of the body the page shows; otherwise the check fails with the status and
 * the app's own message, which names what failed.
 */

export interface PageCheck {
    readonly page: string;
    readonly method: "GET" | "POST";
    readonly path: string;
    readonly body?: unknown;
    /** Why the body is not what the page needs, or undefined when it is. */
    readonly judge: (body: Record<string, unknown>) => string | undefined;
}

const isArray = (value: unknown) => Array.isArray(value);

export const APP_PAGE_CHECKS: readonly PageCheck[] = [
    { page: "Dashboard", method: "GET", path: "/api/app/dashboard", judge: (b) => (!b["kpis"] ? "no KPI row: the gold views have no data yet" : !Array.isArray(b["dashboards"]) || b["dashboards"].length === 0 ? "no dashboard links: the app did not get the stack's dashboard ids" : undefined) },
    { page: "Rules", method: "GET", path: "/api/app/rules", judge: (b) => (isArray(b["rules"]) ? undefined : "no rules list") },
    {
        page: "Decisioning",
        method: "POST",
        path: "/api/app/decisions",
        // A read-only scoring of one fixed transaction through the four endpoints.
        body: { amount: 120, currency: "USD", card_network: "VISA", merchant_segment: "Retail", issuer_country: "US", fraud_score: 0.1 },
        judge: (b) => (typeof (b["decision"] as { outcome?: unknown } | undefined)?.outcome === "string" ? undefined : "no decision outcome"),
    },
    {
        page: "ML Models",
        method: "GET",
        path: "/api/app/models",
        judge: (b) => {
            const models = (b["models"] ?? []) as { full_name: string; problems: string[] }[];
            if (models.length !== 4) return `${models.length} models instead of 4`;
            const problems = models.flatMap((m) => m.problems.map((p) => `${m.full_name}: ${p}`));
            return problems.length > 0 ? problems.join("; ") : undefined;
        },
    },
    {
        page: "Setup & Run",
        method: "GET",
        path: "/api/app/setup",
        judge: (b) => {
            const jobs = (b["jobs"] ?? []) as { key: string; problem?: string }[];
            const pipelines = (b["pipelines"] ?? []) as { key: string; problem?: string }[];
            if (jobs.length === 0) return "no jobs";
            if (pipelines.length === 0) return "no pipelines: the app did not get the stack's pipeline ids";
            const problems = [...jobs, ...pipelines].filter((j) => j.problem).map((j) => `${j.key}: ${j.problem}`);
            return problems.length > 0 ? problems.join("; ") : undefined;
        },
    },
    // The app runs code only on a stack whose Genie space exists (both wait for data), so Ask must be available.
    { page: "Ask", method: "GET", path: "/api/app/ask", judge: (b) => (b["available"] === true ? undefined : "Ask is not available: the app has no Genie space bound") },
];

export type AuthHeaders = () => Promise<Record<string, string>>;

/** Resolves with the pass reason; rejects with the fail reason. */
export async function checkPage(appUrl: string, check: PageCheck, headers: AuthHeaders, timeoutMs = 120_000): Promise<string> {
    const url = `${appUrl.replace(/\/+$/, "")}${check.path}`;
    let response: Response;
    try {
        response = await fetch(url, {
            method: check.method,
            headers: { ...(await headers()), Accept: "application/json", ...(check.body === undefined ? {} : { "Content-Type": "application/json" }) },
            ...(check.body === undefined ? {} : { body: JSON.stringify(check.body) }),
            redirect: "manual",
            signal: AbortSignal.timeout(timeoutMs),
        });
    } catch (error) {
        throw new Error(`${check.method} ${url} could not be reached: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    let body: Record<string, unknown> | undefined;
    try {
        body = JSON.parse(text) as Record<string, unknown>;
    } catch {
        body = undefined;
    }
    if (response.status !== 200) {
        const why = typeof body?.["error"] === "string" ? body["error"] : response.status >= 300 && response.status < 400 ? `redirected to ${response.headers.get("location") ?? "?"} (the credentials were not accepted; use OAuth, not a personal access token)` : text.slice(0, 200);
        throw new Error(`${check.method} ${check.path} answered ${response.status}: ${why}`);
    }
    if (body === undefined) throw new Error(`${check.method} ${check.path} answered 200 without JSON: ${text.slice(0, 120)}`);
    const problem = check.judge(body);
    if (problem) throw new Error(`${check.method} ${check.path} answered 200, but ${problem}`);
    return `${check.method} ${check.path} answered 200`;
}
