import * as assert from "assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { NOTEBOOK_DIR, NOTEBOOKS, type NotebookProblem, checkNotebooks, notebookPackages } from "../../checks/notebooks";
import { RESTART_PYTHON, expectedPipLine, pipCellProblems } from "../../checks/notebook-pip";

function source(name: string): string {
    return readFileSync(path.join(NOTEBOOK_DIR, `${name}.py`), "utf8");
}

/** `text` with `from` replaced exactly once, so a fixture cannot silently stop mutating anything. */
function replaceOnce(text: string, from: string, to: string): string {
    const at = text.indexOf(from);
    assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `fixture: "${from}" must occur exactly once`);
    return text.slice(0, at) + to + text.slice(at + from.length);
}

const SEPARATOR = "\n# COMMAND ----------\n\n";
const HEADER = "# Databricks notebook source\n# MAGIC %md\n# MAGIC # Title\n";
const CODE = "import mlflow\nprint(mlflow.__version__)\n";
const PACKAGES = ["scikit-learn==1.5.2", "mlflow==2.19.0"];
const PIP = "# MAGIC %pip install --quiet mlflow==2.19.0 scikit-learn==1.5.2\n";

function notebook(...cells: string[]): string {
    return cells.join(SEPARATOR);
}

const good = notebook(HEADER, PIP, `${RESTART_PYTHON}\n`, CODE);

describe("notebook %pip cells (pure check)", () => {
    it("accepts the pip cell, then the restart, before the code", () => assert.deepStrictEqual(pipCellProblems(good, PACKAGES), []));

    it("builds the line from the pins in sorted order, whatever order requirements.ts uses", () => {
        const line = expectedPipLine(PACKAGES);
        assert.ok(line.startsWith("# MAGIC %pip install --quiet "), line);
        const listed = line.split(" ").slice(5);
        assert.deepStrictEqual(listed, [...PACKAGES].sort());
    });

    it("names a wrong pin and the pin requirements.ts wants", () =>
        assert.match(
            pipCellProblems(good.replace("mlflow==2.19.0", "mlflow==2.18.0"), PACKAGES).join("\n"),
            /installs mlflow==2\.18\.0, notebooks\/requirements\.ts pins mlflow==2\.19\.0/,
        ));

    it("names a missing package and an extra one", () => {
        const problems = pipCellProblems(good.replace("scikit-learn==1.5.2", "pandas==2.2.3"), PACKAGES).join("\n");
        assert.match(problems, /does not install scikit-learn==1\.5\.2/);
        assert.match(problems, /installs pandas==2\.2\.3, which notebooks\/requirements\.ts does not list/);
    });

    it("rejects an unpinned package", () =>
        assert.match(pipCellProblems(good.replace("mlflow==2.19.0", "mlflow"), PACKAGES).join("\n"), /installs mlflow, notebooks\/requirements\.ts pins mlflow==2\.19\.0/));

    it("rejects the right pins in unsorted order or without --quiet", () => {
        assert.match(
            pipCellProblems(good.replace(PIP, "# MAGIC %pip install --quiet scikit-learn==1.5.2 mlflow==2.19.0\n"), PACKAGES).join("\n"),
            /must read exactly "# MAGIC %pip install --quiet mlflow==2\.19\.0 scikit-learn==1\.5\.2"/,
        );
        assert.match(pipCellProblems(good.replace(" --quiet", ""), PACKAGES).join("\n"), /must read exactly/);
    });

    it("requires a pip cell when the notebook has packages, naming the line to add", () =>
        assert.match(
            pipCellProblems(notebook(HEADER, CODE), PACKAGES).join("\n"),
            /no %pip cell; add .*"# MAGIC %pip install --quiet mlflow==2\.19\.0 scikit-learn==1\.5\.2", then a cell "dbutils\.library\.restartPython\(\)"/,
        ));

    it("rejects a pip cell in a notebook without packages", () =>
        assert.match(pipCellProblems(good, []).join("\n"), /line 7: %pip cell, but notebooks\/requirements\.ts lists no packages/));

    it("requires the restart right after the pip cell", () =>
        assert.match(pipCellProblems(notebook(HEADER, PIP, CODE), PACKAGES).join("\n"), /the cell after the %pip cell must be exactly "dbutils\.library\.restartPython\(\)"/));

    it("requires the pip cell before any code", () =>
        assert.match(
            pipCellProblems(notebook(HEADER, CODE, PIP, `${RESTART_PYTHON}\n`), PACKAGES).join("\n"),
            /must come before any code cell, but the cell at line 7 runs code first/,
        ));

    it("rejects a second %pip line and a pip cell sharing lines with code", () => {
        assert.match(pipCellProblems(notebook(HEADER, PIP, PIP, `${RESTART_PYTHON}\n`, CODE), PACKAGES).join("\n"), /%pip appears on lines 7, 11/);
        assert.match(
            pipCellProblems(notebook(HEADER, `# MAGIC %sh\n${PIP}`, `${RESTART_PYTHON}\n`, CODE), PACKAGES).join("\n"),
            /must be the only line of its cell/,
        );
    });

    it("rejects %pip verbs other than install", () =>
        assert.match(pipCellProblems(good.replace("%pip install --quiet", "%pip uninstall -y"), PACKAGES).join("\n"), /expected "%pip install"/));
});

describe("notebook %pip cells in the repository", function () {
    // checkNotebooks runs pyright once for all the files it is given.
    this.timeout(120_000);

    const jobNotebooksWithPackages = NOTEBOOKS.filter((n) => n.packages.length > 0);
    let directory: string;
    let problems: NotebookProblem[];
    let fixtureFiles: Record<string, string>;

    before(() => {
        directory = mkdtempSync(path.join(os.tmpdir(), "notebook-pip-"));
        const train = source("train_models");
        const pipLine = expectedPipLine(notebookPackages.train_models);
        const fixtures: Record<string, { notebook: string; text: string }> = {
            wrong_pin: { notebook: "train_models", text: replaceOnce(train, "mlflow==2.19.0", "mlflow==2.18.0") },
            no_pip_cell: {
                notebook: "train_models",
                text: replaceOnce(train, `${pipLine}\n${SEPARATOR}${RESTART_PYTHON}\n${SEPARATOR}`, ""),
            },
        };
        fixtureFiles = {};
        const entries = Object.entries(fixtures).map(([name, fixture]) => {
            const file = path.join(directory, `${name}.py`);
            writeFileSync(file, fixture.text);
            fixtureFiles[name] = file;
            return { notebook: `notebooks/${fixture.notebook}.py`, file };
        });
        const repository = NOTEBOOKS.map((n) => ({ notebook: `notebooks/${n.name}.py`, file: path.join(NOTEBOOK_DIR, `${n.name}.py`) }));
        problems = checkNotebooks([...repository, ...entries]);
    });

    after(() => rmSync(directory, { recursive: true, force: true }));

    function packageProblems(file: string): string[] {
        return problems.filter((p) => p.file === path.resolve(file) && p.check === "packages").map((p) => p.message);
    }

    it("some job notebooks need packages, so the check is exercised", () => assert.ok(jobNotebooksWithPackages.length > 0));

    it("every notebook installs exactly its requirements.ts packages, and pipelines install none", () => {
        for (const spec of NOTEBOOKS) {
            assert.deepStrictEqual(packageProblems(path.join(NOTEBOOK_DIR, `${spec.name}.py`)), [], spec.name);
        }
    });

    it("the restarted notebooks still pass pyright (dbutils.library is stubbed)", () => {
        const pyright = problems.filter(
            (p) => p.check === "pyright" && jobNotebooksWithPackages.some((n) => p.file === path.join(NOTEBOOK_DIR, `${n.name}.py`)),
        );
        assert.deepStrictEqual(pyright.map((p) => `${p.notebook}: ${p.message}`), []);
    });

    it("a copy of train_models with a wrong pin fails", () =>
        assert.match(packageProblems(fixtureFiles.wrong_pin).join("\n"), /installs mlflow==2\.18\.0, notebooks\/requirements\.ts pins mlflow==2\.19\.0/));

    it("a copy of train_models without the pip cell fails", () =>
        assert.match(packageProblems(fixtureFiles.no_pip_cell).join("\n"), /no %pip cell/));
});
