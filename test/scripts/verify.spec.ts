import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { CommandRunner } from "../../scripts/lib/stack-outputs";
import { systemClock } from "../../scripts/lib/transport";
import { verifyCli } from "../../scripts/lib/verify-cli";
import { closedPort, fakeClient, FakeDatabricks, RecordedRequest } from "../support/fake-databricks";
import { FakeAppPages, startFakeAppPages } from "../support/fake-app-pages";

const outputs = {
    workspaceUrl: "https://fake-workspace.test",
    warehouseId: "wh-0001",
    catalog: "main",
    schema: "payments_dev",
    models: {
        approval_propensity: { fullName: "main.payments_dev.approval_propensity", servedVersion: "3", endpointName: "approval-propensity-dev" },
        risk_scoring: { fullName: "main.payments_dev.risk_scoring", servedVersion: "2", endpointName: "risk-scoring-dev" },
        smart_routing: { fullName: "main.payments_dev.smart_routing_policy", servedVersion: "5", endpointName: "smart-routing-dev" },
        smart_retry: { fullName: "main.payments_dev.smart_retry_policy", servedVersion: "1", endpointName: "smart-retry-dev" },
    },
    dashboards: {
        executive_overview: { id: "01ef-exec", url: "https://fake-workspace.test/dashboardsv3/01ef-exec/published" },
        decline_analysis: { id: "01ef-decl", url: "https://fake-workspace.test/dashboardsv3/01ef-decl/published" },
    },
    appName: "payment-analysis-dev",
};
// warehouse and KPI view, champion and endpoint per model, dashboards, the app, and its six pages.
const expectedChecks = 2 + 4 * 2 + 2 + 1 + 6;
const statements = "/api/2.0/sql/statements";

function succeeded(rows: string[][]): object {
    return { statement_id: "stmt-1", status: { state: "SUCCEEDED" }, result: { data_array: rows } };
}

/** Scripts a workspace in which every check passes; tests then break one thing. */
function scriptHealthyWorkspace(fake: FakeDatabricks, appUrl: string): void {
    fake.setDefault("POST", statements, (request: RecordedRequest) =>
        (request.body as { statement: string }).statement === "SELECT 1" ? { body: succeeded([["1"]]) } : { body: succeeded([["0.93", "1200", "15000000.5"]]) },
    );
    for (const model of Object.values(outputs.models)) {
        fake.setDefault("GET", `/api/2.1/unity-catalog/models/${model.fullName}/aliases/champion`, { body: { model_name: model.fullName, version: Number(model.servedVersion) } });
        fake.setDefault("GET", `/api/2.0/serving-endpoints/${model.endpointName}`, {
            body: {
                name: model.endpointName,
                state: { ready: "READY", config_update: "NOT_UPDATING" },
                config: { served_entities: [{ name: "champion", entity_name: model.fullName, entity_version: model.servedVersion }] },
            },
        });
    }
    for (const dashboard of Object.values(outputs.dashboards)) {
        fake.setDefault("GET", `/api/2.0/lakeview/dashboards/${dashboard.id}/published`, { body: { display_name: `[dev] ${dashboard.id}`, warehouse_id: outputs.warehouseId } });
    }
    fake.setDefault("GET", `/api/2.0/apps/${outputs.appName}`, {
        body: { name: outputs.appName, compute_status: { state: "ACTIVE" }, app_status: { state: "RUNNING" }, url: appUrl },
    });
}

interface CliRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
    readonly hosts: string[];
}

async function runVerify(argv: string[], client: () => WorkspaceClient, runCommand: CommandRunner = async () => JSON.stringify(outputs)): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const hosts: string[] = [];
    const code = await verifyCli(argv, {
        createClient: (host) => {
            hosts.push(host);
            return client();
        },
        runCommand,
        io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
        clock: systemClock,
        settings: { statementTimeoutMs: 2_000, poll: { initialDelayMs: 2, maxDelayMs: 10, multiplier: 2 } },
    });
    return { code, stdout, stderr, hosts };
}

function rowFor(stdout: string, fragment: string): string {
    const row = stdout.split("\n").find((line) => line.includes(fragment));
    assert.ok(row, `no row mentions ${fragment}:\n${stdout}`);
    return row;
}

describe("verify against the fake API", () => {
    let fake: FakeDatabricks;
    let pages: FakeAppPages;
    let outputsFile: string;
    beforeEach(async () => {
        fake = await FakeDatabricks.start();
        pages = await startFakeAppPages();
        scriptHealthyWorkspace(fake, pages.url);
        outputsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verify-spec-")), "outputs.json");
        fs.writeFileSync(outputsFile, JSON.stringify(outputs));
    });
    afterEach(async () => {
        await fake.stop();
        await pages.stop();
        fs.rmSync(path.dirname(outputsFile), { recursive: true, force: true });
    });

    it("passes every check on a healthy deployment and exits 0", async () => {
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 0, result.stdout + result.stderr);
        assert.equal(result.stdout.split("\n").filter((l) => l.startsWith("PASS")).length, expectedChecks, result.stdout);
        assert.match(result.stdout, new RegExp(`all ${expectedChecks} checks passed`));
        assert.deepEqual(result.hosts, [outputs.workspaceUrl]);
        const sent = fake.requestsTo("POST", statements).map((r) => r.body as { statement: string; warehouse_id: string });
        assert.deepEqual(sent.map((s) => s.statement), ["SELECT 1", "SELECT * FROM `main`.`payments_dev`.`v_executive_kpis` LIMIT 1"]);
        assert.ok(sent.every((s) => s.warehouse_id === outputs.warehouseId));
    });

    it("reads the outputs of --stack through `pulumi stack output --json`", async () => {
        const calls: string[][] = [];
        const result = await runVerify(["--stack", "dev"], () => fake.client(), async (command, args) => {
            calls.push([command, ...args]);
            return JSON.stringify(outputs);
        });
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(calls, [["pulumi", "stack", "output", "--json", "--stack", "dev"]]);
    });

    it("fails and names an endpoint that is not READY", async () => {
        const model = outputs.models.risk_scoring;
        fake.setDefault("GET", `/api/2.0/serving-endpoints/${model.endpointName}`, {
            body: { state: { ready: "NOT_READY", config_update: "UPDATE_FAILED" }, config: { served_entities: [{ entity_name: model.fullName, entity_version: "2" }] } },
        });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 1);
        assert.match(rowFor(result.stdout, model.endpointName), /^FAIL .*state\.ready is NOT_READY; the last config update is UPDATE_FAILED/);
        assert.match(result.stdout, new RegExp(`1 of ${expectedChecks} checks failed`));
    });

    it("fails when an endpoint serves another version than the training run produced", async () => {
        const model = outputs.models.approval_propensity;
        fake.setDefault("GET", `/api/2.0/serving-endpoints/${model.endpointName}`, {
            body: { state: { ready: "READY" }, config: { served_entities: [{ entity_name: model.fullName, entity_version: "2" }] } },
        });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 1);
        assert.match(rowFor(result.stdout, model.endpointName), /^FAIL .*serves main\.payments_dev\.approval_propensity v2, but the training run produced v3/);
    });

    it("fails for a model without a champion alias", async () => {
        const model = outputs.models.smart_retry;
        fake.setDefault("GET", `/api/2.1/unity-catalog/models/${model.fullName}/aliases/champion`, {
            status: 404,
            body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "Alias champion not found" },
        });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 1);
        assert.match(rowFor(result.stdout, `(${model.fullName}) has alias champion`), /^FAIL .*HTTP 404 RESOURCE_DOES_NOT_EXIST: Alias champion not found/);
    });

    it("fails for an unpublished dashboard and for one published on another warehouse", async () => {
        fake.setDefault("GET", "/api/2.0/lakeview/dashboards/01ef-exec/published", { status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "not published" } });
        fake.setDefault("GET", "/api/2.0/lakeview/dashboards/01ef-decl/published", { body: { warehouse_id: "wh-other" } });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 1);
        assert.match(rowFor(result.stdout, "dashboard executive_overview"), /^FAIL .*has no published version/);
        assert.match(rowFor(result.stdout, "dashboard decline_analysis"), /^FAIL .*published against warehouse wh-other, but the stack's warehouse is wh-0001/);
    });

    it("fails when the app is not running, with the app's own message", async () => {
        fake.setDefault("GET", `/api/2.0/apps/${outputs.appName}`, {
            body: { compute_status: { state: "ACTIVE" }, app_status: { state: "CRASHED", message: "ModuleNotFoundError: fastapi" } },
        });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 1);
        assert.match(rowFor(result.stdout, `app ${outputs.appName}`), /^FAIL .*compute ACTIVE, app CRASHED \(ModuleNotFoundError: fastapi\)/);
    });

    it("calls each page's API at the app's URL with the workspace credentials", async () => {
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 0, result.stdout);
        assert.deepEqual(pages.requests.map((r) => `${r.method} ${r.path}`), [
            "GET /api/app/dashboard",
            "GET /api/app/rules",
            "POST /api/app/decisions",
            "GET /api/app/models",
            "GET /api/app/setup",
            "GET /api/app/ask",
        ]);
        assert.ok(pages.requests.every((r) => r.authorization === "Bearer dapi-fake-token"));
        assert.match(rowFor(result.stdout, "app page Decisioning"), /^PASS .*POST \/api\/app\/decisions answered 200/);
    });

    it("fails a page whose API answers 500, with the app's message, and one whose body lacks what the page shows", async () => {
        pages.answer("/api/app/setup", 500, { error: "reading the jobs failed unexpectedly; the app's log has the details" });
        pages.answer("/api/app/dashboard", 200, { kpis: null });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 1);
        assert.match(rowFor(result.stdout, "app page Setup & Run"), /^FAIL .*GET \/api\/app\/setup answered 500: reading the jobs failed unexpectedly/);
        assert.match(rowFor(result.stdout, "app page Dashboard"), /^FAIL .*answered 200, but no KPI row: the gold views have no data yet/);
        assert.match(result.stdout, new RegExp(`2 of ${expectedChecks} checks failed`));
    });

    it("fails Setup & Run without the stack's pipelines and Dashboard without its dashboard links: the app did not get their ids", async () => {
        pages.answer("/api/app/setup", 200, { jobs: [{ key: "gold_views" }], pipelines: [] });
        pages.answer("/api/app/dashboard", 200, { kpis: { total_transactions: 10 }, dashboards: [] });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 1);
        assert.match(rowFor(result.stdout, "app page Setup & Run"), /^FAIL .*answered 200, but no pipelines: the app did not get the stack's pipeline ids/);
        assert.match(rowFor(result.stdout, "app page Dashboard"), /^FAIL .*answered 200, but no dashboard links: the app did not get the stack's dashboard ids/);
    });

    it("explains a redirect to the login page (credentials the app does not accept)", async () => {
        pages.answer("/api/app/rules", 302, undefined, { location: "https://login.example/oidc" });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.match(rowFor(result.stdout, "app page Rules"), /^FAIL .*answered 302: redirected to https:\/\/login\.example\/oidc \(the credentials were not accepted; use OAuth/);
    });

    it("does not call the pages when the app is not running", async () => {
        fake.setDefault("GET", `/api/2.0/apps/${outputs.appName}`, { body: { compute_status: { state: "STOPPED" }, app_status: { state: "UNAVAILABLE" } } });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.match(rowFor(result.stdout, "app page Ask"), /^FAIL .*not run: the app is not running or has no URL/);
        assert.equal(pages.requests.length, 0);
    });

    it("waits for a statement that is still running, and fails on an empty KPI view", async () => {
        fake.setDefault("POST", statements, (request: RecordedRequest) =>
            (request.body as { statement: string }).statement === "SELECT 1"
                ? { body: { statement_id: "s-1", status: { state: "PENDING" } } }
                : { body: succeeded([]) },
        );
        fake.enqueue("GET", `${statements}/s-1`, { body: { statement_id: "s-1", status: { state: "RUNNING" } } }, { body: { ...succeeded([["1"]]), statement_id: "s-1" } });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.match(rowFor(result.stdout, "answers SELECT 1"), /^PASS/);
        assert.equal(fake.requestsTo("GET", `${statements}/s-1`).length, 2);
        assert.match(rowFor(result.stdout, "v_executive_kpis"), /^FAIL .*the view is empty/);
    });

    it("reports a failed statement with its error", async () => {
        fake.setDefault("POST", statements, {
            body: { statement_id: "s-2", status: { state: "FAILED", error: { error_code: "BAD_REQUEST", message: "[TABLE_OR_VIEW_NOT_FOUND] v_executive_kpis" } } },
        });
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.match(rowFor(result.stdout, "v_executive_kpis` returns a row"), /^FAIL .*statement FAILED: BAD_REQUEST \[TABLE_OR_VIEW_NOT_FOUND\]/);
    });

    it("fails fast with a clear reason when the workspace is unreachable", async () => {
        const port = await closedPort();
        const started = Date.now();
        const result = await runVerify(["--outputs", outputsFile], () => fakeClient(port));
        assert.equal(result.code, 1);
        assert.ok(Date.now() - started < 5_000, "must not hang");
        const failures = result.stdout.split("\n").filter((l) => l.startsWith("FAIL"));
        assert.equal(failures.length, expectedChecks);
        assert.match(failures[0], /cannot reach the workspace \(ECONNREFUSED/);
        assert.ok(failures.slice(1).every((l) => l.includes("not run: the workspace is unreachable")), result.stdout);
    });

    it("names a missing stack output and runs no check", async () => {
        const { appName: _dropped, ...withoutApp } = outputs;
        fs.writeFileSync(outputsFile, JSON.stringify(withoutApp));
        const result = await runVerify(["--outputs", outputsFile], () => fake.client());
        assert.equal(result.code, 1);
        assert.match(result.stderr, /missing output `appName`/);
        assert.ok(result.stderr.includes(outputsFile));
        assert.equal(fake.requests.length, 0);
    });

    it("explains a missing pulumi CLI and suggests --outputs", async () => {
        const result = await runVerify(["--stack", "dev"], () => fake.client(), async () => {
            throw Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" });
        });
        assert.equal(result.code, 1);
        assert.match(result.stderr, /pulumi CLI is not on PATH; install it, or pass --outputs <file\.json>/);
    });

    it("rejects a command line without exactly one source", async () => {
        for (const argv of [[], ["--stack", "dev", "--outputs", "x.json"]]) {
            const result = await runVerify(argv, () => fake.client());
            assert.equal(result.code, 1);
            assert.match(result.stderr, /give exactly one of --stack or --outputs[\s\S]*usage: npm run verify/);
        }
    });
});
