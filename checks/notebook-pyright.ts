/**
 * Runs the real Python type checker (pyright, from node_modules) over notebooks, against the real packages
 * of the local Spark environment (`.venv-spark/`, from python/requirements.txt: pyspark, delta-spark, mlflow,
 * scikit-learn, databricks-sdk, pandas-stubs, databricks-dlt) plus notebooks/typings/__builtins__.pyi for the
 * globals only a Databricks runtime injects, so an undefined name, a misspelt module function
 * (dlt.expect_or_warn) or an unknown method fails before anything reaches a workspace.
 */
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const PYRIGHT_CONFIG = path.join(REPO_ROOT, "pyrightconfig.json");
const PYRIGHT = path.join(REPO_ROOT, "node_modules", ".bin", "pyright");
/** The environment pyrightconfig.json names (venvPath + venv): without it every third-party import is unresolved. */
const VENV_PYTHON = path.join(REPO_ROOT, ".venv-spark", "bin", "python");

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
    if (!existsSync(VENV_PYTHON)) {
        throw new Error(`pyright checks the notebooks against the packages of ${path.relative(REPO_ROOT, VENV_PYTHON)}, which does not exist: run npm run spark:setup`);
    }
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
