/**
 * The app as an operator uses it: Debian's Chromium, headless, driven by Playwright, against the real
 * server (AppKit) with a real PostgreSQL and the local fake workspace. Opens every page, adds and edits a
 * rule, runs a decision and the policy test, starts a job, and saves a screenshot of each page to
 * docs/images/app-<page>.png (the README shows them).
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Browser, chromium, Page } from "playwright-core";
import { findChromium } from "../../scripts/preview/chromium";
import { appEnv, FAKE_DASHBOARDS, FAKE_DATA } from "./support/app-env";
import { buildUi, RunningApp, startApp } from "./support/app-server";
import { FakeWorkspace, GENIE_ANSWER, startFakeWorkspace } from "./support/fake-workspace";
import { LocalPostgres, startPostgres } from "./support/postgres";

const IMAGES = path.join(__dirname, "..", "..", "docs", "images");

describe("the app in a headless browser", function () {
    this.timeout(180_000);
    let pg: LocalPostgres;
    let fake: FakeWorkspace;
    let app: RunningApp;
    let browser: Browser;
    let page: Page;

    before(async function () {
        const executablePath = findChromium();
        if (!executablePath) throw new Error("no chromium on PATH: apt-get install -y chromium (.ci/run does it), or set CHROMIUM");
        buildUi();
        [pg, fake] = await Promise.all([startPostgres(), startFakeWorkspace(FAKE_DATA)]);
        app = await startApp(appEnv(fake.url, pg));
        browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
        // The Databricks Apps proxy forwards the signed-in user; the audit trail records it.
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders: { "X-Forwarded-Email": "operator@example.com" } });
        page = await context.newPage();
    });
    after(async () => {
        await browser?.close();
        await app?.stop();
        await fake?.close();
        pg?.stop();
    });

    const open = async (route: string, heading: string) => {
        await page.goto(`${app.url}/#/${route}`);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    };
    const shoot = (name: string) => page.screenshot({ path: path.join(IMAGES, `app-${name}.png`), fullPage: true });

    it("Dashboard shows the KPIs, the trend, the latest decisions and a link to each published dashboard of the stack", async () => {
        await open("dashboard", "Dashboard");
        await page.getByTestId("kpis").getByText("125,000").waitFor();
        assert.ok(await page.getByText("87.4%").isVisible());
        await page.getByRole("cell", { name: "tx-9001" }).waitFor();
        const links = page.getByTestId("dashboard-links").getByRole("link");
        assert.deepEqual(await links.allTextContents(), ["Decline Analysis", "Executive Overview"]);
        assert.equal(await links.first().getAttribute("href"), `${fake.url}/dashboardsv3/${FAKE_DASHBOARDS.decline_analysis.id}/published`);
        await shoot("dashboard");
    });

    it("Rules: adds a rule, edits it, and the audit trail names the operator and the change", async () => {
        await open("rules", "Rules");
        await page.getByLabel("Name").fill("Step up risky travel");
        await page.getByLabel("Type").selectOption("authentication");
        await page.getByLabel(/Condition/).fill("merchant_segment = 'Travel' AND fraud_score > 0.3");
        await page.getByLabel("Action").fill("Require a 3DS challenge");
        await page.getByLabel(/Priority/).fill("20");
        await page.getByRole("button", { name: "Add rule" }).click();
        await page.getByRole("status").getByText('Added rule "Step up risky travel"').waitFor();
        const row = page.locator('tr[data-rule="Step up risky travel"]');
        await row.getByRole("button", { name: "Edit" }).click();
        await page.getByLabel(/Priority/).fill("5");
        await page.getByRole("button", { name: "Save rule" }).click();
        await page.getByRole("status").getByText('Saved rule "Step up risky travel"').waitFor();
        assert.equal(await row.locator("td").first().innerText(), "5");
        await page.getByTestId("audit").getByText(/operator@example\.com updated "Step up risky travel": priority 20 → 5/).waitFor();

        // A bad condition is refused with the reason, and the table is unchanged.
        await page.getByLabel("Name").fill("Broken");
        await page.getByLabel(/Condition/).fill("amount > 1; DROP TABLE approval_rules");
        await page.getByLabel("Action").fill("Nothing");
        await page.getByRole("button", { name: "Add rule" }).click();
        await page.getByRole("alert").getByText(/condition_expression must not contain ;/).waitFor();
        assert.equal(await page.locator('tr[data-rule="Broken"]').count(), 0);
        await shoot("rules");
    });

    it("Decisioning: a decision from the four models with the rule that fired, and the policy test's uplift", async () => {
        await open("decisioning", "Decisioning");
        await page.getByLabel("Pick a sample").selectOption("Large cross-border card-not-present");
        await page.getByRole("button", { name: "Get decision" }).click();
        await page.getByTestId("outcome").getByText("step-up authentication").waitFor();
        await page.getByTestId("decision").getByRole("cell", { name: "Step up risky travel" }).waitFor();
        assert.ok(await page.getByText("Recommended route: network_token").isVisible());
        await page.getByRole("cell", { name: "tx-77" }).waitFor();
        await page.getByRole("button", { name: /Replay 200 recent transactions/ }).click();
        await page.getByTestId("uplift").getByText(/Approval 75% → 90% \(uplift 15 points/).waitFor();
        await shoot("decisioning");
    });

    it("ML Models lists the four models with champion and served versions and links", async () => {
        await open("models", "ML Models");
        for (const model of ["approval_propensity_model", "risk_scoring_model", "smart_routing_policy", "smart_retry_policy"]) {
            await page.getByRole("cell", { name: `${FAKE_DATA.catalog}.${FAKE_DATA.schema}.${model}` }).waitFor();
        }
        assert.equal(await page.getByRole("link", { name: "registry" }).count(), 4);
        await shoot("models");
    });

    it("Setup & Run shows the catalog and schema and starts a job", async () => {
        await open("setup", "Setup & Run");
        await page.getByTestId("placement").getByText(FAKE_DATA.schema).waitFor();
        await page.locator('tr[data-job="gold_views"]').getByRole("button", { name: "Run" }).click();
        await page.getByRole("status").getByText(/Started \[dev\] gold_views \(run \d+\)/).waitFor();
        assert.ok(fake.calls.some((c) => c.path === "/api/2.2/jobs/run-now" && c.body?.["job_id"] === Number(FAKE_DATA.jobs.gold_views)));
        await page.locator('tr[data-job="gold_views"]').getByText("RUNNING").waitFor();
    });

    it("Setup & Run lists both pipelines with their last update and starts an update of one", async () => {
        await open("setup", "Setup & Run");
        const etl = page.locator('tr[data-pipeline="etl"]');
        await etl.getByText("COMPLETED").waitFor();
        assert.equal(await page.locator("tr[data-pipeline]").count(), 2);
        assert.equal(await etl.getByRole("link", { name: "[dev] Payment Analysis etl" }).getAttribute("href"), `${fake.url}/pipelines/${FAKE_DATA.pipelines.etl}`);
        await etl.getByRole("button", { name: "Start update" }).click();
        await page.getByRole("status").getByText("Started an update of [dev] Payment Analysis etl (update u-1)").waitFor();
        assert.ok(fake.calls.some((c) => c.method === "POST" && c.path === `/api/2.0/pipelines/${FAKE_DATA.pipelines.etl}/updates` && c.body?.["full_refresh"] === false));
        await etl.getByRole("cell", { name: "RUNNING" }).first().waitFor();
        await shoot("setup");
    });

    it("the real server refuses a body that is not JSON, or over 64 KB, in the API's error shape", async () => {
        const post = (body: string) => fetch(`${app.url}/api/app/rules`, { method: "POST", headers: { "Content-Type": "application/json", "X-Forwarded-Email": "operator@example.com" }, body });
        const notJson = await post("{name: nope");
        assert.deepEqual([notJson.status, await notJson.json()], [400, { error: "the request body is not valid JSON" }]);
        const huge = await post(JSON.stringify({ name: "x", action_summary: "z".repeat(70_000) }));
        assert.deepEqual([huge.status, await huge.json()], [413, { error: "the request is larger than 64 KB" }]);
        const unknown = await fetch(`${app.url}/api/app/nothing-here`);
        assert.deepEqual([unknown.status, await unknown.json()], [404, { error: "no API route GET /nothing-here" }]);
    });

    it("Ask sends a question to the stack's Genie space and shows the answer with its rows", async () => {
        await open("ask", "Ask");
        await page.getByLabel("Question").fill("Which payment solution has the highest approval rate?");
        await page.getByRole("button", { name: "Ask" }).click();
        const answer = page.getByTestId("ask-answer");
        await answer.getByText(GENIE_ANSWER.text).waitFor();
        for (const [solution] of GENIE_ANSWER.rows) await answer.getByRole("cell", { name: solution, exact: true }).waitFor();
        const start = fake.calls.find((c) => c.path === `/api/2.0/genie/spaces/${FAKE_DATA.genieSpaceId}/start-conversation`);
        assert.deepEqual(start?.body, { content: "Which payment solution has the highest approval rate?" });
        await shoot("ask");
    });
});
