import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { cliVersionOutsideVersionFile, loadWorkflow, missingReferences, outdatedActions, policyStepsWithoutEnvironment, prodEnvironmentsInPullRequests, PULUMI_VERSION_FILE, unpinnedActions, Workflow } from "./workflow-rules";

const ROOT = path.resolve(__dirname, "..", "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    scripts: Record<string, string>;
};
const files = fs.readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort();

describe("one Pulumi release everywhere", () => {
    it("the version file, the SDK, the CLI launcher and the Go SDK of checks/stack-config name the same release", () => {
        const file = fs.readFileSync(path.join(ROOT, PULUMI_VERSION_FILE), "utf8").trim();
        const goMod = fs.readFileSync(path.join(ROOT, "checks", "stack-config", "go.mod"), "utf8");
        const goSdk = /github\.com\/pulumi\/pulumi\/sdk\/v3 v(\S+)/.exec(goMod)?.[1];
        assert.deepEqual({ sdk: pkg.dependencies["@pulumi/pulumi"], cli: pkg.devDependencies["pulumi"] ?? pkg.dependencies["pulumi"], goSdk }, { sdk: file, cli: file, goSdk: file });
    });
});

describe("workflow rules", () => {
    for (const file of files) {
        describe(file, () => {
            const workflow = loadWorkflow(path.join(WORKFLOWS, file));
            it("pins every action to a release tag or commit", () => assert.deepEqual(unpinnedActions(workflow), []));
            it("installs the Pulumi CLI from the one version file", () => assert.deepEqual(cliVersionOutsideVersionFile(workflow), []));
            it("uses the current major of every action (Node 24 releases)", () => assert.deepEqual(outdatedActions(workflow), []));
            it("never gives pull-request code a prod environment (its principal, state credentials or passphrase)", () => assert.deepEqual(prodEnvironmentsInPullRequests(workflow), []));
            it("refers only to scripts, npm scripts and policy packs that exist", () =>
                assert.deepEqual(missingReferences(workflow, ROOT, Object.keys(pkg.scripts)), []));
            it("gives the policy pack the stack's environment wherever it runs", () => assert.deepEqual(policyStepsWithoutEnvironment(workflow), []));
        });
    }

    describe("reject bad examples", () => {
        const bad: Workflow = {
            env: { PULUMI_VERSION: "3.100.0" },
            jobs: {
                a: {
                    steps: [
                        { uses: "actions/checkout@main" },
                        { uses: "pulumi/actions@v6" },
                        { uses: "actions/setup-node@0123456789abcdef0123456789abcdef01234567" },
                        { run: "npx tsx .github/scripts/nope.ts && npm run no-such-script && npm run --silent no-such-either" },
                        { uses: "pulumi/actions@v6", with: { policyPacks: "policy\nno-such-pack", "pulumi-version": "3.100.0" } },
                    ],
                },
                b: { uses: "./.github/workflows/missing.yml" },
            },
        };
        it("an action on a branch", () => assert.deepEqual(unpinnedActions(bad), ["actions/checkout@main"]));
        it("a CLI release set anywhere but the version file", () =>
            assert.deepEqual(cliVersionOutsideVersionFile(bad), [
                "env PULUMI_VERSION: the CLI release belongs in .pulumi-version only",
                "pulumi/actions@v6: pulumi-version-file is undefined, not .pulumi-version",
                "pulumi/actions@v6: pulumi-version 3.100.0 instead of pulumi-version-file",
            ]));
        it("a prod environment in a pull-request workflow, named, through the matrix, or computed", () =>
            assert.deepEqual(
                prodEnvironmentsInPullRequests({
                    on: { pull_request: { branches: ["main"] } },
                    jobs: {
                        named: { environment: "prod" },
                        matrix: { environment: "${{ matrix.environment }}", strategy: { matrix: { include: [{ stack: "dev", environment: "dev" }, { stack: "prod", environment: "prod-preview" }] } } },
                        computed: { environment: { name: "${{ inputs.target }}" } },
                        fine: { environment: "dev" },
                    },
                }),
                ["named: environment prod in a pull-request workflow", "matrix: environment prod-preview in a pull-request workflow", "computed: environment ${{ inputs.target }} is computed; a pull-request job must name its environment"],
            ));
        it("a prod environment outside pull requests is the deploy's business", () =>
            assert.deepEqual(prodEnvironmentsInPullRequests({ on: { push: { branches: ["main"] } }, jobs: { prod: { environment: "prod" } } }), []));
        it("an action older than its current major, or one nobody has checked", () =>
            assert.deepEqual(outdatedActions({ jobs: { a: { steps: [{ uses: "actions/checkout@v4" }, { uses: "actions/checkout@v7" }, { uses: "someone/else@v1" }] } } }), [
                "actions/checkout@v4: older than v7",
                "someone/else@v1: not in CURRENT_ACTION_MAJORS",
            ]));
        it("a policy pack run without the environment config, or with a config no step writes", () =>
            assert.deepEqual(
                policyStepsWithoutEnvironment({
                    jobs: {
                        a: { steps: [{ uses: "pulumi/actions@v6", with: { policyPacks: "policy" } }] },
                        b: { steps: [{ uses: "pulumi/actions@v6", with: { policyPacks: "policy", policyPackConfigs: "cfg.json" } }, { run: "npm run --silent policy-config -- --stack dev > cfg.json" }] },
                    },
                }),
                ["a: a policy-pack step has no policyPackConfigs", "b: policyPackConfigs cfg.json is not written by an earlier policy-config step"],
            ));
        it("missing scripts, npm scripts, policy packs and reusable workflows", () =>
            assert.deepEqual(missingReferences(bad, ROOT, ["test"]), [
                "script .github/scripts/nope.ts",
                "npm script no-such-script",
                "npm script no-such-either",
                "policy pack no-such-pack",
                "reusable workflow ./.github/workflows/missing.yml",
            ]));
    });
});
