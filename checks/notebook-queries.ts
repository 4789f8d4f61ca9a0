/**
 * The parameter contract of the agent notebook's warehouse queries (Statement Execution API): every `:name`
 * marker has a value and every value has a marker, since a value without its marker filters nothing and
 * no engine complains. Their SQL itself (tables, columns, types) runs on Spark in `npm run test:spark`,
 * through a local stand-in of the warehouse (spark_local/fake_workspace.py).
 */
import type { NotebookFacts } from "./notebook-facts";

const MARKER = /(?<![:\w]):([A-Za-z_]\w*)/g;

export function queryProblems(facts: NotebookFacts): string[] {
    const problems: string[] = [];
    for (const query of facts.queries) {
        const where = `query at line ${query.line}`;
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
