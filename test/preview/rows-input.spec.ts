import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectRows, rowsFromDirectory } from "../../scripts/preview/rows-input";
import { renderWidget } from "../../scripts/preview/widget-element";
import { barWidget, dashboardWith, pageWith } from "./fixture";

describe("preview: --rows <dir> replaces sample rows", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-rows-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("uses the file named after the contract view the dataset reads", () => {
        fs.writeFileSync(path.join(dir, "v_performance_by_geography.json"), JSON.stringify([{ country: "ZZ", approval_rate_pct: 12.5, transaction_count: 3 }]));
        const widget = barWidget();
        const page = pageWith([widget]);
        const element = renderWidget(widget, { x: 0, y: 0, width: 6, height: 6 }, { dashboard: dashboardWith(page), page, rowSource: rowsFromDirectory(dir) });
        assert.match(element.html, /data-rows="[^"]*v_performance_by_geography\.json"/);
        assert.match(element.html, /"country":"ZZ","avg\(approval_rate_pct\)":12\.5/);
    });

    it("prefers the dashboard's own folder (what the local Spark run writes), and aggregates dataset rows per widget", () => {
        fs.mkdirSync(path.join(dir, "fixture"));
        fs.writeFileSync(path.join(dir, "geo.json"), JSON.stringify([{ country: "ZZ", approval_rate_pct: 1 }]));
        fs.writeFileSync(
            path.join(dir, "fixture", "geo.json"),
            JSON.stringify([
                { country: "US", approval_rate_pct: 100 },
                { country: "US", approval_rate_pct: 0 },
            ]),
        );
        const widget = barWidget();
        const page = pageWith([widget]);
        const element = renderWidget(widget, { x: 0, y: 0, width: 6, height: 6 }, { dashboard: dashboardWith(page), page, rowSource: rowsFromDirectory(dir) });
        assert.match(element.html, /data-rows="[^"]*fixture\/geo\.json"/);
        assert.match(element.html, /"country":"US","avg\(approval_rate_pct\)":50/);
    });

    it("fails on a row without the field's column, and on a file that is not an array of rows", () => {
        const fields = [{ name: "avg(x)", column: "x", sparkType: "double", aggregate: true }];
        assert.throws(() => projectRows([{ y: 1 }], fields, "widget \"w\"", "f.json"), /widget "w": f\.json row 0 has neither "avg\(x\)" nor column "x"/);
        fs.writeFileSync(path.join(dir, "geo.json"), "{}");
        assert.throws(() => rowsFromDirectory(dir)("dash", "geo", []), /geo\.json: expected a JSON array of row objects/);
        assert.throws(() => rowsFromDirectory(path.join(dir, "missing")), /not a directory/);
    });
});
