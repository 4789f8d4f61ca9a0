import * as assert from "node:assert/strict";
import fc from "fast-check";
import { backoffDelayMs, isRetryableStatus, nextRetryDelayMs, parseRetryAfterMs, pollDelayMs, RetryPolicy } from "../../scripts/lib/retry";

const policy: RetryPolicy = { initialDelayMs: 1000, maxDelayMs: 8000, multiplier: 2, maxAttempts: 5, maxNetworkAttempts: 2, budgetMs: 60_000, attemptTimeoutMs: 1000 };

describe("retry schedule", () => {
    it("doubles from the initial delay up to the cap (upper bound at random()=1)", () => {
        assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, policy, () => 1)), [1000, 2000, 4000, 8000, 8000, 8000]);
    });

    it("never waits less than half the step, never more than the cap", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
                const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
                const delay = backoffDelayMs(attempt, policy, () => r);
                return delay >= Math.floor(step / 2) && delay <= policy.maxDelayMs;
            }),
        );
    });

    it("rejects attempt numbers below 1", () => {
        assert.throws(() => backoffDelayMs(0, policy), /attempt must be an integer >= 1, got 0/);
    });

    it("polls on a deterministic growing schedule", () => {
        assert.deepEqual([1, 2, 5].map((n) => pollDelayMs(n, { initialDelayMs: 2000, maxDelayMs: 30_000, multiplier: 1.5 })), [2000, 3000, 10125]);
    });

    it("reads Retry-After as seconds or as an HTTP date", () => {
        const now = Date.parse("2026-01-01T00:00:00Z");
        assert.equal(parseRetryAfterMs("7", now), 7000);
        assert.equal(parseRetryAfterMs(" 0 ", now), 0);
        assert.equal(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:30 GMT", now), 30_000);
        assert.equal(parseRetryAfterMs("Wed, 31 Dec 2025 23:00:00 GMT", now), 0, "a date in the past means now");
        assert.equal(parseRetryAfterMs("soon", now), undefined);
        assert.equal(parseRetryAfterMs(undefined, now), undefined);
    });

    it("retries 429 and 5xx except 501, nothing else", () => {
        assert.deepEqual([429, 500, 502, 503, 504].map(isRetryableStatus), [true, true, true, true, true]);
        assert.deepEqual([400, 401, 403, 404, 409, 501].map(isRetryableStatus), [false, false, false, false, false, false]);
    });

    it("lets Retry-After override the backoff, within the budget", () => {
        assert.equal(nextRetryDelayMs({ failedAttempts: 1, elapsedMs: 0, retryAfterMs: 20_000, policy }), 20_000);
        assert.equal(nextRetryDelayMs({ failedAttempts: 1, elapsedMs: 50_000, retryAfterMs: 20_000, policy }), undefined);
    });

    it("stops after maxAttempts", () => {
        assert.equal(typeof nextRetryDelayMs({ failedAttempts: 4, elapsedMs: 0, retryAfterMs: undefined, policy }), "number");
        assert.equal(nextRetryDelayMs({ failedAttempts: 5, elapsedMs: 0, retryAfterMs: undefined, policy }), undefined);
    });
});
