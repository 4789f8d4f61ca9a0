import * as assert from "assert";
import { Evaluation, evaluateProgram, findResource, ofType, RegisteredResource } from "../support/program";
import { stackOutputsSchema } from "../../scripts/lib/stack-outputs";
import { ACCESS_LEVELS } from "../../components/app/permission-levels";
import { readAppConfig } from "../../app/server/config";
import { stackObjectsJson } from "../../components/app/stack-objects";
import { appEnv } from "../app/support/app-env";

const T = {
    app: "databricks:index/app:App",
    job: "databricks:index/job:Job",
    pipeline: "databricks:index/pipeline:Pipeline",
    dashboard: "databricks:index/dashboard:Dashboard",
    serving: "databricks:index/modelServing:ModelServing",
    warehouse: "databricks:index/sqlEndpoint:SqlEndpoint",
    permissions: "databricks:index/permissions:Permissions",
    grants: "databricks:index/grants:Grants",
    lakebaseCatalog: "databricks:index/postgresCatalog:PostgresCatalog",
    grant: "databricks:index/grant:Grant",
    command: "command:local:Command",
    secret: "databricks:index/secret:Secret",
    secretScope: "databricks:index/secretScope:SecretScope",
};

const MODELS = ["approval_propensity_model", "risk_scoring_model", "smart_routing_policy", "smart_retry_policy"];
function trainingStdout(prefix: string): string {
    return `${JSON.stringify(Object.fromEntries(MODELS.map((m) => [`${prefix}.${m}`, "2"])))}\n`;
}

type Binding = { name: string; secret?: { scope: string; key: string; permission: string }; sqlWarehouse?: { id: string }; servingEndpoint?: { name: string }; job?: { id: string }; postgres?: { branch: string; database: string } };
const bindingsOf = (e: Evaluation): Binding[] => findResource(e.resources, T.app, "app").inputs["resources"] as Binding[];
const SP = "00000000-0000-4000-8000-0000000000a1"; // the harness's app service principal id

/** The object a Grants/Grant/Permissions resource controls, e.g. `schema=c.s` or `jobId=...`. */
function controlledObject(r: RegisteredResource): string {
    const keys = ["schema", "table", "volume", "catalog", "jobId", "pipelineId", "dashboardId", "sqlEndpointId", "servingEndpointId", "appName", "directoryPath"];
    const key = keys.find((k) => r.inputs[k] !== undefined);
    assert.ok(key, `${r.name} controls no known object`);
    return `${key}=${String(r.inputs[key])}`;
}

describe("app, grants and permissions per stack", function () {
    this.timeout(180_000);
    let dev: Evaluation;
    let prod: Evaluation;

    before(async () => {
        dev = await evaluateProgram({ stack: "dev", commandStdout: { "training-train": trainingStdout("ahs_demos_catalog.ahs_demo_payment_analysis_dev") } });
        prod = await evaluateProgram({ stack: "prod", commandStdout: { "training-train": trainingStdout("prod_catalog.ahs_demo_payment_analysis_prod") } });
    });

    it("names the app per stack within the Apps limit", () => {
        const devApp = findResource(dev.resources, T.app, "app");
        const prodApp = findResource(prod.resources, T.app, "app");
        assert.strictEqual(devApp.inputs["name"], "payment-analysis-dev");
        assert.strictEqual(prodApp.inputs["name"], "payment-analysis-prod");
        assert.strictEqual(devApp.inputs["computeSize"], "MEDIUM");
    });

    it("binds the app to the warehouse, Lakebase, endpoints and jobs of the same stack", () => {
        for (const e of [dev, prod]) {
            const bindings = bindingsOf(e);
            const byName = Object.fromEntries(bindings.map((b) => [b.name, b]));
            assert.strictEqual(byName["sql-warehouse"].sqlWarehouse?.id, "warehouse-id");
            assert.strictEqual(byName["lakebase"].postgres?.branch, e.outputs["lakebaseBranch"]);
            const endpointNames = ofType(e.resources, T.serving).map((s) => String(s.inputs["name"])).sort();
            assert.deepStrictEqual(bindings.filter((b) => b.servingEndpoint).map((b) => b.servingEndpoint!.name).sort(), endpointNames);
            const jobIds = new Set(ofType(e.resources, T.job).map((j) => `${j.name}-id`));
            const boundJobs = bindings.filter((b) => b.job);
            assert.ok(boundJobs.length >= 4);
            for (const b of boundJobs) assert.ok(jobIds.has(b.job!.id), `${b.name} binds job ${b.job!.id}, not a job of this stack`);
        }
    });

    it("deploys the uploaded app code after the app exists, re-running only on a code change", () => {
        const deploy = findResource(dev.resources, T.command, "app-deploy");
        assert.strictEqual(deploy.inputs["create"], "npm run --silent deploy-app -- --app=payment-analysis-dev --source-code-path=/Shared/payment-analysis/dev/app");
        assert.ok(deploy.dependencies.includes(findResource(dev.resources, T.app, "app").urn));
        const [commandLine, codeHash] = deploy.inputs["triggers"] as string[];
        assert.strictEqual(commandLine, deploy.inputs["create"]);
        assert.match(codeHash, /^[0-9a-f]{64}$/);
    });

    it("deploys from Git when the stack names a repository, with no upload step", async () => {
        const git = await evaluateProgram({
            stack: "dev",
            configOverrides: { "payment-analysis:appGitUrl": "https://github.com/example/payment-analysis-app", "payment-analysis:appGitBranch": "release" },
        });
        const app = findResource(git.resources, T.app, "app");
        assert.deepStrictEqual(app.inputs["gitRepository"], { provider: "gitHub", url: "https://github.com/example/payment-analysis-app" });
        assert.deepStrictEqual(app.inputs["gitSource"], { branch: "release" });
        assert.ok(!git.resources.some((r) => r.name === "app-deploy"));
    });

    it("lets no two resources manage grants or permissions on the same object", () => {
        for (const e of [dev, prod]) {
            const authoritative = [...ofType(e.resources, T.grants), ...ofType(e.resources, T.permissions)].map(controlledObject);
            assert.strictEqual(new Set(authoritative).size, authoritative.length, `duplicated owner: ${authoritative.join(", ")}`);
            const perPrincipal = ofType(e.resources, T.grant).map((g) => `${controlledObject(g)}/${String(g.inputs["principal"])}`);
            assert.strictEqual(new Set(perPrincipal).size, perPrincipal.length);
            // Only the stack's own Lakebase catalog may: other teams grant on the shared one too.
            const ownCatalog = String(findResource(e.resources, T.lakebaseCatalog, "lakebase-catalog").inputs["catalogId"]);
            const catalogGrants = ofType(e.resources, T.grants).filter((g) => g.inputs["catalog"] !== undefined && g.inputs["catalog"] !== ownCatalog);
            assert.strictEqual(catalogGrants.length, 0, "the shared catalog must never get an authoritative Grants");
        }
    });

    it("gives the app's service principal read and EXECUTE on the schema, no table grants (its rules live in Lakebase), and use of the catalog", () => {
        const schemaGrants = ofType(dev.resources, T.grants).find((g) => g.inputs["schema"] !== undefined)!;
        const app = (schemaGrants.inputs["grants"] as Array<{ principal: string; privileges: string[] }>).find((g) => g.principal === SP);
        assert.deepStrictEqual(app?.privileges, ["EXECUTE", "SELECT", "USE_SCHEMA"]);
        for (const e of [dev, prod]) {
            assert.deepStrictEqual(ofType(e.resources, T.grants).filter((g) => g.inputs["table"] !== undefined).map((g) => g.name), []);
        }
        const catalogUse = ofType(dev.resources, T.grant).map((g) => [g.inputs["catalog"], g.inputs["principal"], g.inputs["privileges"]]);
        assert.deepStrictEqual(catalogUse, [["ahs_demos_catalog", SP, ["USE_CATALOG"]]]);
    });

    it("grants no group anything in dev: the deploying user owns what it created, and the app's principal may only run the pipelines", () => {
        const permissions = ofType(dev.resources, T.permissions);
        assert.deepStrictEqual(permissions.map((p) => p.inputs["pipelineId"]).sort(), ofType(dev.resources, T.pipeline).map((p) => `${p.name}-id`).sort());
        for (const p of permissions) assert.deepStrictEqual(p.inputs["accessControls"], [{ servicePrincipalName: SP, permissionLevel: "CAN_RUN" }], p.name);
    });

    it("tells the app the stack's pipelines and dashboards through secrets it binds, in the JSON its settings parse", () => {
        for (const e of [dev, prod]) {
            const secrets = ofType(e.resources, T.secret);
            const scope = findResource(e.resources, T.secretScope, "app-stack-objects");
            // The provider keeps secret values secret; the JSON they hold is what stackObjectsJson makes of the same ids.
            assert.deepStrictEqual(secrets.map((r) => [r.inputs["key"], r.inputs["stringValue"]]).sort(), [["dashboards", "[secret]"], ["pipelines", "[secret]"]]);
            const pipelineIds = Object.fromEntries(Object.entries(e.outputs["pipelines"] as Record<string, { id: string }>).map(([k, p]) => [k, p.id]));
            const dashboardIds = Object.fromEntries(Object.entries(e.outputs["dashboards"] as Record<string, { id: string; title: string }>).map(([k, d]) => [k, { id: d.id, title: d.title }]));
            const env = { ...appEnv("https://ws.example", { host: "h", port: 1, user: "u", password: "p", database: "d", stop: () => undefined }), STACK_PIPELINES: stackObjectsJson(pipelineIds), STACK_DASHBOARDS: stackObjectsJson(dashboardIds) };
            const config = readAppConfig(env);
            assert.deepStrictEqual(Object.keys(config.pipelines), ["etl", "realtime"]);
            assert.strictEqual(Object.keys(config.dashboards).length, 13);
            assert.ok(Object.values(config.dashboards).every((d) => d.title && !d.title.includes("[")), "titles without the stack marker");
            const secretBindings = bindingsOf(e).filter((b) => b.secret);
            assert.deepStrictEqual(secretBindings.map((b) => [b.name, b.secret!.scope, b.secret!.key, b.secret!.permission]), [
                ["stack-pipelines", scope.inputs["name"], "pipelines", "READ"],
                ["stack-dashboards", scope.inputs["name"], "dashboards", "READ"],
            ]);
        }
        assert.strictEqual(findResource(dev.resources, T.secretScope, "app-stack-objects").inputs["name"], "payment-analysis-app-dev");
        const deploy = findResource(dev.resources, T.command, "app-deploy");
        for (const r of ofType(dev.resources, T.secret)) assert.ok(deploy.dependencies.includes(r.urn), `the code is deployed only once ${r.name} holds the ids`);
    });

    it("gives prod groups view and manage levels on every job, pipeline, dashboard, endpoint, the warehouse, the app and the code folder", () => {
        const permissions = ofType(prod.resources, T.permissions);
        const expected: Array<[string, keyof typeof ACCESS_LEVELS, number]> = [
            [T.job, "job", ofType(prod.resources, T.job).length],
            [T.pipeline, "pipeline", 2],
            [T.dashboard, "dashboard", 13],
            [T.serving, "servingEndpoint", 4],
            [T.warehouse, "warehouse", 1],
            [T.app, "app", 1],
            ["databricks:index/directory:Directory", "directory", 1],
        ];
        for (const [, target, count] of expected) {
            const levels = ACCESS_LEVELS[target];
            const forTarget = permissions.filter((p) => p.inputs[levels.idInput] !== undefined);
            assert.strictEqual(forTarget.length, count, `${target}: ${forTarget.length} permissions`);
            for (const p of forTarget) {
                assert.deepStrictEqual(p.inputs["accessControls"], [
                    { groupName: "data-analysts", permissionLevel: levels.view },
                    { groupName: "data-engineers", permissionLevel: levels.manage },
                    // The app's Setup & Run page starts pipeline updates: the least level that may.
                    ...(target === "pipeline" ? [{ servicePrincipalName: SP, permissionLevel: "CAN_RUN" }] : []),
                ]);
            }
        }
        assert.strictEqual(permissions.length, expected.reduce((sum, [, , n]) => sum + n, 0));
        const folder = permissions.find((p) => p.inputs["directoryPath"] !== undefined);
        assert.strictEqual(folder?.inputs["directoryPath"], prod.outputs["workspaceFolder"], "the permission covers the folder the code is uploaded to");
    });

    it("runs every prod job and pipeline as the configured service principal", () => {
        for (const r of [...ofType(prod.resources, T.job), ...ofType(prod.resources, T.pipeline)]) {
            assert.deepStrictEqual(r.inputs["runAs"], { servicePrincipalName: "6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b" }, r.name);
        }
        for (const r of ofType(dev.resources, T.job)) assert.strictEqual(r.inputs["runAs"], undefined, r.name);
    });

    it("exports exactly what the post-deploy verifier reads", () => {
        for (const e of [dev, prod]) {
            const parsed = stackOutputsSchema.safeParse(e.outputs);
            assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
            assert.deepStrictEqual(Object.keys(parsed.data!.dashboards).length, 13);
        }
    });
});
