/**
 * Renders and schema-checks all thirteen dashboards for one stack, collecting every problem before any
 * resource exists: a broken dashboard must stop the deployment, not trash itself on publish (the provider
 * deletes a dashboard whose publish fails).
 */
import * as fs from "fs";
import * as path from "path";
import { requireGridV1 } from "../../checks/dashboards-layout";
import { checkDashboardSchema } from "../../checks/dashboards-schema";
import { dashboardEntries, type DashboardEntry } from "../../dashboards";
import { renderDashboard, type DashboardTarget } from "./render";

export interface PreparedDashboard {
    readonly entry: DashboardEntry;
    /** Canonical JSON, exactly what the provider receives. */
    readonly serialized: string;
}

const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function readTemplateFile(entry: DashboardEntry): string {
    return fs.readFileSync(path.join(REPO_ROOT, entry.file), "utf8");
}

export function prepareDashboards(
    target: DashboardTarget,
    readTemplate: (entry: DashboardEntry) => string = readTemplateFile,
    entries: readonly DashboardEntry[] = dashboardEntries,
): PreparedDashboard[] {
    const problems: string[] = [];
    const prepared: PreparedDashboard[] = [];
    for (const entry of entries) {
        try {
            const serialized = renderDashboard(readTemplate(entry), target, entry.file);
            const schema = checkDashboardSchema(JSON.parse(serialized), entry.file);
            const layout = schema.ok ? requireGridV1(schema.dashboard.pages, entry.file) : [];
            if (schema.ok && layout.length === 0) prepared.push({ entry, serialized });
            else problems.push(...(schema.ok ? layout : schema.problems));
        } catch (error) {
            problems.push(error instanceof Error ? error.message : String(error));
        }
    }
    if (problems.length > 0) {
        throw new Error(`Dashboards are invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
    return prepared;
}
