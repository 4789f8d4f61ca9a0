import * as assert from "assert";
import * as fc from "fast-check";
import { DEFAULT_MAX_AUTO_STOP_MINUTES, maxAutoStopMinutesFrom, warehouseAutoStop } from "../../policy/warehouse-auto-stop";
import { jobProps, TYPES, warehouseProps } from "./fixtures";
import { runPolicy, UNKNOWN } from "./harness";

function warehouse(mutate: (props: Record<string, unknown>) => void = () => undefined, config?: Record<string, unknown>) {
    const props = warehouseProps("dev");
    mutate(props);
    return runPolicy(warehouseAutoStop, { type: TYPES.warehouse, stack: "dev", props, config });
}

describe("policy warehouse-auto-stop", () => {
    it("passes a warehouse that stops after 10 idle minutes", async () => {
        assert.deepStrictEqual((await warehouse()).violations, []);
    });

    it("rejects autoStopMins 0, which means never stop", async () => {
        const { violations } = await warehouse((p) => { p.autoStopMins = 0; });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /never stops/);
    });

    it("rejects a missing autoStopMins, because the API default is 120 minutes", async () => {
        const { violations } = await warehouse((p) => { delete p.autoStopMins; });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /not set.*120/);
    });

    it("accepts the default bound exactly and rejects one minute more", async () => {
        assert.deepStrictEqual((await warehouse((p) => { p.autoStopMins = DEFAULT_MAX_AUTO_STOP_MINUTES; })).violations, []);
        const { violations } = await warehouse((p) => { p.autoStopMins = DEFAULT_MAX_AUTO_STOP_MINUTES + 1; });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /above the allowed maximum of 60/);
    });

    it("uses the configured bound instead of the default", async () => {
        const { violations } = await warehouse((p) => { p.autoStopMins = 45; }, { maxAutoStopMinutes: 30 });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /maximum of 30/);
    });

    it("flags exactly the values outside 1..bound, for any bound", async () => {
        await fc.assert(fc.asyncProperty(fc.integer({ min: -5, max: 500 }), fc.integer({ min: 1, max: 240 }), async (minutes, bound) => {
            const { violations } = await warehouse((p) => { p.autoStopMins = minutes; }, { maxAutoStopMinutes: bound });
            assert.strictEqual(violations.length > 0, minutes < 1 || minutes > bound);
        }), { numRuns: 200 });
    });

    it("treats an unknown autoStopMins as unknown, not as a violation", async () => {
        const outcome = await warehouse((p) => { p.autoStopMins = UNKNOWN.number; });
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.unknownDuringPreview ?? "", /autoStopMins/);
    });

    it("does not apply to other resource types", async () => {
        const outcome = await runPolicy(warehouseAutoStop, { type: TYPES.job, stack: "dev", props: jobProps("dev") });
        assert.deepStrictEqual(outcome.violations, []);
        assert.ok(outcome.notApplicable);
    });

    it("rejects a bad bound in the pack config, naming the key and the valid range", () => {
        for (const bad of [0, -1, 1.5, "60"]) {
            assert.throws(() => maxAutoStopMinutesFrom({ maxAutoStopMinutes: bad }), /warehouse-auto-stop\.maxAutoStopMinutes.*integer of at least 1/);
        }
        assert.strictEqual(maxAutoStopMinutesFrom({}), DEFAULT_MAX_AUTO_STOP_MINUTES);
    });
});
