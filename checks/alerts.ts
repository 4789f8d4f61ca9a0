/**
 * The SQL alerts' queries, checked like the dashboards' datasets: one SELECT each, every table and column
 * resolved against the data contract, and the column the alert compares among what the query returns.
 */
import type { AssetFile } from "../components/assets";
import type { AlertDefinition } from "../components/analytics/alert-catalog";
import { analyzeQuery } from "./sql";

export function checkAlertQueries(definitions: readonly AlertDefinition[], queries: readonly AssetFile[]): string[] {
    const problems: string[] = [];
    const byName = new Map(queries.map((file) => [file.name, file]));
    for (const definition of definitions) {
        const file = byName.get(definition.key);
        if (!file) {
            problems.push(`alert ${definition.key}: no query file sql/alerts/${definition.key}.sql`);
            continue;
        }
        const analysis = analyzeQuery(file.content, file.source);
        problems.push(...analysis.problems);
        if (analysis.problems.length === 0 && !analysis.outputColumns.includes(definition.column)) {
            problems.push(`${file.source}: the alert compares ${definition.column}, but the query returns ${analysis.outputColumns.join(", ") || "no named column"}`);
        }
    }
    for (const file of queries) {
        if (!definitions.some((definition) => definition.key === file.name)) problems.push(`${file.source}: no alert runs this query (alerts are ${definitions.map((d) => d.key).join(", ")})`);
    }
    return problems;
}
