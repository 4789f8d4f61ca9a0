import { strict as assert } from "node:assert";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { parseConfig, projectKeys } from "../../components/config";
import { reviewStackConfig, reviewStackFile } from "../../scripts/lib/review-stack";
import { withProjectDefaults } from "../../scripts/lib/stack-file";
import { loadWorkflow } from "./workflow-rules";

const ROOT = path.resolve(__dirname, "..", "..");
const workflow = loadWorkflow(path.join(ROOT, ".github", "workflows", "review-stack.yml")) as unknown as {
    on: { pull_request: { types: string[] } };
    jobs: Record<string, { if: string; concurrency: { group: string; "cancel-in-progress": boolean }; environment: string; steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }> }>;
};

describe("review stacks (pr-<number>)", () => {
    it("deploys on every push of a same-repository pull request and destroys the stack when it closes", () => {
        assert.deepEqual([...workflow.on.pull_request.types].sort(), ["closed", "opened", "reopened", "synchronize"]);
        const { deploy, destroy } = workflow.jobs;
        assert.match(deploy.if, /github\.event\.action != 'closed'/);
        assert.match(destroy.if, /github\.event\.action == 'closed'/);
        for (const job of [deploy, destroy]) {
            assert.match(job.if, /head\.repo\.full_name == github\.repository/, "forks get no secrets and no stack");
            assert.equal(job.environment, "dev", "review stacks live in the dev workspace");
        }
    });

    it("never runs a deploy and a destroy of one pull request at once, and never cancels either half-way", () => {
        const { deploy, destroy } = workflow.jobs;
        assert.equal(deploy.concurrency.group, destroy.concurrency.group);
        assert.match(deploy.concurrency.group, /github\.event\.pull_request\.number/);
        assert.equal(deploy.concurrency["cancel-in-progress"], false);
        assert.equal(destroy.concurrency["cancel-in-progress"], false);
    });

    it("creates the stack on first use, verifies it and comments its outputs; the destroy removes the stack", () => {
        const up = workflow.jobs.deploy.steps.find((s) => s.with?.command === "up");
        assert.equal(up?.with?.upsert, true);
        const runs = workflow.jobs.deploy.steps.map((s) => s.run ?? "").join("\n");
        assert.match(runs, /npm run --silent review-stack -- --pr "\$PR"/);
        assert.match(runs, /npm run verify -- --stack "\$STACK"/);
        assert.match(runs, /pulumi stack output --json --stack "\$STACK"/);
        const destroyStep = workflow.jobs.destroy.steps.find((s) => s.with?.command === "destroy");
        assert.equal(destroyStep?.with?.remove, true);
    });

    it("writes a stack file the program accepts: dev's environment, a schema of its own, the shared Lakebase project", () => {
        const file = parseYaml(reviewStackFile(17, "review-stacks")) as { config: Record<string, string> };
        const config = parseConfig(projectKeys(withProjectDefaults(file.config, ROOT)), "pr-17");
        assert.equal(config.environment, "dev");
        assert.equal(config.schema, "payment_analysis_pr_17");
        assert.deepEqual(config.lakebase.project, { kind: "shared", id: "review-stacks" });
        assert.notEqual(reviewStackConfig(18)["payment-analysis:schema"], config.schema);
        assert.equal(reviewStackConfig(18)["payment-analysis:lakebaseSharedProject"], undefined, "without a shared project the stack creates its own");
    });

    it("refuses a bad pull request number or project id before writing anything", () => {
        assert.throws(() => reviewStackConfig(0), /positive integer/);
        assert.throws(() => reviewStackConfig(17, "Review_DB"), /lakebaseSharedProject/);
    });
});

describe("deploy gate (pulumi-up.yml)", () => {
    const deploy = loadWorkflow(path.join(ROOT, ".github", "workflows", "pulumi-up.yml")) as unknown as {
        jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    };
    const pulumiSteps = Object.values(deploy.jobs).flatMap((job) => job.steps).filter((step) => step.uses?.startsWith("pulumi/actions@"));

    it("creates the stack on its first deploy", () => {
        const up = pulumiSteps.find((step) => step.with?.command === "up");
        assert.equal(up?.with?.upsert, true);
    });

    it("follows the deploy with a refreshed preview that must show no change, as drift detection runs it", () => {
        const gate = pulumiSteps.find((step) => step.with?.command === "preview");
        assert.equal(gate?.with?.["expect-no-changes"], true);
        assert.equal(gate?.with?.refresh, true);
    });
});
