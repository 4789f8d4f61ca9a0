import * as assert from "assert";
import { ConfigReader, STACK_ENV, tokenFromStack } from "../../scripts/lib/stack-credentials";
import { createWorkspaceClient } from "../../scripts/lib/databricks-client";

/** A stand-in for `pulumi config get` that records what it was asked and answers as the CLI does. */
function cli(answer: ReturnType<ConfigReader>): { reader: ConfigReader; calls: string[][] } {
    const calls: string[][] = [];
    return { reader: (args) => (calls.push([...args]), answer), calls };
}

const NOT_FOUND = "error: configuration key 'databricks:token' not found for stack 'dev'\n";

describe("scripts: credentials from the stack", () => {
    it("asks the CLI for the named stack's databricks:token and returns it", () => {
        const { reader, calls } = cli({ status: 0, stdout: "dapi-from-stack\n", stderr: "" });
        assert.strictEqual(tokenFromStack({ [STACK_ENV]: "pr-17" }, reader), "dapi-from-stack");
        assert.deepStrictEqual(calls, [["config", "get", "databricks:token", "--stack", "pr-17"]]);
    });

    it("asks nothing when no stack is named (a script run by hand uses unified auth)", () => {
        const { reader, calls } = cli({ status: 0, stdout: "x", stderr: "" });
        assert.strictEqual(tokenFromStack({}, reader), undefined);
        assert.strictEqual(calls.length, 0);
    });

    it("treats a stack without the key as 'no token', so unified auth applies", () => {
        assert.strictEqual(tokenFromStack({ [STACK_ENV]: "dev" }, cli({ status: 255, stdout: "", stderr: NOT_FOUND }).reader), undefined);
    });

    it("fails on any other CLI error instead of falling back to another identity, naming the command and what it said", () => {
        const wrongPassphrase = cli({ status: 255, stdout: "", stderr: "error: incorrect passphrase\n" }).reader;
        assert.throws(() => tokenFromStack({ [STACK_ENV]: "dev" }, wrongPassphrase), /pulumi config get databricks:token --stack dev` exited 255: error: incorrect passphrase/);
        const missingCli = cli({ status: null, stdout: "", stderr: "", error: new Error("spawn pulumi ENOENT") }).reader;
        assert.throws(() => tokenFromStack({ [STACK_ENV]: "dev" }, missingCli), /could not start: spawn pulumi ENOENT/);
    });

    it("gives the workspace client the stack's token, and an explicit token wins over it", async () => {
        const fromStack = createWorkspaceClient({
            host: "https://example.cloud.databricks.com",
            env: { [STACK_ENV]: "dev" },
            readStackConfig: cli({ status: 0, stdout: "dapi-from-stack", stderr: "" }).reader,
            config: { configFile: "/nonexistent/.databrickscfg" },
        });
        assert.strictEqual(fromStack.config.token, "dapi-from-stack");
        const { reader, calls } = cli({ status: 0, stdout: "dapi-from-stack", stderr: "" });
        const explicit = createWorkspaceClient({ host: "https://example.cloud.databricks.com", env: { [STACK_ENV]: "dev" }, readStackConfig: reader, config: { token: "dapi-explicit" } });
        assert.strictEqual(explicit.config.token, "dapi-explicit");
        assert.strictEqual(calls.length, 0);
    });
});
