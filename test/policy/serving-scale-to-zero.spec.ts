import * as assert from "assert";
import { servingScaleToZero } from "../../policy/serving-scale-to-zero";
import { servingProps, TYPES } from "./fixtures";
import { runPolicy, UNKNOWN } from "./harness";

type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures mutate nested provider inputs of many shapes

function endpoint(stack: string, mutate: (props: Props) => void = () => undefined) {
    const props = servingProps(stack === "prod" ? "prod" : "dev");
    mutate(props);
    return runPolicy(servingScaleToZero, { type: TYPES.serving, stack, props });
}

const alwaysOn = (p: Props) => { p.config.servedEntities[0].scaleToZeroEnabled = false; };

describe("policy serving-scale-to-zero", () => {
    it("passes a dev endpoint that scales to zero", async () => {
        assert.deepStrictEqual((await endpoint("dev")).violations, []);
    });

    it("rejects a dev endpoint that stays warm", async () => {
        const { violations } = await endpoint("dev", alwaysOn);
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /servedEntities\[0\]\.scaleToZeroEnabled is not true/);
    });

    it("rejects a dev endpoint that leaves scaleToZeroEnabled unset", async () => {
        const { violations } = await endpoint("dev", (p) => { delete p.config.servedEntities[0].scaleToZeroEnabled; });
        assert.strictEqual(violations.length, 1);
    });

    it("applies to pull-request stacks as well as dev", async () => {
        assert.strictEqual((await endpoint("pr-42", alwaysOn)).violations.length, 1);
    });

    it("rejects a minimum provisioned concurrency above zero", async () => {
        const { violations } = await endpoint("dev", (p) => {
            const entity = p.config.servedEntities[0];
            delete entity.workloadSize;
            entity.minProvisionedConcurrency = 4;
            entity.maxProvisionedConcurrency = 8;
        });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /minProvisionedConcurrency is 4/);
    });

    it("checks legacy servedModels too", async () => {
        const { violations } = await endpoint("dev", (p) => {
            p.config.servedModels = [{ modelName: "m", modelVersion: "1", workloadSize: "Small", scaleToZeroEnabled: false }];
        });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /servedModels\[0\]/);
    });

    it("skips external-model entities, which run no Databricks compute", async () => {
        const outcome = await endpoint("dev", (p) => {
            p.config.servedEntities = [{ name: "llm", externalModel: { name: "gpt-4o", provider: "openai", task: "llm/v1/chat" } }];
        });
        assert.deepStrictEqual(outcome.violations, []);
    });

    it("lets prod endpoints stay warm", async () => {
        assert.deepStrictEqual((await endpoint("prod", alwaysOn)).violations, []);
    });

    it("treats an unknown scale-to-zero flag as unknown, not as a violation", async () => {
        const outcome = await endpoint("dev", (p) => { p.config.servedEntities[0].scaleToZeroEnabled = UNKNOWN.boolean; });
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.unknownDuringPreview ?? "", /scaleToZeroEnabled/);
    });
});
