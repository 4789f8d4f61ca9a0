/**
 * Ask's conversation with Genie, against the local stand-in of the workspace: it polls the message through
 * Genie's states to an answer, reads the query result when Genie wrote SQL, and turns every failure (rate
 * limit, service error, a FAILED message, no answer before the deadline) into an error that names the step
 * and carries neither SQL nor a stack trace.
 */
import * as assert from "node:assert/strict";
import { AppConfig, readAppConfig } from "../../app/server/config";
import { UserFacingError } from "../../app/server/errors";
import { askGenie, GeniePolling } from "../../app/server/genie";
import { WorkspaceApi } from "../../app/server/workspace";
import { appEnv, FAKE_DATA } from "./support/app-env";
import { FAKE_TOKEN, FakeWorkspace, GENIE_ANSWER, GENIE_FAILURE_DETAIL, startFakeWorkspace } from "./support/fake-workspace";
import { LocalPostgres } from "./support/postgres";

/** appEnv wants Postgres settings; Ask never touches the database. */
const NO_PG = { host: "127.0.0.1", port: 1, user: "u", password: "p", database: "d" } as LocalPostgres;

describe("Ask: a question to the stack's Genie space", function () {
    this.timeout(30_000);
    let fake: FakeWorkspace;
    let config: AppConfig;
    let ws: WorkspaceApi;
    let clock: { now: number; slept: number };
    let polling: GeniePolling;

    before(async () => {
        fake = await startFakeWorkspace(FAKE_DATA);
        config = readAppConfig(appEnv(fake.url, NO_PG));
        ws = new WorkspaceApi({ host: config.host, headers: async () => ({ Authorization: `Bearer ${FAKE_TOKEN}` }) }, { attempts: 3, maxDelayMs: 10, sleep: async () => undefined });
    });
    after(async () => {
        await fake?.close();
    });
    beforeEach(() => {
        clock = { now: 0, slept: 0 };
        polling = { intervalMs: 1_000, deadlineMs: 30_000, now: () => clock.now, sleep: async (ms) => void ((clock.now += ms), (clock.slept += ms)) };
        fake.calls.length = 0;
    });

    const failure = async (promise: Promise<unknown>): Promise<UserFacingError> => {
        const error = await promise.then(
            () => assert.fail("expected the question to fail"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof UserFacingError, String(error));
        for (const leak of ["SELECT", "Scala", "com.databricks", "stack trace"]) assert.ok(!error.message.includes(leak), `the user sees ${leak}: ${error.message}`);
        return error;
    };
    const messageGets = () => fake.calls.filter((c) => c.method === "GET" && /\/messages\/[^/]+$/.test(c.path)).length;

    it("polls the message through Genie's states and returns its text with the query result's columns and rows", async () => {
        const answer = await askGenie(ws, config, "Which payment solution approves most?", polling);
        assert.deepEqual(answer, GENIE_ANSWER);
        assert.equal(messageGets(), 3, "FETCHING_METADATA, ASKING_AI, then COMPLETED");
        assert.equal(clock.slept, 2_000, "it waits one interval between polls, not before the first");
        const start = fake.calls.find((c) => c.path.endsWith("/start-conversation"));
        assert.equal(start?.path, `/api/2.0/genie/spaces/${FAKE_DATA.genieSpaceId}/start-conversation`);
        assert.deepEqual(start?.body, { content: "Which payment solution approves most?" });
    });

    it("returns the text alone when Genie wrote no SQL", async () => {
        assert.deepEqual(await askGenie(ws, config, "text-only: what does approval rate mean?", polling), { text: GENIE_ANSWER.text, columns: [], rows: [] });
        assert.ok(!fake.calls.some((c) => c.path.endsWith("/query-result")));
    });

    it("rides out a rate limit (429) on the question", async () => {
        fake.fail(`/api/2.0/genie/spaces/${FAKE_DATA.genieSpaceId}/start-conversation`, 429, 1);
        assert.deepEqual(await askGenie(ws, config, "Which payment solution approves most?", polling), GENIE_ANSWER);
    });

    it("names the step when the workspace fails: starting, waiting, reading the result", async () => {
        const space = `/api/2.0/genie/spaces/${FAKE_DATA.genieSpaceId}`;
        fake.fail(`${space}/start-conversation`, 500, 1);
        let error = await failure(askGenie(ws, config, "Which payment solution approves most?", polling));
        assert.equal(error.status, 502);
        assert.equal(error.message, "asking Genie (starting the conversation) failed: the workspace answered 500 (a workspace service error)");
        fake.fail(`${space}/conversations/`, 502, 1);
        error = await failure(askGenie(ws, config, "Which payment solution approves most?", polling));
        assert.equal(error.message, "asking Genie (waiting for the answer) failed: the workspace answered 502 (a workspace service error)");
        // The result read fails once the message has been polled: its path is the message's own.
        let armed = false;
        const failResultRead = async (ms: number) => {
            clock.now += ms;
            const message = [...fake.calls].reverse().find((c) => /\/messages\/[^/]+$/.test(c.path));
            if (message && !armed) fake.fail(`${message.path}/attachments/att-query/query-result`, 500, 1);
            armed = true;
        };
        error = await failure(askGenie(ws, config, "Which payment solution approves most?", { ...polling, sleep: failResultRead }));
        assert.equal(error.message, "asking Genie (reading the query result) failed: the workspace answered 500 (a workspace service error)");
    });

    it("says Genie could not answer when the message ends FAILED, keeping Genie's error (and its SQL) for the log", async () => {
        const error = await failure(askGenie(ws, config, "unanswerable: the approval rate of secret_column", polling));
        assert.equal(error.status, 502);
        assert.equal(error.message, "asking Genie failed: Genie could not answer this question; try rephrasing it");
        assert.match(error.detail ?? "", new RegExp(GENIE_FAILURE_DETAIL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    });

    it("gives up at the deadline on a message that never completes, saying how long it waited", async () => {
        const error = await failure(askGenie(ws, config, "never: a question Genie keeps thinking about", polling));
        assert.equal(error.status, 504);
        assert.equal(error.message, "asking Genie failed: Genie had not answered after 30 s (last state ASKING_AI); try a narrower question");
        assert.ok(clock.now <= polling.deadlineMs, `it stopped at ${clock.now} ms, past the deadline`);
        assert.equal(messageGets(), 31, "one poll at once, then one per interval until the deadline");
    });

    it("is not available on a stack with no space bound, and says why", async () => {
        const error = await failure(askGenie(ws, { ...config, genieSpaceId: undefined }, "Which payment solution approves most?", polling));
        assert.equal(error.status, 404);
        assert.match(error.message, /no Genie space bound to the app yet .*creates it once the gold views exist/);
        assert.equal(fake.calls.length, 0);
    });
});
