/**
 * Splits a SQL file into statements with the Spark lexer (so semicolons inside strings and comments are
 * not boundaries) and validates each statement with the Spark grammar, mapping positions back to the file.
 */
import { sparkGrammar, type ParseTreeNode, type SparkSqlInstance } from "./spark-grammar";
import { childWithRule } from "./sql-tree";

export interface SqlSyntaxError {
    readonly source: string;
    /** 1-based line in the file. */
    readonly line: number;
    /** 1-based column. */
    readonly column: number;
    readonly message: string;
}

export interface SqlStatement {
    readonly text: string;
    /** 1-based line of the statement's first token in the file. */
    readonly line: number;
    /** 0-based column of the statement's first token. */
    readonly column: number;
    /** Upper-cased texts of the statement's tokens (no comments or whitespace). */
    readonly words: readonly string[];
}

let instance: SparkSqlInstance | undefined;

export function sparkSql(): SparkSqlInstance {
    instance ??= new (sparkGrammar().SparkSQL)();
    return instance;
}

export function splitStatements(sql: string): SqlStatement[] {
    const { semicolonToken } = sparkGrammar();
    // Lexer errors (an unterminated string, say) resurface when the statement is parsed, with a position.
    const tokens = sparkSql().createLexer(sql, () => undefined).getAllTokens();
    const statements: SqlStatement[] = [];
    let current: { start: number; stop: number; line: number; column: number; words: string[] } | undefined;
    for (const token of tokens) {
        if (token.channel !== 0) continue;
        if (token.type === semicolonToken) {
            if (current) statements.push(toStatement(sql, current));
            current = undefined;
            continue;
        }
        if (token.type < 0) continue; // EOF
        current ??= { start: token.start, stop: token.stop, line: token.line, column: token.column, words: [] };
        current.stop = token.stop;
        current.words.push(token.text.toUpperCase());
    }
    if (current) statements.push(toStatement(sql, current));
    return statements;
}

function toStatement(
    sql: string,
    range: { start: number; stop: number; line: number; column: number; words: string[] },
): SqlStatement {
    return { text: sql.slice(range.start, range.stop + 1), line: range.line, column: range.column, words: range.words };
}

/**
 * `USE CATALOG <name>` is Databricks (Unity Catalog) syntax that the open-source Spark grammar predates.
 * It is recognised here from its tokens, and only in exactly this form; the catalog name is returned.
 */
export function useCatalogTarget(statement: SqlStatement): string | undefined {
    const [use, catalog, name, ...rest] = statement.words;
    if (use !== "USE" || catalog !== "CATALOG" || name === undefined || rest.length > 0) return undefined;
    const text = statement.text.trim().split(/\s+/).slice(2).join(" ");
    return text.startsWith("`") ? text.slice(1, -1).replace(/``/g, "`").toLowerCase() : text.toLowerCase();
}

export interface ParsedStatement {
    /** The `statement` rule node; undefined for USE CATALOG, which the grammar does not know. */
    readonly tree: ParseTreeNode | undefined;
    readonly errors: SqlSyntaxError[];
}

/** Parses one statement once, collecting its grammar errors positioned in the file. */
export function parseStatement(statement: SqlStatement, source: string): ParsedStatement {
    if (useCatalogTarget(statement) !== undefined) return { tree: undefined, errors: [] };
    const errors: SqlSyntaxError[] = [];
    const program = sparkSql().parse(statement.text, (error) =>
        errors.push({
            source,
            line: statement.line + error.startLine - 1,
            column: error.startLine === 1 ? statement.column + error.startColumn : error.startColumn,
            message: error.message,
        }),
    );
    const single = childWithRule(program, "singleStatement");
    return { tree: single && childWithRule(single, "statement"), errors };
}
