/**
 * Loads dt-sql-parser's Spark grammar. The package ships extensionless ES modules that Node's CommonJS
 * loader (and ts-node in CommonJS mode) cannot load, so it is bundled once into a CommonJS file with
 * esbuild and required from there. The bundle lives under node_modules/.cache (ignored by git) and is
 * rebuilt whenever it is missing or the installed dt-sql-parser version changes.
 */
import * as fs from "fs";
import * as path from "path";

/** The subset of the ANTLR parse tree the checker walks. */
export interface ParseTreeNode {
    readonly ruleIndex?: number;
    readonly children?: ParseTreeNode[] | null;
    readonly start?: { readonly line: number; readonly column: number; readonly start: number } | null;
    readonly stop?: { readonly line: number; readonly column: number; readonly stop: number } | null;
    readonly symbol?: { readonly type: number; readonly text?: string };
    getText(): string;
}

export interface SparkParseError {
    readonly startLine: number;
    readonly startColumn: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly message: string;
}

export interface SparkSqlInstance {
    validate(sql: string): SparkParseError[];
    parse(sql: string, errorListener?: (error: SparkParseError) => void): ParseTreeNode;
    /** The lexer alone: tokenising must not parse (dt-sql-parser's getAllTokens parses the whole input). */
    createLexer(sql: string, errorListener?: (error: SparkParseError) => void): { getAllTokens(): SparkToken[] };
}

export interface SparkToken {
    readonly type: number;
    readonly channel: number;
    readonly text: string;
    /** Character offsets into the input, inclusive. */
    readonly start: number;
    readonly stop: number;
    /** 1-based line, 0-based column. */
    readonly line: number;
    readonly column: number;
}

export interface SparkGrammar {
    readonly SparkSQL: new () => SparkSqlInstance;
    /** Rule names by rule index, e.g. "querySpecification". */
    readonly ruleNames: readonly string[];
    /** Token type of ";". */
    readonly semicolonToken: number;
}

const ENTRY = `
export { SparkSQL } from "dt-sql-parser";
export { SparkSqlParser } from "dt-sql-parser/dist/lib/spark/SparkSqlParser";
export { SparkSqlLexer } from "dt-sql-parser/dist/lib/spark/SparkSqlLexer";
`;

function repoRoot(): string {
    return path.resolve(__dirname, "..");
}

function bundlePath(version: string): string {
    return path.join(repoRoot(), "node_modules", ".cache", "payment-analysis", `dt-sql-parser-${version}.cjs`);
}

function installedVersion(): string {
    const manifest = path.join(repoRoot(), "node_modules", "dt-sql-parser", "package.json");
    if (!fs.existsSync(manifest)) {
        throw new Error(`dt-sql-parser is not installed (${manifest} missing); it is a devDependency: run npm ci`);
    }
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function buildBundle(outfile: string): void {
    // Required lazily: esbuild is a devDependency and only needed when the bundle is missing.
    const esbuild = require("esbuild") as typeof import("esbuild");
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    const temporary = `${outfile}.${process.pid}.tmp`;
    esbuild.buildSync({
        stdin: { contents: ENTRY, resolveDir: repoRoot(), loader: "js" },
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        outfile: temporary,
        logLevel: "silent",
    });
    // Rename is atomic, so a concurrent test run never requires a half-written bundle.
    fs.renameSync(temporary, outfile);
}

let loaded: SparkGrammar | undefined;

export function sparkGrammar(): SparkGrammar {
    if (loaded) return loaded;
    const outfile = bundlePath(installedVersion());
    if (!fs.existsSync(outfile)) buildBundle(outfile);
    const module = require(outfile) as {
        SparkSQL: SparkGrammar["SparkSQL"];
        SparkSqlParser: { ruleNames: string[] };
        SparkSqlLexer: { SEMICOLON: number };
    };
    if (!Array.isArray(module.SparkSqlParser?.ruleNames) || typeof module.SparkSqlLexer?.SEMICOLON !== "number") {
        throw new Error(`${outfile}: unexpected dt-sql-parser exports; delete the file to rebuild it`);
    }
    loaded = {
        SparkSQL: module.SparkSQL,
        ruleNames: module.SparkSqlParser.ruleNames,
        semicolonToken: module.SparkSqlLexer.SEMICOLON,
    };
    return loaded;
}
