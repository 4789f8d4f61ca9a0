/**
 * Static facts about notebooks (tables created with their columns, widgets, column references, domain
 * constants), extracted by checks/notebook_outputs.py with Python's own parser.
 */
import { spawnSync } from "child_process";
import * as path from "path";

const EXTRACTOR = path.join(__dirname, "notebook_outputs.py");

export interface DeclaredColumn {
    readonly name: string;
    readonly type: string;
    readonly nullable: boolean;
}

export interface NotebookFacts {
    readonly outputs: readonly { table: string; line: number; columns: readonly DeclaredColumn[] }[];
    /** SQL a notebook sends to the warehouse, with the names of the statement parameters it passes. */
    readonly queries: readonly { line: number; sql: string; parameters: readonly string[] }[];
    /** ModelSpec(...) declarations of the training notebook. */
    readonly models: readonly {
        line: number;
        name: string;
        numeric_features: readonly string[];
        categorical_features: readonly string[];
        label_sources: readonly string[];
    }[];
    /** The notebook reads a stream (readStream / dlt.read_stream). */
    readonly streaming: boolean;
    /** Lines calling countDistinct / count_distinct. */
    readonly exactDistinctLines: readonly number[];
    readonly widgets: { readonly declared: readonly string[]; readonly used: readonly string[] };
    readonly columnReferences: Readonly<Record<string, readonly string[]>>;
    readonly constants: Readonly<Record<string, unknown>>;
    readonly problems: readonly string[];
}

/** Facts per file (keyed by the absolute paths given), from one python3 process. */
export function notebookFacts(files: readonly string[]): Record<string, NotebookFacts> {
    if (files.length === 0) return {};
    const run = spawnSync("python3", [EXTRACTOR, ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw new Error(`could not start python3 for ${EXTRACTOR}: ${run.error.message}`);
    if (run.status !== 0) throw new Error(`${EXTRACTOR} exited with ${run.status}: ${run.stderr}`);
    return JSON.parse(run.stdout) as Record<string, NotebookFacts>;
}
