/**
 * What to do about an app's compute state, and whether a deployment has ended. Pure; unknown states are
 * errors rather than "keep waiting", so an API change cannot turn the deployer into an endless wait.
 */
import { MalformedResponseError, Verdict } from "./run-states";

export type ComputeStep =
    | { readonly kind: "ready" }
    | { readonly kind: "start" }
    | { readonly kind: "wait" }
    | { readonly kind: "failed"; readonly reason: string };

const computeTransitionStates = ["STARTING", "UPDATING", "STOPPING"];
const knownComputeStates = ["ACTIVE", "STOPPED", ...computeTransitionStates, "ERROR", "DELETING"];

/**
 * `startRequested` records that this deployer already asked for a start: a compute that is STOPPED after
 * that did not come up, and asking again would only hide why.
 */
export function nextComputeStep(state: string, message: string | undefined, startRequested: boolean): ComputeStep {
    const detail = message ? `: ${message}` : "";
    switch (state) {
        case "ACTIVE":
            return { kind: "ready" };
        case "STOPPED":
            return startRequested ? { kind: "failed", reason: `compute is STOPPED again after it was started${detail}` } : { kind: "start" };
        case "ERROR":
            return { kind: "failed", reason: `compute is in ERROR${detail}` };
        case "DELETING":
            return { kind: "failed", reason: `the app is being deleted${detail}` };
        default:
            if (computeTransitionStates.includes(state)) return { kind: "wait" };
            throw new MalformedResponseError(`unknown compute_status.state "${state}"; expected one of ${knownComputeStates.join(", ")}`);
    }
}

const deploymentStates = ["IN_PROGRESS", "SUCCEEDED", "FAILED", "CANCELLED"];

export function judgeDeployment(state: string, message: string | undefined): Verdict {
    switch (state) {
        case "IN_PROGRESS":
            return { kind: "pending" };
        case "SUCCEEDED":
            return { kind: "succeeded" };
        case "FAILED":
        case "CANCELLED":
            return { kind: "failed", reason: `${state}: ${message ?? "(the deployment reported no status message)"}` };
        default:
            throw new MalformedResponseError(`unknown deployment status.state "${state}"; expected one of ${deploymentStates.join(", ")}`);
    }
}
