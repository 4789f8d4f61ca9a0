import * as assert from "assert";
import { BUDGET_POLICY_PATHS, prodBudgetPolicy } from "../../policy/prod-budget-policy";
import { BUDGET_POLICY_ID, jobProps, pipelineProps, servingProps, TYPES } from "./fixtures";
import { runPolicy, UNKNOWN } from "./harness";

/** A minimal prod resource of each attributable type carrying the policy where that type keeps it. */
function withPolicy(type: string, id: unknown): Record<string, unknown> {
    const path = BUDGET_POLICY_PATHS[type];
    const props: Record<string, unknown> = {};
    let node = props;
    for (const key of path.slice(0, -1)) node = node[key] = {} as Record<string, unknown>;
    node[path[path.length - 1]] = id;
    return props;
}

describe(`policy ${prodBudgetPolicy.name}`, () => {
    for (const type of Object.keys(BUDGET_POLICY_PATHS)) {
        it(`rejects a prod ${type.split(":").pop()} without a budget policy, naming where it goes, and passes one with it`, async () => {
            const missing = await runPolicy(prodBudgetPolicy, { type, stack: "prod", name: "r", props: {} });
            assert.strictEqual(missing.violations.length, 1);
            assert.match(missing.violations[0], new RegExp(`"r" carries no ${BUDGET_POLICY_PATHS[type].join("\\.")}`));
            assert.deepStrictEqual((await runPolicy(prodBudgetPolicy, { type, stack: "prod", props: withPolicy(type, BUDGET_POLICY_ID) })).violations, []);
            assert.strictEqual((await runPolicy(prodBudgetPolicy, { type, stack: "prod", props: withPolicy(type, "  ") })).violations.length, 1, "a blank id is no policy");
        });
    }

    it("passes the happy prod job, pipeline and endpoint, and leaves dev and review stacks free", async () => {
        for (const [type, props] of [[TYPES.job, jobProps], [TYPES.pipeline, pipelineProps], [TYPES.serving, servingProps]] as const) {
            assert.deepStrictEqual((await runPolicy(prodBudgetPolicy, { type, stack: "prod", props: props("prod") })).violations, []);
            for (const stack of ["dev", "pr-17"]) assert.deepStrictEqual((await runPolicy(prodBudgetPolicy, { type, stack, props: {} })).violations, []);
        }
    });

    it("waits for a policy id that is still unknown in preview instead of failing it", async () => {
        const outcome = await runPolicy(prodBudgetPolicy, { type: TYPES.job, stack: "prod", props: { budgetPolicyId: UNKNOWN.string } });
        assert.deepStrictEqual(outcome.violations, []);
        assert.ok(outcome.unknownDuringPreview, "an unknown id is reported as not checkable during preview");
    });

    it("ignores resources that run no serverless workload", async () => {
        assert.deepStrictEqual((await runPolicy(prodBudgetPolicy, { type: TYPES.warehouse, stack: "prod", props: {} })).violations, []);
    });
});
