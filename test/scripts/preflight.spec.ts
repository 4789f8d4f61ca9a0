import * as assert from "node:assert/strict";
import { preflightCli } from "../../scripts/lib/preflight-cli";
import { REQUIRED_PRIVILEGES } from "../../scripts/lib/preflight";
import { FakeDatabricks, RecordedRequest } from "../support/fake-databricks";
import { readStackConfig } from "../support/program";

const CATALOG = "ahs_demos_catalog";
const effective = (securable: string, name: string) => `/api/2.1/unity-catalog/effective-permissions/${securable}/${name}`;

/** A workspace where `me` belongs to `groups`, and each principal holds the listed privileges. */
function workspace(fake: FakeDatabricks, options: { groups?: string[]; catalogOwner?: string; metastoreOwner?: string; held: Record<string, { catalog?: string[]; metastore?: string[] }> }): void {
    fake.setDefault("GET", "/api/2.0/preview/scim/v2/Me", { body: { id: "1", userName: "deployer@example.com", groups: (options.groups ?? []).map((display) => ({ display })) } });
    fake.setDefault("GET", "/api/2.1/unity-catalog/current-metastore-assignment", { body: { metastore_id: "ms-1", workspace_id: 7 } });
    fake.setDefault("GET", "/api/2.1/unity-catalog/metastores/ms-1", { body: { metastore_id: "ms-1", name: "primary", owner: options.metastoreOwner ?? "metastore-admins" } });
    fake.setDefault("GET", `/api/2.1/unity-catalog/catalogs/${CATALOG}`, { body: { name: CATALOG, owner: options.catalogOwner ?? "platform-team" } });
    const answer = (securable: "catalog" | "metastore") => (request: RecordedRequest) => {
        const principal = request.query["principal"];
        const privileges = options.held[principal]?.[securable] ?? [];
        return { body: { privilege_assignments: privileges.length === 0 ? [] : [{ principal, privileges: privileges.map((privilege) => ({ privilege, inherited_from_type: "METASTORE" })) }] } };
    };
    fake.setDefault("GET", effective("catalog", CATALOG), answer("catalog"));
    fake.setDefault("GET", effective("metastore", "ms-1"), answer("metastore"));
}

describe("preflight: the deployer's privileges, checked before anything is created", () => {
    let fake: FakeDatabricks;
    beforeEach(async () => {
        fake = await FakeDatabricks.start();
    });
    afterEach(async () => {
        await fake.stop();
    });

    async function run(stack = "dev"): Promise<{ code: number; stderr: string }> {
        let stderr = "";
        const code = await preflightCli(["--stack", stack], { createClient: () => fake.client(), io: { stdout: () => undefined, stderr: (t) => (stderr += t) } });
        return { code, stderr };
    }

    it("passes when the identity and its groups together hold every privilege", async () => {
        workspace(fake, { groups: ["data-engineers"], held: { "deployer@example.com": { catalog: ["USE_CATALOG", "CREATE_SCHEMA"] }, "data-engineers": { catalog: ["MANAGE"], metastore: ["CREATE_CATALOG"] } } });
        const result = await run();
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /deployer@example\.com holds every privilege the deployment of dev needs on catalog ahs_demos_catalog/);
    });

    it("lists every missing privilege in one message, naming the securable and what it is for", async () => {
        workspace(fake, { held: { "deployer@example.com": { catalog: ["USE_CATALOG", "CREATE_SCHEMA"] } } });
        const result = await run();
        assert.equal(result.code, 1);
        assert.match(result.stderr, /deployer@example\.com lacks 2 privileges the deployment needs:\n {2}- MANAGE on catalog ahs_demos_catalog: to grant USE_CATALOG to the app[^\n]*\n {2}- CREATE_CATALOG on metastore primary: to create the Unity Catalog catalog of the Lakebase database/);
    });

    it("does not count ALL_PRIVILEGES as MANAGE, which only ownership or an explicit grant gives", async () => {
        workspace(fake, { held: { "deployer@example.com": { catalog: ["ALL_PRIVILEGES"], metastore: ["CREATE_CATALOG"] } } });
        const result = await run();
        assert.equal(result.code, 1);
        assert.match(result.stderr, /lacks 1 privilege[^\n]*\n {2}- MANAGE on catalog/);
    });

    it("takes ownership of the catalog, or being a metastore admin, as holding everything on it", async () => {
        workspace(fake, { groups: ["platform"], catalogOwner: "platform", held: { "deployer@example.com": { metastore: ["CREATE_CATALOG"] } } });
        assert.equal((await run()).code, 0);
        await fake.stop();
        fake = await FakeDatabricks.start();
        workspace(fake, { metastoreOwner: "deployer@example.com", held: {} });
        assert.equal((await run()).code, 0);
        assert.equal(fake.requestsTo("GET", effective("catalog", CATALOG)).length, 0, "an admin needs no permission look-up");
    });

    it("reads the catalog from the stack file: prod checks prod's catalog", async () => {
        const catalog = readStackConfig("prod")["payment-analysis:catalog"];
        workspace(fake, { held: {} });
        const result = await run("prod");
        assert.equal(result.code, 1);
        assert.match(result.stderr, /catalogs\/prod_catalog: HTTP 404/);
        assert.equal(catalog, "prod_catalog");
    });

    it("fails with the API's own words when the workspace cannot answer", async () => {
        fake.setDefault("GET", "/api/2.0/preview/scim/v2/Me", { status: 403, body: { error_code: "PERMISSION_DENIED", message: "token expired" } });
        const result = await run();
        assert.equal(result.code, 1);
        assert.match(result.stderr, /preflight failed: .*scim\/v2\/Me: HTTP 403 PERMISSION_DENIED: token expired/);
    });

    it("asks for exactly the privileges the README lists", () => {
        const readme = require("node:fs").readFileSync(require("node:path").join(__dirname, "..", "..", "README.md"), "utf8") as string;
        const listed = [...readme.matchAll(/`([A-Z_]+)` on the (catalog|metastore)/g)].map((m) => `${m[2]}:${m[1]}`).sort();
        assert.deepEqual(listed, REQUIRED_PRIVILEGES.map((r) => `${r.securable}:${r.privilege}`).sort());
    });
});
