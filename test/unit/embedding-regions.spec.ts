import * as assert from "assert";
import { DEFAULT_EMBEDDING_ENDPOINT, parseConfig } from "../../components/config";
import { EMBEDDING_ENDPOINTS_BY_REGION, embeddingEndpointProblem, endpointsInEveryRegion, KNOWN_REGIONS } from "../../components/serving/embedding-regions";

describe("embedding endpoints by region", () => {
    it("defaults to an endpoint every listed region serves pay-per-token, which the US-only BGE is not", () => {
        for (const region of KNOWN_REGIONS) assert.ok(EMBEDDING_ENDPOINTS_BY_REGION[region].includes(DEFAULT_EMBEDDING_ENDPOINT), region);
        assert.strictEqual(DEFAULT_EMBEDDING_ENDPOINT, "databricks-gte-large-en");
        assert.ok(KNOWN_REGIONS.some((region) => !EMBEDDING_ENDPOINTS_BY_REGION[region].includes("databricks-bge-large-en")), "the table must record BGE's EU gap");
        assert.strictEqual(parseConfig({ environment: "dev", schema: "s" }, "dev").embeddingEndpoint, DEFAULT_EMBEDDING_ENDPOINT);
    });

    it("finds the endpoints common to all regions, and none when two regions share none", () => {
        assert.deepStrictEqual(endpointsInEveryRegion({ "aws:a": ["x", "y"], "aws:b": ["y", "z"] }), ["y"]);
        assert.deepStrictEqual(endpointsInEveryRegion({ "aws:a": ["x"], "aws:b": ["z"] }), []);
        assert.deepStrictEqual(endpointsInEveryRegion({}), []);
    });

    it("checks an endpoint only when the region is known, naming the key at fault", () => {
        assert.strictEqual(embeddingEndpointProblem(undefined, "my-own-embedding-endpoint"), undefined, "without a region nothing can be checked");
        assert.strictEqual(embeddingEndpointProblem("aws:us-east-1", "databricks-bge-large-en"), undefined);
        assert.strictEqual(embeddingEndpointProblem("aws:eu-west-1", "databricks-bge-large-en")?.key, "embeddingEndpoint");
        assert.strictEqual(embeddingEndpointProblem("gcp:nowhere-1", "databricks-gte-large-en")?.key, "cloudRegion");
    });

    it("keeps the table well-formed: <cloud>:<region> keys and databricks- endpoint names", () => {
        for (const [region, endpoints] of Object.entries(EMBEDDING_ENDPOINTS_BY_REGION)) {
            assert.match(region, /^(aws|azure|gcp):[a-z0-9-]+$/);
            assert.ok(endpoints.length > 0, region);
            for (const endpoint of endpoints) assert.match(endpoint, /^databricks-[a-z0-9-]+$/);
        }
    });
});
