import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

/**
 * The root tsconfig does not reach `.github/scripts`, and mocha only transpiles; this runs the strict
 * checker over the workflow scripts so a type error fails `npm test` rather than a scheduled run.
 */
describe(".github/scripts type-check", () => {
    it("has no type errors under the project's strict settings", function () {
        this.timeout(120_000);
        const root = path.resolve(__dirname, "..", "..");
        const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
        const result = spawnSync(process.execPath, [tsc, "--noEmit", "-p", path.join(root, ".github", "scripts", "tsconfig.json")], { encoding: "utf8" });
        assert.equal(result.status, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
    });
});
