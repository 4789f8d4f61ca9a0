import { strict as assert } from "node:assert";
import fc from "fast-check";
import { renderPlan } from "../../scripts/lib/plan";
import { JOB, SQL_ENDPOINT, STACK, WAREHOUSE_COMPONENT, resource, sampleResources, urnOf } from "./fixtures";

function sectionOf(plan: string, name: string): string {
    const start = plan.indexOf(`### \`${name}\``);
    assert.ok(start >= 0, `no section for ${name} in plan`);
    const next = plan.indexOf("\n### ", start + 1);
    return plan.slice(start, next < 0 ? undefined : next);
}

describe("renderPlan", () => {
    it("counts resources per type and in total", () => {
        const resources = sampleResources();
        const plan = renderPlan(resources, STACK);
        const jobs = resources.filter((r) => r.type === JOB).length;
        assert.match(plan, new RegExp(`\\| \`${JOB}\` \\| resource \\| ${jobs} \\|`));
        assert.match(plan, new RegExp(`\\| \`${WAREHOUSE_COMPONENT}\` \\| component \\| 1 \\|`));
        assert.match(plan, new RegExp(`\\| \\*\\*Total\\*\\* \\| \\| \\*\\*${resources.length}\\*\\* \\|`));
    });

    it("produces the same bytes whatever order the resources were registered in", () => {
        const resources = sampleResources();
        const expected = renderPlan(resources, STACK);
        fc.assert(
            fc.property(fc.shuffledSubarray(resources, { minLength: resources.length }), (shuffled) => {
                assert.equal(renderPlan(shuffled, STACK), expected);
            }),
        );
    });

    it("lists parents before children and siblings by type then name", () => {
        const plan = renderPlan(sampleResources(), STACK);
        const positions = ["job-a", "job-b", "job-c", "warehouse", "warehouse-endpoint"].map((name) => plan.indexOf(`### \`${name}\``));
        assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    });

    it("shows inputs with sorted key paths, parents and dependencies by name", () => {
        const plan = renderPlan(sampleResources(), STACK);
        const jobA = sectionOf(plan, "job-a");
        assert.ok(jobA.indexOf("`tags.alpha`: `\"2\"`") < jobA.indexOf("`tags.zeta`: `\"1\"`"), jobA);
        assert.match(sectionOf(plan, "job-c"), /- Depends on: `job-a`, `job-b`/);
        assert.match(sectionOf(plan, "warehouse-endpoint"), /- Parent: `warehouse`/);
        assert.match(sectionOf(plan, "job-a"), /- Depends on: nothing/);
    });

    it("never prints a secret value", () => {
        const plan = renderPlan(sampleResources(), STACK);
        assert.ok(!plan.includes("dapi-very-secret"), "secret text leaked into the plan");
        assert.match(sectionOf(plan, "job-c"), /`token`: `\[secret\]`/);
    });

    it("cuts long strings but keeps a hash that changes with the content", () => {
        const long = (tail: string) => `{"pages":[${"x".repeat(500)}]${tail}}`;
        const render = (text: string) =>
            sectionOf(renderPlan([resource({ type: "databricks:index/dashboard:Dashboard", name: "d", inputs: { serializedDashboard: text } })], STACK), "d");
        const first = render(long("a"));
        const second = render(long("b"));
        assert.ok(!first.includes("x".repeat(100)), "long value was not shortened");
        assert.match(first, new RegExp(`\\(${long("a").length} chars, sha256:[0-9a-f]{12}\\)`));
        assert.notEqual(first, second);
    });

    it("writes the checkout path as <repo> so plans match on every machine", () => {
        const plan = renderPlan(
            [resource({ type: "databricks:index/notebook:Notebook", name: "nb", inputs: { source: "/home/ci/checkout/notebooks/x.py" } })],
            STACK,
            { repoRoot: "/home/ci/checkout" },
        );
        assert.match(plan, /`source`: `"<repo>\/notebooks\/x.py"`/);
        assert.ok(!plan.includes("/home/ci/checkout"));
    });

    it("disambiguates equal names of different types", () => {
        const job = resource({ type: JOB, name: "etl" });
        const pipeline = resource({ type: "databricks:index/pipeline:Pipeline", name: "etl", dependencies: [job.urn] });
        assert.match(sectionOf(renderPlan([job, pipeline], STACK), "etl` (`databricks:index/pipeline:Pipeline"), /Depends on: `etl \(databricks:Job\)`/);
    });

    it("draws components as subgraphs and leaves out arrows another path implies", () => {
        const plan = renderPlan(sampleResources(), STACK);
        const graph = plan.slice(plan.indexOf("```mermaid"), plan.indexOf("```", plan.indexOf("```mermaid") + 3));
        // Reading order: r0 job-a, r1 job-b, r2 job-c, r3 warehouse, r4 warehouse-endpoint.
        assert.match(graph, /subgraph r3\["warehouse<br\/>payment-analysis:Warehouse"\]\n\s+r4\["warehouse-endpoint<br\/>databricks:SqlEndpoint"\]\n\s+end/);
        assert.match(graph, /r0 --> r1/);
        assert.match(graph, /r1 --> r2/);
        assert.match(graph, /r4 --> r1/);
        assert.doesNotMatch(graph, /r0 --> r2/, "job-a → job-c is implied by job-a → job-b → job-c");
    });

    it("shows unknown preview values as [unknown]", () => {
        const plan = renderPlan([resource({ type: SQL_ENDPOINT, name: "w", inputs: { id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } })], STACK);
        assert.match(plan, /`id`: `\[unknown\]`/);
    });

    describe("rejects inconsistent input, naming the resource", () => {
        it("a parent that was never registered", () => {
            const orphan = resource({ type: JOB, name: "orphan", parent: urnOf(WAREHOUSE_COMPONENT, "ghost") });
            assert.throws(() => renderPlan([orphan], STACK), /orphan names parent .*ghost, which was never registered/);
        });
        it("a dependency that was never registered", () => {
            const job = resource({ type: JOB, name: "j", dependencies: [urnOf(JOB, "missing")] });
            assert.throws(() => renderPlan([job], STACK), /::j depends on .*missing, which was never registered/);
        });
        it("the same URN twice", () => {
            const job = resource({ type: JOB, name: "twice" });
            assert.throws(() => renderPlan([job, job], STACK), /twice is registered twice/);
        });
        it("a malformed URN", () => {
            const job = { ...resource({ type: JOB, name: "j" }), dependencies: ["job-a"] };
            assert.throws(() => renderPlan([job], STACK), /"job-a" is not a Pulumi URN/);
        });
        it("a function among the inputs", () => {
            const job = resource({ type: JOB, name: "j", inputs: { callback: () => 1 } });
            assert.throws(() => renderPlan([job], STACK), /input of type function cannot be shown/);
        });
    });
});
