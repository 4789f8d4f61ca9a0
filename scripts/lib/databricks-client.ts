/**
 * One way for every script (run-job, verify, and later dashboards:pull) to get a Databricks client.
 *
 * Usage:
 *   const ws = createWorkspaceClient({ host: "https://adb-123.azuredatabricks.net" });
 *   await ws.lakeview.get({ dashboard_id });          // any typed service of @databricks/sdk-experimental
 *
 * Auth is the SDK's unified auth, i.e. the same settings the Pulumi databricks provider reads:
 * DATABRICKS_HOST + DATABRICKS_TOKEN (or OAuth M2M DATABRICKS_CLIENT_ID/SECRET), or a profile in
 * ~/.databrickscfg selected with `profile` / DATABRICKS_CONFIG_PROFILE. An explicit `host` wins over both.
 * Under `pulumi up`, a token kept in the stack's config wins too, as it does for the provider
 * (scripts/lib/stack-credentials.ts). DATABRICKS_AUTH_TYPE=github-oidc (CI's preferred mode, which the SDK
 * lacks) exchanges the job's GitHub token for a Databricks one and renews it (scripts/lib/github-oidc.ts).
 *
 * What differs from `new WorkspaceClient()` and why (found in SDK 0.14.2, see test/scripts/transport.spec.ts):
 * - Its transport drops the query string of every GET, so e.g. `jobs.getRun({run_id})` asks for no run.
 * - Its default https.Agent has `rejectUnauthorized: false` unless skip_verify is set to false explicitly;
 *   here TLS is always verified.
 * - It retries only 429 (and a few error strings), ignores Retry-After, and on giving up throws
 *   "Timeout: " with no status or message. Here 429/5xx and connection failures are retried under a
 *   RetryPolicy and the final error names the request, status and server message.
 * - It rewrites the host to `https://<hostname>`, dropping a port (a proxy, a local test workspace); the
 *   port of the configured URL is put back here.
 * So the client's `request` is replaced by scripts/lib/transport.ts; the typed services are unchanged.
 * Raw/streaming calls (Files API) are refused with a clear error rather than half-supported.
 */
import * as https from "node:https";
import { Config, ConfigOptions, WorkspaceClient } from "@databricks/sdk-experimental";
import { defaultRetryPolicy, RetryPolicy } from "./retry";
import { GithubOidcTokenSource } from "./github-oidc";
import { ConfigReader, tokenFromStack } from "./stack-credentials";
import { Clock, sendWithRetry, systemClock } from "./transport";

export interface WorkspaceClientOptions {
    /** Workspace URL; when omitted, DATABRICKS_HOST or the profile's host is used. */
    readonly host?: string;
    /** A profile in ~/.databrickscfg. */
    readonly profile?: string;
    readonly retryPolicy?: RetryPolicy;
    /** Tests pass an agent that dials a local fake server; production uses a verifying keep-alive agent. */
    readonly agent?: https.Agent;
    readonly clock?: Clock;
    /** Extra SDK config (tests: token and a config file that does not exist, so ~/.databrickscfg is ignored). */
    readonly config?: Partial<ConfigOptions>;
    /** Where STACK_ENV is read (default: process.env) and how `pulumi config get` runs (tests pass fakes). */
    readonly env?: NodeJS.ProcessEnv;
    readonly readStackConfig?: ConfigReader;
    /** How the GitHub OIDC exchange reaches GitHub and the workspace (tests pass a fake). */
    readonly fetch?: typeof fetch;
}

export function createWorkspaceClient(options: WorkspaceClientOptions = {}): WorkspaceClient {
    const env = options.env ?? process.env;
    const clock = options.clock ?? systemClock;
    const stackToken = options.config?.token === undefined ? tokenFromStack(env, options.readStackConfig) : undefined;
    const config = new Config({
        ...(stackToken !== undefined ? { token: stackToken, authType: "pat" } : {}),
        ...options.config,
        ...(options.host !== undefined ? { host: options.host } : {}),
        ...(options.profile !== undefined ? { profile: options.profile } : {}),
    });
    // The host as configured, with the same precedence as above (a profile's host is the SDK's to resolve).
    const configuredHost = options.host ?? options.config?.host ?? env["DATABRICKS_HOST"];
    const agent = options.agent ?? new https.Agent({ keepAlive: true, rejectUnauthorized: true });
    const client = new WorkspaceClient(config, { agent, product: "payment-analysis-scripts", productVersion: "0.1.0" });
    const port = configuredPort(configuredHost);
    if (port !== undefined) {
        Object.defineProperty(client.apiClient, "host", {
            get: async () => {
                const url = await config.getHost();
                url.port = port;
                return url;
            },
        });
    }
    if (env["DATABRICKS_AUTH_TYPE"] === "github-oidc" && stackToken === undefined && options.config?.token === undefined) {
        const source = new GithubOidcTokenSource({ ...env, DATABRICKS_HOST: configuredHost }, options.fetch ?? fetch, () => clock.now());
        config.authenticate = async (headers: Headers) => {
            headers.set("Authorization", `Bearer ${await source.token()}`);
        };
    }
    const policy = options.retryPolicy ?? defaultRetryPolicy;
    client.apiClient.request = (request) => sendWithRetry(client.apiClient, request, policy, clock);
    return client;
}

function configuredPort(host: string | undefined): string | undefined {
    if (host === undefined) return undefined;
    try {
        const port = new URL(/^[a-z]+:\/\//i.test(host) ? host : `https://${host}`).port;
        return port === "" ? undefined : port;
    } catch {
        // An unparseable host is the SDK's to report, with its own message.
        return undefined;
    }
}

/** The workspace origin the client talks to (after unified auth resolved the host), for run page URLs. */
export async function workspaceOrigin(client: WorkspaceClient): Promise<string> {
    return (await client.apiClient.host).origin;
}
