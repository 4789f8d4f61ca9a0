import * as assert from "node:assert/strict";
import { defaultTimeoutMinutes, parseRunJobArgs } from "../../scripts/lib/run-job-args";

describe("run-job command line", () => {
    it("reads a job run with parameters, task key and timeout", () => {
        assert.deepEqual(parseRunJobArgs(["--job-id", "42", "--param", "catalog=main", "--param", "note=a=b", "--task-key", "train", "--timeout-minutes", "90"]), {
            target: { kind: "job", jobId: 42, parameters: { catalog: "main", note: "a=b" }, taskKey: "train" },
            timeoutMinutes: 90,
        });
    });

    it("reads a pipeline update with full refresh and a profile", () => {
        assert.deepEqual(parseRunJobArgs(["--pipeline-id", "0a1b-2c", "--full-refresh", "--profile", "dev"]), {
            target: { kind: "pipeline", pipelineId: "0a1b-2c", fullRefresh: true },
            timeoutMinutes: defaultTimeoutMinutes,
            profile: "dev",
        });
    });

    const misuses: Array<[string[], RegExp]> = [
        [[], /exactly one of --job-id or --pipeline-id/],
        [["--job-id", "1", "--pipeline-id", "p"], /exactly one of --job-id or --pipeline-id/],
        [["--job-id", "0"], /--job-id must be a positive integer, got "0"/],
        [["--job-id", "1", "--param", "=x"], /--param must be key=value with a non-empty key, got "=x"/],
        [["--job-id", "1", "--param", "novalue"], /key=value/],
        [["--job-id", "1", "--param", "a=1", "--param", "a=2"], /--param a is given twice/],
        [["--job-id", "1", "--full-refresh"], /--full-refresh applies to --pipeline-id only/],
        [["--pipeline-id", "p", "--param", "a=1"], /--param applies to --job-id only/],
        [["--pipeline-id", "p; rm -rf"], /--pipeline-id must be a pipeline id/],
        [["--job-id", "1", "--timeout-minutes", "0"], /--timeout-minutes must be a positive number, got "0"/],
        [["--job-id", "1", "--timeout-minutes", "soon"], /--timeout-minutes must be a positive number, got "soon"/],
        [["--job-id", "1", "--jobid", "2"], /Unknown option '--jobid'/],
    ];
    for (const [argv, expected] of misuses) {
        it(`rejects ${JSON.stringify(argv)} with the usage`, () => {
            assert.throws(() => parseRunJobArgs(argv), (error: Error) => expected.test(error.message) && /usage: npm run --silent run-job/.test(error.message));
        });
    }
});
