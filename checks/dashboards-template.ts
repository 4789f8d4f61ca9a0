/**
 * Everything that must hold for one `.lvdash.json` template before any stack deploys it: canonical text,
 * placeholders that render, the Lakeview schema, and the cross-checks. The template is rendered with the
 * SQL checker's own sample names, which it accepts as the stack's namespace and nothing else.
 */
import { canonicalJson, parseJson } from "../components/analytics/canonical-json";
import { renderDashboard, type DashboardTarget } from "../components/analytics/render";
import { crossCheckDashboard, type DatasetAnalyzer } from "./dashboards";
import { requireGridV1 } from "./dashboards-layout";
import { checkDashboardSchema } from "./dashboards-schema";
import { analyzeQuery, SAMPLE_TEMPLATE_VALUES } from "./sql";

const SAMPLE_TARGET: DashboardTarget = SAMPLE_TEMPLATE_VALUES;

/** The real checker: Spark grammar, contract tables and columns. */
export const contractAnalyzer: DatasetAnalyzer = (sql, source) => analyzeQuery(sql, source);

export interface TemplateCheckResult {
    readonly problems: string[];
    /** Counts for a summary line; zero when the template did not get as far as the schema. */
    readonly datasets: number;
    readonly widgets: number;
}

function errorMessage(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

export function checkDashboardTemplate(template: string, source: string, analyze: DatasetAnalyzer = contractAnalyzer): TemplateCheckResult {
    const failed = (problems: string[]): TemplateCheckResult => ({ problems, datasets: 0, widgets: 0 });
    let raw: unknown;
    try {
        raw = parseJson(template, source);
    } catch (error) {
        return failed([errorMessage(error)]);
    }
    const problems: string[] = [];
    if (canonicalJson(raw) !== template) {
        problems.push(`${source}: not in canonical form (keys sorted, 2-space indent, final newline); run \`npm run render\`, which rewrites templates canonically`);
    }
    let rendered: unknown;
    try {
        rendered = JSON.parse(renderDashboard(template, SAMPLE_TARGET, source));
    } catch (error) {
        return failed([...problems, errorMessage(error)]);
    }
    const schema = checkDashboardSchema(rendered, source);
    if (!schema.ok) return failed([...problems, ...schema.problems]);
    problems.push(...requireGridV1(schema.dashboard.pages, source));
    problems.push(...crossCheckDashboard(schema.dashboard, source, { analyze, requireQualifiedTables: true, requirePageFilters: true }));
    return {
        problems,
        datasets: schema.dashboard.datasets.length,
        widgets: schema.dashboard.pages.reduce((n, page) => n + (page.layout ?? []).length, 0),
    };
}
