import * as assert from "assert";
import { servingAiGateway } from "../../policy/serving-ai-gateway";
import { servingProps, TYPES, warehouseProps } from "./fixtures";
import { runPolicy, UNKNOWN } from "./harness";

type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures mutate nested provider inputs of many shapes

function endpoint(mutate: (props: Props) => void = () => undefined) {
    const props = servingProps("prod");
    mutate(props);
    return runPolicy(servingAiGateway, { type: TYPES.serving, stack: "prod", props });
}

describe("policy serving-ai-gateway", () => {
    it("passes an endpoint with a per-user rate limit and usage tracking", async () => {
        assert.deepStrictEqual((await endpoint()).violations, []);
    });

    it("rejects an endpoint without aiGateway", async () => {
        const { violations } = await endpoint((p) => { delete p.aiGateway; });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /aiGateway is not set/);
    });

    it("rejects an empty rate-limit list", async () => {
        const { violations } = await endpoint((p) => { p.aiGateway.rateLimits = []; });
        assert.deepStrictEqual(violations.map((v) => /rateLimits is empty/.test(v)), [true]);
    });

    it("rejects a rate limit that sets neither calls nor tokens", async () => {
        const { violations } = await endpoint((p) => { p.aiGateway.rateLimits.push({ key: "user", renewalPeriod: "minute" }); });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /rateLimits\[1\] limits nothing/);
    });

    it("accepts a token-based rate limit", async () => {
        assert.deepStrictEqual((await endpoint((p) => { p.aiGateway.rateLimits = [{ tokens: 10000, key: "endpoint", renewalPeriod: "minute" }]; })).violations, []);
    });

    it("rejects usage tracking that is off or missing", async () => {
        const off = await endpoint((p) => { p.aiGateway.usageTrackingConfig.enabled = false; });
        assert.strictEqual(off.violations.length, 1);
        assert.match(off.violations[0], /usageTrackingConfig\.enabled is not true/);
        const missing = await endpoint((p) => { delete p.aiGateway.usageTrackingConfig; });
        assert.strictEqual(missing.violations.length, 1);
    });

    it("treats unknown rate limits as unknown, not as a violation", async () => {
        const outcome = await endpoint((p) => { p.aiGateway.rateLimits = UNKNOWN.array; });
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.unknownDuringPreview ?? "", /rateLimits/);
    });

    it("does not apply to warehouses", async () => {
        const outcome = await runPolicy(servingAiGateway, { type: TYPES.warehouse, stack: "prod", props: warehouseProps("prod") });
        assert.deepStrictEqual(outcome.violations, []);
        assert.ok(outcome.notApplicable);
    });
});
