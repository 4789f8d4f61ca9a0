import * as assert from "assert";
import { requiredTags } from "../../policy/required-tags";
import { Environment, jobProps, pipelineProps, servingProps, TYPES, warehouseProps } from "./fixtures";
import { runPolicy, UNKNOWN } from "./harness";

type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures mutate nested provider inputs of many shapes

// One row per tag shape: where the tags live and how to drop or replace one.
const shapes: ReadonlyArray<{
    label: string;
    type: string;
    props: (environment: Environment) => Props;
    setTag: (props: Props, key: string, value: string | undefined) => void;
}> = [
    {
        label: "job (tags map)", type: TYPES.job, props: jobProps,
        setTag: (p, key, value) => { if (value === undefined) { delete p.tags[key]; } else { p.tags[key] = value; } },
    },
    {
        label: "pipeline (tags map)", type: TYPES.pipeline, props: pipelineProps,
        setTag: (p, key, value) => { if (value === undefined) { delete p.tags[key]; } else { p.tags[key] = value; } },
    },
    {
        label: "warehouse (tags.customTags list)", type: TYPES.warehouse, props: warehouseProps,
        setTag: (p, key, value) => { p.tags.customTags = setInList(p.tags.customTags, key, value); },
    },
    {
        label: "serving endpoint (tags list)", type: TYPES.serving, props: servingProps,
        setTag: (p, key, value) => { p.tags = setInList(p.tags, key, value); },
    },
    {
        label: "Lakebase project (spec.customTags list)", type: TYPES.postgresProject,
        props: (environment) => ({ projectId: `payment-analysis-${environment}`, spec: { pgVersion: 17, customTags: [{ key: "project", value: "payment-analysis" }, { key: "environment", value: environment }] } }),
        setTag: (p, key, value) => { p.spec.customTags = setInList(p.spec.customTags, key, value); },
    },
];

function setInList(list: Array<{ key: string; value?: string }>, key: string, value: string | undefined) {
    const others = list.filter((tag) => tag.key !== key);
    return value === undefined ? others : [...others, { key, value }];
}

describe("policy required-tags", () => {
    for (const shape of shapes) {
        describe(shape.label, () => {
            const run = (stack: Environment | "pr-42", mutate: (p: Props) => void = () => undefined) => {
                const props = shape.props(stack === "prod" ? "prod" : "dev");
                mutate(props);
                return runPolicy(requiredTags, { type: shape.type, stack, props });
            };

            it("passes with project and environment tags", async () => {
                assert.deepStrictEqual((await run("dev")).violations, []);
                assert.deepStrictEqual((await run("prod")).violations, []);
            });

            for (const key of ["project", "environment"]) {
                it(`rejects a missing ${key} tag`, async () => {
                    const { violations } = await run("dev", (p) => shape.setTag(p, key, undefined));
                    assert.strictEqual(violations.length, 1);
                    assert.match(violations[0], new RegExp(`"${key}" is missing or empty`));
                });
            }

            it("rejects an empty project tag", async () => {
                assert.strictEqual((await run("dev", (p) => shape.setTag(p, "project", " "))).violations.length, 1);
            });

            it("rejects an environment tag that differs from the stack's configured environment", async () => {
                const prodMislabelled = await run("prod", (p) => shape.setTag(p, "environment", "dev"));
                assert.strictEqual(prodMislabelled.violations.length, 1);
                assert.match(prodMislabelled.violations[0], /Tag "environment" is "dev" but the stack's environment is "prod"/);
                const devClaimsProd = await run("pr-42", (p) => shape.setTag(p, "environment", "prod"));
                assert.strictEqual(devClaimsProd.violations.length, 1);
                assert.match(devClaimsProd.violations[0], /is "prod" but the stack's environment is "dev"/);
            });
        });
    }

    it("rejects a resource with no tag input set at all, naming where tags go", async () => {
        const props = warehouseProps("dev");
        delete props.tags;
        const { violations } = await runPolicy(requiredTags, { type: TYPES.warehouse, stack: "dev", props });
        assert.strictEqual(violations.length, 2);
        assert.ok(violations.every((v) => v.includes("tags.customTags")));
    });

    it("treats unknown tags as unknown, not as a violation", async () => {
        const props = jobProps("dev");
        props.tags = UNKNOWN.object;
        const outcome = await runPolicy(requiredTags, { type: TYPES.job, stack: "dev", props });
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.unknownDuringPreview ?? "", /tags/);
    });

    it("does not apply to types without a tag input, such as apps", async () => {
        const outcome = await runPolicy(requiredTags, { type: TYPES.app, stack: "dev", props: { name: "payment-analysis-dev" } });
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", /no tag input/);
    });
});
