import { strict as assert } from "node:assert";
import { exchangeGithubToken } from "../../.github/scripts/oidc/exchange";

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

describe("GitHub OIDC to Databricks token exchange", () => {
    it("asks GitHub for a token with the policy's audience and exchanges it at the workspace", async () => {
        const seen: Array<{ url: string; init: RequestInit }> = [];
        const token = await exchangeGithubToken(ENV, fakeFetch([[200, { value: "gh-jwt" }], [200, { access_token: "dbx-token" }]], seen));
        assert.equal(token, "dbx-token");
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
});
