import { strict as assert } from "node:assert";
import { parsePlanArgs, planPath, stalePlanMessage } from "../../scripts/lib/plan-cli";

describe("plan command line", () => {
    it("reads --stack in both spellings and --check", () => {
        assert.deepEqual(parsePlanArgs(["--stack", "prod"]), { stack: "prod", check: false });
        assert.deepEqual(parsePlanArgs(["--stack=pr-42", "--check"]), { stack: "pr-42", check: true });
    });

    it("requires a stack and shows the usage", () => {
        assert.throws(() => parsePlanArgs([]), /--stack is required\nusage: npm run plan -- --stack <name>/);
        assert.throws(() => parsePlanArgs(["--stack"]), /--stack is required/);
    });

    it("rejects names that could leave plans/ or are not stack names", () => {
        assert.throws(() => parsePlanArgs(["--stack", "../etc"]), /--stack "..\/etc" is not a stack name/);
        assert.throws(() => parsePlanArgs(["--stack", "Dev"]), /"Dev" is not a stack name/);
    });

    it("names unknown arguments", () => {
        assert.throws(() => parsePlanArgs(["--stack", "dev", "--write"]), /unknown argument "--write"/);
    });

    it("keeps plans under plans/<stack>.md and tells how to refresh a stale one", () => {
        assert.equal(planPath("/repo", "dev"), "/repo/plans/dev.md");
        assert.match(stalePlanMessage("prod", "plans/prod.md"), /run `npm run plan -- --stack prod`/);
    });
});
