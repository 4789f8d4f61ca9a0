import * as assert from "assert";
import { jobRunCommand, pipelineUpdateCommand, RUN_TOKEN_ENV, RUNNER_STACK_ENV, runnerEnvironment, shellQuote } from "../../components/data/run-step";
import { STACK_ENV } from "../../scripts/lib/stack-credentials";
import { RUN_TOKEN_ENV as SCRIPT_RUN_TOKEN_ENV } from "../../scripts/lib/run-job-cli";
import { parseRunJobArgs } from "../../scripts/lib/run-job-args";

/** Splits the command the way /bin/sh would for the quoting shellQuote produces. */
function shellWords(command: string): string[] {
    const words: string[] = [];
    const pattern = /'((?:[^']|'\\'')*)'|(\S+)/g;
    for (const match of command.matchAll(pattern)) words.push(match[1] !== undefined ? match[1].replace(/'\\''/g, "'") : match[2]);
    return words;
}

describe("run steps", () => {
    it("quotes values that are shell syntax and leaves plain words alone", () => {
        assert.strictEqual(shellQuote("events_per_second=1000"), "events_per_second=1000");
        assert.strictEqual(shellQuote("a b"), "'a b'");
        assert.strictEqual(shellQuote("it's; rm -rf"), `'it'\\''s; rm -rf'`);
    });

    it("builds a runner call the runner's own argument parser accepts, with parameters in sorted order", () => {
        const command = jobRunCommand("42", { events_per_second: "10", duration_minutes: "2 3" }, 75, "my profile");
        const words = shellWords(command);
        assert.deepStrictEqual(words.slice(0, 5), ["npm", "run", "--silent", "run-job", "--"]);
        const parsed = parseRunJobArgs(words.slice(5));
        assert.deepStrictEqual(parsed.target, { kind: "job", jobId: 42, parameters: { duration_minutes: "2 3", events_per_second: "10" } });
        assert.strictEqual(parsed.timeoutMinutes, 75);
        assert.strictEqual(parsed.profile, "my profile");
        assert.ok(command.indexOf("duration_minutes") < command.indexOf("events_per_second"));
        const pipeline = parseRunJobArgs(shellWords(pipelineUpdateCommand("abc-123", 60)).slice(5));
        assert.deepStrictEqual(pipeline.target, { kind: "pipeline", pipelineId: "abc-123", fullRefresh: false });
    });

    it("passes the stack and only the non-secret settings the stack configures, so unified auth covers the rest", () => {
        assert.deepStrictEqual(runnerEnvironment({ stack: "dev" }), { [STACK_ENV]: "dev" });
        const env = runnerEnvironment({ host: "https://h", profile: "p", stack: "pr-17" });
        assert.deepStrictEqual(env, { DATABRICKS_HOST: "https://h", DATABRICKS_CONFIG_PROFILE: "p", [STACK_ENV]: "pr-17" });
        assert.strictEqual(RUNNER_STACK_ENV, STACK_ENV, "the program and the scripts name the same variable");
        assert.strictEqual(RUN_TOKEN_ENV, SCRIPT_RUN_TOKEN_ENV, "the program and the runner name the same token variable");
    });
});
