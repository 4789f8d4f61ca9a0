/**
 * The few Databricks REST routes the app calls, over fetch with the app principal's credentials. A
 * 429 or 503 is retried (honouring Retry-After, bounded); any other failure becomes a UserFacingError
 * that names the call in the operator's terms, with the workspace's answer kept for the log.
 */
import { UserFacingError } from "./errors";

export interface WorkspaceAuth {
    readonly host: string;
    /** Headers that authenticate one request (the SDK's OAuth for the app principal in production). */
    readonly headers: () => Promise<Record<string, string>>;
}

export interface RetryPolicy {
    readonly attempts: number;
    readonly maxDelayMs: number;
    readonly sleep: (ms: number) => Promise<void>;
}

export const defaultRetry: RetryPolicy = { attempts: 3, maxDelayMs: 5_000, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

const RETRIED = new Set([429, 503]);

export class WorkspaceApi {
    constructor(
        private readonly auth: WorkspaceAuth,
        private readonly retry: RetryPolicy = defaultRetry,
    ) {}

    get host(): string {
        return this.auth.host;
    }

    get<T>(path: string, what: string): Promise<T> {
        return this.call<T>("GET", path, undefined, what);
    }

    post<T>(path: string, body: unknown, what: string): Promise<T> {
        return this.call<T>("POST", path, body, what);
    }

    private async call<T>(method: string, path: string, body: unknown, what: string): Promise<T> {
        for (let attempt = 1; ; attempt++) {
            let response: Response;
            try {
                response = await fetch(`${this.auth.host}${path}`, {
                    method,
                    headers: { ...(await this.auth.headers()), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
                    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
                    signal: AbortSignal.timeout(60_000),
                });
            } catch (error) {
                throw new UserFacingError(502, `${what} failed: the workspace could not be reached`, `${method} ${path}: ${(error as Error).message}`);
            }
            if (response.ok) return (await response.json()) as T;
            const text = await response.text();
            if (RETRIED.has(response.status) && attempt < this.retry.attempts) {
                const retryAfter = Number(response.headers.get("retry-after"));
                const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 500 * 2 ** (attempt - 1);
                await this.retry.sleep(Math.min(delay, this.retry.maxDelayMs));
                continue;
            }
            throw new UserFacingError(
                response.status === 404 ? 404 : response.status === 409 ? 409 : response.status === 403 || response.status === 401 ? 403 : 502,
                `${what} failed: the workspace answered ${response.status}${describeStatus(response.status)}`,
                `${method} ${path} -> ${response.status}: ${text.slice(0, 2000)}`,
            );
        }
    }
}

function describeStatus(status: number): string {
    if (status === 401 || status === 403) return " (the app's principal lacks permission)";
    if (status === 404) return " (not found)";
    if (status === 409) return " (it is already running, or changed meanwhile)";
    if (status === 429) return " (rate limited; try again shortly)";
    if (status >= 500) return " (a workspace service error)";
    return "";
}
