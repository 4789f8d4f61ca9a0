import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { servingEndpointSpec } from "../../components/serving/model-serving";
import { SERVED_MODELS } from "../../components/serving/models";
import { checkSearchSourceColumns, vectorIndexSpec } from "../../components/serving/vector-search";
import { unwrap } from "../support/program";

describe("serving spec builders", () => {
    const ctx = { endpointName: "risk-scoring-t", catalog: "cat", schema: "sch", entityVersion: "7", tags: { project: "payment-analysis", environment: "t" } };

    it("serves the model's version under a stable entity name with all traffic routed to it", async () => {
        const risk = SERVED_MODELS.find((m) => m.model === "risk_scoring_model")!;
        const spec = servingEndpointSpec(risk, ctx);
        const config = (await unwrap(pulumi.output(spec.config!))) as { servedEntities: Array<Record<string, unknown>>; trafficConfig: { routes: Array<Record<string, unknown>> } };
        const [entity] = config.servedEntities;
        assert.strictEqual(entity["name"], "risk_scoring_model");
        assert.strictEqual(entity["entityName"], "cat.sch.risk_scoring_model");
        assert.strictEqual(entity["entityVersion"], "7");
        assert.strictEqual(entity["workloadSize"], "Small");
        assert.strictEqual(entity["scaleToZeroEnabled"], true);
        assert.deepStrictEqual(config.trafficConfig.routes, [{ servedEntityName: "risk_scoring_model", trafficPercentage: 100 }]);
    });

    it("puts the original's per-user rate limits, usage tracking and inference tables in AI Gateway, without guardrails", async () => {
        const limits = Object.fromEntries(SERVED_MODELS.map((m) => [m.model, m.callsPerUserPerMinute]));
        assert.deepStrictEqual(limits, { approval_propensity_model: 100, risk_scoring_model: 100, smart_routing_policy: 200, smart_retry_policy: 200 });
        for (const model of SERVED_MODELS) {
            const gateway = (await unwrap(pulumi.output(servingEndpointSpec(model, ctx).aiGateway!))) as Record<string, unknown>;
            assert.deepStrictEqual(gateway["rateLimits"], [{ key: "user", calls: model.callsPerUserPerMinute, renewalPeriod: "minute" }]);
            assert.deepStrictEqual(gateway["usageTrackingConfig"], { enabled: true });
            assert.deepStrictEqual(gateway["inferenceTableConfig"], { enabled: true, catalogName: "cat", schemaName: "sch", tableNamePrefix: model.inferenceTablePrefix });
            assert.strictEqual(gateway["guardrails"], undefined);
        }
        const prefixes = SERVED_MODELS.map((m) => m.inferenceTablePrefix);
        assert.strictEqual(new Set(prefixes).size, prefixes.length, "inference table prefixes share one schema, so they must differ");
    });

    it("builds the delta-sync index on the lakehouse search table", async () => {
        const spec = vectorIndexSpec("cat", "sch", "embed", "vs-endpoint");
        assert.strictEqual(await unwrap(pulumi.output(spec.name!)), "cat.sch.similar_transactions_index");
        const delta = (await unwrap(pulumi.output(spec.deltaSyncIndexSpec!))) as Record<string, unknown>;
        assert.strictEqual(delta["sourceTable"], "cat.sch.transaction_summaries_for_search");
        assert.strictEqual(delta["pipelineType"], "CONTINUOUS", "merges after deploy (the lakehouse job's schedule) must reach the index without a sync step");
        assert.deepStrictEqual(delta["embeddingSourceColumns"], [{ name: "summary_text", embeddingModelEndpointName: "embed" }]);
        assert.strictEqual(spec.primaryKey, "transaction_id");
    });

    it("fails when the contract's search table lacks the key or text column", () => {
        assert.doesNotThrow(() => checkSearchSourceColumns(["transaction_id", "summary_text"]));
        assert.throws(() => checkSearchSourceColumns(["transaction_id", "summary"]), /no column summary_text; it has transaction_id, summary/);
    });
});
