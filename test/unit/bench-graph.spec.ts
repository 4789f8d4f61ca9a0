import * as assert from "assert";
import { criticalPath } from "../../scripts/lib/bench-graph";

describe("critical path of a dependency graph", () => {
    it("takes the longest chain, not the sum, when branches run in parallel", () => {
        const result = criticalPath([
            { id: "warehouse", minutes: 1, dependsOn: [] },
            { id: "train", minutes: 12, dependsOn: ["warehouse"] },
            { id: "lakebase", minutes: 5, dependsOn: [] },
            { id: "serve", minutes: 10, dependsOn: ["train", "lakebase"] },
        ]);
        assert.strictEqual(result.totalMinutes, 23);
        assert.deepStrictEqual(result.path, ["warehouse", "train", "serve"]);
        assert.strictEqual(result.serialMinutes, 28);
    });

    it("fails on a dependency that was never registered and on a cycle", () => {
        assert.throws(() => criticalPath([{ id: "a", minutes: 1, dependsOn: ["ghost"] }]), /ghost is a dependency but was never registered/);
        assert.throws(
            () => criticalPath([{ id: "a", minutes: 1, dependsOn: ["b"] }, { id: "b", minutes: 1, dependsOn: ["a"] }]),
            /dependency cycle/,
        );
    });
});
