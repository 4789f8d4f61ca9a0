/**
 * `npm run validate -- <file> [...]`: checks named Lakeview files. A file under the project's dashboards/
 * folder is one of our templates and gets every template check (canonical text, placeholders, SQL,
 * contract); any other file gets the format check only, since its SQL reads someone else's tables.
 */
import * as fs from "fs";
import * as path from "path";
import { checkLakeviewFile } from "../../checks/dashboards-file";
import { checkDashboardTemplate } from "../../checks/dashboards-template";

export interface FileResult {
    /** The file as the user named it. */
    readonly file: string;
    readonly kind: "template" | "format";
    readonly problems: readonly string[];
}

export function checkNamedFile(file: string, cwd: string, repoRoot: string): FileResult {
    const absolute = path.resolve(cwd, file);
    const isTemplate = path.dirname(absolute) === path.join(repoRoot, "dashboards");
    const kind = isTemplate ? "template" : "format";
    if (!fs.existsSync(absolute) || !fs.statSync(absolute).isFile()) {
        return { file, kind, problems: [`${file}: no such file (resolved to ${absolute})`] };
    }
    const text = fs.readFileSync(absolute, "utf8");
    // Templates are named repo-relative, as every other template message names them.
    const problems = isTemplate ? checkDashboardTemplate(text, path.relative(repoRoot, absolute)).problems : checkLakeviewFile(text, file);
    return { file, kind, problems };
}

/** One line per file with its result, then every problem; returns the exit code. */
export function reportFiles(results: readonly FileResult[], log: (line: string) => void): number {
    for (const result of results) {
        const what = result.kind === "template" ? "project template: format, placeholders, SQL, contract" : "Lakeview format";
        log(result.problems.length === 0 ? `ok     ${result.file} (${what})` : `FAILED ${result.file} (${what}): ${result.problems.length} problem(s)`);
        for (const problem of result.problems) log(`  - ${problem}`);
    }
    const failed = results.filter((r) => r.problems.length > 0).length;
    log(`\n${results.length} file(s): ${failed === 0 ? "all valid" : `${failed} failed`}`);
    return failed === 0 ? 0 : 1;
}
