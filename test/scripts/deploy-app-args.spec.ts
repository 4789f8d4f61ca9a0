import * as assert from "node:assert/strict";
import { defaultDeployTimeoutMinutes, DeployAppUsageError, parseDeployAppArgs } from "../../scripts/lib/app-deploy-args";

const path = "/Workspace/Users/me@example.com/.payment-analysis/dev/app";

describe("deploy-app arguments", () => {
    it("reads the app, the source path, the timeout and the profile", () => {
        assert.deepEqual(parseDeployAppArgs(["--app=pa-dev", `--source-code-path=${path}`, "--timeout-minutes", "7.5", "--profile", "prod"]), {
            appName: "pa-dev",
            sourceCodePath: path,
            timeoutMinutes: 7.5,
            profile: "prod",
        });
    });

    it("waits 20 minutes unless told otherwise", () => {
        assert.equal(defaultDeployTimeoutMinutes, 20);
        assert.equal(parseDeployAppArgs(["--app=pa-dev", `--source-code-path=${path}`]).timeoutMinutes, 20);
    });

    const misuses: readonly [string, readonly string[], RegExp][] = [
        ["a missing --app", [`--source-code-path=${path}`], /--app is required/],
        ["a missing --source-code-path", ["--app=pa-dev"], /--source-code-path is required/],
        ["an app name with upper case", ["--app=PA-dev", `--source-code-path=${path}`], /--app must be an app name .*got "PA-dev"/],
        ["an app name with a slash", ["--app=pa/../x", `--source-code-path=${path}`], /--app must be an app name .*got "pa\/\.\.\/x"/],
        ["an app name ending in a hyphen", ["--app=pa-", `--source-code-path=${path}`], /got "pa-"/],
        ["an app name over 30 characters", [`--app=${"a".repeat(31)}`, `--source-code-path=${path}`], /at most 30 characters/],
        ["a relative source path", ["--app=pa-dev", "--source-code-path=app"], /--source-code-path must be an absolute workspace path .*got "app"/],
        ["a zero timeout", ["--app=pa-dev", `--source-code-path=${path}`, "--timeout-minutes=0"], /--timeout-minutes must be a positive number, got "0"/],
        ["a non-numeric timeout", ["--app=pa-dev", `--source-code-path=${path}`, "--timeout-minutes=soon"], /got "soon"/],
        ["an empty timeout", ["--app=pa-dev", `--source-code-path=${path}`, "--timeout-minutes="], /got ""/],
        ["an unknown option", ["--app=pa-dev", `--source-code-path=${path}`, "--mode=AUTO_SYNC"], /Unknown option '--mode'/],
        ["a positional argument", ["pa-dev"], /positional/i],
    ];
    for (const [what, argv, problem] of misuses) {
        it(`rejects ${what}, with the usage`, () => {
            assert.throws(() => parseDeployAppArgs(argv), (error: unknown) => {
                assert.ok(error instanceof DeployAppUsageError);
                assert.match(error.message, problem);
                assert.match(error.message, /\nusage: npm run --silent deploy-app -- --app <name> --source-code-path/);
                return true;
            });
        });
    }
});
