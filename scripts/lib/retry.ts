/**
 * When and how long to wait before repeating an HTTP request or a status poll. Pure: the caller
 * supplies the clock and the random source, so tests pin every delay.
 */

export interface BackoffPolicy {
    /** Delay after the first failed attempt (or the first poll). */
    readonly initialDelayMs: number;
    /** No single delay exceeds this. */
    readonly maxDelayMs: number;
    readonly multiplier: number;
}

export interface RetryPolicy extends BackoffPolicy {
    /** Total attempts, the first included. */
    readonly maxAttempts: number;
    /**
     * Total attempts when the connection itself fails. Lower than maxAttempts: a refused connection or an
     * unknown host is rarely fixed by waiting, and a wrong workspace URL should fail in seconds.
     */
    readonly maxNetworkAttempts: number;
    /** Wall-clock budget for one logical request, retries included. */
    readonly budgetMs: number;
    /**
     * Wall-clock deadline of one attempt, from sending to the last byte of the response. An idle timeout
     * alone is not enough: a server that sends a byte every few seconds would hold the script for ever.
     */
    readonly attemptTimeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
    initialDelayMs: 1_000,
    maxDelayMs: 30_000,
    multiplier: 2,
    maxAttempts: 8,
    maxNetworkAttempts: 3,
    budgetMs: 5 * 60_000,
    attemptTimeoutMs: 60_000,
};

/**
 * Exponential delay for the n-th wait (1-based), capped, with "equal jitter": half fixed, half random,
 * so concurrent clients that failed together do not retry together yet the wait never collapses to 0.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
    if (!Number.isInteger(attempt) || attempt < 1) {
        throw new Error(`backoff attempt must be an integer >= 1, got ${attempt}`);
    }
    const exponential = policy.initialDelayMs * Math.pow(policy.multiplier, attempt - 1);
    const capped = Math.min(policy.maxDelayMs, exponential);
    return Math.round(capped / 2 + (capped / 2) * random());
}

/** Deterministic poll schedule for status loops: grows like the backoff but without jitter. */
export function pollDelayMs(poll: number, policy: BackoffPolicy): number {
    return backoffDelayMs(poll, policy, () => 1);
}

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns the wait in ms,
 * or undefined when the header is absent or unparseable (the caller then falls back to backoff).
 */
export function parseRetryAfterMs(header: string | undefined, nowMs: number): number | undefined {
    if (header === undefined) return undefined;
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    return Math.max(0, date - nowMs);
}

/** 429 means "not processed, come back later"; 5xx are server-side faults worth one more try. */
export function isRetryableStatus(status: number): boolean {
    return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/** Socket-level failures where the request may simply not have reached a healthy server. */
const retryableNetworkCodes = new Set([
    "ECONNREFUSED",
    "ECONNRESET",
    "ETIMEDOUT",
    "EPIPE",
    "EAI_AGAIN",
    "ENOTFOUND",
    "EHOSTUNREACH",
    "ENETUNREACH",
]);

export function isRetryableNetworkError(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === "string" && retryableNetworkCodes.has(code);
}

/**
 * The wait before the next attempt, or undefined when the attempt or time budget is spent.
 * A server's Retry-After wins over our own schedule, even when longer, as long as it fits the budget.
 */
export function nextRetryDelayMs(args: {
    readonly failedAttempts: number;
    readonly elapsedMs: number;
    readonly retryAfterMs: number | undefined;
    readonly policy: RetryPolicy;
    readonly random?: () => number;
}): number | undefined {
    const { failedAttempts, elapsedMs, retryAfterMs, policy } = args;
    if (failedAttempts >= policy.maxAttempts) return undefined;
    const delay = retryAfterMs ?? backoffDelayMs(failedAttempts, policy, args.random);
    if (elapsedMs + delay > policy.budgetMs) return undefined;
    return delay;
}
