import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderDashboard } from "../../components/analytics/render";
import { dashboardEntry } from "../../dashboards";
import { parsePullArgs } from "../../scripts/dashboards-pull";
import { pullDashboards, templateFromPulled } from "../../scripts/lib/dashboards-pull";
import { FakeDatabricks } from "../support/fake-databricks";
import { templates } from "./templates";

const TARGET = { catalog: "main", schema: "payments_dev" };
const displayNameFor = (title: string) => `[dev] ${title}`;

describe("dashboards:pull", () => {
    describe("templateFromPulled", () => {
        it("turns every rendered dashboard back into its template exactly", () => {
            for (const { entry, text } of templates) {
                assert.equal(templateFromPulled(renderDashboard(text, TARGET, entry.file), TARGET, entry.file), text, entry.file);
            }
        });

        it("restores back-quoted names and leaves other catalogs and look-alike prefixes alone", () => {
            const pulled = JSON.stringify({ q: "FROM `main`.`payments_dev`.t JOIN other.payments_dev.u JOIN xmain.payments_dev.v" });
            assert.equal(JSON.parse(templateFromPulled(pulled, TARGET, "x")).q, "FROM {{catalog}}.{{schema}}.t JOIN other.payments_dev.u JOIN xmain.payments_dev.v");
        });
    });

    describe("arguments", () => {
        it("reads the stack and keys", () => {
            assert.deepEqual(parsePullArgs(["--stack", "dev", "daily_trends"]), { stack: "dev", keys: ["daily_trends"] });
        });
        it("requires --stack and names unknown options", () => {
            assert.throws(() => parsePullArgs(["daily_trends"]), /--stack is required; usage: npm run dashboards:pull -- --stack <name>/);
            assert.throws(() => parsePullArgs(["--stack", "dev", "--force"]), /unknown option --force/);
            assert.throws(() => dashboardEntry("daily_trend"), /unknown dashboard "daily_trend"; valid keys: executive_overview/);
        });
    });

    describe("against a fake workspace", () => {
        let fake: FakeDatabricks;
        let root: string;
        const entry = dashboardEntry("daily_trends");
        const original = templates.find((t) => t.entry.key === "daily_trends")!.text;

        beforeEach(async () => {
            fake = await FakeDatabricks.start();
            root = fs.mkdtempSync(path.join(os.tmpdir(), "pull-"));
            fs.mkdirSync(path.join(root, "dashboards"));
        });
        afterEach(async () => {
            await fake.stop();
            fs.rmSync(root, { recursive: true, force: true });
        });

        it("finds the stack's dashboard by display name and writes the UI edit back as a canonical template", async () => {
            const edited = JSON.parse(renderDashboard(original, TARGET, entry.file)) as { pages: { displayName: string }[] };
            edited.pages[0].displayName = "Daily Trends (edited in the UI)";
            fake.enqueue("GET", "/api/2.0/lakeview/dashboards", {
                body: {
                    dashboards: [
                        { dashboard_id: "other", display_name: "[prod] Daily Trends & Historical Analysis" },
                        { dashboard_id: "d-123", display_name: displayNameFor(entry.title) },
                    ],
                },
            });
            fake.enqueue("GET", "/api/2.0/lakeview/dashboards/d-123", { body: { dashboard_id: "d-123", serialized_dashboard: JSON.stringify(edited) } });

            const result = await pullDashboards({ client: fake.client(), target: TARGET, entries: [entry], displayNameFor, root });

            assert.deepEqual(result, { written: [entry.file], warnings: [] });
            const written = fs.readFileSync(path.join(root, entry.file), "utf8");
            assert.equal(written, original.replace('"displayName": "Daily Trends",', '"displayName": "Daily Trends (edited in the UI)",'));
            assert.notEqual(written, original);
        });

        it("refuses to write anything when a dashboard is missing or ambiguous", async () => {
            const overview = dashboardEntry("executive_overview");
            fake.enqueue("GET", "/api/2.0/lakeview/dashboards", {
                body: { dashboards: [{ dashboard_id: "a", display_name: displayNameFor(entry.title) }, { dashboard_id: "b", display_name: displayNameFor(entry.title) }] },
            });
            await assert.rejects(
                pullDashboards({ client: fake.client(), target: TARGET, entries: [entry, overview], displayNameFor, root }),
                (error: Error) => {
                    assert.match(error.message, /daily_trends: 2 dashboards are named "\[dev\] Daily Trends & Historical Analysis" \(a, b\)/);
                    assert.match(error.message, /executive_overview: no dashboard named "\[dev\] Executive Overview - Payment Analysis"/);
                    return true;
                },
            );
            assert.deepEqual(fs.readdirSync(path.join(root, "dashboards")), []);
        });
    });
});
