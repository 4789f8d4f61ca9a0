/**
 * The pull-request workflow attaches the pictures of the dashboards the pull request changes (issue 14
 * item 6): every dashboard is drawn, the changed ones are found by a diff against the base commit (which
 * needs the full history), and their PNGs are uploaded as one artifact.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { loadWorkflow } from "../workflows/workflow-rules";

interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
    if?: string;
    id?: string;
}

const workflow = loadWorkflow(path.resolve(__dirname, "..", "..", ".github", "workflows", "preview.yml")) as unknown as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: Step[] }>;
};

describe("preview workflow: pictures of the changed dashboards", () => {
    const job = workflow.jobs["dashboard-pictures"];
    const steps = job?.steps ?? [];

    it("runs on pull requests and draws every dashboard", () => {
        assert.ok(job, "preview.yml has no dashboard-pictures job");
        assert.ok("pull_request" in workflow.on);
        assert.ok(steps.some((s) => s.run?.trim() === "npm run dashboards:preview"));
    });

    it("diffs the dashboards against the pull request's base, with the history to do so", () => {
        const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"));
        assert.equal(checkout?.with?.["fetch-depth"], 0);
        const changed = steps.find((s) => s.id === "changed");
        assert.match(changed?.run ?? "", /git diff --name-only "\$BASE_SHA"\.\.\.HEAD -- 'dashboards\/\*\.lvdash\.json'/);
        assert.equal(changed?.env?.BASE_SHA, "${{ github.event.pull_request.base.sha }}");
        assert.match(changed?.run ?? "", /cp "\.tmp\/dashboard-previews\/\$key"\/\*\.png "\.tmp\/changed-dashboard-previews\/\$key\/"/);
    });

    it("uploads the changed dashboards' pictures as an artifact whenever there are any", () => {
        const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
        assert.equal(upload?.with?.path, ".tmp/changed-dashboard-previews/");
        assert.equal(upload?.if, "steps.changed.outputs.count != '0'");
        assert.equal(upload?.with?.["if-no-files-found"], "error");
    });
});
