import * as assert from "node:assert/strict";
import { genieSpaceDeleteCli } from "../../scripts/lib/genie-space-delete-cli";
import { FakeDatabricks } from "../support/fake-databricks";

const SPACE = "01f0c0ffee0000000000000000000abc";
const SPACE_PATH = `/api/2.0/genie/spaces/${SPACE}`;
const LAST_SYNC = `Genie space 'Payment Analytics' updated: ${SPACE}\n{"action": "updated", "space_id": "${SPACE}"}\n`;

describe("genie-space:delete: destroying the stack leaves no Genie space behind", () => {
    let fake: FakeDatabricks;
    beforeEach(async () => {
        fake = await FakeDatabricks.start();
    });
    afterEach(async () => {
        await fake.stop();
    });

    async function run(env: NodeJS.ProcessEnv, argv: string[] = []) {
        let stderr = "";
        const code = await genieSpaceDeleteCli(argv, { createClient: () => fake.client(), io: { stdout: () => undefined, stderr: (t) => (stderr += t) }, env });
        return { code, stderr };
    }

    it("deletes the space the last sync reported", async () => {
        fake.setDefault("DELETE", SPACE_PATH, { body: {} });
        const result = await run({ PULUMI_COMMAND_STDOUT: LAST_SYNC });
        assert.equal(result.code, 0, result.stderr);
        assert.equal(fake.requestsTo("DELETE", SPACE_PATH).length, 1);
    });

    it("succeeds when the space is already gone (404)", async () => {
        fake.setDefault("DELETE", SPACE_PATH, { status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "space not found" } });
        const result = await run({ PULUMI_COMMAND_STDOUT: LAST_SYNC });
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /already deleted \(404\)/);
    });

    it("fails, naming the space and the answer, on any other refusal", async () => {
        fake.setDefault("DELETE", SPACE_PATH, { status: 403, body: { error_code: "PERMISSION_DENIED", message: "no CAN_MANAGE on the space" } });
        const result = await run({ PULUMI_COMMAND_STDOUT: LAST_SYNC });
        assert.equal(result.code, 1);
        assert.match(result.stderr, new RegExp(`deleting Genie space ${SPACE} failed: .*no CAN_MANAGE on the space`));
    });

    it("fails without touching the workspace when there is no sync result, or one that names no space", async () => {
        const missing = await run({});
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /PULUMI_COMMAND_STDOUT is not set/);
        const malformed = await run({ PULUMI_COMMAND_STDOUT: "Notebook exited: None\n" });
        assert.equal(malformed.code, 1);
        assert.match(malformed.stderr, /last line of stdout is not JSON .*Notebook exited: None/);
        assert.equal(fake.requests.length, 0);
    });

    it("refuses an unknown option with the usage", async () => {
        const result = await run({ PULUMI_COMMAND_STDOUT: LAST_SYNC }, ["--space", SPACE]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /usage: npm run --silent genie-space:delete/);
    });
});
