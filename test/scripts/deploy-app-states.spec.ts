import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import { judgeDeployment, nextComputeStep } from "../../scripts/lib/app-deploy-states";
import { MalformedResponseError } from "../../scripts/lib/run-states";

describe("deploy-app: compute steps", () => {
    it("deploys on ACTIVE, starts a STOPPED compute, waits through transitions", () => {
        assert.deepEqual(nextComputeStep("ACTIVE", undefined, false), { kind: "ready" });
        assert.deepEqual(nextComputeStep("ACTIVE", undefined, true), { kind: "ready" });
        assert.deepEqual(nextComputeStep("STOPPED", undefined, false), { kind: "start" });
        for (const state of ["STARTING", "UPDATING", "STOPPING"]) {
            assert.deepEqual(nextComputeStep(state, undefined, false), { kind: "wait" }, state);
            assert.deepEqual(nextComputeStep(state, undefined, true), { kind: "wait" }, state);
        }
    });

    it("never asks for a second start", () => {
        assert.deepEqual(nextComputeStep("STOPPED", "quota exceeded", true), { kind: "failed", reason: "compute is STOPPED again after it was started: quota exceeded" });
    });

    it("fails on ERROR and DELETING with the compute's message", () => {
        assert.deepEqual(nextComputeStep("ERROR", "crash loop", false), { kind: "failed", reason: "compute is in ERROR: crash loop" });
        assert.deepEqual(nextComputeStep("DELETING", undefined, false), { kind: "failed", reason: "the app is being deleted" });
    });

    it("treats any state it does not know as a malformed response, never as 'wait'", () => {
        const known = new Set(["ACTIVE", "STOPPED", "STARTING", "UPDATING", "STOPPING", "ERROR", "DELETING"]);
        fc.assert(
            fc.property(fc.string().filter((s) => !known.has(s)), fc.boolean(), (state, started) => {
                assert.throws(() => nextComputeStep(state, undefined, started), (error: unknown) => error instanceof MalformedResponseError && error.message.includes(`"${state}"`));
            }),
        );
    });
});

describe("deploy-app: deployment verdicts", () => {
    it("waits on IN_PROGRESS and succeeds only on SUCCEEDED", () => {
        assert.deepEqual(judgeDeployment("IN_PROGRESS", "Installing packages"), { kind: "pending" });
        assert.deepEqual(judgeDeployment("SUCCEEDED", undefined), { kind: "succeeded" });
    });

    it("fails on FAILED and CANCELLED with the status message, or says there was none", () => {
        assert.deepEqual(judgeDeployment("FAILED", "ModuleNotFoundError: pandas"), { kind: "failed", reason: "FAILED: ModuleNotFoundError: pandas" });
        assert.deepEqual(judgeDeployment("CANCELLED", undefined), { kind: "failed", reason: "CANCELLED: (the deployment reported no status message)" });
    });

    it("rejects an unknown deployment state, listing the known ones", () => {
        assert.throws(() => judgeDeployment("succeeded", undefined), /unknown deployment status.state "succeeded"; expected one of IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED/);
    });
});
