import * as assert from "node:assert/strict";
import { judgeJobRun, judgePipelineUpdate } from "../../scripts/lib/run-states";

describe("run states → verdict", () => {
    it("keeps waiting while a job run is on its way", () => {
        for (const lifeCycle of ["PENDING", "QUEUED", "RUNNING", "TERMINATING", "BLOCKED", "WAITING_FOR_RETRY"]) {
            assert.deepEqual(judgeJobRun({ life_cycle_state: lifeCycle }), { kind: "pending" }, lifeCycle);
        }
    });

    it("succeeds only on TERMINATED/SUCCESS", () => {
        assert.deepEqual(judgeJobRun({ life_cycle_state: "TERMINATED", result_state: "SUCCESS" }), { kind: "succeeded" });
    });

    it("fails on every other terminal result, carrying the state message", () => {
        for (const result of ["FAILED", "TIMEDOUT", "CANCELED", "SUCCESS_WITH_FAILURES", "UPSTREAM_FAILED", "MAXIMUM_CONCURRENT_RUNS_REACHED"]) {
            assert.deepEqual(judgeJobRun({ life_cycle_state: "TERMINATED", result_state: result, state_message: "why" }), { kind: "failed", reason: `${result}: why` });
        }
    });

    it("fails on SKIPPED and INTERNAL_ERROR", () => {
        assert.deepEqual(judgeJobRun({ life_cycle_state: "SKIPPED" }), { kind: "failed", reason: "SKIPPED" });
        assert.deepEqual(judgeJobRun({ life_cycle_state: "INTERNAL_ERROR", state_message: "driver lost" }), { kind: "failed", reason: "INTERNAL_ERROR: driver lost" });
    });

    it("treats unknown or incomplete states as malformed, listing the valid ones", () => {
        assert.throws(() => judgeJobRun({ life_cycle_state: "NAPPING" }), /unknown life_cycle_state "NAPPING"; expected one of PENDING, .*TERMINATED/);
        assert.throws(() => judgeJobRun({ life_cycle_state: "TERMINATED" }), /TERMINATED but has no result_state/);
    });

    it("judges pipeline updates", () => {
        assert.deepEqual(judgePipelineUpdate("WAITING_FOR_RESOURCES"), { kind: "pending" });
        assert.deepEqual(judgePipelineUpdate("COMPLETED"), { kind: "succeeded" });
        assert.deepEqual(judgePipelineUpdate("FAILED"), { kind: "failed", reason: "FAILED" });
        assert.deepEqual(judgePipelineUpdate("CANCELED"), { kind: "failed", reason: "CANCELED" });
        assert.throws(() => judgePipelineUpdate("DONE"), /unknown pipeline update state "DONE"; expected one of QUEUED/);
    });
});
