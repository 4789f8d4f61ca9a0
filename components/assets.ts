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
    readonly sqlTemplates: readonly AssetFile[];
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

/** Every notebook (`notebooks/*.py` that starts with the Databricks header) and SQL template (`sql/*.sql`). */
export function readAssetFiles(repoRoot: string): AssetFiles {
    const notebooks = readDir(repoRoot, "notebooks", ".py");
    for (const notebook of notebooks) {
        if (!notebook.content.startsWith(NOTEBOOK_HEADER)) {
            throw new Error(`${notebook.source}: a notebook must start with "${NOTEBOOK_HEADER}" so the workspace imports it as a notebook`);
        }
    }
    return { notebooks, sqlTemplates: readDir(repoRoot, "sql", ".sql") };
}
