/**
 * Serverless spend per stack: when the stack's budget policy is on, every resource that runs serverless
 * compute carries its id; when it is off (the default, and so every review stack's), none does.
 */
import * as assert from "assert";
import { BUDGET_POLICY_PATHS } from "../../policy/prod-budget-policy";
import { Evaluation, evaluateProgram, findResource, ofType, RegisteredResource } from "../support/program";

const POLICY = "databricks:index/budgetPolicy:BudgetPolicy";
const SYNCED = "databricks:index/postgresSyncedTable:PostgresSyncedTable";
const CREATED_ID = "budget-policy-policy-id";

/** Every budget policy id a resource carries, wherever its type keeps one. */
function carried(r: RegisteredResource): unknown[] {
    const ids: unknown[] = [];
    const path = BUDGET_POLICY_PATHS[r.type];
    if (path !== undefined) {
        let node: unknown = r.inputs;
        for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
        ids.push(node);
    }
    if (r.type === SYNCED) {
        const spec = r.inputs["spec"] as { newPipelineSpec?: { budgetPolicyId?: unknown } };
        if (spec.newPipelineSpec) ids.push(spec.newPipelineSpec.budgetPolicyId);
    }
    return ids;
}

/** The resources that must carry the policy: all of BUDGET_POLICY_PATHS's types, and the pipeline-creating synced table. */
function attributable(e: Evaluation): RegisteredResource[] {
    return e.resources.filter((r) => carried(r).length > 0);
}

describe("budget policies per stack", function () {
    this.timeout(180_000);
    let dev: Evaluation;
    let created: Evaluation;
    let existing: Evaluation;
    let prod: Evaluation;
    let review: Evaluation;

    before(async () => {
        dev = await evaluateProgram({ stack: "dev" });
        created = await evaluateProgram({ stack: "dev", configOverrides: { "payment-analysis:budgetPolicy": "create", "payment-analysis:accountId": "3c9e1f7a-2b4d-4e6f-8a1c-5d7e9f0b2a4c" } });
        existing = await evaluateProgram({ stack: "dev", configOverrides: { "payment-analysis:budgetPolicy": "7b0e2c44-1d3f-4a5b-8c6d-9e0f1a2b3c4d" } });
        prod = await evaluateProgram({ stack: "prod" });
        review = await evaluateProgram({ stack: "pr-17", config: { "payment-analysis:environment": "dev", "payment-analysis:schema": "payment_analysis_pr_17" } });
    });

    it("covers every kind of serverless workload the stack runs", () => {
        const types = new Set(attributable(created).map((r) => r.type));
        for (const type of [...Object.keys(BUDGET_POLICY_PATHS), SYNCED]) assert.ok(types.has(type), `no ${type} was checked`);
        assert.ok(attributable(created).length >= 24, `only ${attributable(created).length} resources`);
    });

    it("creates one policy per stack through the account provider, tagged with the stack, and every serverless resource carries it", () => {
        for (const e of [created, prod]) {
            const [policy, ...others] = ofType(e.resources, POLICY);
            assert.strictEqual(others.length, 0);
            const stack = e === prod ? "prod" : "dev";
            assert.strictEqual(policy.inputs["policyName"], `payment-analysis-${stack}`);
            assert.ok((policy.inputs["customTags"] as Array<{ key: string; value: string }>).some((t) => t.key === "stack" && t.value === stack));
            assert.match(policy.provider ?? "", /::databricks-account::/);
            const account = findResource(e.resources, "pulumi:providers:databricks", "databricks-account");
            assert.strictEqual(account.inputs["accountId"], "3c9e1f7a-2b4d-4e6f-8a1c-5d7e9f0b2a4c");
            assert.strictEqual(account.inputs["host"], "https://accounts.cloud.databricks.com");
            for (const r of attributable(e)) assert.deepStrictEqual(carried(r), [CREATED_ID], `${r.name} does not carry the stack's policy`);
        }
    });

    it("attaches an existing policy by id, creating none and needing no account provider", () => {
        assert.strictEqual(ofType(existing.resources, POLICY).length, 0);
        assert.ok(!existing.resources.some((r) => r.name === "databricks-account"));
        for (const r of attributable(existing)) assert.deepStrictEqual(carried(r), ["7b0e2c44-1d3f-4a5b-8c6d-9e0f1a2b3c4d"], r.name);
    });

    it("attributes nothing when off: dev by default and every review stack", () => {
        for (const e of [dev, review]) {
            assert.strictEqual(ofType(e.resources, POLICY).length, 0);
            for (const r of attributable(e)) assert.deepStrictEqual(carried(r), [undefined], `${r.name} carries a policy although budgetPolicy is off`);
        }
    });
});
