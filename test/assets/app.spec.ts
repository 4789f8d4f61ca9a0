import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { APP_DIR, AppProblem, checkApps } from "../../checks/app";
import { appYamlProblems } from "../../checks/app-yaml";

const appPy = fs.readFileSync(path.join(APP_DIR, "app.py"), "utf8");
const appYaml = fs.readFileSync(path.join(APP_DIR, "app.yaml"), "utf8");

/** A copy of app/ with one edit to app.py (or app.yaml), in a temp folder. */
function brokenCopy(root: string, name: string, edit: { py?: [string, string]; yaml?: string }): string {
    const folder = path.join(root, name);
    fs.mkdirSync(folder);
    let py = appPy;
    if (edit.py) {
        const [from, to] = edit.py;
        assert.ok(py.includes(from), `app/app.py no longer contains ${from}; update this test's mutation`);
        py = py.replace(from, to);
    }
    fs.writeFileSync(path.join(folder, "app.py"), py);
    fs.writeFileSync(path.join(folder, "app.yaml"), edit.yaml ?? appYaml);
    return fs.realpathSync(folder);
}

describe("the Databricks App folder", function () {
    // One pyright process checks the real app and every broken copy; pyright needs several seconds to start.
    this.timeout(120_000);
    let root: string;
    let problems: AppProblem[];
    let copies: Record<"misspeltCall" | "wrongKeyword" | "unknownEnum" | "missingScript", string>;

    before(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "app-check-"));
        copies = {
            misspeltCall: brokenCopy(root, "misspelt-call", { py: ["client.serving_endpoints.get(name)", "client.serving_endpoints.gett(name)"] }),
            wrongKeyword: brokenCopy(root, "wrong-keyword", { py: ["warehouse_id=required_env", "warehouse=required_env"] }),
            unknownEnum: brokenCopy(root, "unknown-enum", { py: ["StatementState.SUCCEEDED", "StatementState.SUCCESS"] }),
            missingScript: brokenCopy(root, "missing-script", { yaml: appYaml.replace('command: ["python", "app.py"]', 'command: ["python", "main.py"]') }),
        };
        problems = checkApps([APP_DIR, ...Object.values(copies)]);
    });
    after(() => {
        fs.rmSync(root, { recursive: true, force: true });
    });

    const of = (folder: string) => problems.filter((p) => p.folder === folder).map((p) => `[${p.check}] ${p.message}`);

    it("app/ passes pyright with the databricks-sdk stubs, and its app.yaml and command are valid", () => {
        assert.deepEqual(of(fs.realpathSync(APP_DIR)), []);
    });

    it("fails a misspelt SDK call", () => {
        const found = of(copies.misspeltCall);
        assert.equal(found.length, 1, found.join("\n"));
        assert.match(found[0], /^\[pyright\] app\.py line \d+: Cannot access attribute "gett" for class "ServingEndpointsExt"/);
    });

    it("fails a keyword argument the SDK method does not take", () => {
        assert.ok(of(copies.wrongKeyword).some((m) => /^\[pyright\] .*No parameter named "warehouse"/.test(m)), of(copies.wrongKeyword).join("\n"));
    });

    it("fails an enum member the SDK does not have", () => {
        assert.ok(of(copies.unknownEnum).some((m) => /^\[pyright\] .*"SUCCESS"/.test(m)), of(copies.unknownEnum).join("\n"));
    });

    it("fails a command that starts a file the folder lacks", () => {
        assert.deepEqual(of(copies.missingScript), ["[command] app.yaml command starts main.py, which is not in the app folder"]);
    });

    it("refuses a folder that does not exist, naming it", () => {
        assert.throws(() => checkApps([path.join(root, "nowhere")]), /app folder .*nowhere does not exist/);
    });
});

describe("app.yaml rules", () => {
    const valid = 'command: ["python", "app.py"]\nenv:\n  - name: DATABRICKS_WAREHOUSE_ID\n    valueFrom: sql-warehouse\n  - name: LOG_LEVEL\n    value: INFO\n';

    it("accepts a command list with env entries taking value or valueFrom", () => {
        assert.deepEqual(appYamlProblems(valid, "app.yaml"), []);
        assert.deepEqual(appYamlProblems('command:\n  - python\n  - app.py\n', "app.yaml"), []);
    });

    const bad: readonly [string, string, RegExp][] = [
        ["YAML that does not parse", 'command: ["python", "app.py"\n', /^app\.yaml: not valid YAML: .* at line \d+, column \d+$/],
        ["a duplicated key", 'command: ["python"]\ncommand: ["python", "app.py"]\n', /not valid YAML: Map keys must be unique/],
        ["a document that is a list", "- python\n- app.py\n", /must be a mapping with the keys command, env/],
        ["a missing command", "env: []\n", /"command" is missing/],
        ["a command given as one string", "command: python app.py\n", /"command" must be a non-empty list .*got "python app\.py"/],
        ["an empty command", "command: []\n", /"command" must be a non-empty list/],
        ["a command part that is not a string", "command: [python, 3]\n", /"command\[1\]" must be a non-empty string, got 3/],
        ["an unknown top-level key", 'command: ["python", "app.py"]\nenvironment: []\n', /unknown key "environment"; valid keys are command, env/],
        ["env as a mapping", 'command: ["python", "app.py"]\nenv:\n  X: 1\n', /"env" must be a list/],
        ["an env entry with both value and valueFrom", 'command: ["python", "app.py"]\nenv:\n  - name: X\n    value: a\n    valueFrom: b\n', /"env\[0\]" \(X\) needs exactly one of value or valueFrom, got both/],
        ["an env entry with neither", 'command: ["python", "app.py"]\nenv:\n  - name: X\n', /got neither/],
        ["an env entry with a misspelt key", 'command: ["python", "app.py"]\nenv:\n  - name: X\n    value_from: b\n', /"env\[0\]" has unknown key "value_from"; valid keys are name, value, valueFrom/],
        ["an env name that is not a variable name", 'command: ["python", "app.py"]\nenv:\n  - name: my-var\n    value: a\n', /"env\[0\]"\.name must be an environment variable name, got "my-var"/],
        ["an env name declared twice", 'command: ["python", "app.py"]\nenv:\n  - name: X\n    value: a\n  - name: X\n    value: b\n', /"env\[1\]"\.name "X" is declared twice/],
        ["an empty valueFrom", 'command: ["python", "app.py"]\nenv:\n  - name: X\n    valueFrom: ""\n', /"env\[0\]"\.valueFrom must be a non-empty string/],
    ];
    for (const [what, text, problem] of bad) {
        it(`rejects ${what}`, () => {
            const problems = appYamlProblems(text, "app.yaml");
            assert.ok(problems.some((p) => problem.test(p)), `expected ${problem} among:\n${problems.join("\n")}`);
        });
    }
});
