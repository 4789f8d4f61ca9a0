/**
 * The `%pip install` cell of a job notebook holds it to notebooks/requirements.ts. On serverless the
 * Jobs API ignores job `environments` for notebook tasks, so this cell is the only way the pinned
 * packages reach the notebook there; a pin that drifts from requirements.ts would make serverless and
 * classic-cluster runs (task libraries, built from requirements.ts) use different versions.
 *
 * The cell must come before any code cell (code imported before the install keeps the preloaded
 * version) and be followed by `dbutils.library.restartPython()`, which makes Python load the new
 * versions of packages the runtime had already imported.
 */
import { CELL_SEPARATOR } from "./notebook-format";

export const RESTART_PYTHON = "dbutils.library.restartPython()";
const PIP_MAGIC = /^# MAGIC\s+%pip\b/;

interface Cell {
    /** 1-based line number of the cell's first line. */
    readonly start: number;
    /** Non-blank lines of the cell, with their 1-based line numbers. */
    readonly lines: readonly { readonly number: number; readonly text: string }[];
}

/** The `# MAGIC %pip install ...` line that installs `packages` (sorted, so the line is unique). */
export function expectedPipLine(packages: readonly string[]): string {
    return `# MAGIC %pip install --quiet ${[...packages].sort().join(" ")}`;
}

function cellsOf(source: string): Cell[] {
    const cells: { start: number; lines: { number: number; text: string }[] }[] = [{ start: 1, lines: [] }];
    source.split("\n").forEach((text, index) => {
        const number = index + 1;
        if (text === CELL_SEPARATOR) {
            cells.push({ start: number + 1, lines: [] });
        } else if (text.trim() !== "") {
            cells[cells.length - 1].lines.push({ number, text });
        }
    });
    return cells;
}

/** A cell holding only the source header and/or markdown, which runs no code. */
function isDocumentationCell(cell: Cell): boolean {
    const body = cell.lines.filter((line) => line.text !== "# Databricks notebook source");
    return body.length === 0 || /^# MAGIC %md\b/.test(body[0].text);
}

/** Requirements keyed by lower-case package name (pip treats names case-insensitively). */
function requirementsByName(requirements: readonly string[]): Map<string, string> {
    return new Map(requirements.map((requirement) => [requirement.split(/[=<>!~]/)[0].toLowerCase(), requirement]));
}

function pinProblems(listed: readonly string[], packages: readonly string[]): string[] {
    const expected = requirementsByName(packages);
    const actual = requirementsByName(listed);
    const problems: string[] = [];
    for (const [name, requirement] of actual) {
        const pinned = expected.get(name);
        if (pinned === undefined) problems.push(`installs ${requirement}, which notebooks/requirements.ts does not list`);
        else if (pinned !== requirement) problems.push(`installs ${requirement}, notebooks/requirements.ts pins ${pinned}`);
    }
    for (const [name, pinned] of expected) {
        if (!actual.has(name)) problems.push(`does not install ${pinned}, which notebooks/requirements.ts lists`);
    }
    return problems;
}

/**
 * Problems of `source` (a notebook's text) against `packages`, its entry in `notebookPackages`.
 * Messages name the line and what would be valid.
 */
export function pipCellProblems(source: string, packages: readonly string[]): string[] {
    const cells = cellsOf(source);
    const pipLines = cells.flatMap((cell) => cell.lines.filter((line) => PIP_MAGIC.test(line.text)));
    if (packages.length === 0) {
        return pipLines.map(
            (line) =>
                `line ${line.number}: %pip cell, but notebooks/requirements.ts lists no packages for this notebook ` +
                "(list them there, or remove the cell)",
        );
    }

    const expectedLine = expectedPipLine(packages);
    if (pipLines.length === 0) {
        return [`no %pip cell; add right after the first markdown cell a cell "${expectedLine}", then a cell "${RESTART_PYTHON}"`];
    }
    if (pipLines.length > 1) {
        return [`%pip appears on lines ${pipLines.map((l) => l.number).join(", ")}; keep one cell "${expectedLine}"`];
    }

    const pipLine = pipLines[0];
    const index = cells.findIndex((cell) => cell.lines.includes(pipLine));
    const pipCell = cells[index];
    const problems: string[] = [];
    const at = `line ${pipLine.number}`;

    if (pipCell.lines.length !== 1 || pipCell.lines[0] !== pipLine) {
        problems.push(`${at}: the %pip line must be the only line of its cell, found ${pipCell.lines.length} lines`);
    }
    const [verb, ...args] = pipLine.text.replace(PIP_MAGIC, "").trim().split(/\s+/);
    if (verb !== "install") {
        problems.push(`${at}: expected "%pip install", found "%pip ${verb ?? ""}"`);
    } else {
        const listed = args.filter((arg) => !arg.startsWith("-"));
        problems.push(...pinProblems(listed, packages).map((problem) => `${at}: ${problem}`));
    }
    if (problems.length === 0 && pipLine.text !== expectedLine) {
        problems.push(`${at}: must read exactly "${expectedLine}" (sorted, --quiet), found "${pipLine.text}"`);
    }

    const codeBefore = cells.slice(0, index).find((cell) => !isDocumentationCell(cell));
    if (codeBefore) {
        problems.push(`${at}: the %pip cell must come before any code cell, but the cell at line ${codeBefore.lines[0]?.number ?? codeBefore.start} runs code first`);
    }
    const next = cells[index + 1];
    if (!next || next.lines.length !== 1 || next.lines[0].text !== RESTART_PYTHON) {
        problems.push(`${at}: the cell after the %pip cell must be exactly "${RESTART_PYTHON}"`);
    }
    return problems;
}
