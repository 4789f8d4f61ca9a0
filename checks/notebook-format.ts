/**
 * The Databricks "Python source" notebook format: the workspace import treats a .py file as a notebook
 * only when its first line is the header, and splits cells on the exact separator line. A separator with
 * a typo silently merges two cells; a stray `# MAGIC` line outside a magic cell is just a comment.
 */
export const NOTEBOOK_HEADER = "# Databricks notebook source";
export const CELL_SEPARATOR = "# COMMAND ----------";

export function notebookFormatProblems(source: string): string[] {
    const problems: string[] = [];
    const lines = source.split("\n");
    if (lines[0] !== NOTEBOOK_HEADER) {
        problems.push(`line 1 must be exactly "${NOTEBOOK_HEADER}", found "${lines[0]}"`);
    }
    if (!source.endsWith("\n")) problems.push("the file must end with a newline");

    const cells: { start: number; lines: string[] }[] = [{ start: 2, lines: [] }];
    lines.slice(1).forEach((line, index) => {
        const lineNumber = index + 2;
        if (line.startsWith("# COMMAND")) {
            if (line !== CELL_SEPARATOR) {
                problems.push(`line ${lineNumber}: cell separator must be exactly "${CELL_SEPARATOR}", found "${line}"`);
            }
            if (lines[lineNumber - 2] !== "" || (lines[lineNumber] ?? "") !== "") {
                problems.push(`line ${lineNumber}: a cell separator needs an empty line before and after it`);
            }
            cells.push({ start: lineNumber + 1, lines: [] });
        } else {
            cells[cells.length - 1].lines.push(line);
        }
    });

    for (const cell of cells) {
        const content = cell.lines.filter((line) => line.trim() !== "");
        if (content.length === 0) {
            problems.push(`line ${cell.start}: empty cell`);
            continue;
        }
        const isMagicCell = /^# MAGIC %\w+/.test(content[0]);
        content.forEach((line) => {
            const isMagicLine = line === "# MAGIC" || line.startsWith("# MAGIC ");
            if (isMagicCell && !isMagicLine) {
                problems.push(`cell at line ${cell.start}: a magic cell may only contain "# MAGIC" lines, found "${line}"`);
            } else if (!isMagicCell && isMagicLine) {
                problems.push(`cell at line ${cell.start}: "# MAGIC" line outside a magic cell (it would be a plain comment)`);
            }
        });
    }
    return problems;
}
