/**
 * Shapes of `pulumi preview --json` output (the CLI's PreviewDigest), written by hand from the CLI's
 * display code: a clean stack, a drifted one, and a preview that failed part-way.
 */
const JOB_URN = "urn:pulumi:dev::payment-analysis::payment-analysis:data:Jobs$databricks:index/job:Job::gold-views";
const DASHBOARD_URN = "urn:pulumi:dev::payment-analysis::databricks:index/dashboard:Dashboard::executive-overview";

export function digest(overrides: Record<string, unknown> = {}): string {
    return JSON.stringify({ config: {}, steps: [], diagnostics: [], duration: 1, changeSummary: { same: 92 }, ...overrides }, null, 4);
}

export const CLEAN = digest();

export const DRIFTED = digest({
    changeSummary: { same: 90, update: 1, create: 1 },
    steps: [
        {
            op: "update",
            urn: JOB_URN,
            diffReasons: ["timeoutSeconds"],
            detailedDiff: { timeoutSeconds: { kind: "update", inputDiff: true }, "tasks[0].notebookTask.baseParameters.schema": { kind: "update", inputDiff: true } },
            oldState: { inputs: { timeoutSeconds: 7200, tasks: [{ notebookTask: { baseParameters: { schema: "changed_by_hand" } } }] } },
            newState: { inputs: { timeoutSeconds: 3600, tasks: [{ notebookTask: { baseParameters: { schema: "payment_analysis_dev" } } }] } },
        },
        {
            op: "create",
            urn: DASHBOARD_URN,
            newState: { inputs: { serializedDashboard: `{"pages":[${"{}".repeat(200)}]}` } },
        },
    ],
});

export const FAILED = digest({
    changeSummary: {},
    diagnostics: [
        { message: "warning: a deprecation\n", severity: "warning" },
        { urn: JOB_URN, message: "error: cannot read job: default auth: cannot configure default credentials\n", severity: "error" },
    ],
});

/** What a drifted preview looks like when the CLI also records the --expect-no-changes failure. */
export const DRIFTED_WITH_EXPECTATION_ERROR = digest({
    changeSummary: { same: 91, update: 1 },
    steps: [{ op: "update", urn: JOB_URN, diffReasons: ["timeoutSeconds"] }],
    diagnostics: [{ message: "error: no changes were expected but changes were proposed\n", severity: "error" }],
});
