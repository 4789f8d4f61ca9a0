import * as assert from "assert";
import { ConfigError, parseConfig, projectKeys } from "../../components/config";
import { readStackConfig } from "../support/program";

const devRaw = () => projectKeys(readStackConfig("dev"));
const prodRaw = () => projectKeys(readStackConfig("prod"));

function problemsOf(raw: Record<string, unknown>, stack = "dev"): string[] {
    try {
        parseConfig(raw, stack);
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
        return [...error.problems];
    }
    assert.fail("expected the config to be rejected");
}

describe("stack config", () => {
    it("parses the dev stack file", () => {
        const config = parseConfig(devRaw(), "dev");
        assert.strictEqual(config.environment, "dev");
        assert.strictEqual(config.isProd, false);
        assert.strictEqual(config.schema, "ahs_demo_payment_analysis_dev");
        assert.deepStrictEqual(config.warehouse, { size: "2X-Small", type: "PRO", serverless: true, autoStopMinutes: 10 });
        assert.deepStrictEqual(config.jobCompute, { kind: "serverless" });
        assert.strictEqual(config.pipelineMode, "development");
        assert.strictEqual(config.schedulesPaused, true);
        assert.strictEqual(config.dataBootstrap.enabled, true);
        assert.strictEqual(config.protectData, false);
        assert.strictEqual(config.namePrefix, "[dev] ");
    });

    it("parses the prod stack file with its differences from dev", () => {
        const config = parseConfig(prodRaw(), "prod");
        assert.strictEqual(config.isProd, true);
        assert.strictEqual(config.catalog, "prod_catalog");
        assert.strictEqual(config.pipelineMode, "continuous");
        assert.strictEqual(config.schedulesPaused, false);
        assert.strictEqual(config.dataBootstrap.enabled, false);
        assert.strictEqual(config.protectData, true);
        assert.match(config.access.runAsServicePrincipal ?? "", /^[0-9a-f-]{36}$/);
        assert.deepStrictEqual(config.access.viewerGroups, ["data-analysts"]);
        assert.deepStrictEqual(config.access.managerGroups, ["data-engineers"]);
        assert.strictEqual(config.namePrefix, "[PROD] ");
    });

    it("always tags resources with project and environment, over any configured tag", () => {
        const config = parseConfig({ ...devRaw(), tags: JSON.stringify({ project: "other", team: "payments" }) }, "dev");
        assert.deepStrictEqual(config.tags, { team: "payments", project: "payment-analysis", environment: "dev" });
    });

    it("reads classic job compute only with a node type from config", () => {
        const config = parseConfig({ ...devRaw(), jobCompute: "classic", classicNodeType: "i3.xlarge" }, "dev");
        assert.deepStrictEqual(config.jobCompute, {
            kind: "classic",
            sparkVersion: "15.4.x-scala2.12",
            mlSparkVersion: "15.4.x-cpu-ml-scala2.12",
            nodeType: "i3.xlarge",
            dataSecurityMode: "SINGLE_USER",
        });
    });

    // Each case: an invalid value, the key the message must name, and a word of what is valid.
    const invalid: Array<[string, Record<string, unknown>, string, RegExp, string?]> = [
        ["missing environment", { environment: undefined }, "environment", /dev or prod/],
        ["upper-case environment", { environment: "Dev" }, "environment", /lower-case/],
        ["catalog with a hyphen", { catalog: "my-catalog" }, "catalog", /Unity Catalog identifier/],
        ["missing schema", { schema: undefined }, "schema", /not set/],
        ["schema with spaces", { schema: "my schema" }, "schema", /identifier/],
        ["relative workspace path with slashes", { workspaceFolder: "a/b" }, "workspaceFolder", /\/Workspace/],
        ["unknown warehouse size", { warehouseSize: "Huge" }, "warehouseSize", /2X-Small, X-Small/],
        ["unknown warehouse type", { warehouseType: "SERVERLESS" }, "warehouseType", /PRO, CLASSIC/],
        ["non-boolean serverless flag", { warehouseServerless: "yes" }, "warehouseServerless", /true or false/],
        ["auto-stop of zero (never stop)", { warehouseAutoStopMinutes: "0" }, "warehouseAutoStopMinutes", /at least 5/],
        ["auto-stop too long", { warehouseAutoStopMinutes: "1000" }, "warehouseAutoStopMinutes", /at most 240/],
        ["auto-stop not a number", { warehouseAutoStopMinutes: "ten" }, "warehouseAutoStopMinutes", /whole number/],
        ["short auto-stop on a classic warehouse", { warehouseServerless: "false", warehouseType: "CLASSIC", warehouseAutoStopMinutes: "5" }, "warehouseAutoStopMinutes", /at least 10/],
        ["a warehouse that cannot query the Lakebase catalog", { warehouseServerless: "false" }, "warehouseServerless", /only a serverless SQL warehouse can query/],
        ["serverless CLASSIC warehouse", { warehouseType: "CLASSIC" }, "warehouseType", /must be PRO/],
        ["a Lakebase project name with underscores", { lakebaseProjectName: "payment_db" }, "lakebaseProjectName", /a-z, 0-9 and -/],
        ["a Lakebase project name starting with a digit", { lakebaseProjectName: "2payments" }, "lakebaseProjectName", /start with a lower-case letter/],
        ["a shared Lakebase project id in upper case", { lakebaseSharedProject: "Review-Stacks" }, "lakebaseSharedProject", /existing Lakebase Autoscaling project/],
        ["a Lakebase minimum below half a compute unit", { lakebaseMinCu: "0.25" }, "lakebaseMinCu", /0\.5 to 32 compute units, in steps of 0\.5/],
        ["a Lakebase maximum above 32 compute units", { lakebaseMaxCu: "64" }, "lakebaseMaxCu", /0\.5 to 32 compute units/],
        ["a Lakebase limit off the half-unit steps", { lakebaseMaxCu: "1.3" }, "lakebaseMaxCu", /in steps of 0\.5/],
        ["a Lakebase limit that is not a number", { lakebaseMinCu: "small" }, "lakebaseMinCu", /number/],
        ["a Lakebase maximum below the minimum", { lakebaseMinCu: "4", lakebaseMaxCu: "2" }, "lakebaseMaxCu", /at least lakebaseMinCu \(4\)/],
        ["a Lakebase range wider than 16 compute units", { lakebaseMinCu: "1", lakebaseMaxCu: "18" }, "lakebaseMaxCu", /at most 16 compute units above lakebaseMinCu/],
        ["the retired lakebaseSharedInstance", { lakebaseSharedInstance: "review-db" }, "lakebaseSharedInstance", /no longer a key .*; use lakebaseSharedProject/],
        ["the retired lakebaseInstanceName", { lakebaseInstanceName: "payment-db" }, "lakebaseInstanceName", /no longer a key .*; use lakebaseProjectName/],
        ["the retired lakebaseCapacity", { lakebaseCapacity: "CU_1" }, "lakebaseCapacity", /no longer a key .*; use lakebaseMinCu and lakebaseMaxCu/],
        ["a cloud region without its cloud", { cloudRegion: "eu-central-1" }, "cloudRegion", /<cloud>:<region>, e\.g\. aws:eu-central-1/],
        ["a region the embedding table does not know", { cloudRegion: "aws:mars-north-1" }, "cloudRegion", /known regions are .*aws:eu-central-1/],
        ["a US-only embedding endpoint in an EU region", { cloudRegion: "aws:eu-central-1", embeddingEndpoint: "databricks-bge-large-en" }, "embeddingEndpoint", /not served pay-per-token in aws:eu-central-1; valid endpoints there are databricks-gte-large-en/],
        ["a budget policy that is neither off, create nor an id", { budgetPolicy: "on" }, "budgetPolicy", /off, create .* or the id of an existing budget policy/],
        ["a budget policy to create without the account", { budgetPolicy: "create" }, "accountId", /required when budgetPolicy is create/],
        ["an account id that is not a UUID", { budgetPolicy: "create", accountId: "acme" }, "accountId", /account id \(a UUID\)/],
        ["an account host that is not the account console", { accountHost: "https://dbc-123.cloud.databricks.com" }, "accountHost", /accounts\.cloud\.databricks\.com/],
        ["an approval-rate threshold above 100 %", { alertApprovalRateMinPercent: "120" }, "alertApprovalRateMinPercent", /at most 100/],
        ["a decline spike threshold that is no spike", { alertDeclineSpikePercent: "100" }, "alertDeclineSpikePercent", /at least 101/],
        ["an alert subscriber that is neither an email nor a destination id", { alertSubscribers: JSON.stringify(["oncall"]) }, "alertSubscribers.0", /email or a notification destination id/],
        ["Lakebase database name with a hyphen", { lakebaseDatabaseName: "payment-analysis" }, "lakebaseDatabaseName", /identifier/],
        ["unknown job compute", { jobCompute: "gpu" }, "jobCompute", /serverless, classic/],
        ["classic compute without a node type", { jobCompute: "classic" }, "classicNodeType", /required when jobCompute is classic/],
        ["unknown access mode", { jobCompute: "classic", classicNodeType: "i3.xlarge", classicDataSecurityMode: "NONE" }, "classicDataSecurityMode", /SINGLE_USER/],
        ["malformed runtime key", { classicSparkVersion: "latest" }, "classicSparkVersion", /15\.4\.x-scala2\.12/],
        ["unknown pipeline mode", { pipelineMode: "fast" }, "pipelineMode", /development, triggered, continuous/],
        ["simulator duration past the job timeout", { simulatorDurationMinutes: "90" }, "simulatorDurationMinutes", /at most 50/],
        ["tags given as a list", { tags: JSON.stringify(["a"]) }, "tags", /object of tag name/],
        ["tag key with spaces", { tags: JSON.stringify({ "cost center": "1" }) }, "tags.cost center", /tag keys/],
        ["groups given as a string", { viewerGroups: "data-analysts" }, "viewerGroups", /list of names/],
        ["run-as principal that is not an application id", { runAsServicePrincipal: "payment-analysis-sp" }, "runAsServicePrincipal", /UUID/],
        ["the all-users group as managers", { managerGroups: JSON.stringify(["data-engineers", "users"]) }, "managerGroups.1", /hold every user/],
        ["the account-wide users group as viewers", { viewerGroups: JSON.stringify(["Account Users"]) }, "viewerGroups.0", /hold every user/],
        ["a Git URL with a token in it", { appGitUrl: "https://x-access-token:ghp_abc@github.com/org/repo" }, "appGitUrl", /without credentials/],
        ["a Git URL with a user in it", { appGitUrl: "https://deploy@github.com/org/repo" }, "appGitUrl", /without credentials/],
        ["a plain-http Git URL", { appGitUrl: "http://git.example.com/org/repo" }, "appGitUrl", /https URL/],
        ["a relative workspace folder", { workspaceFolder: "payment-analysis" }, "workspaceFolder", /absolute \/Workspace/],
        ["misspelt key", { warehouseSzie: "Small" }, "warehouseSzie", /not a known key .*; valid keys are .*warehouseSize/],
    ];

    for (const [title, change, key, valid] of invalid) {
        it(`rejects ${title}, naming ${key}`, () => {
            const raw: Record<string, unknown> = { ...devRaw(), ...change };
            for (const [k, v] of Object.entries(change)) if (v === undefined) delete raw[k];
            const problems = problemsOf(raw);
            const mine = problems.filter((p) => p.startsWith(`payment-analysis:${key}:`));
            assert.strictEqual(mine.length, 1, `expected one problem naming payment-analysis:${key}, got:\n${problems.join("\n")}`);
            assert.match(mine[0], valid);
            if (key in change && change[key] !== undefined) assert.ok(mine[0].includes(JSON.stringify(change[key])), `message should show the given value: ${mine[0]}`);
        });
    }

    const prodRules: Array<[string, string, string | undefined, RegExp]> = [
        ["a run-as service principal", "runAsServicePrincipal", undefined, /required in prod/],
        ["viewer groups", "viewerGroups", "[]", /at least one group/],
        ["manager groups", "managerGroups", "[]", /at least one group/],
        ["a production pipeline mode", "pipelineMode", "development", /cannot be development/],
        ["protected data", "protectData", "false", /must be true in prod/],
        ["no simulated bootstrap", "dataBootstrap", "true", /must be false in prod/],
        ["code outside /Workspace/Shared, where every user may change it", "workspaceFolder", "/Workspace/Shared/payment-analysis", /must not be under \/Workspace\/Shared in prod/],
        ["code in no other home than the run-as principal's", "workspaceFolder", "/Workspace/Users/someone@example.com/payment-analysis", /in the run-as service principal's home/],
        ["environment prod on a stack named prod", "environment", "dev", /must be prod on stack "prod"/],
        ["a budget policy for its serverless spend", "budgetPolicy", "off", /must not be off in prod/],
        ["a project of its own rather than a branch of a shared Lakebase project", "lakebaseSharedProject", "review-stacks", /must be unset in prod/],
    ];
    for (const [what, key, value, message] of prodRules) {
        it(`requires ${what} in prod`, () => {
            const raw: Record<string, unknown> = { ...prodRaw() };
            if (value === undefined) delete raw[key];
            else raw[key] = value;
            const problems = problemsOf(raw, "prod");
            assert.ok(problems.some((p) => p.startsWith(`payment-analysis:${key}:`) && message.test(p)), problems.join("\n"));
        });
    }

    it("treats any stack named for production as prod, and no other", () => {
        for (const stack of ["prod-eu", "production", "PROD_2"]) {
            assert.ok(problemsOf(devRaw(), stack).some((p) => p.startsWith("payment-analysis:environment:") && p.includes(`stack "${stack}"`)), stack);
        }
        for (const stack of ["products", "producer-dev", "pr-17", "dev"]) assert.doesNotThrow(() => parseConfig(devRaw(), stack), stack);
    });

    it("reports every bad key in one message", () => {
        const problems = problemsOf({ ...devRaw(), warehouseSize: "Huge", lakebaseCapacity: "CU_3", jobCompute: "classic" });
        const keys = problems.map((p) => p.split(":")[1]).sort();
        assert.deepStrictEqual(keys, ["classicNodeType", "lakebaseCapacity", "warehouseSize"]);
        try {
            parseConfig({ ...devRaw(), warehouseSize: "Huge", lakebaseCapacity: "CU_3" }, "dev");
        } catch (error) {
            assert.match((error as Error).message, /2 problems[\s\S]*warehouseSize[\s\S]*lakebaseCapacity/);
        }
    });

    it("ignores other namespaces such as databricks:host", () => {
        assert.deepStrictEqual(projectKeys({ "databricks:host": "h", "payment-analysis:schema": "s" }), { schema: "s" });
    });
});
