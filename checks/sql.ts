/**
 * The query checker of dashboard datasets and alert queries, built on the Spark SQL grammar (dt-sql-parser):
 * what one SELECT reads and returns (the columns a widget or alert may bind to), and what does not resolve,
 * in milliseconds and without a Spark session. Templates are rendered with SAMPLE_TEMPLATE_VALUES first, so
 * `{{catalog}}.{{schema}}.x` is checked like any qualified name.
 *
 * The SQL files themselves are no longer checked here: `npm run test:spark` runs each one twice on Spark
 * (its parser and analyser, idempotency) and compares every object they create with contract/.
 */
import { renderTemplate, placeholdersIn } from "../components/templating";
import { datasets as contractDatasets } from "../contract";
import type { DatasetContract } from "../contract/types";
import type { QueryEnvironment } from "./sql-query";
import { analyzeQuery as analyzeQueryTree } from "./sql-query";
import { ObjectResolver, SAMPLE_TEMPLATE_VALUES } from "./sql-scope";
import { parseStatement, splitStatements, type SqlStatement, type SqlSyntaxError } from "./sql-statements";
import { alternativeOf, childWithRule, lineOf } from "./sql-tree";

export type { SqlSyntaxError } from "./sql-statements";
export { SAMPLE_TEMPLATE_VALUES } from "./sql-scope";

export interface QueryAnalysis {
    /** Contract objects the query reads, unqualified, sorted. */
    readonly tables: string[];
    /** Names of the columns the query returns, in order (`*` expanded through the contract). */
    readonly outputColumns: string[];
    /** Syntax errors, unknown tables, unknown columns; empty when the query is sound. */
    readonly problems: string[];
}

function render(sql: string, source: string): string {
    return placeholdersIn(sql).length > 0 ? renderTemplate(sql, SAMPLE_TEMPLATE_VALUES, source) : sql;
}

function formatSyntaxError(error: SqlSyntaxError): string {
    return `${error.source}:${error.line}:${error.column}: syntax error: ${error.message}`;
}

function environment(statement: SqlStatement, source: string, resolver: ObjectResolver, problems: string[], tables: Set<string>): QueryEnvironment {
    return {
        resolver,
        ctes: new Map(),
        tables,
        statement: statement.text,
        report: (node, message) => problems.push(`${source}:${statement.line + lineOf(node) - 1}: ${message}`),
    };
}

/**
 * Analyses one SELECT. Names may be unqualified or qualified with `{{catalog}}.{{schema}}`; any other
 * qualifier must name an object of `contract` by its full name.
 */
export function analyzeQuery(sql: string, source: string, contract: readonly DatasetContract[] = contractDatasets): QueryAnalysis {
    const rendered = render(sql, source);
    const statements = splitStatements(rendered);
    if (statements.length !== 1) {
        return { tables: [], outputColumns: [], problems: [`${source}: expected exactly one SELECT statement, found ${statements.length}`] };
    }
    const [statement] = statements;
    const { tree, errors } = parseStatement(statement, source);
    if (errors.length > 0) return { tables: [], outputColumns: [], problems: errors.map(formatSyntaxError) };
    const problems: string[] = [];
    const tables = new Set<string>();
    const resolver = new ObjectResolver(contract);
    const query = tree && (alternativeOf(tree) === "QueryStatement" ? tree : childWithRule(tree, "query"));
    if (!query) {
        return { tables: [], outputColumns: [], problems: [`${source}: expected a SELECT query, found ${tree ? alternativeOf(tree) : "nothing"}`] };
    }
    const outputColumns = analyzeQueryTree(query, environment(statement, source, resolver, problems, tables));
    return { tables: [...tables].sort(), outputColumns, problems };
}
