import * as assert from "assert";
import { configuredEnvironment, isProductionResource } from "../../policy/lib/environment";
import { policies } from "../../policy/policies";
import { policyConfigFor } from "../../scripts/lib/policy-config";
import { TYPES, jobProps } from "./fixtures";
import { runPolicy } from "./harness";

const withConfig = (config: object) => ({ getConfig: <T extends object>() => config as T });

describe("policy: what counts as production", () => {
    it("decides from the environment in the policy config, never from the stack name", () => {
        assert.ok(isProductionResource(withConfig({ environment: "prod" })));
        assert.ok(!isProductionResource(withConfig({ environment: "dev" })));
    });

    it("fails closed when the config has no environment, saying how to produce it", () => {
        assert.throws(() => configuredEnvironment(withConfig({})), /policy config has no `environment`: run `npm run --silent policy-config -- --stack <name>/);
    });

    it("treats a prod stack with another name as prod, and a stack named prod that says dev as dev (the program refuses that config)", async () => {
        const unattended = jobProps("prod");
        delete unattended.runAs;
        const liveStack = await runPolicy(policies.find((p) => p.name === "prod-job-run-as-service-principal")!, {
            type: TYPES.job, stack: "live", props: unattended, config: { environment: "prod" },
        });
        assert.strictEqual(liveStack.violations.length, 1);
    });

    it("writes a config that names the environment for exactly the policies that need it", () => {
        const config = policyConfigFor("prod");
        const needing = policies.filter((p) => p.configSchema?.required?.includes("environment")).map((p) => p.name).sort();
        assert.ok(needing.length >= 5, needing.join(", "));
        assert.deepStrictEqual(Object.keys(config).sort(), needing);
        for (const name of needing) assert.deepStrictEqual(config[name], { environment: "prod" });
    });
});
