import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs, summaryLines } from "../../scripts/dashboards-preview";
import { runPreview } from "../../scripts/preview/preview-run";

const ROOT = path.resolve(__dirname, "..", "..");

describe("npm run dashboards:preview", () => {
    let root: string;
    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "preview-command-"));
        fs.mkdirSync(path.join(root, "dashboards"));
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("parses its flags and refuses unknown ones", () => {
        assert.deepEqual(parseArgs(["--only", "a", "--only", "b", "--rows", "r", "--html-only"]), { only: ["a", "b"], rows: "r", out: ".tmp/dashboard-previews", htmlOnly: true });
        assert.throws(() => parseArgs(["--rows"]), /--rows needs a value/);
        assert.throws(() => parseArgs(["--colour"]), /unknown argument --colour; usage:/);
    });

    it("draws a dashboard it has never seen, reports its unknown widget type in the output, and names unknown keys", () => {
        const daily = JSON.parse(fs.readFileSync(path.join(ROOT, "dashboards", "daily_trends.lvdash.json"), "utf8")) as {
            pages: { layout: { widget: { spec?: { widgetType: string } } }[] }[];
        };
        const chart = daily.pages[0].layout.find((item) => item.widget.spec?.widgetType === "bar" || item.widget.spec?.widgetType === "area")!;
        chart.widget.spec!.widgetType = "sankey";
        fs.writeFileSync(path.join(root, "dashboards", "thirteenth.lvdash.json"), JSON.stringify(daily));
        const out = path.join(root, "out");
        const result = runPreview({ repoRoot: root, outDir: out, only: [], screenshots: false, log: () => undefined });
        assert.equal(result.pages.length, 1);
        assert.ok(fs.existsSync(path.join(out, "thirteenth", `${result.pages[0].page}.html`)));
        const lines = summaryLines(result, 1.25);
        assert.match(lines[0], /^NOTE dashboard "thirteenth" > page "[^"]+" > widget "[^"]+": widget type "sankey" is not drawn by the preview; shown as a placeholder$/);
        assert.equal(lines[1], "1 page(s) in 1.3 s; 1 note(s) above");
        assert.throws(() => runPreview({ repoRoot: root, outDir: out, only: ["nope"], screenshots: false, log: () => undefined }), /unknown dashboard\(s\) nope; dashboards: thirteenth/);
    });
});
