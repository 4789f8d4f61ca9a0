/**
 * A local stand-in for the Databricks REST API, for tests of scripts that use scripts/lib/databricks-client.ts.
 *
 *   const fake = await FakeDatabricks.start();
 *   fake.enqueue("GET", "/api/2.2/jobs/runs/get", { status: 429, headers: { "retry-after": "0" } }, { body: run });
 *   fake.setDefault("GET", "/api/2.0/apps/my-app", { body: app });
 *   const ws = fake.client();                        // a real SDK WorkspaceClient pointed at the fake
 *   ...
 *   fake.requestsTo("GET", "/api/2.2/jobs/runs/get") // what the code under test sent
 *   await fake.stop();
 *
 * Responses per method + path: queued ones are served first, in order; then the route's default; with
 * neither, a Databricks-style 404 (error_code ENDPOINT_NOT_FOUND) that names the route, so a missing script
 * shows up as a readable failure. A responder may be a function of the recorded request.
 *
 * Bounded: HTTPS on 127.0.0.1 with an ephemeral port, and any non-loopback peer is refused. The SDK always
 * talks to https://<hostname>:443, so the client's agent dials the fake's port instead; TLS is still
 * verified against a throwaway self-signed certificate (made with openssl per test process, never written
 * to the repository) issued for `FakeDatabricks.hostname`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { createWorkspaceClient, WorkspaceClientOptions } from "../../scripts/lib/databricks-client";
import { RetryPolicy } from "../../scripts/lib/retry";

export interface ScriptedResponse {
    /** Defaults to 200. */
    readonly status?: number;
    /** Serialised as JSON. */
    readonly body?: unknown;
    /** Sent verbatim instead of `body`, to simulate a broken server. */
    readonly rawBody?: string;
    readonly headers?: Readonly<Record<string, string>>;
    /** Sends the headers at once, then the body one byte every `dripMs` (a slow or stuck server). */
    readonly dripMs?: number;
    /** Never answers: the request is read and left open. */
    readonly hang?: boolean;
}

export type Responder = ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse);

export interface RecordedRequest {
    readonly method: string;
    readonly path: string;
    readonly query: Readonly<Record<string, string>>;
    readonly headers: http.IncomingHttpHeaders;
    /** Parsed JSON body, or undefined when there was none. */
    readonly body: unknown;
}

/** Retries fast enough for tests, yet exercising the same code paths as production. */
export const fastRetryPolicy: RetryPolicy = {
    initialDelayMs: 5,
    maxDelayMs: 20,
    multiplier: 2,
    maxAttempts: 4,
    maxNetworkAttempts: 2,
    budgetMs: 5_000,
    attemptTimeoutMs: 5_000,
};

export interface Certificate {
    readonly key: string;
    readonly cert: string;
}

let certificate: Certificate | undefined;

function throwawayCertificate(): Certificate {
    certificate ??= selfSignedCertificate(FakeDatabricks.hostname);
    return certificate;
}

/** A fresh self-signed certificate for `hostname`, or for an IP address (openssl, temp dir removed afterwards). */
export function selfSignedCertificate(hostname: string): Certificate {
    const subjectAltName = /^\d+\.\d+\.\d+\.\d+$/.test(hostname) ? `IP:${hostname}` : `DNS:${hostname}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-databricks-"));
    try {
        const keyFile = path.join(dir, "key.pem");
        const certFile = path.join(dir, "cert.pem");
        execFileSync(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", keyFile, "-out", certFile, "-days", "1",
                "-subj", `/CN=${hostname}`,
                "-addext", `subjectAltName=${subjectAltName}`,
            ],
            { stdio: ["ignore", "ignore", "pipe"] },
        );
        return { key: fs.readFileSync(keyFile, "utf8"), cert: fs.readFileSync(certFile, "utf8") };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** An agent that sends every connection to 127.0.0.1:<port> and verifies TLS against `ca`. */
export function loopbackAgent(port: number, ca: string = throwawayCertificate().cert): https.Agent {
    const agent = new https.Agent({ keepAlive: true, ca, rejectUnauthorized: true });
    // Returning the socket synchronously is allowed by http.Agent, so the callback is not needed.
    agent.createConnection = (options) =>
        tls.connect({
            ...(options as tls.ConnectionOptions),
            host: "127.0.0.1",
            port,
            servername: FakeDatabricks.hostname,
            ca,
            rejectUnauthorized: true,
        });
    return agent;
}

/** A loopback port with nothing listening, for "workspace unreachable" tests. */
export async function closedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    return port;
}

/** A client of a fake workspace at `port`, isolated from the developer's env vars and ~/.databrickscfg. */
export function fakeClient(port: number, options: Partial<WorkspaceClientOptions> = {}): WorkspaceClient {
    return createWorkspaceClient({
        host: `https://${FakeDatabricks.hostname}`,
        retryPolicy: fastRetryPolicy,
        agent: loopbackAgent(port),
        ...options,
        config: { token: "dapi-fake-token", authType: "pat", configFile: path.join(os.tmpdir(), "no-such-databrickscfg"), ...options.config },
    });
}

export class FakeDatabricks {
    static readonly hostname = "fake-workspace.test";
    readonly url = `https://${FakeDatabricks.hostname}`;
    readonly requests: RecordedRequest[] = [];
    private readonly queues = new Map<string, Responder[]>();
    private readonly defaults = new Map<string, Responder>();

    private constructor(private readonly server: https.Server, readonly port: number) {}

    /** Serves on a loopback port; pass a certificate to be reachable by a separate process that trusts it. */
    static async start(certificate: Certificate = throwawayCertificate()): Promise<FakeDatabricks> {
        const { key, cert } = certificate;
        let fake: FakeDatabricks | undefined;
        const server = https.createServer({ key, cert }, (req, res) => {
            if (!fake) throw new Error("fake-databricks: request before start() finished");
            fake.handle(req, res);
        });
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(0, "127.0.0.1", resolve);
        });
        fake = new FakeDatabricks(server, (server.address() as net.AddressInfo).port);
        return fake;
    }

    enqueue(method: string, routePath: string, ...responses: Responder[]): this {
        const key = routeKey(method, routePath);
        this.queues.set(key, [...(this.queues.get(key) ?? []), ...responses]);
        return this;
    }

    setDefault(method: string, routePath: string, responder: Responder): this {
        this.defaults.set(routeKey(method, routePath), responder);
        return this;
    }

    requestsTo(method: string, routePath: string): RecordedRequest[] {
        return this.requests.filter((r) => r.method === method.toUpperCase() && r.path === routePath);
    }

    client(options: Partial<WorkspaceClientOptions> = {}): WorkspaceClient {
        return fakeClient(this.port, options);
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const peer = req.socket.remoteAddress ?? "";
        if (!isLoopback(peer)) {
            res.destroy();
            return;
        }
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const url = new URL(req.url ?? "/", this.url);
            const text = Buffer.concat(chunks).toString("utf8");
            const recorded: RecordedRequest = {
                method: (req.method ?? "GET").toUpperCase(),
                path: url.pathname,
                query: Object.fromEntries(url.searchParams.entries()),
                headers: req.headers,
                body: text.length > 0 ? safeJson(text) : undefined,
            };
            this.requests.push(recorded);
            const responder = this.nextResponder(recorded);
            const scripted = typeof responder === "function" ? responder(recorded) : responder;
            if (scripted.hang) return;
            const status = scripted.status ?? 200;
            const payload = scripted.rawBody ?? JSON.stringify(scripted.body ?? {});
            res.writeHead(status, { "content-type": "application/json", ...scripted.headers });
            if (scripted.dripMs === undefined) {
                res.end(payload);
                return;
            }
            let sent = 0;
            const drip = setInterval(() => {
                if (res.destroyed || sent >= payload.length) {
                    clearInterval(drip);
                    if (!res.destroyed) res.end();
                    return;
                }
                res.write(payload[sent++]);
            }, scripted.dripMs);
        });
    }

    private nextResponder(request: RecordedRequest): Responder {
        const key = routeKey(request.method, request.path);
        const queued = this.queues.get(key);
        if (queued && queued.length > 0) return queued.shift() as Responder;
        return (
            this.defaults.get(key) ?? {
                status: 404,
                body: { error_code: "ENDPOINT_NOT_FOUND", message: `fake-databricks: no scripted response for ${key}` },
            }
        );
    }
}

function routeKey(method: string, routePath: string): string {
    return `${method.toUpperCase()} ${routePath}`;
}

function isLoopback(address: string): boolean {
    return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
