import * as assert from "node:assert/strict";
import { dataReadinessCli } from "../../scripts/lib/data-readiness-cli";
import { systemClock } from "../../scripts/lib/transport";
import { FakeDatabricks } from "../support/fake-databricks";

const TABLE = "prod_catalog.payments_prod.payments_enriched_silver";
const WAREHOUSE = "[PROD] Payment Analysis Warehouse";
const EXISTS = `/api/2.1/unity-catalog/tables/${TABLE}/exists`;
const fast = { clock: systemClock, poll: { initialDelayMs: 2, maxDelayMs: 10, multiplier: 2 }, timeoutMs: 2_000 };

describe("data-readiness: whether training, serving and the vector index can be declared", () => {
    let fake: FakeDatabricks;
    beforeEach(async () => {
        fake = await FakeDatabricks.start();
    });
    afterEach(async () => {
        await fake.stop();
    });

    async function run(args: string[] = ["--warehouse-name", WAREHOUSE, "--table", TABLE, "--min-rows", "50"], timeoutMs = fast.timeoutMs) {
        let stdout = "";
        let stderr = "";
        const code = await dataReadinessCli(args, { createClient: () => fake.client(), io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, settings: { ...fast, timeoutMs } });
        return { code, stdout, stderr, answer: stdout ? (JSON.parse(stdout) as { ready: boolean; rows?: number; reason: string }) : undefined };
    }

    function workspace(options: { exists: boolean; warehouses?: { id: string; name: string }[]; count?: string }): void {
        fake.setDefault("GET", EXISTS, { body: { table_exists: options.exists } });
        fake.setDefault("GET", "/api/2.0/sql/warehouses", { body: { warehouses: options.warehouses ?? [{ id: "wh-1", name: WAREHOUSE }] } });
        if (options.count !== undefined) {
            fake.setDefault("POST", "/api/2.0/sql/statements", { body: { statement_id: "st-1", status: { state: "SUCCEEDED" }, result: { data_array: [[options.count]] } } });
        }
    }

    it("is not ready while the silver table does not exist, and says so without querying a warehouse", async () => {
        workspace({ exists: false });
        const result = await run();
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.answer?.ready, false);
        assert.match(result.answer?.reason ?? "", /payments_enriched_silver does not exist yet/);
        assert.equal(fake.requestsTo("POST", "/api/2.0/sql/statements").length, 0);
    });

    it("is not ready when the table has fewer rows than training needs, and names both numbers", async () => {
        workspace({ exists: true, count: "12" });
        const result = await run();
        assert.deepEqual(result.answer, { ready: false, rows: 12, reason: `${TABLE} has 12 rows; training needs at least 50` });
    });

    it("is ready at the threshold, counting on the stack's warehouse with a quoted table name", async () => {
        workspace({ exists: true, count: "50", warehouses: [{ id: "wh-other", name: "Someone else's" }, { id: "wh-1", name: WAREHOUSE }] });
        const result = await run();
        assert.equal(result.answer?.ready, true);
        const [sent] = fake.requestsTo("POST", "/api/2.0/sql/statements");
        const body = sent?.body as { warehouse_id: string; statement: string };
        assert.equal(body.warehouse_id, "wh-1");
        assert.equal(body.statement, "SELECT COUNT(*) FROM `prod_catalog`.`payments_prod`.`payments_enriched_silver`");
    });

    it("is not ready when the stack's warehouse does not exist yet (the first deploy)", async () => {
        workspace({ exists: true, warehouses: [{ id: "wh-other", name: "Someone else's" }] });
        const result = await run();
        assert.equal(result.answer?.ready, false);
        assert.match(result.answer?.reason ?? "", /warehouse "\[PROD\] Payment Analysis Warehouse" does not exist yet/);
    });

    it("polls a statement that is still running on a cold warehouse until it succeeds", async () => {
        workspace({ exists: true });
        fake.setDefault("POST", "/api/2.0/sql/statements", { body: { statement_id: "st-9", status: { state: "PENDING" } } });
        fake.enqueue("GET", "/api/2.0/sql/statements/st-9", { body: { statement_id: "st-9", status: { state: "RUNNING" } } });
        fake.setDefault("GET", "/api/2.0/sql/statements/st-9", { body: { statement_id: "st-9", status: { state: "SUCCEEDED" }, result: { data_array: [["900"]] } } });
        const result = await run();
        assert.deepEqual(result.answer, { ready: true, rows: 900, reason: `${TABLE} has 900 rows (at least 50)` });
        assert.equal(fake.requestsTo("GET", "/api/2.0/sql/statements/st-9").length, 2);
    });

    it("fails (exit 1, naming the host) when the count fails, instead of answering 'not ready'", async () => {
        workspace({ exists: true });
        fake.setDefault("POST", "/api/2.0/sql/statements", { body: { statement_id: "st-2", status: { state: "FAILED", error: { message: "PERMISSION_DENIED: no SELECT" } } } });
        const result = await run();
        assert.equal(result.code, 1);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /data-readiness failed on https:\/\/.+: counting the rows of .+ ended FAILED: PERMISSION_DENIED: no SELECT/);
    });

    it("cancels a statement that outlives the deadline and fails", async () => {
        workspace({ exists: true });
        fake.setDefault("POST", "/api/2.0/sql/statements", { body: { statement_id: "st-3", status: { state: "PENDING" } } });
        fake.setDefault("GET", "/api/2.0/sql/statements/st-3", { body: { statement_id: "st-3", status: { state: "RUNNING" } } });
        fake.setDefault("POST", "/api/2.0/sql/statements/st-3/cancel", { body: {} });
        const result = await run(undefined, 50);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /did not finish within 0 s \(last state RUNNING\); cancelled it/);
        assert.equal(fake.requestsTo("POST", "/api/2.0/sql/statements/st-3/cancel").length, 1);
    });

    it("retries a 503 from Unity Catalog and still answers", async () => {
        workspace({ exists: true, count: "75" });
        fake.enqueue("GET", EXISTS, { status: 503, body: { error_code: "TEMPORARILY_UNAVAILABLE", message: "try again" } });
        const result = await run();
        assert.equal(result.answer?.ready, true, result.stderr);
        assert.equal(fake.requestsTo("GET", EXISTS).length, 2);
    });

    it("refuses a table that is not a three-part name, and a non-positive row threshold, naming the flag", async () => {
        const badTable = await run(["--warehouse-name", WAREHOUSE, "--table", "silver", "--min-rows", "50"]);
        assert.equal(badTable.code, 1);
        assert.match(badTable.stderr, /--table must be catalog\.schema\.table, got "silver"/);
        const badRows = await run(["--warehouse-name", WAREHOUSE, "--table", TABLE, "--min-rows", "0"]);
        assert.match(badRows.stderr, /--min-rows must be a positive integer, got "0"/);
        assert.equal(fake.requestsTo("GET", EXISTS).length, 0, "nothing is asked of the workspace on bad input");
    });
});
