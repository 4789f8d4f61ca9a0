import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { EnforcementLevel } from "@pulumi/pulumi/proto/analyzer_pb";
import { policies } from "../../policy/policies";
import { tagInputPath } from "../../policy/lib/tags";
import { jobProps, pipelineProps, servingProps, TYPES, warehouseProps } from "./fixtures";
import { POLICY_PACK_DIR, RunningPolicyPack, startPolicyPack } from "./analyzer-process";
import { runPolicy, UNKNOWN, urnFor } from "./harness";
import { policyConfigFor } from "../../scripts/lib/policy-config";

const happyResources = (environment: "dev" | "prod") => [
    { type: TYPES.warehouse, props: warehouseProps(environment) },
    { type: TYPES.serving, props: servingProps(environment) },
    { type: TYPES.job, props: jobProps(environment) },
    // The program protects prod pipelines (their deletion deletes their tables).
    { type: TYPES.pipeline, props: pipelineProps(environment), protect: environment === "prod" },
];

describe("policy pack", () => {
    it("has unique policy names, all mandatory, each with remediation steps", () => {
        const names = policies.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length);
        for (const policy of policies) {
            assert.strictEqual(policy.enforcementLevel, "mandatory", policy.name);
            assert.ok((policy.remediationSteps ?? "").length > 0, policy.name);
        }
    });

    it("has the files the CLI needs: PulumiPolicy.yaml (nodejs) and a package.json version", () => {
        const project = parse(fs.readFileSync(path.join(POLICY_PACK_DIR, "PulumiPolicy.yaml"), "utf8")) as { runtime?: unknown };
        assert.strictEqual(project.runtime, "nodejs");
        // PolicyPack reads the version from package.json in its working directory and refuses to start without it.
        const manifest = JSON.parse(fs.readFileSync(path.join(POLICY_PACK_DIR, "package.json"), "utf8")) as { version?: string; main?: string };
        assert.match(manifest.version ?? "", /^\d+\.\d+\.\d+$/);
        assert.ok(fs.existsSync(path.join(POLICY_PACK_DIR, manifest.main ?? "index.js")));
    });

    it("resolves its dependencies from the repository root node_modules", () => {
        for (const dependency of ["@pulumi/policy", "@pulumi/databricks", "@pulumi/pulumi"]) {
            assert.ok(require.resolve(dependency, { paths: [POLICY_PACK_DIR] }).startsWith(path.resolve(POLICY_PACK_DIR, "../node_modules")), dependency);
        }
    });

    for (const environment of ["dev", "prod"] as const) {
        it(`lets every happy-path resource through every policy in ${environment}`, async () => {
            for (const resource of happyResources(environment)) {
                for (const policy of policies) {
                    const { violations } = await runPolicy(policy, { ...resource, stack: environment });
                    assert.deepStrictEqual(violations, [], `${policy.name} on ${resource.type}`);
                }
            }
        });
    }

    it("names the known taggable types when asked about another", () => {
        assert.throws(() => tagInputPath(TYPES.app), /"databricks:index\/app:App" has no known tag input; known taggable types: .*Job/);
    });

    describe("booted like `pulumi preview --policy-pack policy`", function () {
        this.timeout(180_000);
        let pack: RunningPolicyPack | undefined;

        before(async () => {
            pack = await startPolicyPack(150_000);
            await pack.configure(policyConfigFor("prod"));
        });
        after(() => pack?.stop());

        const analyze = (type: string, stack: string, props: Record<string, unknown>) => {
            if (pack === undefined) {
                throw new Error("policy pack did not start");
            }
            return pack.analyze({ type, urn: urnFor(stack, type, "subject"), name: "subject", props });
        };

        it("reports nothing for a compliant prod job", async () => {
            assert.deepStrictEqual(await analyze(TYPES.job, "prod", jobProps("prod")), []);
        });

        it("applies prod's rules from the configured environment, whatever the stack is called", async () => {
            const props = jobProps("prod");
            delete props.runAs;
            const diagnostics = await analyze(TYPES.job, "live", props);
            assert.deepStrictEqual(diagnostics.map((d) => d.getPolicyname()), ["prod-job-run-as-service-principal"]);
        });

        it("blocks a warehouse that never stops, as a mandatory violation", async () => {
            const props = warehouseProps("prod");
            props.autoStopMins = 0;
            const diagnostics = await analyze(TYPES.warehouse, "prod", props);
            assert.deepStrictEqual(diagnostics.map((d) => [d.getPolicyname(), d.getEnforcementlevel()]), [["warehouse-auto-stop", EnforcementLevel.MANDATORY]]);
        });

        it("turns an unknown preview value into an advisory note, not a violation", async () => {
            const props = jobProps("prod");
            props.runAs = { servicePrincipalName: UNKNOWN.string };
            const diagnostics = await analyze(TYPES.job, "prod", props);
            assert.strictEqual(diagnostics.length, 1);
            assert.strictEqual(diagnostics[0].getPolicyname(), "prod-job-run-as-service-principal");
            assert.strictEqual(diagnostics[0].getEnforcementlevel(), EnforcementLevel.ADVISORY);
            assert.match(diagnostics[0].getMessage(), /can't be known during preview/);
        });
    });
});
