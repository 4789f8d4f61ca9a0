/**
 * Reads the asset files the deployment uploads: Databricks notebooks from `notebooks/` and SQL templates
 * from `sql/`. Pure apart from reading the directory; components receive the result, not paths.
 */
import * as fs from "fs";
import * as path from "path";
import { createHash } from "crypto";

export interface AssetFile {
    /** Name without extension: the workspace object name (`train_models`, `gold_views`). */
    readonly name: string;
    /** Repo-relative path, for error messages. */
    readonly source: string;
    readonly content: string;
}

export interface AssetFiles {
    readonly notebooks: readonly AssetFile[];
    /**
     * Plain Python modules of `notebooks/` (no notebook header) that notebooks import, e.g. the event schema;
     * uploaded as workspace files next to the notebooks. `name` keeps the `.py`: it is the file name.
     */
    readonly notebookModules: readonly AssetFile[];
    readonly sqlTemplates: readonly AssetFile[];
    /** SQL alert queries (`sql/alerts/*.sql`): one SELECT each, run by the alert, not uploaded as files. */
    readonly alertQueries: readonly AssetFile[];
    /** The Databricks App's source (`app/`, recursively); `name` is the path inside `app/`. */
    readonly appFiles: readonly AssetFile[];
}

export const NOTEBOOK_HEADER = "# Databricks notebook source";

export function contentHash(content: string): string {
    return createHash("sha256").update(content).digest("hex");
}

function readDir(repoRoot: string, dir: string, extension: string): AssetFile[] {
    const full = path.join(repoRoot, dir);
    if (!fs.existsSync(full)) return [];
    return fs
        .readdirSync(full, { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
        .map((entry) => entry.name)
        .sort()
        .map((file) => ({
            name: file.slice(0, -extension.length),
            source: `${dir}/${file}`,
            content: fs.readFileSync(path.join(full, file), "utf8"),
        }));
}

/** Whether `source` imports the top-level module `module` (`import m`, `from m import ...`). */
export function importsModule(source: string, module: string): boolean {
    return new RegExp(`^(?:from\\s+${module}\\s+import\\s|import\\s+${module}\\s*$)`, "m").test(source);
}

/**
 * Every notebook (`notebooks/*.py` that starts with the Databricks header), Python module (a `notebooks/*.py`
 * without it that a notebook imports) and SQL template (`sql/*.sql`). A file that is neither, such as a notebook
 * that lost its header, is an error: the workspace would import it as a plain file nobody runs.
 */
export function readAssetFiles(repoRoot: string): AssetFiles {
    const python = readDir(repoRoot, "notebooks", ".py");
    const notebooks = python.filter((file) => file.content.startsWith(NOTEBOOK_HEADER));
    const notebookModules = python
        .filter((file) => !file.content.startsWith(NOTEBOOK_HEADER))
        .map((file) => {
            if (!notebooks.some((notebook) => importsModule(notebook.content, file.name))) {
                throw new Error(
                    `${file.source}: neither a notebook (it does not start with "${NOTEBOOK_HEADER}") nor a module a notebook imports ` +
                        `(no notebook has "from ${file.name} import ..."); add the header or import it`,
                );
            }
            return { ...file, name: `${file.name}.py` };
        });
    return {
        notebooks,
        notebookModules,
        sqlTemplates: readDir(repoRoot, "sql", ".sql"),
        alertQueries: readDir(repoRoot, "sql/alerts", ".sql"),
        appFiles: readTree(repoRoot, "app"),
    };
}

/**
 * Folders of `app/` that are never uploaded: installed packages and the UI build output, which the
 * platform recreates with `npm install` and `npm run build` on every deployment.
 */
export const APP_UPLOAD_EXCLUDED = ["node_modules", "client/dist"];

/** Every file below `dir`, sorted by path, skipping caches and `APP_UPLOAD_EXCLUDED`, which must never be deployed. */
function readTree(repoRoot: string, dir: string): AssetFile[] {
    const root = path.join(repoRoot, dir);
    if (!fs.existsSync(root)) return [];
    const files: AssetFile[] = [];
    const walk = (relative: string) => {
        for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
            if (entry.name === "__pycache__" || entry.name.startsWith(".")) continue;
            const child = relative ? `${relative}/${entry.name}` : entry.name;
            if (entry.isDirectory() && APP_UPLOAD_EXCLUDED.some((excluded) => child === excluded || child.endsWith(`/${excluded}`))) continue;
            if (entry.isDirectory()) walk(child);
            else if (entry.isFile()) files.push({ name: child, source: `${dir}/${child}`, content: fs.readFileSync(path.join(root, child), "utf8") });
        }
    };
    walk("");
    return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One hash over a set of files: their paths and contents. */
export function treeHash(files: readonly AssetFile[]): string {
    return contentHash(files.map((file) => `${file.name}\0${contentHash(file.content)}`).join("\n"));
}
