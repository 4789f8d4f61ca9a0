/**
 * End to end: headless Chromium draws one real page to a PNG of the expected size that is not blank, and
 * the page's drawing script recorded no errors. In CI a missing Chromium fails this test (.ci/run installs
 * it); only a developer machine without CI set may skip it, and it says why.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dumpDom, findChromium } from "../../scripts/preview/chromium";
import { readPreviewDashboard } from "../../scripts/preview/dashboard-shape";
import { pageSizePx } from "../../scripts/preview/grid-layout";
import { distinctImageBytes, pngSize } from "../../scripts/preview/png-header";
import { runPreview } from "../../scripts/preview/preview-run";

const ROOT = path.resolve(__dirname, "..", "..");

describe("preview: a real screenshot with headless Chromium", function () {
    this.timeout(180_000);
    let out: string;
    before(function () {
        if (findChromium() === undefined && process.env.CI === undefined) {
            console.log("    (skipped: chromium is not on PATH and CI is unset; `apt-get install -y chromium` to run it)");
            this.skip();
        }
        out = fs.mkdtempSync(path.join(os.tmpdir(), "preview-e2e-"));
    });
    after(() => {
        if (out !== undefined) fs.rmSync(out, { recursive: true, force: true });
    });

    it("draws the executive overview to a PNG of the page's size, not blank, without drawing errors", () => {
        assert.ok(findChromium(), "chromium is not on PATH (CI must install it: see .ci/run)");
        const result = runPreview({ repoRoot: ROOT, outDir: out, only: ["executive_overview"], screenshots: true, log: () => undefined });
        const page = result.pages[0];
        assert.ok(page.png !== undefined && fs.existsSync(page.png));
        const bytes = fs.readFileSync(page.png);
        const size = pngSize(bytes, page.png);
        const source = "dashboards/executive_overview.lvdash.json";
        const dashboard = readPreviewDashboard(fs.readFileSync(path.join(ROOT, source), "utf8"), "executive_overview", source);
        assert.deepEqual(size, pageSizePx(dashboard.pages[0]));
        assert.ok(distinctImageBytes(bytes) > 200, `only ${distinctImageBytes(bytes)} distinct bytes: a blank picture?`);
        assert.ok(bytes.length > 20_000, `${bytes.length} bytes`);
        const dom = dumpDom(findChromium()!, page.html, size);
        const charts = (fs.readFileSync(page.html, "utf8").match(/class="vega-spec"/g) ?? []).length;
        assert.ok(charts > 0);
        assert.match(dom, new RegExp(`data-rendered="${charts}"`), "the drawing script finished");
        assert.match(dom, /data-render-errors=""/);
        assert.equal((dom.match(/<svg[^>]*class="marks"/g) ?? []).length, charts, "one Vega SVG per chart");
    });
});
