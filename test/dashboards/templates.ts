/** The thirteen templates as the tests read them. */
import * as fs from "fs";
import * as path from "path";
import { dashboardEntries, type DashboardEntry } from "../../dashboards";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function readTemplate(entry: DashboardEntry): string {
    return fs.readFileSync(path.join(REPO_ROOT, entry.file), "utf8");
}

export const templates: ReadonlyArray<{ entry: DashboardEntry; text: string }> = dashboardEntries.map((entry) => ({
    entry,
    text: readTemplate(entry),
}));
