import * as assert from "assert";
import { spawnSync } from "child_process";
import { readdirSync } from "fs";
import * as path from "path";
import { pyrightErrors, REPO_ROOT } from "../../checks/notebook-pyright";

const TYPINGS = path.join(REPO_ROOT, "notebooks", "typings");
const VENV_PYTHON = path.join(REPO_ROOT, ".venv-spark", "bin", "python");

/**
 * Per dbutils utility of __builtins__.pyi, each method's parameter names (after self), read with Python's parser;
 * and the same from databricks-sdk's dbutils_stub, imported from the installed package.
 */
const COMPARE = `
import ast, importlib.util, inspect, json, pathlib, sys
# Loaded by path: importing databricks.sdk.runtime builds a workspace client, which needs credentials.
sdk = pathlib.Path(importlib.util.find_spec("databricks.sdk").origin).parent
spec = importlib.util.spec_from_file_location("dbutils_stub", sdk / "runtime" / "dbutils_stub.py")
dbutils_stub = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dbutils_stub)

stub = ast.parse(open(sys.argv[1]).read())
classes = {node.name: node for node in stub.body if isinstance(node, ast.ClassDef)}
utilities = {
    target.target.id: target.annotation.id
    for target in classes["_DbUtils"].body
    if isinstance(target, ast.AnnAssign) and isinstance(target.target, ast.Name) and isinstance(target.annotation, ast.Name)
}
problems = []
for utility, class_name in sorted(utilities.items()):
    real_class = getattr(dbutils_stub.dbutils, utility, None)
    if real_class is None:
        problems.append(f"dbutils.{utility}: databricks-sdk's dbutils has no such utility")
        continue
    for method in classes[class_name].body:
        if not isinstance(method, ast.FunctionDef):
            continue
        ours = [a.arg for a in method.args.args[1:]]
        real = getattr(real_class, method.name, None)
        if real is None:
            problems.append(f"dbutils.{utility}.{method.name}: databricks-sdk's dbutils has no such method")
            continue
        theirs = [p for p in inspect.signature(real).parameters]
        if ours != theirs:
            problems.append(f"dbutils.{utility}.{method.name}({', '.join(ours)}): databricks-sdk has ({', '.join(theirs)})")
print(json.dumps({"utilities": sorted(utilities), "problems": problems}))
`;

describe("pyright's view of the notebooks' environment", function () {
    this.timeout(180_000);

    it("hand-writes only the runtime globals (__builtins__.pyi): every imported package is the real one", () => {
        assert.deepStrictEqual(readdirSync(TYPINGS), ["__builtins__.pyi"]);
    });

    it("types dbutils as databricks-sdk's own dbutils stub does: same utilities, methods and parameter names", () => {
        const run = spawnSync(VENV_PYTHON, ["-c", COMPARE, path.join(TYPINGS, "__builtins__.pyi")], { encoding: "utf8" });
        assert.strictEqual(run.status, 0, `${VENV_PYTHON} (npm run spark:setup): ${run.stderr}`);
        const result = JSON.parse(run.stdout) as { utilities: string[]; problems: string[] };
        assert.deepStrictEqual(result.utilities, ["library", "notebook", "secrets", "widgets"]);
        assert.deepStrictEqual(result.problems, []);
    });

    it("checks the local Spark harness (spark_local/) against the same packages, clean", () => {
        const files = ["spark_local", "spark_local/tests", "spark_local/shim/dlt"].flatMap((dir) =>
            readdirSync(path.join(REPO_ROOT, dir))
                .filter((name) => name.endsWith(".py"))
                .map((name) => path.join(REPO_ROOT, dir, name)),
        );
        assert.ok(files.length >= 8, `found only ${files.length} files under spark_local/`);
        assert.deepStrictEqual(
            pyrightErrors(files).map((d) => `${path.relative(REPO_ROOT, d.file)}:${d.line} ${d.message} (${d.rule})`),
            [],
        );
    });
});
