/**
 * Every check on the notebooks in one pass: Databricks source format, pyright against the real packages
 * (checks/notebook-pyright.ts), the static facts held to the data contract and notebooks/requirements.ts, and the
 * %pip cell held to the packages requirements.ts pins.
 * One pyright process and one python3 process per call, whatever the number of notebooks.
 *
 * CLI: `npm run check:notebooks` prints each problem and exits 1 if there is any.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { readAssetFiles } from "../components/assets";
import { NOTEBOOKS, notebookSpec } from "../notebooks/requirements";
import { domainProblems, modelProblems, outputProblems, referenceProblems, streamingProblems, widgetProblems } from "./notebook-contract";
import { notebookFacts } from "./notebook-facts";
import { notebookFormatProblems } from "./notebook-format";
import { pipCellProblems } from "./notebook-pip";
import { queryProblems } from "./notebook-queries";
import { REPO_ROOT, pyrightErrors } from "./notebook-pyright";

export { NOTEBOOKS, notebookPackages, notebookSpec } from "../notebooks/requirements";
export type { NotebookRuntime, NotebookSpec } from "../notebooks/requirements";

export const NOTEBOOK_DIR = path.join(REPO_ROOT, "notebooks");

export type NotebookCheck = "format" | "pyright" | "facts" | "tables" | "models" | "streaming" | "queries" | "references" | "domain" | "widgets" | "packages";

export interface NotebookProblem {
    /** Repo-relative path the notebook is checked as, e.g. notebooks/silver_transform.py. */
    readonly notebook: string;
    /** The file that was read (differs from `notebook` when a copy is checked in its place). */
    readonly file: string;
    readonly check: NotebookCheck;
    readonly message: string;
}

/** A notebook to check: `file` is read from disk, `notebook` is the repo path it stands for. */
export interface NotebookFile {
    readonly notebook: string;
    readonly file: string;
}

/** The notebooks of notebooks/ (the .py files directly in it that start with the notebook header). */
export function repositoryNotebooks(): NotebookFile[] {
    return readAssetFiles(REPO_ROOT).notebooks.map((notebook) => ({ notebook: notebook.source, file: path.join(REPO_ROOT, notebook.source) }));
}

/**
 * Every check on `notebooks`; the Python modules of notebooks/ they import (payment_events_schema.py) are
 * type-checked in the same pyright run, their problems reported under the module's own path.
 */
export function checkNotebooks(notebooks: readonly NotebookFile[]): NotebookProblem[] {
    const files = notebooks.map((n) => path.resolve(n.file));
    const modules = readAssetFiles(REPO_ROOT).notebookModules.map((module) => ({ notebook: module.source, file: path.join(REPO_ROOT, module.source) }));
    const diagnostics = pyrightErrors([...files, ...modules.map((module) => module.file)]);
    const facts = notebookFacts(files);
    const problems: NotebookProblem[] = modules.flatMap((module) =>
        diagnostics
            .filter((d) => d.file === module.file)
            .map((d) => ({ ...module, check: "pyright" as const, message: `line ${d.line}: ${d.message} (${d.rule})` })),
    );
    notebooks.forEach((entry, index) => {
        const file = files[index];
        const add = (check: NotebookCheck, messages: readonly string[]) =>
            messages.forEach((message) => problems.push({ notebook: entry.notebook, file, check, message }));
        const text = readFileSync(file, "utf8");
        add("format", notebookFormatProblems(text));
        add(
            "pyright",
            diagnostics.filter((d) => d.file === file).map((d) => `line ${d.line}: ${d.message} (${d.rule})`),
        );
        const fileFacts = facts[file];
        if (!fileFacts) throw new Error(`notebook_outputs.py returned no facts for ${file}`);
        add("facts", fileFacts.problems);
        add("tables", outputProblems(entry.notebook, fileFacts));
        add("streaming", streamingProblems(fileFacts));
        add("queries", queryProblems(fileFacts));
        add("references", referenceProblems(fileFacts));
        add("domain", domainProblems(fileFacts));
        const name = path.basename(entry.notebook, ".py");
        let spec;
        try {
            spec = notebookSpec(name);
        } catch (error) {
            add("widgets", [(error as Error).message + " (add it to notebooks/requirements.ts)"]);
            return;
        }
        add("widgets", widgetProblems(fileFacts, spec));
        add("packages", pipCellProblems(text, spec.packages));
        add("models", modelProblems(fileFacts, spec.models ?? []));
    });
    return problems;
}

/** notebooks/requirements.ts lists exactly the notebook files. */
export function catalogProblems(notebooks: readonly NotebookFile[]): string[] {
    const files = new Set(notebooks.map((n) => path.basename(n.notebook, ".py")));
    const listed = new Set(NOTEBOOKS.map((n) => n.name));
    return [
        ...[...listed].filter((n) => !files.has(n)).map((n) => `notebooks/requirements.ts lists ${n}, but notebooks/${n}.py does not exist`),
        ...[...files].filter((n) => !listed.has(n)).map((n) => `notebooks/${n}.py is not listed in notebooks/requirements.ts`),
    ];
}

if (require.main === module) {
    const notebooks = repositoryNotebooks();
    const problems = [
        ...catalogProblems(notebooks).map((message) => `catalog: ${message}`),
        ...checkNotebooks(notebooks).map((p) => `${p.notebook} [${p.check}] ${p.message}`),
    ];
    problems.forEach((line) => console.error(line));
    console.log(`${notebooks.length} notebooks checked, ${problems.length} problem(s)`);
    process.exitCode = problems.length > 0 ? 1 : 0;
}
