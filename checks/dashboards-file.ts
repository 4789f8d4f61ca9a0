/**
 * The format check for any `.lvdash.json`, ours or exported from someone's workspace: the Lakeview schema
 * plus the references and layout that break rendering in every dashboard. No SQL or contract check: a file
 * that is not one of our templates reads tables our contract knows nothing about.
 */
import { parseJson } from "../components/analytics/canonical-json";
import { crossCheckDashboard } from "./dashboards";
import { checkDashboardSchema } from "./dashboards-schema";

export function checkLakeviewFile(text: string, source: string): string[] {
    let raw: unknown;
    try {
        raw = parseJson(text, source);
    } catch (error) {
        return [error instanceof Error ? error.message : String(error)];
    }
    const schema = checkDashboardSchema(raw, source);
    if (!schema.ok) return schema.problems;
    return crossCheckDashboard(schema.dashboard, source, {});
}
