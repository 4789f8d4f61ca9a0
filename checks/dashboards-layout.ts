/**
 * Grid rules of a GRID_V1 canvas page: every widget inside the 12 columns and no two widgets sharing a
 * cell (no exported page has an overlap; the editor would stack them unpredictably).
 */
import { GRID_COLUMNS, type LakeviewPage } from "./lakeview-schema";

interface Box {
    readonly name: string;
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const describe = (box: Box) => `x=${box.x} y=${box.y} width=${box.width} height=${box.height}`;

/**
 * Our templates and what they deploy must say GRID_V1: without it the canvas is 6 columns wide, and
 * 12-column positions without it break drag and resize in the editor. Older exports lack it, so this is
 * a rule for the project's dashboards, not for every Lakeview file.
 */
export function requireGridV1(pages: readonly LakeviewPage[], source: string): string[] {
    return pages
        .filter((page) => page.layoutVersion !== "GRID_V1")
        .map((page) => `${source}: page "${page.name}" > layoutVersion: must be "GRID_V1" (12-column grid); got ${JSON.stringify(page.layoutVersion)}`);
}

export function checkPageLayout(page: LakeviewPage, source: string): string[] {
    const problems: string[] = [];
    const boxes: Box[] = (page.layout ?? []).map((item) => ({ name: item.widget.name, ...item.position }));
    // Only GRID_V1 pins the grid at 12 columns; for an older page the width rule would be a guess.
    for (const box of page.layoutVersion === "GRID_V1" ? boxes : []) {
        if (box.x + box.width > GRID_COLUMNS) {
            problems.push(
                `${source}: page "${page.name}" > widget "${box.name}": position ${describe(box)} ends at column ` +
                    `${box.x + box.width}, past the ${GRID_COLUMNS}-column grid (x + width must be <= ${GRID_COLUMNS})`,
            );
        }
    }
    for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
            if (overlaps(boxes[i], boxes[j])) {
                problems.push(
                    `${source}: page "${page.name}": widget "${boxes[i].name}" (${describe(boxes[i])}) overlaps ` +
                        `widget "${boxes[j].name}" (${describe(boxes[j])})`,
                );
            }
        }
    }
    return problems;
}
