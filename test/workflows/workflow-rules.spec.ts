import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Workflow, loadWorkflow, missingReferences, policyStepsWithoutEnvironment, pulumiVersionMismatch, unpinnedActions } from "./workflow-rules";

const ROOT = path.resolve(__dirname, "..", "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    scripts: Record<string, string>;
};
const files = fs.readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort();

describe("workflow rules", () => {
    for (const file of files) {
        describe(file, () => {
            const workflow = loadWorkflow(path.join(WORKFLOWS, file));
            it("pins every action to a release tag or commit", () => assert.deepEqual(unpinnedActions(workflow), []));
            it("installs the Pulumi CLI release of the SDK", () => assert.equal(pulumiVersionMismatch(workflow, pkg.dependencies["@pulumi/pulumi"]), undefined));
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
                        { uses: "pulumi/actions@v6", with: { policyPacks: "policy\nno-such-pack" } },
                    ],
                },
                b: { uses: "./.github/workflows/missing.yml" },
            },
        };
        it("an action on a branch", () => assert.deepEqual(unpinnedActions(bad), ["actions/checkout@main"]));
        it("a CLI release other than the SDK's", () => assert.match(pulumiVersionMismatch(bad, "3.248.0") ?? "", /PULUMI_VERSION 3.100.0 but @pulumi\/pulumi is 3.248.0/));
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
