/**
 * Turning a job run's or pipeline update's reported state into "keep waiting", "succeeded" or
 * "failed because …". Pure; unknown states are errors, not "pending", so an API change cannot turn
 * the runner into an endless wait.
 */

export type Verdict =
    | { readonly kind: "pending" }
    | { readonly kind: "succeeded" }
    | { readonly kind: "failed"; readonly reason: string };

export class MalformedResponseError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "MalformedResponseError";
    }
}

export interface JobRunState {
    readonly life_cycle_state: string;
    readonly result_state?: string;
    readonly state_message?: string;
}

const pendingLifeCycleStates = ["PENDING", "QUEUED", "RUNNING", "TERMINATING", "BLOCKED", "WAITING_FOR_RETRY"];
const failedLifeCycleStates = ["SKIPPED", "INTERNAL_ERROR"];

export function judgeJobRun(state: JobRunState): Verdict {
    const lifeCycle = state.life_cycle_state;
    const detail = state.state_message ? `: ${state.state_message}` : "";
    if (pendingLifeCycleStates.includes(lifeCycle)) return { kind: "pending" };
    if (failedLifeCycleStates.includes(lifeCycle)) return { kind: "failed", reason: `${lifeCycle}${detail}` };
    if (lifeCycle !== "TERMINATED") {
        throw new MalformedResponseError(
            `unknown life_cycle_state "${lifeCycle}"; expected one of ${[...pendingLifeCycleStates, "TERMINATED", ...failedLifeCycleStates].join(", ")}`,
        );
    }
    if (state.result_state === undefined) {
        throw new MalformedResponseError("run is TERMINATED but has no result_state");
    }
    // SUCCESS_WITH_FAILURES means some task failed; the deployment must not treat it as done.
    if (state.result_state === "SUCCESS") return { kind: "succeeded" };
    return { kind: "failed", reason: `${state.result_state}${detail}` };
}

const pendingUpdateStates = [
    "QUEUED",
    "CREATED",
    "WAITING_FOR_RESOURCES",
    "INITIALIZING",
    "RESETTING",
    "SETTING_UP_TABLES",
    "RUNNING",
    "STOPPING",
];
const failedUpdateStates = ["FAILED", "CANCELED"];

export function judgePipelineUpdate(state: string): Verdict {
    if (pendingUpdateStates.includes(state)) return { kind: "pending" };
    if (state === "COMPLETED") return { kind: "succeeded" };
    if (failedUpdateStates.includes(state)) return { kind: "failed", reason: state };
    throw new MalformedResponseError(
        `unknown pipeline update state "${state}"; expected one of ${[...pendingUpdateStates, "COMPLETED", ...failedUpdateStates].join(", ")}`,
    );
}
