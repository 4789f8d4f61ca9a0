import * as assert from "assert";
import { prodStatefulProtected, STATEFUL_TYPES } from "../../policy/prod-stateful-protected";
import { runPolicy } from "./harness";

describe(`policy ${prodStatefulProtected.name}`, () => {
    for (const type of STATEFUL_TYPES) {
        it(`rejects an unprotected prod ${type.split(":").pop()}, naming it, and passes a protected one`, async () => {
            const unprotected = await runPolicy(prodStatefulProtected, { type, stack: "prod", name: "catalog-schema", props: {} });
            assert.strictEqual(unprotected.violations.length, 1);
            assert.match(unprotected.violations[0], /"catalog-schema" holds data but is not protected/);
            assert.deepStrictEqual((await runPolicy(prodStatefulProtected, { type, stack: "prod", props: {}, protect: true })).violations, []);
        });
    }

    it("leaves dev and review stacks free to delete their data", async () => {
        for (const stack of ["dev", "pr-17"]) {
            assert.deepStrictEqual((await runPolicy(prodStatefulProtected, { type: STATEFUL_TYPES[0], stack, props: {} })).violations, []);
        }
    });

    it("ignores resources that hold no data", async () => {
        assert.deepStrictEqual((await runPolicy(prodStatefulProtected, { type: "databricks:index/job:Job", stack: "prod", props: {} })).violations, []);
    });
});
