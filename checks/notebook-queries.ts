/**
 * The warehouse queries of the agent notebook, parsed with the Spark SQL grammar of checks/sql.ts and
 * resolved against the data contract (tables and columns), plus the parameter contract of the
 * Statement Execution API: every `:name` marker has a value and every value has a marker.
 */
import { analyzeQuery } from "./sql";
import type { NotebookFacts } from "./notebook-facts";

const MARKER = /(?<![:\w]):([A-Za-z_]\w*)/g;

export function queryProblems(facts: NotebookFacts): string[] {
    const problems: string[] = [];
    for (const query of facts.queries) {
        const where = `query at line ${query.line}`;
        problems.push(...analyzeQuery(query.sql, where).problems);
        const markers = new Set([...query.sql.matchAll(MARKER)].map((m) => m[1]));
        for (const marker of markers) {
            if (!query.parameters.includes(marker)) problems.push(`${where}: parameter :${marker} is used but not passed`);
        }
        for (const parameter of query.parameters) {
            if (!markers.has(parameter)) problems.push(`${where}: parameter "${parameter}" is passed but the SQL has no :${parameter}`);
        }
    }
    return problems;
}
