/**
 * `npm run validate`: every dashboard template against the Lakeview schema, the Spark grammar, the data
 * contract and the layout rules. Prints one line per dashboard and every problem; exits 1 on any problem.
 * `npm run validate -- <file.lvdash.json> [...]` checks the named files instead (see lib/validate-files).
 */
import * as fs from "fs";
import * as path from "path";
import { checkDashboardTemplate } from "../checks/dashboards-template";
import { dashboardEntries } from "../dashboards";
import { checkNamedFile, reportFiles } from "./lib/validate-files";

const REPO_ROOT = path.resolve(__dirname, "..");

function validateTemplates(): number {
    const problems: string[] = [];
    const listed = new Set(dashboardEntries.map((entry) => entry.file));
    for (const file of fs.readdirSync(path.join(REPO_ROOT, "dashboards")).filter((f) => f.endsWith(".lvdash.json"))) {
        if (!listed.has(`dashboards/${file}`)) problems.push(`dashboards/${file}: not listed in dashboards/index.ts, so it would never deploy; add an entry or delete the file`);
    }
    let datasets = 0;
    let widgets = 0;
    for (const entry of dashboardEntries) {
        const file = path.join(REPO_ROOT, entry.file);
        if (!fs.existsSync(file)) {
            problems.push(`${entry.file}: listed in dashboards/index.ts as "${entry.key}" but the file does not exist`);
            continue;
        }
        const result = checkDashboardTemplate(fs.readFileSync(file, "utf8"), entry.file);
        datasets += result.datasets;
        widgets += result.widgets;
        const status = result.problems.length === 0 ? "ok" : `${result.problems.length} problem(s)`;
        console.log(`${status.padEnd(14)} ${entry.file} (${result.datasets} datasets, ${result.widgets} widgets)`);
        problems.push(...result.problems);
    }
    console.log(`\n${dashboardEntries.length} dashboards, ${datasets} datasets, ${widgets} widgets: ${problems.length === 0 ? "all valid" : `${problems.length} problem(s)`}`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return problems.length === 0 ? 0 : 1;
}

function main(files: readonly string[]): number {
    if (files.length === 0) return validateTemplates();
    // npm runs scripts in the package root; INIT_CWD is where the user typed the command.
    const cwd = process.env.INIT_CWD ?? process.cwd();
    return reportFiles(
        files.map((file) => checkNamedFile(file, cwd, REPO_ROOT)),
        (line) => console.log(line),
    );
}

try {
    process.exitCode = main(process.argv.slice(2));
} catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
}
