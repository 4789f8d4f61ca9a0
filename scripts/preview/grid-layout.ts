/**
 * A Lakeview page grid as CSS grid: GRID_V1 pages have 12 columns, older pages 6; every row has one fixed
 * height, so the picture keeps the proportions the editor shows.
 */
import type { PreviewPage, PreviewPosition } from "./dashboard-shape";

export const PAGE_WIDTH_PX = 1200;
export const ROW_HEIGHT_PX = 40;

export function gridColumns(layoutVersion: string | undefined): number {
    return layoutVersion === "GRID_V1" ? 12 : 6;
}

/** CSS grid-area placement (1-based lines) of one widget. */
export function gridArea(position: PreviewPosition): string {
    return `${position.y + 1} / ${position.x + 1} / span ${position.height} / span ${position.width}`;
}

/** Pixel size of a widget's cell, before the widget's own padding. */
export function cellSizePx(position: PreviewPosition, columns: number): { width: number; height: number } {
    return { width: Math.floor((PAGE_WIDTH_PX / columns) * position.width), height: position.height * ROW_HEIGHT_PX };
}

/** Rows the page uses: the lowest widget edge; at least one so an empty page still has a size. */
export function pageRows(page: PreviewPage): number {
    return Math.max(1, ...page.layout.map((item) => item.position.y + item.position.height));
}

export function pageSizePx(page: PreviewPage): { width: number; height: number } {
    return { width: PAGE_WIDTH_PX, height: pageRows(page) * ROW_HEIGHT_PX };
}

/** A widget wider than the grid would be clipped in the workspace too; say where. */
export function checkFitsGrid(position: PreviewPosition, columns: number, where: string): void {
    if (position.x + position.width > columns) {
        throw new Error(`${where}: x ${position.x} + width ${position.width} exceeds the page's ${columns} columns`);
    }
}
