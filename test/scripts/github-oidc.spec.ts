import { strict as assert } from "node:assert";
import * as os from "node:os";
import * as path from "node:path";
import { exchangeGithubToken, GithubOidcTokenSource, REFRESH_MARGIN_MS } from "../../scripts/lib/github-oidc";
import { createWorkspaceClient } from "../../scripts/lib/databricks-client";
import { FakeDatabricks, loopbackAgent } from "../support/fake-databricks";

const ENV = {
    ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/abc?api-version=2.0",
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: "req-token",
    DATABRICKS_HOST: "https://dbc-123.cloud.databricks.com/",
    DATABRICKS_CLIENT_ID: "sp-client-id",
    DATABRICKS_TOKEN_AUDIENCE: "account-id-1",
};

function fakeFetch(answers: Array<[number, unknown]>, seen: Array<{ url: string; init: RequestInit }>): typeof fetch {
    return (async (url: string, init: RequestInit) => {
        seen.push({ url, init });
        const [status, body] = answers.shift() ?? [500, "unexpected"];
        return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
    }) as typeof fetch;
}

/** GitHub and the workspace's token endpoint, minting dbx-token-1, dbx-token-2, ... each valid `lifetimeS`. */
function tokenService(lifetimeS: number): { fetch: typeof fetch; exchanges: () => number } {
    let minted = 0;
    const fetchImpl = (async (url: string) => {
        if (String(url).startsWith("https://token.actions.example/")) return new Response(JSON.stringify({ value: "gh-jwt" }), { status: 200 });
        minted += 1;
        return new Response(JSON.stringify({ access_token: `dbx-token-${minted}`, expires_in: lifetimeS, token_type: "Bearer" }), { status: 200 });
    }) as typeof fetch;
    return { fetch: fetchImpl, exchanges: () => minted };
}

describe("GitHub OIDC to Databricks token exchange", () => {
    it("asks GitHub for a token with the policy's audience and exchanges it at the workspace", async () => {
        const seen: Array<{ url: string; init: RequestInit }> = [];
        const token = await exchangeGithubToken(ENV, fakeFetch([[200, { value: "gh-jwt" }], [200, { access_token: "dbx-token", expires_in: 3600 }]], seen), () => 1_000);
        assert.deepEqual(token, { accessToken: "dbx-token", expiresAtMs: 1_000 + 3_600_000 });
        assert.equal(seen[0].url, "https://token.actions.example/abc?api-version=2.0&audience=account-id-1");
        assert.equal((seen[0].init.headers as Record<string, string>).authorization, "bearer req-token");
        assert.equal(seen[1].url, "https://dbc-123.cloud.databricks.com/oidc/v1/token");
        const form = new URLSearchParams(String(seen[1].init.body));
        assert.equal(form.get("client_id"), "sp-client-id");
        assert.equal(form.get("subject_token"), "gh-jwt");
        assert.equal(form.get("grant_type"), "urn:ietf:params:oauth:grant-type:token-exchange");
    });

    it("names every missing variable and where it comes from", async () => {
        await assert.rejects(
            exchangeGithubToken({ DATABRICKS_HOST: "https://x" }, fakeFetch([], [])),
            /ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN, DATABRICKS_CLIENT_ID, DATABRICKS_TOKEN_AUDIENCE not set.*id-token: write/,
        );
    });

    it("reports a refused exchange with Databricks' reason", async () => {
        const answers: Array<[number, unknown]> = [[200, { value: "gh-jwt" }], [401, { error: "invalid_request", error_description: "no matching federation policy" }]];
        await assert.rejects(exchangeGithubToken(ENV, fakeFetch(answers, [])), /token exchange failed with 401: .*no matching federation policy/);
    });

    it("rejects an answer without a token", async () => {
        await assert.rejects(exchangeGithubToken(ENV, fakeFetch([[200, { value: "gh-jwt" }], [200, {}]], [])), /without an access_token/);
    });

    it("keeps a token until shortly before it expires, then exchanges again (runs outlive a token)", async () => {
        let now = 0;
        const service = tokenService(3600);
        const source = new GithubOidcTokenSource(ENV, service.fetch, () => now);
        assert.equal(await source.token(), "dbx-token-1");
        now = 3_600_000 - REFRESH_MARGIN_MS - 1;
        assert.equal(await source.token(), "dbx-token-1");
        now = 3_600_000 - REFRESH_MARGIN_MS;
        assert.equal(await source.token(), "dbx-token-2");
        assert.equal(service.exchanges(), 2);
    });

    it("shares one exchange between concurrent requests", async () => {
        const service = tokenService(3600);
        const source = new GithubOidcTokenSource(ENV, service.fetch, () => 0);
        assert.deepEqual(await Promise.all([source.token(), source.token(), source.token()]), ["dbx-token-1", "dbx-token-1", "dbx-token-1"]);
        assert.equal(service.exchanges(), 1);
    });

    it("authenticates the scripts' client under DATABRICKS_AUTH_TYPE=github-oidc, which the JS SDK lacks", async () => {
        const fake = await FakeDatabricks.start();
        try {
            fake.setDefault("GET", "/api/2.0/preview/scim/v2/Me", { body: { userName: "sp-client-id" } });
            const service = tokenService(3600);
            const client = createWorkspaceClient({
                host: fake.url,
                agent: loopbackAgent(fake.port),
                env: { ...ENV, DATABRICKS_HOST: fake.url, DATABRICKS_AUTH_TYPE: "github-oidc" },
                fetch: service.fetch,
                config: { configFile: path.join(os.tmpdir(), "no-such-databrickscfg") },
            });
            await client.currentUser.me();
            await client.currentUser.me();
            assert.deepEqual(fake.requests.map((r) => r.headers.authorization), ["Bearer dbx-token-1", "Bearer dbx-token-1"]);
        } finally {
            await fake.stop();
        }
    });
});
