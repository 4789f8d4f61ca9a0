/**
 * Runs the real Python type checker (pyright, from node_modules) over notebooks, with the Databricks
 * stubs of notebooks/typings, so an undefined name, a misspelt module function (dlt.expect_or_warn) or
 * an unknown method fails before anything reaches a workspace.
 */
import { spawnSync } from "child_process";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const PYRIGHT_CONFIG = path.join(REPO_ROOT, "pyrightconfig.json");
const PYRIGHT = path.join(REPO_ROOT, "node_modules", ".bin", "pyright");

export interface PyrightDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly rule: string;
    readonly message: string;
}

interface PyrightReport {
    generalDiagnostics: {
        file: string;
        severity: string;
        message: string;
        rule?: string;
        range?: { start: { line: number } };
    }[];
}

/** Error-level diagnostics for `files` (absolute paths), from one pyright process. */
export function pyrightErrors(files: readonly string[]): PyrightDiagnostic[] {
    if (files.length === 0) return [];
    const run = spawnSync(PYRIGHT, ["--project", PYRIGHT_CONFIG, "--outputjson", ...files], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw new Error(`could not start pyright at ${PYRIGHT}: ${run.error.message}`);
    // Exit 0 = clean, 1 = diagnostics reported; anything else is a pyright/config failure.
    if (run.status !== 0 && run.status !== 1) {
        throw new Error(`pyright exited with ${run.status}: ${run.stderr || run.stdout}`);
    }
    let report: PyrightReport;
    try {
        report = JSON.parse(run.stdout) as PyrightReport;
    } catch (error) {
        throw new Error(`pyright printed no JSON report (${(error as Error).message}): ${run.stdout.slice(0, 500)}`, { cause: error });
    }
    return report.generalDiagnostics
        .filter((d) => d.severity === "error")
        .map((d) => ({
            file: d.file,
            line: (d.range?.start.line ?? 0) + 1,
            rule: d.rule ?? "error",
            message: d.message.replace(/\s+/g, " "),
        }));
}
