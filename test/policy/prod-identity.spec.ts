import * as assert from "assert";
import { prodPipelineNotDevelopment } from "../../policy/prod-no-development-mode";
import { prodJobRunAsServicePrincipal, prodPipelineRunAsServicePrincipal } from "../../policy/prod-run-as-service-principal";
import { jobProps, pipelineProps, TYPES } from "./fixtures";
import { runPolicy, UNKNOWN } from "./harness";

type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures mutate nested provider inputs of many shapes

const runAsCases = [
    { policy: prodJobRunAsServicePrincipal, type: TYPES.job, props: jobProps, kind: "job" },
    { policy: prodPipelineRunAsServicePrincipal, type: TYPES.pipeline, props: pipelineProps, kind: "pipeline" },
];

for (const { policy, type, props: makeProps, kind } of runAsCases) {
    describe(`policy ${policy.name}`, () => {
        const run = (stack: string, mutate: (p: Props) => void = () => undefined) => {
            const props = makeProps(stack === "prod" ? "prod" : "dev");
            mutate(props);
            return runPolicy(policy, { type, stack, props });
        };

        it(`passes a prod ${kind} that runs as a service principal`, async () => {
            assert.deepStrictEqual((await run("prod")).violations, []);
        });

        it(`rejects a prod ${kind} without runAs`, async () => {
            const { violations } = await run("prod", (p) => { delete p.runAs; });
            assert.strictEqual(violations.length, 1);
            assert.match(violations[0], /runAs\.servicePrincipalName.*deploying identity/);
        });

        it(`rejects a prod ${kind} that runs as a user, naming the user`, async () => {
            const { violations } = await run("prod", (p) => { p.runAs = { userName: "jdoe@example.com" }; });
            assert.strictEqual(violations.length, 1);
            assert.match(violations[0], /jdoe@example\.com/);
        });

        it(`rejects an empty service principal name`, async () => {
            assert.strictEqual((await run("production", (p) => { p.runAs = { servicePrincipalName: "" }; })).violations.length, 1);
        });

        it(`leaves non-prod ${kind}s free to run as the deployer`, async () => {
            assert.deepStrictEqual((await run("dev", (p) => { delete p.runAs; })).violations, []);
            assert.deepStrictEqual((await run("pr-42", (p) => { delete p.runAs; })).violations, []);
        });

        it("treats an unknown service principal (an output of another resource) as unknown", async () => {
            const outcome = await run("prod", (p) => { p.runAs = { servicePrincipalName: UNKNOWN.string }; });
            assert.deepStrictEqual(outcome.violations, []);
            assert.match(outcome.unknownDuringPreview ?? "", /servicePrincipalName/);
        });
    });
}

describe("policy prod-pipeline-not-development", () => {
    const run = (stack: string, development: unknown) => {
        const props = pipelineProps(stack === "prod" ? "prod" : "dev");
        props.development = development;
        return runPolicy(prodPipelineNotDevelopment, { type: TYPES.pipeline, stack, props });
    };

    it("passes a prod pipeline with development false or unset", async () => {
        assert.deepStrictEqual((await run("prod", false)).violations, []);
        const props = pipelineProps("prod");
        delete props.development;
        assert.deepStrictEqual((await runPolicy(prodPipelineNotDevelopment, { type: TYPES.pipeline, stack: "prod", props })).violations, []);
    });

    it("rejects a prod pipeline in development mode", async () => {
        const { violations } = await run("prod", true);
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /development: true/);
    });

    it("allows development mode outside prod", async () => {
        assert.deepStrictEqual((await run("dev", true)).violations, []);
    });

    it("treats an unknown development flag as unknown", async () => {
        const outcome = await run("prod", UNKNOWN.boolean);
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.unknownDuringPreview ?? "", /development/);
    });

    it("does not apply to jobs, which have no development mode", async () => {
        const outcome = await runPolicy(prodPipelineNotDevelopment, { type: TYPES.job, stack: "prod", props: jobProps("prod") });
        assert.ok(outcome.notApplicable);
    });
});
