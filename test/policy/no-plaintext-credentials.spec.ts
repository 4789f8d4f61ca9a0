import * as assert from "assert";
import { isCredentialKey, isSecretScopeReference, scanForPlaintextCredentials } from "../../policy/lib/credential-scan";
import { noPlaintextCredentials } from "../../policy/no-plaintext-credentials";
import { jobProps, servingProps, TYPES } from "./fixtures";
import { runPolicy, UNKNOWN } from "./harness";

type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures mutate nested provider inputs of many shapes

// Built at run time so the repository never contains a token-shaped literal
// that secret scanners would (rightly) flag.
const FAKE_PAT = `dapi${"0123456789abcdef".repeat(2)}`;

function endpoint(mutate: (props: Props) => void = () => undefined) {
    const props = servingProps("dev");
    mutate(props);
    return runPolicy(noPlaintextCredentials, { type: TYPES.serving, stack: "dev", props });
}

const envVars = (p: Props): Record<string, string> => p.config.servedEntities[0].environmentVars;

describe("policy no-plaintext-credentials", () => {
    it("passes credentials passed as secret-scope references", async () => {
        assert.deepStrictEqual((await endpoint()).violations, []);
    });

    it("rejects a PAT anywhere, naming the path and never the value", async () => {
        const { violations } = await endpoint((p) => { envVars(p).AUTH_HEADER = `Bearer ${FAKE_PAT}`; });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /config\.servedEntities\[0\]\.environmentVars\.AUTH_HEADER looks like a Databricks personal access token/);
        assert.ok(!violations[0].includes(FAKE_PAT));
    });

    it("rejects a plain value under a token/password/secret key", async () => {
        const { violations } = await endpoint((p) => {
            envVars(p).DATABRICKS_TOKEN = "not-a-reference";
            envVars(p).PGPASSWORD = "hunter2";
        });
        assert.strictEqual(violations.length, 2);
        assert.ok(violations.every((v) => /credential-named input with a plain value/.test(v)));
        assert.ok(violations.some((v) => v.includes("DATABRICKS_TOKEN")) && violations.some((v) => v.includes("PGPASSWORD")));
    });

    it("finds a PAT in job parameters and in a list", async () => {
        const props: Props = jobProps("dev");
        props.tasks[0].notebookTask.baseParameters.api = FAKE_PAT;
        props.parameters = [{ name: "x", default: FAKE_PAT }];
        const { violations } = await runPolicy(noPlaintextCredentials, { type: TYPES.job, stack: "dev", props });
        assert.deepStrictEqual(violations.map((v) => v.split(" ")[1]), ["tasks[0].notebookTask.baseParameters.api", "parameters[0].default"]);
    });

    it("finds a PAT inside base64 notebook content", async () => {
        const source = `# Databricks notebook source\nTOKEN = "${FAKE_PAT}"\n`;
        const props = { path: "/Workspace/pa/nb", language: "PYTHON", contentBase64: Buffer.from(source).toString("base64") };
        const { violations } = await runPolicy(noPlaintextCredentials, { type: TYPES.notebook, stack: "dev", props });
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0], /contentBase64 decodes to content containing/);
    });

    it("skips unknown values elsewhere and still checks what is known", async () => {
        const outcome = await endpoint((p) => {
            p.config.servedEntities[0].entityVersion = UNKNOWN.string;
            envVars(p).DATABRICKS_TOKEN = "plain";
        });
        assert.strictEqual(outcome.violations.length, 1);
        assert.strictEqual(outcome.unknownDuringPreview, undefined);
    });

    it("defers an unknown value under a credential key to `up`, without a violation", async () => {
        const outcome = await endpoint((p) => { envVars(p).DATABRICKS_TOKEN = UNKNOWN.string; });
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.unknownDuringPreview ?? "", /DATABRICKS_TOKEN/);
    });

    it("exempts providers and the Secret resource, the sanctioned credential holders", async () => {
        for (const type of [TYPES.provider, TYPES.secret]) {
            const outcome = await runPolicy(noPlaintextCredentials, { type, stack: "dev", props: { token: FAKE_PAT, stringValue: FAKE_PAT } });
            assert.deepStrictEqual(outcome.violations, []);
            assert.ok(outcome.notApplicable, type);
        }
    });
});

describe("credential scan rules", () => {
    it("recognises credential-named keys in the naming styles inputs use", () => {
        for (const key of ["token", "DATABRICKS_TOKEN", "clientSecret", "client_secret", "password", "PGPASSWORD", "openaiApiKey", "awsSecretAccessKey", "openaiApiKeyPlaintext", "privateKey"]) {
            assert.ok(isCredentialKey(key), key);
        }
        for (const key of ["idempotencyToken", "tokens", "maxTokens", "secretKey", "scope", "tokenType", "name"]) {
            assert.ok(!isCredentialKey(key), key);
        }
    });

    it("accepts only whole secret-scope references", () => {
        assert.ok(isSecretScopeReference("{{secrets/payment-analysis/token}}"));
        assert.ok(isSecretScopeReference(" {{ secrets/scope/key }} "));
        for (const bad of ["secrets/scope/key", "{{secrets/scope}}", "prefix {{secrets/scope/key}}", "{{secrets/a/b/c}}"]) {
            assert.ok(!isSecretScopeReference(bad), bad);
        }
    });

    it("ignores credential-named keys holding numbers, booleans or empty strings", () => {
        const { findings } = scanForPlaintextCredentials({ tokens: 100, isSecret: true, password: "" });
        assert.deepStrictEqual(findings, []);
    });

    it("rethrows errors that are not about unknown values", () => {
        const exploding = new Proxy({}, { ownKeys: () => ["token"], getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }), get: () => { throw new TypeError("boom"); } });
        assert.throws(() => scanForPlaintextCredentials({ nested: exploding }), /boom/);
    });
});
