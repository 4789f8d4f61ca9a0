/**
 * GitHub OIDC → Databricks OAuth token, for tools whose SDK lacks `github-oidc` auth. The Pulumi
 * provider (Go SDK) does the exchange itself; the JS SDK 0.14.2 that `npm run verify` uses knows
 * only pat/basic/oauth-m2m, so the deploy workflow hands it a short-lived token made here.
 * Steps: Databricks "OAuth token federation": RFC 8693 token exchange at <host>/oidc/v1/token.
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

export async function exchangeGithubToken(env: ExchangeEnv, fetchImpl: typeof fetch = fetch): Promise<string> {
    const missing = (["ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "DATABRICKS_HOST", "DATABRICKS_CLIENT_ID", "DATABRICKS_TOKEN_AUDIENCE"] as const).filter(
        (name) => !env[name],
    );
    if (missing.length > 0) {
        throw new Error(
            `databricks-token: ${missing.join(", ")} not set. The ACTIONS_* variables need \`permissions: id-token: write\`; ` +
                "the DATABRICKS_* ones come from the environment's secrets (see docs/ci.md)",
        );
    }
    const idTokenUrl = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL as string);
    idTokenUrl.searchParams.set("audience", env.DATABRICKS_TOKEN_AUDIENCE as string);
    const idToken = await json(fetchImpl, "GitHub OIDC token request", idTokenUrl.toString(), {
        headers: { authorization: `bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
    });
    if (typeof idToken.value !== "string") throw new Error("databricks-token: GitHub answered without an id token (`value`)");

    const host = (env.DATABRICKS_HOST as string).replace(/\/+$/, "");
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
        throw new Error("databricks-token: the token exchange answered without an access_token");
    }
    return exchanged.access_token;
}

async function json(fetchImpl: typeof fetch, what: string, url: string, init: RequestInit): Promise<Record<string, unknown>> {
    const response = await fetchImpl(url, init);
    const text = await response.text();
    // The body of a failed exchange names the policy mismatch (audience, subject); never the token.
    if (!response.ok) throw new Error(`databricks-token: ${what} failed with ${response.status}: ${text.slice(0, 300)}`);
    try {
        return JSON.parse(text) as Record<string, unknown>;
    } catch {
        throw new Error(`databricks-token: ${what} answered ${response.status} with a body that is not JSON`);
    }
}
