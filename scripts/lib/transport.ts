/**
 * The HTTP layer under the SDK's typed services (see databricks-client.ts for why it replaces the SDK's own).
 * It keeps the SDK's request contract (path, method, query, headers, payload → parsed JSON), its auth
 * (`config.authenticate`) and its error type (`ApiError`), and adds what 0.14.2 lacks: query strings on GET,
 * retries of 429 and 5xx that honour Retry-After, bounded retries of connection failures, and errors that
 * name the request.
 */
import * as http from "node:http";
import * as https from "node:https";
import { ApiClient, ApiError } from "@databricks/sdk-experimental";
import {
    isRetryableNetworkError,
    isRetryableStatus,
    nextRetryDelayMs,
    parseRetryAfterMs,
    RetryPolicy,
} from "./retry";

export type SdkRequest = Parameters<ApiClient["request"]>[0];

export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
    random(): number;
}

export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
};

interface RawResponse {
    readonly status: number;
    readonly headers: http.IncomingHttpHeaders;
    readonly body: string;
}

/** A failure that is not an HTTP status: connection refused, reset, socket timeout, bad JSON. */
export class TransportError extends Error {
    constructor(message: string, readonly code: string | undefined) {
        super(message);
        this.name = "TransportError";
    }
}

export async function sendWithRetry(
    client: ApiClient,
    request: SdkRequest,
    policy: RetryPolicy,
    clock: Clock = systemClock,
): Promise<unknown> {
    if (request.raw || isStream(request.payload)) {
        throw new Error(
            `${request.method} ${request.path}: streaming/raw requests (Files API) are not supported by scripts/lib/transport.ts; ` +
                "it sends and receives JSON only",
        );
    }
    const url = await buildUrl(client, request);
    const label = `${request.method} ${url.origin}${url.pathname}`;
    const started = clock.now();
    for (let attempt = 1; ; attempt++) {
        let response: RawResponse;
        try {
            response = await sendOnce(client, request, url, policy.attemptTimeoutMs);
        } catch (error) {
            if (!isRetryableNetworkError(error)) throw error;
            const delay = nextRetryDelayMs({
                failedAttempts: attempt,
                elapsedMs: clock.now() - started,
                retryAfterMs: undefined,
                policy: { ...policy, maxAttempts: Math.min(policy.maxAttempts, policy.maxNetworkAttempts) },
                random: clock.random,
            });
            if (delay === undefined) {
                const code = (error as NodeJS.ErrnoException).code;
                throw new TransportError(
                    `${label}: cannot reach the workspace (${code}: ${(error as Error).message}) after ${attempt} attempt(s)`,
                    code,
                );
            }
            await clock.sleep(delay);
            continue;
        }
        if (response.status >= 200 && response.status < 300) {
            return parseSuccess(label, request, response);
        }
        const apiError = toApiError(label, response);
        if (!isRetryableStatus(response.status)) throw apiError;
        const delay = nextRetryDelayMs({
            failedAttempts: attempt,
            elapsedMs: clock.now() - started,
            retryAfterMs: parseRetryAfterMs(headerValue(response.headers["retry-after"]), clock.now()),
            policy,
            random: clock.random,
        });
        if (delay === undefined) {
            throw new ApiError(
                `${apiError.message} (gave up after ${attempt} attempt(s) in ${Math.round((clock.now() - started) / 1000)}s)`,
                apiError.errorCode,
                apiError.statusCode,
                apiError.response,
                [],
            );
        }
        await clock.sleep(delay);
    }
}

async function buildUrl(client: ApiClient, request: SdkRequest): Promise<URL> {
    const url = new URL((await client.host).toString());
    url.pathname = request.path;
    // The SDK 0.14.2 transport only serialises `query` when a payload is present, so every GET lost its
    // parameters (jobs/runs/get without run_id). Always send it.
    const search = client.searchParams(request.query ?? {});
    if (search.length > 0) url.search = search;
    return url;
}

async function sendOnce(client: ApiClient, request: SdkRequest, url: URL, timeoutMs: number): Promise<RawResponse> {
    const headers = new Headers(request.headers);
    headers.set("User-Agent", client.userAgent());
    await client.config.authenticate(headers);
    const hasBody = request.payload !== undefined && (request.method === "POST" || request.method === "PUT" || request.method === "PATCH");
    const body = hasBody ? JSON.stringify(request.payload) : undefined;
    if (body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
    const agent = await client.getAgent();
    return new Promise<RawResponse>((resolve, reject) => {
        let deadline: NodeJS.Timeout | undefined;
        const settle = <T>(finish: (value: T) => void) => (value: T) => {
            clearTimeout(deadline);
            finish(value);
        };
        const req = https.request(url, { method: request.method, headers: Object.fromEntries(headers.entries()), agent }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("error", settle(reject));
            res.on("end", () =>
                settle(resolve)({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
            );
        });
        // A deadline on the whole exchange, not on idleness: it also ends a response that trickles in.
        deadline = setTimeout(() => {
            req.destroy(Object.assign(new Error(`no complete response within ${timeoutMs} ms`), { code: "ETIMEDOUT" }));
        }, timeoutMs);
        req.on("error", settle(reject));
        req.end(body);
    });
}

function parseSuccess(label: string, request: SdkRequest, response: RawResponse): unknown {
    let parsed: unknown;
    try {
        parsed = response.body.trim().length === 0 ? {} : JSON.parse(response.body);
    } catch {
        throw new TransportError(`${label}: HTTP ${response.status} with a body that is not JSON: ${excerpt(response.body)}`, undefined);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new TransportError(`${label}: expected a JSON object, got ${excerpt(response.body)}`, undefined);
    }
    const wanted = request.responseHeaders ?? [];
    const extra: Record<string, string> = {};
    for (const name of wanted) {
        const value = headerValue(response.headers[name.toLowerCase()]);
        if (value !== undefined) extra[name.toLowerCase()] = value;
    }
    return { ...(parsed as Record<string, unknown>), ...extra };
}

function toApiError(label: string, response: RawResponse): ApiError {
    let errorCode = "UNKNOWN";
    let message = excerpt(response.body) || "(empty body)";
    let parsed: unknown;
    try {
        parsed = JSON.parse(response.body);
    } catch {
        parsed = undefined;
    }
    if (parsed !== null && typeof parsed === "object") {
        const body = parsed as { error_code?: unknown; message?: unknown; error?: unknown };
        if (typeof body.error_code === "string") errorCode = body.error_code;
        if (typeof body.message === "string") message = body.message;
        else if (typeof body.error === "string") message = body.error;
    }
    return new ApiError(`${label}: HTTP ${response.status} ${errorCode}: ${message}`, errorCode, response.status, parsed ?? response.body, []);
}

function headerValue(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

function excerpt(text: string): string {
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

function isStream(payload: unknown): boolean {
    return payload !== null && typeof payload === "object" && typeof (payload as { getReader?: unknown }).getReader === "function";
}
