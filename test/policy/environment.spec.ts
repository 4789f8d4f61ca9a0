import * as assert from "assert";
import { isProductionResource, isProductionStack, stackNameFromUrn } from "../../policy/lib/environment";
import { urnFor } from "./harness";

describe("policy environment detection", () => {
    it("reads the stack from a URN, including a resource nested in a component", () => {
        assert.strictEqual(stackNameFromUrn(urnFor("pr-42", "databricks:index/job:Job", "etl")), "pr-42");
        assert.strictEqual(stackNameFromUrn("urn:pulumi:prod::payment-analysis::payment-analysis:data:Jobs$databricks:index/job:Job::etl"), "prod");
    });

    it("rejects a malformed URN, quoting it", () => {
        assert.throws(() => stackNameFromUrn("prod::x"), /"prod::x".*urn:pulumi:<stack>/);
        assert.throws(() => stackNameFromUrn("urn:pulumi:::p::t::n"), /stack segment is empty/);
    });

    it("treats prod, production and their suffixed variants as production", () => {
        for (const stack of ["prod", "production", "prod-eu", "prod_2", "prod.blue", "Prod", "PRODUCTION"]) {
            assert.ok(isProductionStack(stack), stack);
        }
    });

    it("treats every other stack as non-production", () => {
        for (const stack of ["dev", "pr-42", "preprod", "product", "staging", "jdoe-dev"]) {
            assert.ok(!isProductionStack(stack), stack);
        }
    });

    it("decides from the URN of the resource under validation", () => {
        assert.ok(isProductionResource({ urn: urnFor("prod", "databricks:index/job:Job", "x") }));
        assert.ok(!isProductionResource({ urn: urnFor("dev", "databricks:index/job:Job", "x") }));
    });
});
