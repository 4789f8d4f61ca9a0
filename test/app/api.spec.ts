/**
 * The pages' API in-process, against a real PostgreSQL (rules) and the local fake workspace (warehouse,
 * serving, jobs, Vector Search): what each page gets, how bad input and failures are refused.
 */
import * as assert from "node:assert/strict";
import { AddressInfo } from "node:net";
import { Server } from "node:http";

import { readAppConfig } from "../../app/server/config";
import { standaloneApi } from "../../app/server/http";
import { postgresPool } from "../../app/server/rules/pool";
import { migrate, RuleStore, RULES_SCHEMA } from "../../app/server/rules/store";
import { SqlRunner } from "../../app/server/sql";
import { WorkspaceApi } from "../../app/server/workspace";
import { APP_PAGE_CHECKS, checkPage } from "../../scripts/lib/verify-app";
import { appEnv, FAKE_DASHBOARDS, FAKE_DATA } from "./support/app-env";
import { FAKE_TOKEN, FakeWorkspace, GENIE_ANSWER, GENIE_FAILURE_DETAIL, startFakeWorkspace } from "./support/fake-workspace";
import { LocalPostgres, startPostgres } from "./support/postgres";

const USER = { "X-Forwarded-Email": "ops@example.com" };

describe("the app's API (real PostgreSQL, fake workspace)", function () {
    this.timeout(60_000);
    let pg: LocalPostgres;
    let fake: FakeWorkspace;
    let pool: ReturnType<typeof postgresPool>;
    let server: Server;
    let base: string;
    const logged: string[] = [];

    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = USER) => {
        const response = await fetch(`${base}/api/app${path}`, {
            method,
            headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
            ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
        });
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields its route returns
        return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const counts = async () => {
        const rules = await pool.query(`SELECT count(*)::int AS n FROM ${RULES_SCHEMA}.approval_rules`);
        const audit = await pool.query(`SELECT count(*)::int AS n FROM ${RULES_SCHEMA}.approval_rules_audit`);
        return { rules: rules.rows[0].n as number, audit: audit.rows[0].n as number };
    };
    const valid = { name: "Step up big cross-border", rule_type: "authentication", condition_expression: "amount > 1000 AND is_cross_border = true", action_summary: "Require 3DS challenge", priority: 10 };

    before(async () => {
        [pg, fake] = await Promise.all([startPostgres(), startFakeWorkspace(FAKE_DATA)]);
        const config = readAppConfig(appEnv(fake.url, pg));
        pool = postgresPool({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database, max: 10 });
        await migrate(pool);
        const ws = new WorkspaceApi({ host: config.host, headers: async () => ({ Authorization: `Bearer ${FAKE_TOKEN}` }) }, { attempts: 3, maxDelayMs: 10, sleep: async () => undefined });
        const app = standaloneApi({ config, ws, sql: new SqlRunner(ws, config.warehouseId, { pollMs: 5, timeoutMs: 5_000 }), rules: new RuleStore(pool), log: (line) => logged.push(line), geniePolling: { intervalMs: 5, deadlineMs: 5_000, now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) } });
        server = await new Promise((resolve) => {
            const s = app.listen(0, "127.0.0.1", () => resolve(s));
        });
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
        await new Promise((resolve) => server?.close(resolve));
        await pool?.end();
        await fake?.close();
        pg?.stop();
    });

    describe("rules", () => {
        it("adds, edits, disables, enables and deletes a rule, auditing who changed what", async () => {
            const created = await call("POST", "/rules", valid);
            assert.equal(created.status, 201, JSON.stringify(created.body));
            const rule = created.body.rule;
            assert.equal(rule.version, 1);
            assert.equal(rule.updated_by, "ops@example.com");

            const edited = await call("PUT", `/rules/${rule.id}`, { ...valid, priority: 5, action_summary: "Require 3DS challenge or passkey", version: 1 }, { "X-Forwarded-Email": "lead@example.com" });
            assert.equal(edited.status, 200, JSON.stringify(edited.body));
            assert.equal(edited.body.rule.version, 2);
            const disabled = await call("POST", `/rules/${rule.id}/disable`, { version: 2 });
            assert.equal(disabled.body.rule.is_active, false);
            const enabled = await call("POST", `/rules/${rule.id}/enable`, { version: 3 });
            assert.equal(enabled.body.rule.is_active, true);
            assert.equal((await call("DELETE", `/rules/${rule.id}?version=4`)).status, 200);
            assert.deepEqual((await call("GET", "/rules")).body.rules, []);

            const audit = (await call("GET", "/rules/audit")).body.audit.filter((e: { rule_id: string }) => e.rule_id === rule.id).reverse();
            assert.deepEqual(audit.map((e: { action: string; actor: string }) => `${e.actor} ${e.action}`), [
                "ops@example.com create",
                "lead@example.com update",
                "ops@example.com disable",
                "ops@example.com enable",
                "ops@example.com delete",
            ]);
            assert.deepEqual(audit[1].changes, { priority: { from: 10, to: 5 }, action_summary: { from: "Require 3DS challenge", to: "Require 3DS challenge or passkey" } });
            assert.ok(!Number.isNaN(Date.parse(audit[1].at)));
        });

        it("of two concurrent edits of the same version, saves one and refuses the other with 409, naming who won", async () => {
            const rule = (await call("POST", "/rules", { ...valid, name: "Concurrent" })).body.rule;
            const before = await counts();
            const [a, b] = await Promise.all([
                call("PUT", `/rules/${rule.id}`, { ...valid, name: "Concurrent", priority: 20, version: 1 }, { "X-Forwarded-Email": "alice@example.com" }),
                call("PUT", `/rules/${rule.id}`, { ...valid, name: "Concurrent", priority: 30, version: 1 }, { "X-Forwarded-Email": "bob@example.com" }),
            ]);
            assert.deepEqual([a.status, b.status].sort(), [200, 409]);
            const [won, lost] = a.status === 200 ? [a, b] : [b, a];
            assert.match(lost.body.error, new RegExp(`changed by ${won.body.rule.updated_by}.*reload it and apply your edit again`));
            const after = await counts();
            assert.deepEqual(after, { rules: before.rules, audit: before.audit + 1 });
            const stored = (await pool.query(`SELECT priority, version FROM ${RULES_SCHEMA}.approval_rules WHERE id = $1`, [rule.id])).rows[0];
            assert.deepEqual(stored, { priority: won.body.rule.priority, version: 2 });
        });

        it("refuses a stale delete and a delete of a rule that is gone", async () => {
            const rule = (await call("POST", "/rules", { ...valid, name: "Stale" })).body.rule;
            await call("PUT", `/rules/${rule.id}`, { ...valid, name: "Stale", priority: 11, version: 1 });
            assert.equal((await call("DELETE", `/rules/${rule.id}?version=1`)).status, 409);
            assert.equal((await call("DELETE", `/rules/${rule.id}?version=2`)).status, 200);
            const gone = await call("DELETE", `/rules/${rule.id}?version=2`);
            assert.equal(gone.status, 404);
            assert.match(gone.body.error, /does not exist/);
        });

        const bad: [string, unknown, RegExp][] = [
            ["an empty body", {}, /name must be text|name must not be empty/],
            ["an empty name", { ...valid, name: "   " }, /name must not be empty/],
            ["an oversized name", { ...valid, name: "x".repeat(121) }, /name must be at most 120 characters/],
            ["an oversized action", { ...valid, action_summary: "y".repeat(501) }, /action_summary must be at most 500 characters/],
            ["a priority given as text", { ...valid, priority: "10" }, /priority must be a whole number/],
            ["a fractional priority", { ...valid, priority: 1.5 }, /priority must be a whole number/],
            ["a priority out of range", { ...valid, priority: 0 }, /priority must be between 1 and 1000/],
            ["an unknown rule type", { ...valid, rule_type: "pricing" }, /rule_type must be one of authentication, retry, routing/],
            ["is_active as text", { ...valid, is_active: "yes" }, /is_active must be true or false/],
            ["an unknown field", { ...valid, owner: "me" }, /unknown field "owner"/],
            ["a name with SQL metacharacters", { ...valid, name: "x'; DROP TABLE approval_rules; --" }, /name must not contain ; -- \/\* \*\/|name may contain/],
            ["an action with a SQL comment", { ...valid, action_summary: "approve /* all */" }, /action_summary must not contain/],
            ["a condition with a statement separator", { ...valid, condition_expression: "amount > 1; DELETE FROM approval_rules" }, /condition_expression must not contain/],
            ["a condition on an unknown field", { ...valid, condition_expression: "1 = 1" }, /condition_expression: clause 1 .* is not "<field> <operator> <value>"|unknown field/],
            ["a condition with a subquery", { ...valid, condition_expression: "card_network = (SELECT 1)" }, /card_network takes a quoted text/],
            ["a body that is a list", [valid], /the request body must be a JSON object/],
        ];
        for (const [what, body, message] of bad) {
            it(`refuses ${what} with a message, writing nothing`, async () => {
                const before = await counts();
                const response = await call("POST", "/rules", body);
                assert.equal(response.status, 400, JSON.stringify(response.body));
                assert.match(response.body.error, /^adding the rule refused: /);
                assert.match(response.body.error, message);
                assert.deepEqual(await counts(), before);
            });
        }

        it("refuses a body that is not JSON or is over 64 KB, in the same shape", async () => {
            const notJson = await call("POST", "/rules", "{name: nope");
            assert.deepEqual(notJson, { status: 400, body: { error: "the request body is not valid JSON" } });
            const huge = await call("POST", "/rules", { ...valid, action_summary: "z".repeat(70_000) });
            assert.deepEqual(huge, { status: 413, body: { error: "the request is larger than 64 KB" } });
        });

        it("refuses writes without a forwarded user, and a duplicate name with 409", async () => {
            const anonymous = await call("POST", "/rules", { ...valid, name: "Anonymous" }, {});
            assert.equal(anonymous.status, 401);
            assert.match(anonymous.body.error, /identity was not forwarded/);
            await call("POST", "/rules", { ...valid, name: "Twice" });
            const twice = await call("POST", "/rules", { ...valid, name: "Twice" });
            assert.equal(twice.status, 409);
            assert.equal(twice.body.error, 'saving rule "Twice" failed: a rule with this name already exists');
        });

        it("leaves the rule unchanged when its audit entry cannot be written, and says nothing was saved", async () => {
            const rule = (await call("POST", "/rules", { ...valid, name: "Atomic" })).body.rule;
            await pool.query(`ALTER TABLE ${RULES_SCHEMA}.approval_rules_audit ADD CONSTRAINT audit_broken CHECK (false) NOT VALID`);
            try {
                const before = await counts();
                const edit = await call("PUT", `/rules/${rule.id}`, { ...valid, name: "Atomic", priority: 99, version: 1 });
                assert.equal(edit.status, 400);
                assert.match(edit.body.error, /nothing was saved$/);
                assert.doesNotMatch(edit.body.error, /INSERT|CHECK|constraint|audit_broken/);
                const created = await call("POST", "/rules", { ...valid, name: "Never" });
                assert.equal(created.status, 400);
                assert.deepEqual(await counts(), before);
                assert.equal((await pool.query(`SELECT priority FROM ${RULES_SCHEMA}.approval_rules WHERE id = $1`, [rule.id])).rows[0].priority, 10);
                assert.ok(logged.some((line) => line.includes("audit_broken")), "the cause is logged for the operator");
            } finally {
                await pool.query(`ALTER TABLE ${RULES_SCHEMA}.approval_rules_audit DROP CONSTRAINT audit_broken`);
            }
        });
    });

    describe("workspace-backed pages", () => {
        it("Dashboard: KPIs, trends, features and decisions from file-based queries with catalog and schema as parameters", async () => {
            const response = await call("GET", "/dashboard");
            assert.equal(response.status, 200, JSON.stringify(response.body));
            assert.equal(response.body.kpis.total_transactions, 125000);
            assert.equal(response.body.kpis.approval_rate_pct, 87.4);
            assert.equal(response.body.trends.length, 30);
            assert.equal(response.body.decisions[0].recommended_path, "frictionless");
            assert.equal(response.body.catalog, FAKE_DATA.catalog);
            const statements = fake.calls.filter((c) => c.path === "/api/2.0/sql/statements");
            assert.ok(statements.every((c) => !String(c.body?.["statement"]).includes(FAKE_DATA.schema)), "the schema travels as a parameter, never in the text");
        });

        it("Dashboard: a failed section names what failed without the warehouse's message, and the others still arrive", async () => {
            fake.fail("/api/2.0/sql/statements", 500, 3);
            const response = await call("GET", "/dashboard");
            assert.equal(response.status, 502);
            assert.match(response.body.error, /reading the executive KPIs failed: the workspace answered 500 \(a workspace service error\)/);
            assert.doesNotMatch(JSON.stringify(response.body), /stack trace|scala|SELECT/);
        });

        it("Decisioning: the four models, the rules that fired and similar cases", async () => {
            await pool.query(`DELETE FROM ${RULES_SCHEMA}.approval_rules`);
            await call("POST", "/rules", valid);
            await call("POST", "/rules", { name: "Never fires", rule_type: "retry", condition_expression: "card_network = 'AMEX'", action_summary: "Retry later", priority: 1 });
            await call("POST", "/rules", { name: "Route large to tokens", rule_type: "routing", condition_expression: "amount >= 1000", action_summary: "Prefer network tokens", priority: 3 });
            const response = await call("POST", "/decisions", { amount: 2400, card_network: "VISA", merchant_segment: "Travel", fraud_score: 0.2, is_cross_border: true });
            assert.equal(response.status, 200, JSON.stringify(response.body));
            const decision = response.body.decision;
            assert.equal(decision.approval_probability, 0.82);
            assert.equal(decision.risk_score, 0.2);
            assert.equal(decision.recommended_route, "network_token");
            assert.equal(decision.outcome, "step-up authentication");
            assert.deepEqual(decision.rules_fired.map((r: { name: string }) => r.name), ["Route large to tokens", "Step up big cross-border"], "by priority; the AMEX rule does not match");
            assert.equal(decision.retry.advice, "no retry expected: the issuer is likely to approve the first attempt");
            assert.equal(decision.similar_cases[0].transaction_id, "tx-77");
        });

        it("Decisioning: names a stored rule whose condition the app cannot read instead of ignoring it", async () => {
            await pool.query(`INSERT INTO ${RULES_SCHEMA}.approval_rules (id, name, rule_type, condition_expression, action_summary, priority, updated_by) VALUES ('x', 'Written by hand', 'retry', 'amount >> 5', 'n/a', 50, 'dba')`);
            try {
                const response = await call("POST", "/decisions", { amount: 40, card_network: "VISA", merchant_segment: "Retail", fraud_score: 0.1 });
                assert.equal(response.status, 409);
                assert.match(response.body.error, /^rule "Written by hand" has a condition the app cannot read .*; edit or disable it on the Rules page$/);
            } finally {
                await pool.query(`DELETE FROM ${RULES_SCHEMA}.approval_rules WHERE id = 'x'`);
            }
        });

        it("Decisioning: refuses a transaction with a bad field, naming it", async () => {
            const response = await call("POST", "/decisions", { amount: -5, card_network: "VISA", merchant_segment: "Travel", fraud_score: 2 });
            assert.equal(response.status, 400);
            assert.match(response.body.error, /amount must be above 0/);
            assert.match(response.body.error, /fraud_score must be between 0 and 1/);
        });

        it("Decisioning: a serving endpoint that is rate limited is retried; one that keeps failing is named", async () => {
            fake.fail(`/serving-endpoints/${FAKE_DATA.endpoints.risk_scoring}/`, 429, 1);
            const retried = await call("POST", "/decisions", { amount: 40, card_network: "VISA", merchant_segment: "Retail", fraud_score: 0.1 });
            assert.equal(retried.status, 200);
            fake.fail(`/serving-endpoints/${FAKE_DATA.endpoints.risk_scoring}/`, 503, 3);
            const failed = await call("POST", "/decisions", { amount: 40, card_network: "VISA", merchant_segment: "Retail", fraud_score: 0.1 });
            assert.equal(failed.status, 502);
            assert.equal(failed.body.error, `scoring with the risk scoring model (endpoint ${FAKE_DATA.endpoints.risk_scoring}) failed: the workspace answered 503 (a workspace service error)`);
        });

        it("Decisioning: the policy test replays the sample and reports the uplift", async () => {
            const response = await call("POST", "/decisions/policy-test", { sample_size: 20, threshold: 0.5 });
            assert.equal(response.status, 200, JSON.stringify(response.body));
            // 5 of 20 sample rows are declined; those with fraud_score <= 0.5 (i = 0, 4, 12: 0.0, 0.4, 0.2) are recovered.
            assert.deepEqual({ ...response.body.result, rules_fired: undefined }, { sample_size: 20, threshold: 0.5, baseline_approval_pct: 75, policy_approval_pct: 90, uplift_pct_points: 15, recovered: 3, rules_fired: undefined });
        });

        it("ML Models: champion and served versions, endpoint state and links", async () => {
            const response = await call("GET", "/models");
            assert.equal(response.status, 200);
            assert.equal(response.body.models.length, 4);
            const first = response.body.models[0];
            assert.deepEqual([first.full_name, first.champion_version, first.served_version, first.endpoint_state], [`${FAKE_DATA.catalog}.${FAKE_DATA.schema}.approval_propensity_model`, "3", "3", "READY"]);
            assert.equal(first.links.registry, `${fake.url}/explore/data/models/${FAKE_DATA.catalog}/${FAKE_DATA.schema}/approval_propensity_model`);
        });

        it("Setup & Run: every bound job with its last run, the catalog and schema, and a run that starts", async () => {
            const setup = await call("GET", "/setup");
            assert.equal(setup.status, 200);
            assert.equal(setup.body.jobs.length, 6);
            assert.equal(setup.body.schema, FAKE_DATA.schema);
            assert.equal(setup.body.jobs[0].last_run.state, "SUCCESS");
            const run = await call("POST", "/jobs/gold_views/run", undefined);
            assert.equal(run.status, 200);
            assert.match(run.body.run.url, new RegExp(`/jobs/${FAKE_DATA.jobs.gold_views}/runs/\\d+$`));
            const started = fake.calls.filter((c) => c.path === "/api/2.2/jobs/run-now");
            assert.deepEqual(started.at(-1)?.body, { job_id: Number(FAKE_DATA.jobs.gold_views) });
        });

        it("Setup & Run: a job that cannot start is named; an unknown job is refused", async () => {
            fake.fail("/api/2.2/jobs/run-now", 500, 1);
            const failed = await call("POST", "/jobs/train_models/run", undefined);
            assert.deepEqual(failed, { status: 502, body: { error: "starting job train_models failed: the workspace answered 500 (a workspace service error)" } });
            const unknown = await call("POST", "/jobs/drop_everything/run", undefined);
            assert.equal(unknown.status, 404);
            assert.match(unknown.body.error, /no job "drop_everything" is bound to the app/);
        });

        it("Setup & Run: every pipeline of the stack with its state and last update, and an incremental update that starts", async () => {
            const setup = await call("GET", "/setup");
            assert.equal(setup.status, 200);
            assert.deepEqual(
                setup.body.pipelines.map((p: { key: string; pipeline_id: string; state: string; last_update: { state: string } }) => [p.key, p.pipeline_id, p.state, p.last_update.state]),
                [
                    ["etl", FAKE_DATA.pipelines.etl, "IDLE", "COMPLETED"],
                    ["realtime", FAKE_DATA.pipelines.realtime, "IDLE", "COMPLETED"],
                ],
            );
            assert.equal(setup.body.pipelines[0].link, `${fake.url}/pipelines/${FAKE_DATA.pipelines.etl}`);
            const started = await call("POST", "/pipelines/etl/start", undefined);
            assert.equal(started.status, 200, JSON.stringify(started.body));
            assert.deepEqual(started.body.update, { update_id: "u-1", url: `${fake.url}/pipelines/${FAKE_DATA.pipelines.etl}/updates/u-1` });
            assert.deepEqual(fake.calls.filter((c) => c.method === "POST" && c.path.startsWith("/api/2.0/pipelines/")).at(-1), {
                method: "POST",
                path: `/api/2.0/pipelines/${FAKE_DATA.pipelines.etl}/updates`,
                body: { full_refresh: false },
            });
            const after = await call("GET", "/setup");
            assert.deepEqual([after.body.pipelines[0].state, after.body.pipelines[0].last_update.state], ["RUNNING", "RUNNING"]);
        });

        it("Setup & Run: a running pipeline, a rate limit that persists, a 5xx and an unknown pipeline are each named", async () => {
            const again = await call("POST", "/pipelines/etl/start", undefined);
            assert.deepEqual(again, { status: 409, body: { error: "starting pipeline etl failed: the workspace answered 409 (it is already running, or changed meanwhile)" } });
            fake.fail(`/api/2.0/pipelines/${FAKE_DATA.pipelines.realtime}/updates`, 429, 1);
            const retried = await call("POST", "/pipelines/realtime/start", undefined);
            assert.equal(retried.status, 200, "one 429 is retried");
            fake.fail(`/api/2.0/pipelines/${FAKE_DATA.pipelines.realtime}`, 429, 3);
            const limited = await call("GET", "/setup");
            assert.equal(limited.status, 200, "one pipeline that cannot be read does not hide the page");
            assert.equal(limited.body.pipelines[1].problem, "reading pipeline realtime failed: the workspace answered 429 (rate limited; try again shortly)");
            fake.fail(`/api/2.0/pipelines/${FAKE_DATA.pipelines.etl}`, 500, 1);
            const failed = await call("POST", "/pipelines/etl/start", undefined);
            assert.deepEqual(failed, { status: 502, body: { error: "starting pipeline etl failed: the workspace answered 500 (a workspace service error)" } });
            const unknown = await call("POST", "/pipelines/constructor/start", undefined);
            assert.deepEqual(unknown, { status: 404, body: { error: 'no pipeline "constructor" in this stack; pipelines: etl, realtime' } });
        });

        it("Dashboard: links each published dashboard of the stack by title, not the generic list", async () => {
            const response = await call("GET", "/dashboard");
            assert.deepEqual(response.body.dashboards, [
                { key: "decline_analysis", title: "Decline Analysis", url: `${fake.url}/dashboardsv3/${FAKE_DASHBOARDS.decline_analysis.id}/published` },
                { key: "executive_overview", title: "Executive Overview", url: `${fake.url}/dashboardsv3/${FAKE_DASHBOARDS.executive_overview.id}/published` },
            ]);
        });

        it("passes every page check of `npm run verify`, which reads these same bodies", async () => {
            for (const check of APP_PAGE_CHECKS) assert.match(await checkPage(base, check, async () => USER), / answered 200$/, check.page);
        });

        it("Ask: answers a question with Genie's text and rows, refuses a bad question, and keeps Genie's errors to the log", async () => {
            assert.deepEqual((await call("GET", "/ask")).body, { available: true });
            const asked = await call("POST", "/ask", { question: "Which payment solution approves most?" });
            assert.equal(asked.status, 200, JSON.stringify(asked.body));
            assert.deepEqual(asked.body, { answer: GENIE_ANSWER });
            const short = await call("POST", "/ask", { question: "?" });
            assert.equal(short.status, 400);
            assert.match(short.body.error, /question must have at least 3 characters/);
            const failed = await call("POST", "/ask", { question: "unanswerable: the approval rate of secret_column" });
            assert.equal(failed.status, 502);
            assert.deepEqual(failed.body, { error: "asking Genie failed: Genie could not answer this question; try rephrasing it" });
            assert.ok(logged.some((line) => line.includes(GENIE_FAILURE_DETAIL)), "the log keeps what Genie said");
        });
    });
});
