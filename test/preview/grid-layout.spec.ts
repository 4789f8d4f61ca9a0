import { strict as assert } from "assert";
import { cellSizePx, checkFitsGrid, gridArea, gridColumns, PAGE_WIDTH_PX, pageSizePx, ROW_HEIGHT_PX } from "../../scripts/preview/grid-layout";
import { barWidget, pageWith } from "./fixture";

describe("preview grid layout", () => {
    it("has 12 columns on GRID_V1 pages and 6 on older ones", () => {
        assert.equal(gridColumns("GRID_V1"), 12);
        assert.equal(gridColumns(undefined), 6);
    });

    it("places a widget with 1-based CSS grid lines spanning its size", () => {
        assert.equal(gridArea({ x: 3, y: 2, width: 3, height: 4 }), "3 / 4 / span 4 / span 3");
    });

    it("sizes cells and pages from the column count and the fixed row height", () => {
        assert.deepEqual(cellSizePx({ x: 0, y: 0, width: 6, height: 5 }, 12), { width: PAGE_WIDTH_PX / 2, height: 5 * ROW_HEIGHT_PX });
        assert.deepEqual(cellSizePx({ x: 0, y: 0, width: 3, height: 1 }, 6), { width: PAGE_WIDTH_PX / 2, height: ROW_HEIGHT_PX });
        const page = pageWith([barWidget(), barWidget({ name: "second" })]);
        assert.deepEqual(pageSizePx(page), { width: PAGE_WIDTH_PX, height: 12 * ROW_HEIGHT_PX });
    });

    it("refuses a widget wider than the page's grid, naming where", () => {
        assert.throws(() => checkFitsGrid({ x: 4, y: 0, width: 3, height: 2 }, 6, "dashboard \"d\" > page \"p\" > widget \"w\""), /widget "w": x 4 \+ width 3 exceeds the page's 6 columns/);
        checkFitsGrid({ x: 9, y: 0, width: 3, height: 2 }, 12, "fits");
    });
});
