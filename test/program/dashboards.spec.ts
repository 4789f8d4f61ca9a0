/**
 * Issue 14 item 5: the dashboards are published only after the views they read exist and the schema's
 * grants are in place, so a publish never runs against missing views. Ordering is observed through the
 * dependencies each registered Dashboard resource carries.
 */
import * as assert from "assert";
import { BOOTSTRAP_STEPS } from "../../components/data/bootstrap";
import { Evaluation, evaluateProgram, ofType, RegisteredResource } from "../support/program";

const DASHBOARD = "databricks:index/dashboard:Dashboard";
const COMMAND = "command:local:Command";
const GRANTS_COMPONENT = "payment-analysis:platform:UnityCatalogGrants";

function dashboardsOf(evaluation: Evaluation): RegisteredResource[] {
    const found = ofType(evaluation.resources, DASHBOARD);
    assert.strictEqual(found.length, 13);
    return found;
}

/** The Grants and Grant resources of the one UnityCatalogGrants component. */
function grantResources(evaluation: Evaluation): RegisteredResource[] {
    const components = ofType(evaluation.resources, GRANTS_COMPONENT);
    assert.strictEqual(components.length, 1);
    const children = evaluation.resources.filter((r) => r.parent === components[0].urn && r.custom);
    assert.ok(children.length > 0, "the grants component registered no grant");
    return children;
}

describe("dashboards wait for the gold views and the grants", function () {
    this.timeout(240_000);
    let dev: Evaluation;
    let prod: Evaluation;

    before(async () => {
        dev = await evaluateProgram({ stack: "dev" });
        prod = await evaluateProgram({ stack: "prod" });
    });

    it("in dev, every dashboard depends on the bootstrap's gold-views step", () => {
        const goldViews = ofType(dev.resources, COMMAND).find((c) => c.name === "bootstrap-gold-views");
        assert.ok(goldViews, "dev has no bootstrap-gold-views step");
        for (const dashboard of dashboardsOf(dev)) {
            assert.ok(dashboard.dependencies.includes(goldViews.urn), `${dashboard.name} does not wait for ${goldViews.name}: ${dashboard.dependencies.join(", ")}`);
        }
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`in ${stack}, every dashboard depends on every Unity Catalog grant`, () => {
            const evaluation = stack === "dev" ? dev : prod;
            const grants = grantResources(evaluation);
            for (const dashboard of dashboardsOf(evaluation)) {
                const missing = grants.filter((grant) => !dashboard.dependencies.includes(grant.urn)).map((grant) => grant.name);
                assert.deepStrictEqual(missing, [], `${stack}: ${dashboard.name} does not wait for these grants`);
            }
        });
    }

    it("in prod, which has no bootstrap chain, every dashboard waits for the gold views run of its own once silver has data, and for nothing while it has none", async () => {
        const steps = ofType(prod.resources, COMMAND).filter((c) => BOOTSTRAP_STEPS.some((step) => c.name === `bootstrap-${step}`));
        assert.deepStrictEqual(steps.map((s) => s.name), []);
        const goldViews = ofType(prod.resources, COMMAND).find((c) => c.name === "gold-views-create");
        assert.ok(goldViews, "prod with data has no gold-views-create step");
        for (const dashboard of dashboardsOf(prod)) {
            assert.ok(dashboard.dependencies.includes(goldViews.urn), `${dashboard.name}: ${dashboard.dependencies.join(", ")}`);
        }
        const empty = await evaluateProgram({ stack: "prod", dataReadiness: { ready: false, rows: 0, reason: "no silver yet" } });
        assert.ok(!ofType(empty.resources, COMMAND).some((c) => c.name === "gold-views-create"), "gold views run on an empty prod schema");
        for (const dashboard of dashboardsOf(empty)) {
            assert.ok(!dashboard.dependencies.some((urn) => urn.includes("command:local:Command")), `${dashboard.name}: ${dashboard.dependencies.join(", ")}`);
        }
    });
});
