/**
 * Issue 14: a dashboard edited in the Lakeview UI and pulled back must not block the next deploy. The
 * UI-edited dashboards are our own thirteen with the editor's keys added (ui-edits.ts).
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkLakeviewFile } from "../../checks/dashboards-file";
import { checkDashboardTemplate } from "../../checks/dashboards-template";
import { canonicalJson } from "../../components/analytics/canonical-json";
import { prepareDashboards } from "../../components/analytics/prepare";
import { renderDashboard } from "../../components/analytics/render";
import { pullDashboards } from "../../scripts/lib/dashboards-pull";
import { FakeDatabricks } from "../support/fake-databricks";
import { REPO_ROOT, templates } from "./templates";
import { UI_EDITS, uiEdited } from "./ui-edits";

const TARGET = { catalog: "main", schema: "payments_dev" };
const displayNameFor = (title: string) => `[dev] ${title}`;

/** What the workspace would return for each dashboard after a user edited it. */
const edited = templates.map(({ entry, text }) => {
    const { dashboard, counts } = uiEdited(JSON.parse(renderDashboard(text, TARGET, entry.file)));
    return { entry, counts, serialized: canonicalJson(dashboard) };
});

function runValidate(files: readonly string[]): { status: number | null; stdout: string } {
    const result = spawnSync("npm", ["run", "--silent", "validate", "--", ...files], { cwd: REPO_ROOT, encoding: "utf8" });
    assert.equal(result.error, undefined, String(result.error));
    return { status: result.status, stdout: result.stdout };
}

describe("dashboards edited in the Lakeview UI", () => {
    it("carry every key the editor adds, across the thirteen", () => {
        for (const edit of UI_EDITS) {
            const total = edited.reduce((sum, { counts }) => sum + counts[edit], 0);
            assert.ok(total > 0, `no dashboard received the edit "${edit}"; the tests below would prove nothing about it`);
        }
    });

    for (const { entry, serialized } of edited) {
        it(`${entry.key}: passes the format check after the UI edits`, () => {
            assert.deepEqual(checkLakeviewFile(serialized, `${entry.key}.lvdash.json`), []);
        });
    }

    describe("npm run validate -- <file>", () => {
        let dir: string;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-"));
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("prints ok for a UI-edited dashboard and exits 0", () => {
            const file = path.join(dir, "executive_overview.lvdash.json");
            fs.writeFileSync(file, edited.find((e) => e.entry.key === "executive_overview")!.serialized);
            const { status, stdout } = runValidate([file]);
            assert.match(stdout, new RegExp(`^ok +${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(Lakeview format\\)$`, "m"), stdout);
            assert.equal(status, 0, stdout);
        });

        it("names each failing file and the JSON path of each problem, and exits 1 while still reporting the good file", () => {
            const good = path.join(dir, "good.lvdash.json");
            const misplaced = path.join(dir, "misplaced.lvdash.json");
            const dangling = path.join(dir, "dangling.lvdash.json");
            const daily = edited.find((e) => e.entry.key === "daily_trends")!.serialized;
            fs.writeFileSync(good, daily);
            const first = JSON.parse(daily) as { pages: { layout: { widget: { specExtensions?: unknown; spec?: Record<string, unknown>; queries?: { query: { datasetName: string } }[] } }[] }[] };
            const widget = first.pages[0].layout.find((item) => item.widget.spec !== undefined)!.widget;
            widget.spec!.specExtensions = widget.specExtensions;
            delete widget.specExtensions;
            fs.writeFileSync(misplaced, JSON.stringify(first));
            const second = JSON.parse(daily) as typeof first;
            second.pages[0].layout.find((item) => item.widget.queries !== undefined)!.widget.queries![0].query.datasetName = "no_such_dataset";
            fs.writeFileSync(dangling, JSON.stringify(second));

            const { status, stdout } = runValidate([good, misplaced, dangling]);
            assert.equal(status, 1, stdout);
            assert.match(stdout, /^ok +\S*good\.lvdash\.json/m);
            assert.match(stdout, /^FAILED \S*misplaced\.lvdash\.json \(Lakeview format\): 1 problem/m);
            assert.match(stdout, /misplaced\.lvdash\.json: page "[^"]+" > widget "[^"]+" > spec\.specExtensions: specExtensions belongs on the widget/);
            assert.match(stdout, /^FAILED \S*dangling\.lvdash\.json/m);
            assert.match(stdout, /dangling\.lvdash\.json: page "[^"]+" > widget "[^"]+" > query "[^"]+": datasetName "no_such_dataset" is not a dataset/);
        });
    });

    describe("pulled back with dashboards:pull", () => {
        let fake: FakeDatabricks;
        let root: string;

        beforeEach(async () => {
            fake = await FakeDatabricks.start();
            root = fs.mkdtempSync(path.join(os.tmpdir(), "pull-ui-"));
            fs.mkdirSync(path.join(root, "dashboards"));
        });
        afterEach(async () => {
            await fake.stop();
            fs.rmSync(root, { recursive: true, force: true });
        });

        it("become templates that pass every template check and the deploy gate", async () => {
            fake.enqueue("GET", "/api/2.0/lakeview/dashboards", {
                body: { dashboards: edited.map(({ entry }) => ({ dashboard_id: `id-${entry.key}`, display_name: displayNameFor(entry.title) })) },
            });
            for (const { entry, serialized } of edited) {
                fake.enqueue("GET", `/api/2.0/lakeview/dashboards/id-${entry.key}`, { body: { dashboard_id: `id-${entry.key}`, serialized_dashboard: serialized } });
            }

            const result = await pullDashboards({ client: fake.client(), target: TARGET, entries: edited.map((e) => e.entry), displayNameFor, root });

            assert.deepEqual(result.warnings, []);
            assert.equal(result.written.length, 13);
            const readPulled = (entry: { file: string }) => fs.readFileSync(path.join(root, entry.file), "utf8");
            for (const { entry } of edited) {
                const pulled = readPulled(entry);
                assert.match(pulled, /"specExtensions"/, `${entry.file} was not the UI-edited dashboard`);
                assert.match(pulled, /\{\{catalog\}\}\.\{\{schema\}\}\./, entry.file);
                assert.deepEqual(checkDashboardTemplate(pulled, entry.file).problems, [], entry.file);
            }
            // What `pulumi up` runs before any resource exists.
            assert.equal(prepareDashboards(TARGET, readPulled).length, 13);
        });

        it("warn, naming file and path, when a pulled dashboard would block the deploy", async () => {
            const latency = edited.find((e) => e.entry.key === "performance_latency")!;
            const broken = latency.serialized.replace('"by": "natural-order"', '"by": "x"');
            assert.notEqual(broken, latency.serialized, "the latency chart's sort is where this test expects it");
            fake.enqueue("GET", "/api/2.0/lakeview/dashboards", { body: { dashboards: [{ dashboard_id: "d-1", display_name: displayNameFor(latency.entry.title) }] } });
            fake.enqueue("GET", "/api/2.0/lakeview/dashboards/d-1", { body: { dashboard_id: "d-1", serialized_dashboard: broken } });

            const result = await pullDashboards({ client: fake.client(), target: TARGET, entries: [latency.entry], displayNameFor, root });

            assert.equal(result.warnings.length, 1, result.warnings.join("\n"));
            assert.match(result.warnings[0], /^dashboards\/performance_latency\.lvdash\.json: page "[^"]+" > widget "latency_distribution" > spec\.encodings\.x\.scale\.sort\.by: sort by "x" on a categorical x axis/);
            assert.ok(fs.existsSync(path.join(root, latency.entry.file)), "written anyway, so the UI change is not lost");
        });
    });
});
