/**
 * The Ask page's one workspace conversation: a question to the stack's Genie space (its id bound to the app as
 * `genie-space`), polled until Genie has answered or a deadline passes, then the query result when Genie wrote
 * SQL. Every failure becomes a UserFacingError naming the step that failed; Genie's own error text, the SQL
 * and the workspace's response bodies go to the log only (UserFacingError.detail).
 */
import { AppConfig } from "./config";
import { notFound, UserFacingError } from "./errors";
import { WorkspaceApi } from "./workspace";

export interface GenieAnswer {
    /** Genie's text answer, or the description of the query it ran when it gave no text. */
    readonly text: string | null;
    readonly columns: string[];
    readonly rows: unknown[][];
}

/** Message states after which Genie changes nothing more. */
const FINAL = new Set(["COMPLETED", "FAILED", "CANCELLED", "QUERY_RESULT_EXPIRED"]);

interface Attachment {
    attachment_id?: string;
    text?: { content?: string };
    query?: { description?: string };
}

interface GenieMessage {
    conversation_id?: string;
    message_id?: string;
    id?: string;
    status?: string;
    attachments?: Attachment[];
    error?: { error?: string; type?: string };
}

interface QueryResult {
    statement_response?: {
        status?: { state?: string };
        manifest?: { schema?: { columns?: { name: string }[] } };
        result?: { data_array?: unknown[][] };
    };
}

export interface GeniePolling {
    readonly intervalMs: number;
    /** How long the user waits at most, from the question to the answer. */
    readonly deadlineMs: number;
    readonly now: () => number;
    readonly sleep: (ms: number) => Promise<void>;
}

/** Genie answers in seconds to a minute or two; a page waiting longer than two minutes is a failure to say. */
export const defaultGeniePolling: GeniePolling = { intervalMs: 1_500, deadlineMs: 120_000, now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

const WHAT = "asking Genie";

export async function askGenie(ws: WorkspaceApi, config: AppConfig, question: string, polling: GeniePolling = defaultGeniePolling): Promise<GenieAnswer> {
    if (!config.genieSpaceId) {
        throw notFound("this stack has no Genie space bound to the app yet (the deployment creates it once the gold views exist), so Ask is not available");
    }
    const deadline = polling.now() + polling.deadlineMs;
    const space = `/api/2.0/genie/spaces/${encodeURIComponent(config.genieSpaceId)}`;
    const started = await ws.post<GenieMessage>(`${space}/start-conversation`, { content: question }, `${WHAT} (starting the conversation)`);
    const conversation = started.conversation_id;
    const messageId = started.message_id ?? started.id;
    if (!conversation || !messageId) throw new UserFacingError(502, `${WHAT} failed: Genie started no conversation`, JSON.stringify(started).slice(0, 2000));
    const messagePath = `${space}/conversations/${encodeURIComponent(conversation)}/messages/${encodeURIComponent(messageId)}`;

    let message = await ws.get<GenieMessage>(messagePath, `${WHAT} (waiting for the answer)`);
    while (!FINAL.has(message.status ?? "")) {
        if (polling.now() + polling.intervalMs > deadline) {
            throw new UserFacingError(504, `${WHAT} failed: Genie had not answered after ${Math.round(polling.deadlineMs / 1000)} s (last state ${message.status ?? "unknown"}); try a narrower question`);
        }
        await polling.sleep(polling.intervalMs);
        message = await ws.get<GenieMessage>(messagePath, `${WHAT} (waiting for the answer)`);
    }
    if (message.status === "FAILED") {
        throw new UserFacingError(502, `${WHAT} failed: Genie could not answer this question; try rephrasing it`, `message ${messageId}: ${message.error?.type ?? ""} ${message.error?.error ?? ""}`.slice(0, 2000));
    }
    if (message.status !== "COMPLETED") throw new UserFacingError(502, `${WHAT} failed: Genie ended the answer as ${message.status}`);

    const attachments = message.attachments ?? [];
    const text = attachments.map((a) => a.text?.content).find((t) => t) ?? attachments.map((a) => a.query?.description).find((t) => t) ?? null;
    const queryAttachment = attachments.find((a) => a.query && a.attachment_id);
    if (!queryAttachment) return { text, columns: [], rows: [] };
    const result = await ws.get<QueryResult>(`${messagePath}/attachments/${encodeURIComponent(queryAttachment.attachment_id!)}/query-result`, `${WHAT} (reading the query result)`);
    const statement = result.statement_response;
    if (statement?.status?.state && statement.status.state !== "SUCCEEDED") {
        throw new UserFacingError(502, `${WHAT} failed: the query Genie wrote ended as ${statement.status.state}`, JSON.stringify(statement.status).slice(0, 2000));
    }
    return { text, columns: (statement?.manifest?.schema?.columns ?? []).map((c) => c.name), rows: statement?.result?.data_array ?? [] };
}
