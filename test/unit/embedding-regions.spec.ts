import * as assert from "assert";
import { DEFAULT_EMBEDDING_ENDPOINT, parseConfig } from "../../components/config";
import table from "../../components/serving/embedding-endpoints-by-region.json";
import {
    EMBEDDING_ENDPOINTS_BY_REGION,
    embeddingEndpointProblem,
    endpointsInEveryRegion,
    KNOWN_REGIONS,
    parseEmbeddingTable,
} from "../../components/serving/embedding-regions";

const copy = (): typeof table => JSON.parse(JSON.stringify(table)) as typeof table;

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

    it("refuses an endpoint the region does not serve, listing the ones it does, and checks nothing without a region", () => {
        assert.strictEqual(embeddingEndpointProblem(undefined, "my-own-embedding-endpoint"), undefined, "without a region nothing can be checked");
        for (const region of ["aws:us-east-1", "aws:us-east-2", "aws:us-west-2", "azure:eastus2"]) {
            assert.strictEqual(embeddingEndpointProblem(region, "databricks-bge-large-en"), undefined, `${region} is a US region: BGE is served there`);
            assert.strictEqual(embeddingEndpointProblem(region, "databricks-gte-large-en"), undefined, region);
        }
        for (const region of ["aws:eu-central-1", "aws:eu-west-1"]) {
            assert.deepStrictEqual(embeddingEndpointProblem(region, "databricks-bge-large-en"), {
                key: "embeddingEndpoint",
                message: `is not served pay-per-token in ${region}; valid endpoints there are databricks-gte-large-en`,
            });
        }
        assert.strictEqual(embeddingEndpointProblem("gcp:nowhere-1", "databricks-gte-large-en")?.key, "cloudRegion");
        assert.match(embeddingEndpointProblem("gcp:nowhere-1", "databricks-gte-large-en")?.message ?? "", /known regions are aws:eu-central-1, .*azure:eastus2 \(leave it unset to skip the check\)/);
    });

    it("refuses the Azure regions served from a paired region's control plane (no Model Serving there), saying why", () => {
        for (const region of ["azure:eastus", "azure:centralus"]) {
            const problem = embeddingEndpointProblem(region, "databricks-gte-large-en");
            assert.strictEqual(problem?.key, "cloudRegion", region);
            assert.match(problem?.message ?? "", /is left out of components\/serving\/embedding-endpoints-by-region\.json: .*paired region.*do not support Model Serving; known regions are /);
        }
    });

    it("refuses, with the reason, the regions the readable docs leave unconfirmed rather than guessing", () => {
        for (const region of ["azure:westus", "azure:northeurope", "azure:westeurope"]) {
            const problem = embeddingEndpointProblem(region, "databricks-gte-large-en");
            assert.strictEqual(problem?.key, "cloudRegion", region);
            assert.match(problem?.message ?? "", new RegExp(`left out .*not confirmed: .*ends before ${region.split(":")[1]}`));
        }
    });

    it("backs every region entry with Databricks doc URLs kept in the file", () => {
        for (const [region, entry] of Object.entries(table.regions)) {
            assert.ok(entry.docs.length > 0, region);
            for (const doc of entry.docs) assert.match((table.docs as Record<string, string>)[doc] ?? "", /^https:\/\/(docs\.databricks\.com|learn\.microsoft\.com)\//, `${region}: ${doc}`);
        }
    });

    it("refuses a table entry without docs, citing a doc the file does not keep, or both listed and left out, naming the file and the key", () => {
        const noDocs = copy();
        (noDocs.regions["aws:us-east-1"] as { docs: string[] }).docs = [];
        assert.throws(() => parseEmbeddingTable(noDocs, "table.json"), /^Error: table\.json: regions\.aws:us-east-1\.docs must cite at least one doc \(a key of docs\)/);

        const unknownDoc = copy();
        unknownDoc.regions["aws:us-east-1"].docs = ["aws-regions", "my-memory"];
        assert.throws(() => parseEmbeddingTable(unknownDoc, "table.json"), /table\.json: regions\["aws:us-east-1"\]\.docs names "my-memory", which docs does not define \(defined: aws-geos, /);

        const both = copy();
        (both.leftOut as Record<string, string>)["aws:us-east-1"] = "unsure";
        assert.throws(() => parseEmbeddingTable(both, "table.json"), /"aws:us-east-1" is both in regions and in leftOut/);

        const notADoc = copy();
        notADoc.docs["aws-regions"] = "https://example.com/regions";
        assert.throws(() => parseEmbeddingTable(notADoc, "table.json"), /docs\.aws-regions must be a https:\/\/docs\.databricks\.com\/ or https:\/\/learn\.microsoft\.com\/ page/);
    });

    it("keeps the table well-formed: <cloud>:<region> keys and databricks- endpoint names", () => {
        const badRegion = copy();
        (badRegion.regions as Record<string, unknown>)["eu-central-1"] = badRegion.regions["aws:eu-central-1"];
        assert.throws(() => parseEmbeddingTable(badRegion, "table.json"), /table\.json: regions key "eu-central-1" must be <cloud>:<region> with cloud aws, azure or gcp/);
        const badEndpoint = copy();
        badEndpoint.regions["aws:eu-west-1"].endpoints = ["gte-large"];
        assert.throws(() => parseEmbeddingTable(badEndpoint, "table.json"), /regions\.aws:eu-west-1\.endpoints\.0 must be a databricks-… endpoint name/);
    });
});
