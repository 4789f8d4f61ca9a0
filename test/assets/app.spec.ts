import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { APP_DIR, checkApp, expectedAppEnv } from "../../checks/app";
import { appYamlProblems } from "../../checks/app-yaml";

const appYaml = fs.readFileSync(path.join(APP_DIR, "app.yaml"), "utf8");

describe("the Databricks App folder", () => {
    let root: string;
    before(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "app-check-"));
    });
    after(() => {
        fs.rmSync(root, { recursive: true, force: true });
    });

    /** A copy of app/'s app.yaml, package.json and package-lock.json with one edit, in a temp folder. */
    function copyWith(name: string, edit: { yaml?: (text: string) => string; packageJson?: (p: Record<string, unknown>) => Record<string, unknown>; noLock?: boolean }): string {
        const folder = path.join(root, name);
        fs.mkdirSync(folder);
        const yaml = edit.yaml ? edit.yaml(appYaml) : appYaml;
        assert.ok(yaml !== appYaml || !edit.yaml, `the mutation of ${name} no longer applies to app/app.yaml`);
        fs.writeFileSync(path.join(folder, "app.yaml"), yaml);
        const packageJson = JSON.parse(fs.readFileSync(path.join(APP_DIR, "package.json"), "utf8")) as Record<string, unknown>;
        fs.writeFileSync(path.join(folder, "package.json"), JSON.stringify(edit.packageJson ? edit.packageJson(packageJson) : packageJson));
        if (!edit.noLock) fs.writeFileSync(path.join(folder, "package-lock.json"), "{}");
        return folder;
    }

    it("app/ is consistent: its command, its build, and a variable from the right binding for everything the server reads", () => {
        assert.deepEqual(checkApp(APP_DIR), []);
        assert.equal(expectedAppEnv().size, 4 + 4 + 6 + 2, "warehouse, volume, Lakebase, Genie space; four endpoints; six jobs; two stack-object secrets");
    });

    it("fails a variable taken from a binding the program does not declare under that key", () => {
        assert.deepEqual(checkApp(copyWith("typo", { yaml: (t) => t.replace("valueFrom: job-gold-views", "valueFrom: job-gold-view") })), [
            'app.yaml takes JOB_GOLD_VIEWS from "job-gold-view", but the program binds it as "job-gold-views"',
        ]);
    });

    it("fails a variable the server reads that app.yaml does not set", () => {
        assert.deepEqual(checkApp(copyWith("missing", { yaml: (t) => t.replace("  - name: SERVING_SMART_RETRY\n    valueFrom: serving-smart-retry\n", "") })), [
            "app.yaml does not set SERVING_SMART_RETRY, which the server reads; add {name: SERVING_SMART_RETRY, valueFrom: serving-smart-retry}",
        ]);
    });

    it("fails a variable the server never reads (a binding no page uses)", () => {
        assert.deepEqual(checkApp(copyWith("extra", { yaml: (t) => `${t}  - name: GENIE_SPACE\n    valueFrom: genie\n` })), [
            "app.yaml sets GENIE_SPACE, which the server never reads: remove it, or its binding grants the app more than its pages use",
        ]);
    });

    it("fails a command that runs a script package.json lacks, a package without a build, and a missing lock file", () => {
        assert.match(checkApp(copyWith("script", { yaml: (t) => t.replace('["npm", "run", "start"]', '["npm", "run", "serve"]') }))[0], /runs the npm script "serve", which package.json does not define/);
        assert.deepEqual(checkApp(copyWith("nobuild", { packageJson: (p) => ({ ...p, scripts: { start: "tsx server/server.ts" } }) })), [
            'package.json has no "build" script: the platform runs `npm run build` to build the UI before starting the app',
        ]);
        assert.deepEqual(checkApp(copyWith("nolock", { noLock: true })), ["package-lock.json is missing: without it every deployment resolves dependency versions anew"]);
    });

    it("refuses a folder that does not exist, naming it", () => {
        assert.throws(() => checkApp(path.join(root, "nowhere")), /app folder .*nowhere does not exist/);
    });
});

describe("app.yaml rules", () => {
    const valid = 'command: ["npm", "run", "start"]\nenv:\n  - name: DATABRICKS_WAREHOUSE_ID\n    valueFrom: sql-warehouse\n  - name: LOG_LEVEL\n    value: INFO\n';

    it("accepts a command list with env entries taking value or valueFrom", () => {
        assert.deepEqual(appYamlProblems(valid, "app.yaml"), []);
        assert.deepEqual(appYamlProblems('command:\n  - npm\n  - run\n  - start\n', "app.yaml"), []);
    });

    const bad: readonly [string, string, RegExp][] = [
        ["YAML that does not parse", 'command: ["python", "app.py"\n', /^app\.yaml: not valid YAML: .* at line \d+, column \d+$/],
        ["a duplicated key", 'command: ["python"]\ncommand: ["npm", "run", "start"]\n', /not valid YAML: Map keys must be unique/],
        ["a document that is a list", "- python\n- app.py\n", /must be a mapping with the keys command, env/],
        ["a missing command", "env: []\n", /"command" is missing/],
        ["a command given as one string", "command: python app.py\n", /"command" must be a non-empty list .*got "python app\.py"/],
        ["an empty command", "command: []\n", /"command" must be a non-empty list/],
        ["a command part that is not a string", "command: [python, 3]\n", /"command\[1\]" must be a non-empty string, got 3/],
        ["an unknown top-level key", 'command: ["npm", "run", "start"]\nenvironment: []\n', /unknown key "environment"; valid keys are command, env/],
        ["env as a mapping", 'command: ["npm", "run", "start"]\nenv:\n  X: 1\n', /"env" must be a list/],
        ["an env entry with both value and valueFrom", 'command: ["npm", "run", "start"]\nenv:\n  - name: X\n    value: a\n    valueFrom: b\n', /"env\[0\]" \(X\) needs exactly one of value or valueFrom, got both/],
        ["an env entry with neither", 'command: ["npm", "run", "start"]\nenv:\n  - name: X\n', /got neither/],
        ["an env entry with a misspelt key", 'command: ["npm", "run", "start"]\nenv:\n  - name: X\n    value_from: b\n', /"env\[0\]" has unknown key "value_from"; valid keys are name, value, valueFrom/],
        ["an env name that is not a variable name", 'command: ["npm", "run", "start"]\nenv:\n  - name: my-var\n    value: a\n', /"env\[0\]"\.name must be an environment variable name, got "my-var"/],
        ["an env name declared twice", 'command: ["npm", "run", "start"]\nenv:\n  - name: X\n    value: a\n  - name: X\n    value: b\n', /"env\[1\]"\.name "X" is declared twice/],
        ["an empty valueFrom", 'command: ["npm", "run", "start"]\nenv:\n  - name: X\n    valueFrom: ""\n', /"env\[0\]"\.valueFrom must be a non-empty string/],
    ];
    for (const [what, text, problem] of bad) {
        it(`rejects ${what}`, () => {
            const problems = appYamlProblems(text, "app.yaml");
            assert.ok(problems.some((p) => problem.test(p)), `expected ${problem} among:\n${problems.join("\n")}`);
        });
    }
});
