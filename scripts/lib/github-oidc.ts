/**
 * GitHub OIDC -> Databricks OAuth token, for the scripts (`pulumi up`'s job runs, the app deployment,
 * verify, preflight). The Databricks provider (Go SDK) does this exchange itself under
 * DATABRICKS_AUTH_TYPE=github-oidc; the JS SDK 0.14.2 knows only pat/basic/oauth-m2m, so without this the
 * scripts would have no credentials in CI's preferred mode. Databricks "OAuth token federation": RFC 8693
 * token exchange at <host>/oidc/v1/token.
 */
export interface ExchangeEnv {
    /** Set by GitHub when the job has `permissions: id-token: write`. */
    readonly ACTIONS_ID_TOKEN_REQUEST_URL?: string;
    readonly ACTIONS_ID_TOKEN_REQUEST_TOKEN?: string;
    readonly DATABRICKS_HOST?: string;
    readonly DATABRICKS_CLIENT_ID?: string;
    /** The audience of the service principal's federation policy (Databricks recommends the account id). */
    readonly DATABRICKS_TOKEN_AUDIENCE?: string;
}

export interface ExchangedToken {
    readonly accessToken: string;
    /** When the token stops working, by the exchange's `expires_in` (one hour when it gives none). */
    readonly expiresAtMs: number;
}

const DEFAULT_LIFETIME_S = 3600;

export async function exchangeGithubToken(env: ExchangeEnv, fetchImpl: typeof fetch = fetch, now: () => number = Date.now): Promise<ExchangedToken> {
    const missing = (["ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "DATABRICKS_HOST", "DATABRICKS_CLIENT_ID", "DATABRICKS_TOKEN_AUDIENCE"] as const).filter(
        (name) => !env[name],
    );
    if (missing.length > 0) {
        throw new Error(
            `github-oidc: ${missing.join(", ")} not set. The ACTIONS_* variables need \`permissions: id-token: write\`; ` +
                "the DATABRICKS_* ones come from the environment's secrets (see docs/ci.md)",
        );
    }
    const idTokenUrl = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL as string);
    idTokenUrl.searchParams.set("audience", env.DATABRICKS_TOKEN_AUDIENCE as string);
    const idToken = await json(fetchImpl, "GitHub OIDC token request", idTokenUrl.toString(), {
        headers: { authorization: `bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
    });
    if (typeof idToken.value !== "string") throw new Error("github-oidc: GitHub answered without an id token (`value`)");

    const host = (env.DATABRICKS_HOST as string).replace(/\/+$/, "");
    const requestedAt = now();
    const exchanged = await json(fetchImpl, "Databricks token exchange", `${host}/oidc/v1/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
            client_id: env.DATABRICKS_CLIENT_ID as string,
            subject_token: idToken.value,
            subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
            grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
            scope: "all-apis",
        }).toString(),
    });
    if (typeof exchanged.access_token !== "string") {
        throw new Error("github-oidc: the token exchange answered without an access_token");
    }
    const lifetime = typeof exchanged.expires_in === "number" && exchanged.expires_in > 0 ? exchanged.expires_in : DEFAULT_LIFETIME_S;
    return { accessToken: exchanged.access_token, expiresAtMs: requestedAt + lifetime * 1000 };
}

/** Renew this long before expiry, so a request never leaves with a token that dies in flight. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A token that stays valid for runs longer than its lifetime (training waits up to hours): exchanged on
 * first use and again whenever it is within REFRESH_MARGIN_MS of expiring. Concurrent callers share one
 * exchange.
 */
export class GithubOidcTokenSource {
    private current: ExchangedToken | undefined;
    private pending: Promise<ExchangedToken> | undefined;

    constructor(
        private readonly env: ExchangeEnv,
        private readonly fetchImpl: typeof fetch = fetch,
        private readonly now: () => number = Date.now,
    ) {}

    async token(): Promise<string> {
        if (this.current && this.now() < this.current.expiresAtMs - REFRESH_MARGIN_MS) return this.current.accessToken;
        this.pending ??= exchangeGithubToken(this.env, this.fetchImpl, this.now).finally(() => {
            this.pending = undefined;
        });
        this.current = await this.pending;
        return this.current.accessToken;
    }
}

async function json(fetchImpl: typeof fetch, what: string, url: string, init: RequestInit): Promise<Record<string, unknown>> {
    const response = await fetchImpl(url, init);
    const text = await response.text();
    // The body of a failed exchange names the policy mismatch (audience, subject); never the token.
    if (!response.ok) throw new Error(`github-oidc: ${what} failed with ${response.status}: ${text.slice(0, 300)}`);
    try {
        return JSON.parse(text) as Record<string, unknown>;
    } catch {
        throw new Error(`github-oidc: ${what} answered ${response.status} with a body that is not JSON`);
    }
}
