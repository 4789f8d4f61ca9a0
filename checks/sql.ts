/**
 * The SQL checker, built on the real Spark SQL grammar (dt-sql-parser). Templates are rendered with
 * SAMPLE_TEMPLATE_VALUES first, so `{{catalog}}.{{schema}}.x` is checked like any qualified name.
 *
 * - parseSpark: grammar errors of a SQL text (one or many statements).
 * - analyzeQuery: one SELECT, for dashboard datasets: what it reads and returns, and what does not resolve.
 * - checkSqlFile: a deployed SQL file: every statement parses, reads only known objects and columns, and
 *   creates exactly the objects the contract says this file produces, with the contract's columns.
 */
import * as fs from "fs";
import * as path from "path";
import { renderTemplate, placeholdersIn } from "../components/templating";
import { datasets as contractDatasets } from "../contract";
import type { DatasetContract } from "../contract/types";
import { checkStatement } from "./sql-file";
import type { QueryEnvironment } from "./sql-query";
import { analyzeQuery as analyzeQueryTree } from "./sql-query";
import { ObjectResolver, SAMPLE_TEMPLATE_VALUES } from "./sql-scope";
import { parseStatement, splitStatements, useCatalogTarget, type SqlStatement, type SqlSyntaxError } from "./sql-statements";
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

export interface SqlFileReport {
    readonly file: string;
    /** Objects the file creates, in order. */
    readonly created: string[];
    /** Contract objects the file reads (not counting ones it created), sorted. */
    readonly read: string[];
    readonly problems: string[];
}

function render(sql: string, source: string): string {
    return placeholdersIn(sql).length > 0 ? renderTemplate(sql, SAMPLE_TEMPLATE_VALUES, source) : sql;
}

/** Grammar errors of `sql` (templates are rendered first); empty when every statement parses. */
export function parseSpark(sql: string, source: string): SqlSyntaxError[] {
    const rendered = render(sql, source);
    return splitStatements(rendered).flatMap((statement) => parseStatement(statement, source).errors);
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
    const resolver = new ObjectResolver(contract, true);
    const query = tree && (alternativeOf(tree) === "QueryStatement" ? tree : childWithRule(tree, "query"));
    if (!query) {
        return { tables: [], outputColumns: [], problems: [`${source}: expected a SELECT query, found ${tree ? alternativeOf(tree) : "nothing"}`] };
    }
    const outputColumns = analyzeQueryTree(query, environment(statement, source, resolver, problems, tables));
    return { tables: [...tables].sort(), outputColumns, problems };
}

/**
 * Checks a SQL template file against the contract. `file` is a path; the contract producer of each
 * object it must create is matched on the path relative to the repository root (e.g. "sql/gold_views.sql").
 */
export function checkSqlFile(file: string, contract: readonly DatasetContract[] = contractDatasets): SqlFileReport {
    const repoPath = path.relative(path.resolve(__dirname, ".."), path.resolve(file)).split(path.sep).join("/");
    const text = fs.readFileSync(file, "utf8");
    return checkSqlText(text, repoPath, contract);
}

/** checkSqlFile on text already read; `repoPath` names the file in messages and in producer matching. */
export function checkSqlText(text: string, repoPath: string, contract: readonly DatasetContract[] = contractDatasets): SqlFileReport {
    const rendered = render(text, repoPath);
    const problems: string[] = [];
    const created: string[] = [];
    const tables = new Set<string>();
    const byName = new Map(contract.map((d) => [d.name, d]));
    const resolver = new ObjectResolver(contract, false);
    const statements = splitStatements(rendered);
    if (statements.length === 0) problems.push(`${repoPath}: the file has no SQL statements`);
    for (const statement of statements) {
        const { tree, errors } = parseStatement(statement, repoPath);
        if (errors.length > 0) {
            problems.push(...errors.map(formatSyntaxError));
            continue;
        }
        const catalog = useCatalogTarget(statement);
        if (catalog !== undefined) {
            resolver.catalog = catalog;
            resolver.schema = undefined; // USE CATALOG resets the schema to `default`
            continue;
        }
        if (!tree) {
            problems.push(`${repoPath}:${statement.line}: statement did not parse into a tree`);
            continue;
        }
        const outcome = checkStatement(tree, environment(statement, repoPath, resolver, problems, tables), byName);
        if (outcome.created) {
            if (created.includes(outcome.created.name)) problems.push(`${repoPath}:${statement.line}: creates "${outcome.created.name}" twice`);
            created.push(outcome.created.name);
            resolver.register(outcome.created);
        }
    }
    for (const dataset of contract.filter((d) => d.producer.kind === "sql" && d.producer.path === repoPath)) {
        if (!created.includes(dataset.name)) {
            problems.push(`${repoPath}: the contract says this file produces "${dataset.name}", but it does not create it`);
        }
    }
    return { file: repoPath, created, read: [...tables].filter((t) => !created.includes(t)).sort(), problems };
}
