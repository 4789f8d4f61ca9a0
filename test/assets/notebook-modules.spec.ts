import * as assert from "assert";
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { NOTEBOOK_HEADER, readAssetFiles } from "../../components/assets";
import { NOTEBOOK_DIR } from "../../checks/notebooks";
import { outputProblems } from "../../checks/notebook-contract";
import { notebookFacts } from "../../checks/notebook-facts";
import { datasetByName } from "../../contract";

const REPO_ROOT = path.resolve(__dirname, "../..");
const SCHEMA_MODULE = "payment_events_schema.py";
const FEATURES_MODULE = "payment_features.py";

/**
 * Runs a Python snippet with Python's own parser over every notebook and module of notebooks/ (their paths in
 * sys.argv[1:]); the snippet fills the dict `out`, which comes back parsed from JSON.
 */
function overNotebookFiles(lines: readonly string[]): unknown {
    const script = ["import ast, json, sys", "out = {}", ...lines, "print(json.dumps(out))"].join("\n");
    const files = readAssetFiles(REPO_ROOT);
    const paths = [...files.notebooks, ...files.notebookModules].map((file) => path.join(REPO_ROOT, file.source));
    const run = spawnSync("python3", ["-c", script, ...paths], { encoding: "utf8" });
    assert.strictEqual(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
}

describe("notebook modules (the payment event schema, the risk features)", function () {
    this.timeout(120_000);
    let scratch: string;
    beforeEach(() => (scratch = mkdtempSync(path.join(os.tmpdir(), "notebook-modules-"))));
    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    it("are the header-less .py files of notebooks/ that a notebook imports: the event schema and the risk features", () => {
        assert.deepStrictEqual(
            readAssetFiles(REPO_ROOT).notebookModules.map((module) => module.name),
            [SCHEMA_MODULE, FEATURES_MODULE],
        );
    });

    it("derive the risk features once: only the features module computes risk_tier, amount_bucket or composite_risk_score (read with Python's parser)", () => {
        // Every withColumn("<feature>", ...) call per file.
        const found = overNotebookFiles([
            "features = {'risk_tier', 'amount_bucket', 'composite_risk_score'}",
            "for path in sys.argv[1:]:",
            "    found = [n.args[0].value for n in ast.walk(ast.parse(open(path).read())) if isinstance(n, ast.Call) and getattr(n.func, 'attr', '') == 'withColumn' and n.args and isinstance(n.args[0], ast.Constant) and n.args[0].value in features]",
            "    if found: out[path.rsplit('/', 1)[-1]] = sorted(found)",
        ]) as Record<string, string[]>;
        assert.deepStrictEqual(found, { [FEATURES_MODULE]: ["amount_bucket", "composite_risk_score", "risk_tier"] });
    });

    it("refuse a header-less file no notebook imports (a notebook that lost its header), naming it", () => {
        mkdirSync(path.join(scratch, "notebooks"));
        writeFileSync(path.join(scratch, "notebooks", "job.py"), `${NOTEBOOK_HEADER}\nfrom helper import VALUE\n`);
        writeFileSync(path.join(scratch, "notebooks", "helper.py"), "VALUE = 1\n");
        assert.deepStrictEqual(readAssetFiles(scratch).notebookModules.map((module) => module.name), ["helper.py"]);
        writeFileSync(path.join(scratch, "notebooks", "lost_header.py"), "x = 1\n");
        assert.throws(() => readAssetFiles(scratch), /notebooks\/lost_header\.py: neither a notebook .* nor a module a notebook imports/);
    });

    it("declare the 46 event columns once: no notebook lists them itself (read with Python's parser)", () => {
        const event = datasetByName("payments_stream_input").columns.map((column) => column.name);
        // Every list literal of StructField("<name>", ...) calls per file, as column names.
        const lists = overNotebookFiles([
            "for path in sys.argv[1:]:",
            "    lists = []",
            "    for node in ast.walk(ast.parse(open(path).read())):",
            "        if isinstance(node, ast.List):",
            "            names = [e.args[0].value for e in node.elts if isinstance(e, ast.Call) and getattr(e.func, 'id', '') == 'StructField' and e.args and isinstance(e.args[0], ast.Constant)]",
            "            if names: lists.append(names)",
            "    out[path.rsplit('/', 1)[-1]] = lists",
        ]) as Record<string, string[][]>;
        const holders = Object.entries(lists)
            .filter(([, found]) => found.some((names) => event.every((column) => names.includes(column))))
            .map(([file]) => file);
        assert.deepStrictEqual(holders, [SCHEMA_MODULE]);
        assert.deepStrictEqual(lists[SCHEMA_MODULE][0], event, "the module lists the contract's columns in the contract's order");
    });

    it("are checked against the contract through the notebooks importing them: a changed type in the module fails bronze", () => {
        const module = readFileSync(path.join(NOTEBOOK_DIR, SCHEMA_MODULE), "utf8");
        const changed = module.replace('StructField("card_bin", StringType()),', 'StructField("card_bin", IntegerType()),');
        assert.notStrictEqual(changed, module, "fixture: the module must declare card_bin as a string");
        writeFileSync(path.join(scratch, SCHEMA_MODULE), changed);
        const notebook = path.join(scratch, "bronze_ingest.py");
        writeFileSync(notebook, readFileSync(path.join(NOTEBOOK_DIR, "bronze_ingest.py"), "utf8"));
        const problems = outputProblems("notebooks/bronze_ingest.py", notebookFacts([notebook])[notebook]);
        assert.ok(problems.includes('table payments_raw_bronze: column "card_bin" is int, the contract says string'), problems.join("\n"));
    });
});
