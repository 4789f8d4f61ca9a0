/**
 * A local stand-in for the Databricks REST routes the app calls (SQL statements, serving, Unity Catalog
 * model aliases, jobs, pipelines, Vector Search, Genie conversations), on 127.0.0.1. It checks the bearer token and the request
 * shapes the real API requires, records every call, and can be told to fail a route (5xx, 429).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";

export const FAKE_TOKEN = "dapi-fake-token";

export interface RecordedCall {
    readonly method: string;
    readonly path: string;
    readonly body: Record<string, unknown> | undefined;
}

export interface FakeWorkspace {
    readonly url: string;
    readonly calls: RecordedCall[];
    /** The next `times` calls whose path starts with `prefix` answer `status` (with Retry-After: 0 for 429). */
    fail(prefix: string, status: number, times?: number): void;
    close(): Promise<void>;
}

export interface FakeData {
    readonly catalog: string;
    readonly schema: string;
    readonly endpoints: Readonly<Record<string, string>>;
    readonly jobs: Readonly<Record<string, string>>;
    readonly pipelines: Readonly<Record<string, string>>;
    /** The one Genie space the workspace has. */
    readonly genieSpaceId: string;
}

/**
 * How the fake Genie answers, chosen by a word in the question so a browser test can pick it too: "never"
 * stays in ASKING_AI for ever, "unanswerable" ends FAILED (with an error text that must not reach the user),
 * "text-only" completes without SQL; any other question completes, after two polls, with text and a query.
 */
type GenieScenario = "never" | "unanswerable" | "text-only" | "query";
const genieScenario = (question: string): GenieScenario => (["never", "unanswerable", "text-only"] as const).find((word) => question.includes(word)) ?? "query";

export const GENIE_ANSWER = {
    text: "Network tokens have the highest approval rate over the last 30 days: 91.2%.",
    columns: ["payment_solution", "approval_rate_pct"],
    rows: [
        ["network_token", "91.2"],
        ["standard_acquirer", "86.5"],
        ["3ds_challenge", "78.9"],
    ],
};
/** What the fake's failed message says: SQL and a stack frame, which the app must keep to its log. */
export const GENIE_FAILURE_DETAIL = "[UNRESOLVED_COLUMN] SELECT secret_column FROM payments at com.databricks.genie.Planner(Planner.scala:42)";

const VIEW_ROWS: Record<string, { columns: [string, string][]; rows: (string | null)[][] }> = {
    v_executive_kpis: {
        columns: [["total_transactions", "LONG"], ["approval_rate_pct", "DOUBLE"], ["approved_count", "LONG"], ["declined_count", "LONG"], ["total_transaction_value", "DOUBLE"], ["avg_fraud_score", "DOUBLE"], ["unique_merchants", "LONG"], ["unique_countries", "LONG"], ["period_start", "TIMESTAMP"], ["period_end", "TIMESTAMP"]],
        rows: [["125000", "87.4", "109250", "15750", "9876543.21", "0.142", "312", "41", "2026-11-01T00:00:00Z", "2026-11-27T20:00:00Z"]],
    },
    v_daily_trends: {
        columns: [["event_date", "DATE"], ["transactions", "LONG"], ["approval_rate", "DOUBLE"], ["total_value", "DOUBLE"]],
        rows: Array.from({ length: 30 }, (_, i) => [`2026-11-${String(27 - Math.floor(i * 0.9)).padStart(2, "0")}-${i}`.slice(0, 10), String(4000 + i * 10), String(84 + ((i * 7) % 9)), String(300000 + i * 1000)]),
    },
    v_online_features_latest: {
        columns: [["source", "STRING"], ["feature_set", "STRING"], ["feature_name", "STRING"], ["feature_value", "DOUBLE"], ["feature_value_str", "STRING"], ["entity_id", "STRING"], ["created_at", "TIMESTAMP"]],
        rows: [["ml", "risk", "merchant_risk_7d", "0.18", null, "M-0042", "2026-11-27T19:55:00Z"], ["agent", "routing", "preferred_acquirer", null, "acquirer_b", "M-0007", "2026-11-27T19:50:00Z"]],
    },
    decision_log_silver: {
        columns: [["transaction_id", "STRING"], ["decision_type", "STRING"], ["decision_timestamp", "TIMESTAMP"], ["recommended_path", "STRING"], ["risk_tier", "STRING"]],
        rows: [["tx-9001", "authentication", "2026-11-27T19:59:00Z", "frictionless", "low"], ["tx-9000", "authentication", "2026-11-27T19:58:30Z", "3ds_challenge", "high"]],
    },
    payments_enriched_silver: {
        columns: [["transaction_id", "STRING"], ["amount", "DOUBLE"], ["currency", "STRING"], ["card_network", "STRING"], ["merchant_segment", "STRING"], ["issuer_country", "STRING"], ["fraud_score", "DOUBLE"], ["aml_risk_score", "DOUBLE"], ["device_trust_score", "DOUBLE"], ["is_cross_border", "BOOLEAN"], ["retry_count", "INT"], ["uses_3ds", "BOOLEAN"], ["processing_time_ms", "INT"], ["is_approved", "BOOLEAN"]],
        rows: Array.from({ length: 20 }, (_, i) => [`tx-${i}`, String(20 + i * 15), "USD", i % 2 ? "VISA" : "MASTERCARD", "Retail", "US", String((i % 10) / 10), "0.1", "0.8", i % 3 ? "false" : "true", "0", "false", "200", i % 4 === 0 ? "false" : "true"]),
    },
};

/** Probability of class 1 from the fraud score: lower fraud, higher approval. */
const approvalOf = (record: Record<string, unknown>) => Math.max(0, Math.min(1, 1 - Number(record["fraud_score"]) * 0.9));

export async function startFakeWorkspace(data: FakeData): Promise<FakeWorkspace> {
    const calls: RecordedCall[] = [];
    const failures: { prefix: string; status: number; times: number }[] = [];
    const statements = new Map<string, unknown>();
    let runId = 1000;
    const pipelineUpdates = new Map<string, number>();
    const endpointModel = new Map(Object.entries(data.endpoints).map(([key, name]) => [name, key]));
    const genieMessages = new Map<string, { scenario: GenieScenario; polls: number }>();
    const models: Record<string, string> = { approval_propensity: "approval_propensity_model", risk_scoring: "risk_scoring_model", smart_routing: "smart_routing_policy", smart_retry: "smart_retry_policy" };

    const handle = (method: string, url: URL, body: Record<string, unknown> | undefined): [number, unknown] => {
        const path = url.pathname;
        // AppKit asks who the app principal is, and for the workspace id, when it starts.
        if (method === "GET" && path === "/api/2.0/preview/scim/v2/Me") return [200, { id: "4242", userName: "payment-analysis-app-sp", active: true }];
        if (method === "POST" && path === "/api/2.0/sql/statements") {
            const statement = String(body?.["statement"]);
            const params = (body?.["parameters"] ?? []) as { name: string; value: string; type: string }[];
            const param = (name: string) => params.find((p) => p.name === name)?.value;
            if (param("catalog") !== data.catalog || param("schema") !== data.schema) return [400, { error_code: "INVALID_PARAMETER_VALUE", message: "catalog/schema parameters missing" }];
            if (/'\s*\+|\$\{/.test(statement)) return [400, { message: "statement was built by concatenation" }];
            const view = /'\.(\w+)'\)/.exec(statement)?.[1] ?? "";
            const table = VIEW_ROWS[view];
            if (!table) return [200, { statement_id: "s-missing", status: { state: "FAILED", error: { error_code: "TABLE_OR_VIEW_NOT_FOUND", message: `[TABLE_OR_VIEW_NOT_FOUND] ${view} SELECT ...` } } }];
            const limit = Number(param("limit") ?? param("days") ?? table.rows.length);
            const done = { status: { state: "SUCCEEDED" }, manifest: { schema: { columns: table.columns.map(([name, type_name]) => ({ name, type_name })) } }, result: { data_array: table.rows.slice(0, limit) } };
            const id = `s-${statements.size + 1}`;
            // The KPI statement answers PENDING first, so the app's polling is exercised.
            if (view === "v_executive_kpis") {
                statements.set(id, { statement_id: id, ...done });
                return [200, { statement_id: id, status: { state: "PENDING" } }];
            }
            return [200, { statement_id: id, ...done }];
        }
        const statement = /^\/api\/2\.0\/sql\/statements\/([^/]+)$/.exec(path);
        if (method === "GET" && statement) return statements.has(statement[1]) ? [200, statements.get(statement[1])] : [404, { message: "no statement" }];
        const invocation = /^\/serving-endpoints\/([^/]+)\/invocations$/.exec(path);
        if (method === "POST" && invocation) {
            const model = endpointModel.get(decodeURIComponent(invocation[1]));
            const records = body?.["dataframe_records"];
            if (!model || !Array.isArray(records)) return [404, { message: "no such endpoint" }];
            const predictions = (records as Record<string, unknown>[]).map((record) => {
                if (model === "smart_routing") return Number(record["amount"]) > 1000 ? "network_token" : "standard_acquirer";
                if (model === "risk_scoring") return [1 - Number(record["fraud_score"]), Number(record["fraud_score"])];
                if (model === "smart_retry") return [0.35, 0.65];
                const p = approvalOf(record);
                return [1 - p, p];
            });
            return [200, { predictions }];
        }
        const endpoint = /^\/api\/2\.0\/serving-endpoints\/([^/]+)$/.exec(path);
        if (method === "GET" && endpoint) {
            const model = endpointModel.get(decodeURIComponent(endpoint[1]));
            if (!model) return [404, { message: "no such endpoint" }];
            return [200, { name: endpoint[1], state: { ready: "READY", config_update: "NOT_UPDATING" }, config: { served_entities: [{ entity_name: `${data.catalog}.${data.schema}.${models[model]}`, entity_version: "3" }] } }];
        }
        if (method === "GET" && /^\/api\/2\.1\/unity-catalog\/models\/[^/]+\/aliases\/champion$/.test(path)) return [200, { version: 3, run_id: "abc123" }];
        const knownJob = (id: unknown) => Object.entries(data.jobs).find(([, jobId]) => jobId === String(id));
        if (method === "GET" && path === "/api/2.2/jobs/get") {
            const job = knownJob(url.searchParams.get("job_id"));
            return job ? [200, { job_id: Number(job[1]), settings: { name: `[dev] ${job[0]}` } }] : [404, { error_code: "RESOURCE_DOES_NOT_EXIST" }];
        }
        if (method === "GET" && path === "/api/2.2/jobs/runs/list") {
            const job = knownJob(url.searchParams.get("job_id"));
            if (!job) return [404, {}];
            const started = calls.filter((c) => c.path === "/api/2.2/jobs/run-now" && String(c.body?.["job_id"]) === job[1]).length;
            return [200, { runs: [{ run_id: 7, start_time: Date.UTC(2026, 10, 27, 6), state: { life_cycle_state: started ? "RUNNING" : "TERMINATED", ...(started ? {} : { result_state: "SUCCESS" }) } }] }];
        }
        if (method === "POST" && path === "/api/2.2/jobs/run-now") {
            return knownJob(body?.["job_id"]) && typeof body?.["job_id"] === "number" ? [200, { run_id: ++runId, number_in_job: runId }] : [400, { error_code: "INVALID_PARAMETER_VALUE" }];
        }
        const pipeline = /^\/api\/2\.0\/pipelines\/([^/]+)(\/updates)?$/.exec(path);
        const pipelineKey = pipeline && Object.entries(data.pipelines).find(([, id]) => id === decodeURIComponent(pipeline[1]))?.[0];
        if (pipeline && !pipelineKey) return [404, { error_code: "RESOURCE_DOES_NOT_EXIST", message: `pipeline ${pipeline[1]} not found` }];
        if (pipeline && method === "GET" && !pipeline[2]) {
            const started = pipelineUpdates.get(pipelineKey!) ?? 0;
            const latest = started ? { update_id: `u-${started}`, state: "RUNNING", creation_time: "2026-11-27T21:00:00.000Z" } : { update_id: "u-0", state: "COMPLETED", creation_time: "2026-11-27T06:00:00.000Z" };
            return [200, { pipeline_id: pipeline[1], name: `[dev] Payment Analysis ${pipelineKey}`, state: started ? "RUNNING" : "IDLE", latest_updates: [latest] }];
        }
        if (pipeline && method === "POST" && pipeline[2]) {
            if (body?.["full_refresh"] !== false) return [400, { error_code: "INVALID_PARAMETER_VALUE", message: "full_refresh expected false" }];
            // The real API refuses a second update while one runs; so does the fake (its updates never end).
            if (pipelineUpdates.has(pipelineKey!)) return [409, { error_code: "INVALID_STATE_TRANSITION", message: "An active update already exists" }];
            pipelineUpdates.set(pipelineKey!, 1);
            return [200, { update_id: "u-1" }];
        }
        if (method === "POST" && /^\/api\/2\.0\/vector-search\/indexes\/[^/]+\/query$/.test(path)) {
            return [200, { manifest: { columns: [{ name: "transaction_id" }, { name: "summary_text" }, { name: "outcome" }, { name: "amount" }, { name: "score" }] }, result: { data_array: [["tx-77", "VISA Retail payment of 45 USD", "approved", 45, 0.91]] } }];
        }
        const genie = /^\/api\/2\.0\/genie\/spaces\/([^/]+)\/(start-conversation|conversations\/([^/]+)\/messages\/([^/]+)(\/attachments\/([^/]+)\/query-result)?)$/.exec(path);
        if (genie) return genieRoute(method, genie, body);
        return [404, { error_code: "ENDPOINT_NOT_FOUND", message: `the fake workspace has no route ${method} ${path}` }];
    };

    const genieRoute = (method: string, match: RegExpExecArray, body: Record<string, unknown> | undefined): [number, unknown] => {
        const [, space, action, conversationId, messageId, resultPath, attachmentId] = match;
        if (decodeURIComponent(space) !== data.genieSpaceId) return [404, { error_code: "RESOURCE_DOES_NOT_EXIST", message: `Genie space ${space} does not exist` }];
        if (action === "start-conversation") {
            const content = body?.["content"];
            if (method !== "POST" || typeof content !== "string" || !content.trim()) return [400, { error_code: "INVALID_PARAMETER_VALUE", message: "content is required" }];
            const id = `m-${genieMessages.size + 1}`;
            genieMessages.set(id, { scenario: genieScenario(content), polls: 0 });
            return [200, { conversation_id: `c-${id}`, message_id: id, conversation: { id: `c-${id}`, space_id: space }, message: { id, conversation_id: `c-${id}`, status: "SUBMITTED" } }];
        }
        const message = conversationId === `c-${messageId}` ? genieMessages.get(messageId) : undefined;
        if (method !== "GET" || !message) return [404, { error_code: "RESOURCE_DOES_NOT_EXIST", message: `no message ${messageId} in conversation ${conversationId}` }];
        if (resultPath) {
            if (message.scenario !== "query" || attachmentId !== "att-query") return [404, { error_code: "RESOURCE_DOES_NOT_EXIST", message: "no query attachment" }];
            return [200, { statement_response: { statement_id: "s-genie", status: { state: "SUCCEEDED" }, manifest: { schema: { columns: GENIE_ANSWER.columns.map((name) => ({ name, type_name: "STRING" })) } }, result: { data_array: GENIE_ANSWER.rows } } }];
        }
        message.polls++;
        const base = { id: messageId, message_id: messageId, conversation_id: conversationId, space_id: space };
        // Genie works through several states before it answers; the app must keep polling through them.
        if (message.scenario === "never" || message.polls < 3) return [200, { ...base, status: message.polls === 1 ? "FETCHING_METADATA" : "ASKING_AI" }];
        if (message.scenario === "unanswerable") return [200, { ...base, status: "FAILED", error: { error: GENIE_FAILURE_DETAIL, type: "GENERIC_SQL_EXEC_EXCEPTION" } }];
        const textAttachment = { attachment_id: "att-text", text: { content: GENIE_ANSWER.text } };
        if (message.scenario === "text-only") return [200, { ...base, status: "COMPLETED", attachments: [textAttachment] }];
        return [200, { ...base, status: "COMPLETED", attachments: [textAttachment, { attachment_id: "att-query", query: { query: "SELECT payment_solution, approval_rate_pct FROM v_solution_performance", description: "Approval rate by payment solution" } }] }];
    };

    const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const url = new URL(req.url ?? "/", "http://fake");
            const text = Buffer.concat(chunks).toString("utf8");
            const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
            calls.push({ method: req.method ?? "GET", path: url.pathname, body });
            const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
                res.writeHead(status, { "Content-Type": "application/json", ...headers });
                res.end(JSON.stringify(payload));
            };
            if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return send(401, { error_code: "UNAUTHENTICATED", message: "bad token" });
            const failure = failures.find((f) => url.pathname.startsWith(f.prefix) && f.times > 0);
            if (failure) {
                failure.times--;
                return send(failure.status, { error_code: "TEMPORARILY_UNAVAILABLE", message: "internal stack trace at com.databricks.Foo(Foo.scala:12)" }, failure.status === 429 ? { "Retry-After": "0" } : {});
            }
            const [status, payload] = handle(req.method ?? "GET", url, body);
            send(status, payload, { "x-databricks-org-id": "1234567890" });
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        calls,
        fail: (prefix, status, times = 1) => failures.push({ prefix, status, times }),
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
