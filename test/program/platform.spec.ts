import * as assert from "assert";
import { prodStatefulProtected } from "../../policy/prod-stateful-protected";
import { Evaluation, EvaluationError, evaluateProgram, findResource, ofType, RegisteredResource } from "../support/program";
import { runPolicy } from "../policy/harness";

const T = {
    warehouse: "databricks:index/sqlEndpoint:SqlEndpoint",
    schema: "databricks:index/schema:Schema",
    volume: "databricks:index/volume:Volume",
    grants: "databricks:index/grants:Grants",
    project: "databricks:index/postgresProject:PostgresProject",
    branch: "databricks:index/postgresBranch:PostgresBranch",
    endpoint: "databricks:index/postgresEndpoint:PostgresEndpoint",
    role: "databricks:index/postgresRole:PostgresRole",
    database: "databricks:index/postgresDatabase:PostgresDatabase",
    lakebaseCatalog: "databricks:index/postgresCatalog:PostgresCatalog",
    syncedTable: "databricks:index/postgresSyncedTable:PostgresSyncedTable",
    notebook: "databricks:index/notebook:Notebook",
    workspaceFile: "databricks:index/workspaceFile:WorkspaceFile",
    provider: "pulumi:providers:databricks",
};

function parentType(resources: readonly RegisteredResource[], child: RegisteredResource): string | undefined {
    return resources.find((r) => r.urn === child.parent)?.type;
}

function sqlUploads(e: Evaluation): RegisteredResource[] {
    return ofType(e.resources, T.workspaceFile).filter((r) => r.name.startsWith("assets-sql-"));
}

function decode(resource: RegisteredResource): string {
    return Buffer.from(String(resource.inputs["contentBase64"]), "base64").toString("utf8");
}

describe("the program under mocks", function () {
    this.timeout(120_000);
    let dev: Evaluation;
    let prod: Evaluation;
    let preview: Evaluation;

    before(async () => {
        dev = await evaluateProgram({ stack: "dev" });
        prod = await evaluateProgram({ stack: "prod" });
        preview = await evaluateProgram({ stack: "dev", preview: true });
    });

    it("registers the same desired state whoever runs Pulumi: a preview by CI's principal proposes no change", async () => {
        for (const [stack, evaluation] of [["dev", dev], ["prod", prod]] as const) {
            const byCi = await evaluateProgram({ stack, caller: "ci-reader@example.com" });
            const inputs = (e: Evaluation) => Object.fromEntries(e.resources.map((r) => [r.urn, r.inputs]));
            assert.deepStrictEqual(inputs(byCi), inputs(evaluation), stack);
            assert.ok(!JSON.stringify(inputs(evaluation)).includes("deployer@example.com"), `${stack}: the deploying identity appears in an input`);
        }
    });

    it("checks the deployer's privileges before any Databricks resource: the provider waits for the preflight step", () => {
        for (const e of [dev, prod]) {
            const preflight = findResource(e.resources, "command:local:Command", "preflight-privileges");
            assert.strictEqual(preflight.inputs["create"], `npm run --silent preflight -- --stack ${e === dev ? "dev" : "prod"}`);
            const provider = findResource(e.resources, T.provider, "databricks");
            const preflightComponent = e.resources.find((r) => r.urn === preflight.parent);
            assert.ok(preflightComponent && provider.dependencies.some((urn) => urn === preflightComponent.urn || urn === preflight.urn), "the provider must depend on the preflight");
            const databricksResources = e.resources.filter((r) => r.type.startsWith("databricks:"));
            assert.ok(databricksResources.length > 50);
            for (const r of databricksResources) assert.ok(r.provider?.includes("pulumi:providers:databricks::databricks"), `${r.name} does not use the checked provider`);
        }
    });

    it("creates the SQL warehouse of the original, named for the stack and tagged", () => {
        const warehouse = findResource(dev.resources, T.warehouse, "warehouse");
        assert.strictEqual(warehouse.inputs["name"], "[dev] Payment Analysis Warehouse");
        assert.strictEqual(warehouse.inputs["clusterSize"], "2X-Small");
        assert.strictEqual(warehouse.inputs["warehouseType"], "PRO");
        assert.strictEqual(warehouse.inputs["enableServerlessCompute"], true);
        assert.strictEqual(warehouse.inputs["autoStopMins"], 10);
        const tags = (warehouse.inputs["tags"] as { customTags: Array<{ key: string; value: string }> }).customTags;
        assert.deepStrictEqual(Object.fromEntries(tags.map((t) => [t.key, t.value])), { domain: "payment-analytics", environment: "dev", project: "payment-analysis" });
        assert.strictEqual(parentType(dev.resources, warehouse), "payment-analysis:platform:Warehouse");
    });

    it("creates the schema and four managed volumes that reference it", () => {
        const schema = findResource(dev.resources, T.schema, "catalog-schema");
        assert.strictEqual(schema.inputs["catalogName"], "ahs_demos_catalog");
        assert.strictEqual(schema.inputs["name"], "ahs_demo_payment_analysis_dev");
        const volumes = ofType(dev.resources, T.volume);
        assert.deepStrictEqual(volumes.map((v) => v.inputs["name"]).sort(), ["checkpoints", "ml_artifacts", "raw_data", "reports"]);
        for (const volume of volumes) {
            assert.strictEqual(volume.inputs["volumeType"], "MANAGED");
            assert.strictEqual(volume.inputs["schemaName"], "ahs_demo_payment_analysis_dev");
            assert.ok(volume.dependencies.includes(schema.urn), `${volume.name} must depend on the schema resource`);
        }
    });

    it("lets exactly one Grants resource own the schema's grants", () => {
        const grants = ofType(dev.resources, T.grants);
        const targets = grants.map((g) => String(g.inputs["schema"] ?? g.inputs["volume"] ?? g.inputs["table"] ?? g.inputs["catalog"]));
        assert.strictEqual(new Set(targets).size, targets.length, `two Grants resources share an object: ${targets.join(", ")}`);
        assert.ok(targets.includes("ahs_demos_catalog.ahs_demo_payment_analysis_dev"));
    });

    it("grants the app in dev, and also the groups and run-as principal in prod; never the deploying identity, which owns the schema", () => {
        const principals = (e: Evaluation) => {
            const schemaGrants = ofType(e.resources, T.grants).find((g) => g.inputs["schema"] !== undefined)!;
            return (schemaGrants.inputs["grants"] as Array<{ principal: string; privileges: string[] }>).map((g) => g.principal).sort();
        };
        const app = "00000000-0000-4000-8000-0000000000a1";
        assert.deepStrictEqual(principals(dev), [app]);
        assert.deepStrictEqual(principals(prod), [app, "6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b", "data-analysts", "data-engineers"]);
    });

    it("creates a Lakebase Autoscaling project per stack, no legacy instance, and keeps the data on its default branch", () => {
        for (const [e, stack] of [[dev, "dev"], [prod, "prod"]] as const) {
            assert.strictEqual(e.resources.filter((r) => r.type.includes("databaseInstance") || r.type.includes("databaseDatabaseCatalog")).length, 0, `${stack}: legacy Lakebase resource`);
            const project = findResource(e.resources, T.project, "lakebase-project");
            assert.strictEqual(project.inputs["projectId"], `payment-analysis-${stack}`);
            assert.strictEqual((project.inputs["spec"] as { pgVersion: number }).pgVersion, 17);
            assert.strictEqual(ofType(e.resources, T.branch).length, 0, `${stack}: a project of its own needs no extra branch`);
            const branch = `projects/payment-analysis-${stack}/branches/production`;
            for (const type of [T.endpoint, T.database]) {
                const [r] = ofType(e.resources, type);
                assert.strictEqual(r.inputs["parent"], branch, `${r.name} must be on the project's default branch`);
                assert.ok(r.dependencies.includes(project.urn), `${r.name} must follow the project resource`);
            }
            assert.strictEqual(e.outputs["lakebaseBranch"], branch);
        }
    });

    it("sets the endpoint's autoscaling limits from config, adopting the branch's primary read-write endpoint", async () => {
        const endpoint = findResource(dev.resources, T.endpoint, "lakebase-endpoint");
        assert.deepStrictEqual(endpoint.inputs["spec"], { autoscalingLimitMaxCu: 2, autoscalingLimitMinCu: 0.5, endpointType: "ENDPOINT_TYPE_READ_WRITE" });
        assert.strictEqual(endpoint.inputs["endpointId"], "primary");
        assert.strictEqual(endpoint.inputs["replaceExisting"], true, "every branch already has its primary endpoint");
        const sized = await evaluateProgram({ stack: "dev", configOverrides: { "payment-analysis:lakebaseMinCu": "1", "payment-analysis:lakebaseMaxCu": "8" } });
        assert.deepStrictEqual(findResource(sized.resources, T.endpoint, "lakebase-endpoint").inputs["spec"], { autoscalingLimitMaxCu: 8, autoscalingLimitMinCu: 1, endpointType: "ENDPOINT_TYPE_READ_WRITE" });
    });

    it("gives the database a login-less owner and exposes it in Unity Catalog through the database resource", () => {
        const owner = findResource(dev.resources, T.role, "lakebase-owner");
        assert.deepStrictEqual(owner.inputs["spec"], { authMethod: "NO_LOGIN", postgresRole: "payment-analysis-owner" });
        const database = findResource(dev.resources, T.database, "lakebase-database");
        assert.deepStrictEqual(database.inputs["spec"], { postgresDatabase: "payment_analysis", role: "projects/payment-analysis-dev/branches/production/roles/payment-analysis-owner" });
        const catalog = findResource(dev.resources, T.lakebaseCatalog, "lakebase-catalog");
        assert.strictEqual(catalog.inputs["catalogId"], "payment_analysis_lakebase_dev");
        assert.deepStrictEqual(catalog.inputs["spec"], { branch: "projects/payment-analysis-dev/branches/production", postgresDatabase: "payment_analysis" });
        assert.ok(catalog.dependencies.includes(database.urn), "the catalog must wait for the database it exposes");
    });

    it("syncs online features from their Delta table continuously, in one pipeline, after the tables exist", () => {
        for (const [e, catalog, schema] of [[dev, "ahs_demos_catalog", "ahs_demo_payment_analysis_dev"], [prod, "prod_catalog", "ahs_demo_payment_analysis_prod"]] as const) {
            const synced = ofType(e.resources, T.syncedTable);
            assert.deepStrictEqual(synced.map((r) => r.name).sort(), ["lakebase-synced-online-features"]);
            const lakebaseCatalog = String(findResource(e.resources, T.lakebaseCatalog, "lakebase-catalog").inputs["catalogId"]);
            const tablesStep = findResource(e.resources, "command:local:Command", "lakehouse-tables-create");
            for (const r of synced) {
                const table = r.name.replace("lakebase-synced-", "").replace(/-/g, "_");
                const spec = r.inputs["spec"] as Record<string, unknown>;
                assert.strictEqual(r.inputs["syncedTableId"], `${lakebaseCatalog}.lakehouse.${table}`);
                assert.strictEqual(spec["sourceTableFullName"], `${catalog}.${schema}.${table}`);
                assert.strictEqual(spec["schedulingPolicy"], "CONTINUOUS", `${r.name}: a triggered sync would go stale after the next merge`);
                assert.deepStrictEqual(spec["primaryKeyColumns"], ["id"]);
                assert.strictEqual(spec["postgresDatabase"], "payment_analysis");
                const tablesComponent = e.resources.find((x) => x.urn === tablesStep.parent);
                assert.ok(r.dependencies.some((urn) => urn === tablesStep.urn || urn === tablesComponent?.urn), `${r.name} must wait for its source table`);
            }
            const first = findResource(e.resources, T.syncedTable, "lakebase-synced-online-features").inputs["spec"] as Record<string, unknown>;
            // The pipeline's state lives in the stack's own schema; its spend goes to the stack's budget policy (prod has one).
            assert.deepStrictEqual(first["newPipelineSpec"], { storageCatalog: catalog, storageSchema: schema, ...(e === prod ? { budgetPolicyId: "budget-policy-policy-id" } : {}) });
        }
    });

    it("binds the app to the stack's Lakebase branch and database through a postgres resource, and declares its role", () => {
        for (const e of [dev, prod]) {
            const app = findResource(e.resources, "databricks:index/app:App", "app");
            const binding = (app.inputs["resources"] as Array<{ name: string; postgres?: Record<string, string>; database?: unknown }>).find((b) => b.name === "lakebase");
            const database = findResource(e.resources, T.database, "lakebase-database");
            assert.deepStrictEqual(binding?.postgres, {
                branch: String(e.outputs["lakebaseBranch"]),
                database: `${String(e.outputs["lakebaseBranch"])}/databases/lakebase-database-id`,
                permission: "CAN_CONNECT_AND_CREATE",
            });
            assert.ok(app.dependencies.includes(database.urn));
            const role = findResource(e.resources, T.role, "lakebase-app-role");
            const principal = "00000000-0000-4000-8000-0000000000a1";
            assert.strictEqual(role.inputs["roleId"], principal);
            assert.strictEqual(role.inputs["parent"], e.outputs["lakebaseBranch"]);
            assert.strictEqual(role.inputs["replaceExisting"], true, "the postgres binding creates the role first; the program adopts it");
            assert.deepStrictEqual(role.inputs["spec"], { authMethod: "LAKEBASE_OAUTH_V1", identityType: "SERVICE_PRINCIPAL", membershipRoles: ["DATABRICKS_SUPERUSER"], postgresRole: principal });
        }
    });

    it("protects and retains schema, volumes and Lakebase in prod only", () => {
        const stateful = (e: Evaluation) => e.resources.filter((r) => [T.schema, T.volume, T.project, T.role, T.database, T.lakebaseCatalog].includes(r.type) && r.name !== "lakebase-app-role");
        assert.strictEqual(stateful(prod).length, 9);
        for (const r of stateful(prod)) assert.ok(r.protect && r.retainOnDelete, `${r.name} must be protected and retained in prod`);
        for (const r of stateful(dev)) assert.ok(!r.protect && !r.retainOnDelete, `${r.name} must be disposable in dev`);
        assert.strictEqual(findResource(prod.resources, T.schema, "catalog-schema").inputs["forceDestroy"], false);
    });

    it("protects prod pipelines, whose deletion would delete their tables, and passes the pack's protection policy on every prod resource", async () => {
        const pipelines = (e: Evaluation) => e.resources.filter((r) => r.type === "databricks:index/pipeline:Pipeline");
        assert.strictEqual(pipelines(prod).length, 2);
        for (const r of pipelines(prod)) assert.ok(r.protect, `${r.name} must be protected in prod`);
        for (const r of pipelines(dev)) assert.ok(!r.protect, `${r.name} must be disposable in dev`);
        for (const r of prod.resources) {
            const { violations } = await runPolicy(prodStatefulProtected, { type: r.type, stack: "prod", name: r.name, props: r.inputs, protect: r.protect });
            assert.deepStrictEqual(violations, [], r.name);
        }
    });

    it("uploads every notebook and SQL file under the stack's workspace folder", () => {
        const notebooks = ofType(dev.resources, T.notebook);
        assert.ok(notebooks.length > 0);
        for (const notebook of notebooks) {
            assert.match(String(notebook.inputs["path"]), /^\/Shared\/payment-analysis\/dev\/notebooks\/[a-z_]+$/);
            assert.strictEqual(notebook.inputs["language"], "PYTHON");
            assert.match(decode(notebook), /^# Databricks notebook source/);
        }
        const sqlFiles = sqlUploads(prod);
        assert.ok(sqlFiles.length > 0);
        for (const file of sqlFiles) assert.match(String(file.inputs["path"]), /^\/Users\/6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b\/payment-analysis\/prod\/sql\/[a-z_]+\.sql$/);
        const appFiles = ofType(prod.resources, T.workspaceFile).filter((r) => r.name.startsWith("assets-app-"));
        const appPaths = appFiles.map((f) => String(f.inputs["path"]).replace("/Users/6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b/payment-analysis/prod/app/", ""));
        for (const needed of ["app.yaml", "package.json", "package-lock.json", "server/server.ts", "client/index.html"]) assert.ok(appPaths.includes(needed), `${needed} is not uploaded`);
        assert.deepStrictEqual(appPaths.filter((p) => /(^|\/)(node_modules|dist)\//.test(p)), [], "installed packages and the UI build are never uploaded");
    });

    it("renders SQL for the stack with no placeholder left", () => {
        const files = sqlUploads(prod);
        assert.ok(files.length > 0, "no SQL file was uploaded");
        for (const file of files) {
            const sql = decode(file);
            assert.ok(!sql.includes("{{"), `${file.name} still has a placeholder`);
            assert.ok(!sql.includes("ahs_demo_payment_analysis_dev"), `${file.name} names the dev schema in prod`);
        }
    });

    it("parents every Databricks resource to a component and routes it through the explicit provider", () => {
        for (const e of [dev, prod]) {
            for (const r of e.resources.filter((r) => r.custom && r.type.startsWith("databricks:"))) {
                assert.ok(parentType(e.resources, r)?.startsWith("payment-analysis:"), `${r.type} ${r.name} has no component parent`);
                // Budget policies are account objects: the one resource on the account-level provider.
                const provider = r.type === "databricks:index/budgetPolicy:BudgetPolicy" ? /pulumi:providers:databricks::databricks-account::/ : /pulumi:providers:databricks::databricks::/;
                assert.match(r.provider ?? "", provider, `${r.name} does not use the explicit provider`);
            }
        }
    });

    it("gives dev and prod different workspace-global names", () => {
        const globalNames = (e: Evaluation) =>
            e.resources
                .filter((r) => [T.warehouse, T.project, T.lakebaseCatalog].includes(r.type))
                .map((r) => String(r.inputs["name"] ?? r.inputs["projectId"] ?? r.inputs["catalogId"]));
        const devNames = globalNames(dev);
        for (const name of globalNames(prod)) assert.ok(!devNames.includes(name), `${name} is used by dev and prod`);
        assert.notStrictEqual(dev.outputs["workspaceFolder"], prod.outputs["workspaceFolder"]);
    });

    it("never passes a secret in plaintext: the token reaches the provider as a secret", async () => {
        const token = "dapi0123456789abcdef0123456789abcdef";
        const withToken = await evaluateProgram({
            stack: "dev",
            configOverrides: { "databricks:host": "https://example.cloud.databricks.com", "databricks:token": token },
            secretKeys: ["databricks:token"],
        });
        const provider = findResource(withToken.resources, T.provider, "databricks");
        assert.strictEqual(provider.inputs["host"], "https://example.cloud.databricks.com");
        assert.strictEqual(provider.inputs["token"], "[secret]");
        const everything = JSON.stringify(withToken.resources.map((r) => r.inputs)) + JSON.stringify(withToken.outputs);
        assert.ok(!everything.includes(token), "the token appears in plaintext in an input or output");
    });

    it("refuses a token stored in plaintext config before registering anything", async () => {
        await assert.rejects(
            evaluateProgram({ stack: "dev", configOverrides: { "databricks:token": "dapi0123456789abcdef0123456789abcdef" } }),
            (error: EvaluationError) => {
                assert.match(error.message, /databricks:token: is stored in plaintext/);
                assert.strictEqual(error.resources.length, 0);
                return true;
            },
        );
    });

    it("registers no resource when config is invalid, and names every bad key", async () => {
        await assert.rejects(
            evaluateProgram({ stack: "dev", configOverrides: { "payment-analysis:warehouseSize": "Huge", "payment-analysis:lakebaseCapacity": "CU_3" } }),
            (error: EvaluationError) => {
                assert.match(error.message, /payment-analysis:warehouseSize[\s\S]*payment-analysis:lakebaseCapacity/);
                assert.strictEqual(error.resources.length, 0);
                return true;
            },
        );
    });

    it("fails a prod stack without a run-as service principal with a clear message", async () => {
        await assert.rejects(
            evaluateProgram({ stack: "prod", configOverrides: { "payment-analysis:runAsServicePrincipal": undefined } }),
            /payment-analysis:runAsServicePrincipal: is required in prod/,
        );
    });

    it("registers the same resources in preview, where ids are unknown", () => {
        const key = (r: RegisteredResource) => `${r.type}::${r.name}`;
        assert.deepStrictEqual(preview.resources.map(key).sort(), dev.resources.map(key).sort());
        assert.strictEqual(preview.outputs["warehouseId"], undefined, "the warehouse id is unknown in preview");
        assert.strictEqual(dev.outputs["warehouseId"], "warehouse-id");
    });

    it("deploys a pull-request stack beside dev without collisions", async () => {
        const pr = await evaluateProgram({ stack: "pr-17", config: { "payment-analysis:environment": "dev", "payment-analysis:schema": "payment_analysis_pr_17" } });
        const names = (e: Evaluation) =>
            new Set(e.resources.filter((r) => [T.project, T.lakebaseCatalog, T.warehouse].includes(r.type)).map((r) => String(r.inputs["name"] ?? r.inputs["projectId"] ?? r.inputs["catalogId"])));
        const devNames = names(dev);
        for (const name of names(pr)) assert.ok(!devNames.has(name), `${name} collides with dev`);
    });

    it("creates the three SQL alerts on the stack's warehouse: paused in dev, live and run as the service principal in prod", () => {
        const alerts = (e: Evaluation) => e.resources.filter((r) => r.type === "databricks:index/alertV2:AlertV2");
        for (const e of [dev, prod]) {
            assert.deepStrictEqual(alerts(e).map((a) => a.name).sort(), ["alerts-approval-rate-drop", "alerts-decline-spike", "alerts-latency-p95"]);
            for (const a of alerts(e)) {
                assert.strictEqual(a.inputs["warehouseId"], e.outputs["warehouseId"]);
                assert.ok(!String(a.inputs["queryText"]).includes("{{"), `${a.name}: placeholders left in the query`);
            }
        }
        const schema = (e: Evaluation) => `${String(e.outputs["catalog"])}.${String(e.outputs["schema"])}.`;
        assert.ok(alerts(prod).every((a) => String(a.inputs["queryText"]).includes(schema(prod))), "prod alerts read prod's schema");
        assert.ok(alerts(dev).every((a) => (a.inputs["schedule"] as { pauseStatus: string }).pauseStatus === "PAUSED"));
        assert.ok(alerts(prod).every((a) => (a.inputs["schedule"] as { pauseStatus: string }).pauseStatus === "UNPAUSED"));
        assert.ok(alerts(prod).every((a) => (a.inputs["runAs"] as { servicePrincipalName: string }).servicePrincipalName === "6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b"));
        assert.ok(alerts(dev).every((a) => a.inputs["runAs"] === undefined));
    });

    it("puts each review stack on a branch of its own in a shared Lakebase project, creating no project", async () => {
        const shared = "review-stacks";
        const review = (n: number) =>
            evaluateProgram({
                stack: `pr-${n}`,
                config: { "payment-analysis:environment": "dev", "payment-analysis:schema": `payment_analysis_pr_${n}`, "payment-analysis:lakebaseSharedProject": shared },
            });
        const [pr17, pr18] = [await review(17), await review(18)];
        for (const [pr, n] of [[pr17, 17], [pr18, 18]] as const) {
            assert.strictEqual(ofType(pr.resources, T.project).length, 0, "a review stack must not create a project");
            const branch = findResource(pr.resources, T.branch, "lakebase-branch");
            assert.strictEqual(branch.inputs["parent"], `projects/${shared}`);
            assert.strictEqual(branch.inputs["branchId"], `payment-analysis-pr-${n}`);
            assert.deepStrictEqual(branch.inputs["spec"], { noExpiry: true });
            assert.strictEqual(branch.inputs["purgeOnDelete"], true, "a review stack's branch goes with the stack");
            for (const type of [T.endpoint, T.role, T.database]) {
                for (const r of ofType(pr.resources, type)) assert.strictEqual(r.inputs["parent"], `projects/${shared}/branches/payment-analysis-pr-${n}`, r.name);
            }
            assert.strictEqual(pr.outputs["lakebaseProject"], `projects/${shared}`);
        }
        const catalogs = [pr17, pr18, dev].map((e) => findResource(e.resources, T.lakebaseCatalog, "lakebase-catalog").inputs["catalogId"]);
        assert.strictEqual(new Set(catalogs).size, 3, `Unity Catalog catalogs must differ per stack: ${catalogs.join(", ")}`);
    });
});
