/**
 * Checks the Databricks App folder before it is uploaded: pyright (against the packages of .venv-spark, whose
 * databricks-sdk is the notebooks' 0.40.0, not the 0.57.0 app/requirements.txt pins) over its Python, so a
 * misspelt SDK call fails here rather than in the running app;
 * app.yaml's shape; and that the files its command starts exist. One pyright process for all folders.
 *
 * CLI: `npm run check:app` prints each problem and exits 1 if there is any.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from "fs";
import * as path from "path";
import { appCommand, appYamlProblems } from "./app-yaml";
import { REPO_ROOT, pyrightErrors } from "./notebook-pyright";

export const APP_DIR = path.join(REPO_ROOT, "app");

export type AppCheck = "pyright" | "app.yaml" | "command";

export interface AppProblem {
    /** The app folder the problem belongs to. */
    readonly folder: string;
    readonly file: string;
    readonly check: AppCheck;
    readonly message: string;
}

export function checkApps(folders: readonly string[]): AppProblem[] {
    const resolved = folders.map((folder) => {
        if (!existsSync(folder)) throw new Error(`app folder ${folder} does not exist`);
        return realpathSync(folder);
    });
    const pythonByFolder = resolved.map(pythonFiles);
    const diagnostics = pyrightErrors(pythonByFolder.flat());
    const problems: AppProblem[] = [];
    resolved.forEach((folder, index) => {
        for (const file of pythonByFolder[index]) {
            for (const d of diagnostics.filter((diagnostic) => diagnostic.file === file)) {
                problems.push({ folder, file, check: "pyright", message: `${path.relative(folder, file)} line ${d.line}: ${d.message} (${d.rule})` });
            }
        }
        problems.push(...configProblems(folder));
    });
    return problems;
}

function pythonFiles(folder: string): string[] {
    const files = readdirSync(folder, { recursive: true, encoding: "utf8" })
        .filter((name) => name.endsWith(".py"))
        .map((name) => path.join(folder, name))
        .sort();
    if (files.length === 0) throw new Error(`app folder ${folder} has no .py file to check`);
    return files;
}

function configProblems(folder: string): AppProblem[] {
    const file = path.join(folder, "app.yaml");
    if (!existsSync(file)) {
        return [{ folder, file, check: "app.yaml", message: "app.yaml is missing: Databricks Apps reads the start command from it" }];
    }
    const text = readFileSync(file, "utf8");
    const yamlProblems = appYamlProblems(text, "app.yaml");
    if (yamlProblems.length > 0) return yamlProblems.map((message) => ({ folder, file, check: "app.yaml", message }));
    // Arguments that name a file of the folder (a script, a module) must be there once uploaded.
    return appCommand(text)
        .filter((part) => /\.(py|sh)$/.test(part) && !path.isAbsolute(part))
        .filter((part) => !existsSync(path.join(folder, part)))
        .map((part) => ({ folder, file, check: "command", message: `app.yaml command starts ${part}, which is not in the app folder` }));
}

if (require.main === module) {
    try {
        const problems = checkApps([APP_DIR]);
        for (const problem of problems) console.error(`${path.relative(REPO_ROOT, problem.file)} [${problem.check}] ${problem.message}`);
        console.error(problems.length === 0 ? "app/: pyright, app.yaml and command are clean" : `${problems.length} problem(s) in app/`);
        process.exitCode = problems.length === 0 ? 0 : 1;
    } catch (error) {
        console.error(`check:app could not run: ${(error as Error).message}`);
        process.exitCode = 2;
    }
}
