/**
 * Payment Analysis on Databricks: the composition root. Config is read and validated once; components
 * are wired so that ordering follows from data; stack outputs say where everything is.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { ConfigError } from "./components/config";
import { loadConfig, LoadedConfig } from "./components/load-config";
import { StackNames } from "./components/naming";
import { readAssetFiles } from "./components/assets";
import { Preflight } from "./components/platform/preflight";
import { Warehouse } from "./components/platform/warehouse";
import { Catalog } from "./components/platform/catalog";
import { UnityCatalogGrants } from "./components/platform/grants";
import { Lakebase } from "./components/platform/lakebase";
import { LakebaseAppRole } from "./components/platform/lakebase-app-role";
import { LakebaseSyncedTables } from "./components/platform/lakebase-synced-tables";
import { StackBudgetPolicy } from "./components/platform/budget-policy";
import { WorkspaceAssets } from "./components/platform/workspace-assets";
import { sqlTemplateValues } from "./components/platform/sql-template-values";
import { workspaceFolderFor } from "./components/platform/placement";
import { Jobs } from "./components/data/jobs";
import { Pipelines } from "./components/data/pipelines";
import { BootstrapChain } from "./components/data/bootstrap";
import { LakehouseTables } from "./components/data/lakehouse-tables";
import { GoldViews } from "./components/data/gold-views";
import { TrainingRun } from "./components/data/training-run";
import { askDataReadiness, DATA_DEPENDENT_WORK, FILLED_BY_BOOTSTRAP, TRAINING_SOURCE_TABLE } from "./components/data/data-readiness";
import { ModelServingEndpoints } from "./components/serving/model-serving";
import { VectorSearch } from "./components/serving/vector-search";
import { modelFullName, SERVED_MODELS } from "./components/serving/models";
import { notebookSpec } from "./notebooks/requirements";
import { Dashboards } from "./components/analytics/dashboards";
import { SqlAlerts } from "./components/analytics/alerts";
import { QualityMonitors } from "./components/analytics/quality-monitors";
import { GENIE_SPACE_WORK, GenieSpace } from "./components/analytics/genie-space";
import { MONITORED_TABLES } from "./contract";
import { rulesTableName } from "./contract/rules";
import { AppStackObjects, StackDashboard } from "./components/app/stack-objects";
import { PaymentAnalysisApp } from "./components/app/app";
import { WorkspaceAccess } from "./components/app/access";
import { APP_TABLE_PRIVILEGES, APP_WRITTEN_TABLES, catalogUsers, lakebaseCatalogGrants, schemaGrants } from "./components/app/unity-catalog-access";

function configOrFail(): LoadedConfig {
    try {
        return loadConfig();
    } catch (error) {
        // A RunError prints just the message: the list of bad keys, not a stack trace.
        if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
        throw error;
    }
}

// The program is a function so that it can ask the workspace a question (is there data to train on?)
// before it declares what depends on the answer; its return value is the stack's outputs.
export = async () => {
    const { stack: config, databricks: connection } = configOrFail();
    const names = new StackNames(config.stack, config.namePrefix);
    const assetFiles = readAssetFiles(__dirname);

    // What the scripts run during `up` get: never the token itself (see scripts/lib/stack-credentials.ts).
    const scriptConnection = { host: connection.host, profile: connection.profile, stack: config.stack };
    // Every Databricks resource goes through this provider, so none is created before the privilege check passed.
    const preflight = new Preflight("preflight", { connection: scriptConnection, catalog: config.catalog });
    const provider = new databricks.Provider(
        "databricks",
        { host: connection.host, profile: connection.profile, token: connection.token },
        { dependsOn: [preflight] },
    );
    const withProvider: pulumi.ComponentResourceOptions = { providers: { databricks: provider } };
    /**
     * Serverless spend per stack: a budget policy of the stack's own, an existing policy, or none. Jobs,
     * pipelines, endpoints, the app and Lakebase carry its id.
     */
    function stackBudgetPolicyId(): pulumi.Input<string> | undefined {
        const policy = config.budgetPolicy;
        if (policy.kind === "off") return undefined;
        if (policy.kind === "existing") return policy.id;
        // Budget policies are account objects, so an account-level provider, after the same preflight. It takes
        // its credentials from the environment (OAuth client credentials of an account admin): a workspace
        // token is no account credential.
        const accountProvider = new databricks.Provider("databricks-account", { host: policy.accountHost, accountId: policy.accountId }, { dependsOn: [preflight] });
        return new StackBudgetPolicy("budget-policy", { policyName: names.budgetPolicy("payment-analysis"), tags: { ...config.tags, stack: config.stack }, accountProvider }).policyId;
    }
    const budgetPolicyId = stackBudgetPolicyId();
    // Read for the workspace URL only: nothing in desired state depends on who runs Pulumi.
    const deployer = databricks.getCurrentUserOutput({}, { provider });

    // Platform: warehouse, Unity Catalog schema and volumes, Lakebase, uploaded notebooks and SQL.
    const warehouseDisplayName = names.display("Payment Analysis Warehouse");
    const warehouse = new Warehouse(
        "warehouse",
        {
            displayName: warehouseDisplayName,
            size: config.warehouse.size,
            warehouseType: config.warehouse.type,
            serverless: config.warehouse.serverless,
            autoStopMinutes: config.warehouse.autoStopMinutes,
            tags: config.tags,
        },
        withProvider,
    );

    const unityCatalog = new Catalog(
        "catalog",
        { catalogName: config.catalog, schemaName: config.schema, environment: config.environment, protect: config.protectData },
        withProvider,
    );

    const lakebasePlacement = config.lakebase.project;
    const lakebase = new Lakebase(
        "lakebase",
        {
            // A branch is a database server of its own, so stacks sharing a project never share a database.
            placement:
                lakebasePlacement.kind === "owned"
                    ? { kind: "owned", projectId: names.postgresId(lakebasePlacement.baseId), displayName: names.display("Payment Analysis") }
                    : { kind: "shared", projectId: lakebasePlacement.id, branchId: names.postgresId("payment-analysis") },
            minCu: config.lakebase.minCu,
            maxCu: config.lakebase.maxCu,
            databaseName: config.lakebase.databaseName,
            catalogName: names.unityCatalog(config.lakebase.catalogName),
            tags: config.tags,
            protect: config.protectData,
            budgetPolicyId,
        },
        withProvider,
    );

    const assets = new WorkspaceAssets(
        "assets",
        {
            folder: workspaceFolderFor(config.workspaceFolder, names),
            files: assetFiles,
            templateValues: sqlTemplateValues({ catalog: config.catalog, schema: config.schema }, config.alerts),
        },
        withProvider,
    );

    // Data and ML: pipelines and jobs; in dev a bootstrap chain fills the schema; training feeds serving.
    const workflowJobs = new Jobs(
        "jobs",
        {
            config,
            names,
            warehouse,
            catalog: unityCatalog,
            assets,
            notebookRequirements: notebookSpec,
            // The agents read the rules operators edit in the app, through the Lakebase database's catalog.
            approvalRulesTable: lakebase.catalogName.apply(rulesTableName),
            budgetPolicyId,
        },
        withProvider,
    );
    // Every stack creates the landing table and the App's lakehouse tables during `up`; they need no data, and
    // the pipelines start only once the landing table they read exists.
    const lakehouseTables = new LakehouseTables("lakehouse-tables", { jobs: workflowJobs, assets, connection: scriptConnection });
    const lakeflowPipelines = new Pipelines("pipelines", { config, names, catalog: unityCatalog, assets, after: [lakehouseTables.step], budgetPolicyId }, withProvider);
    // What the app reads from Postgres follows its Delta table: Lakebase syncs it continuously.
    const syncedTables = new LakebaseSyncedTables(
        "lakebase-synced",
        {
            lakebaseCatalog: lakebase.catalogName,
            branchName: lakebase.branchName,
            databaseName: lakebase.databaseName,
            catalog: unityCatalog.catalogName,
            schema: unityCatalog.schemaName,
            budgetPolicyId,
            sourcesReady: lakehouseTables.step,
        },
        withProvider,
    );
    const bootstrap = config.dataBootstrap.enabled
        ? new BootstrapChain("bootstrap", {
              jobs: workflowJobs,
              pipelines: lakeflowPipelines,
              assets,
              connection: scriptConnection,
              simulator: config.dataBootstrap,
              tablesReady: lakehouseTables.step,
          })
        : undefined;
    // Training and serving need rows in silver. The dev bootstrap puts them there during this `up`; a stack
    // without it (prod) asks the workspace first and, on an empty schema, defers both with a warning and a
    // `pendingWork` output: the `up` succeeds, and the first `up` after data has arrived declares them.
    const readiness = bootstrap
        ? FILLED_BY_BOOTSTRAP
        : await askDataReadiness({ connection: scriptConnection, warehouseName: warehouseDisplayName, table: `${config.catalog}.${config.schema}.${TRAINING_SOURCE_TABLE}` });
    const deferredWork = readiness.ready ? [] : [...DATA_DEPENDENT_WORK, GENIE_SPACE_WORK];
    if (!readiness.ready) pulumi.log.warn(`Deferred until there is data to train on (${readiness.reason}): ${deferredWork.join(", ")}. Run \`pulumi up\` again once it has arrived.`);
    const training = readiness.ready
        ? new TrainingRun("training", {
              jobs: workflowJobs,
              assets,
              connection: scriptConnection,
              expectedModels: pulumi
                  .all([unityCatalog.catalogName, unityCatalog.schemaName])
                  .apply(([catalogName, schemaName]) => SERVED_MODELS.map((m) => modelFullName(catalogName, schemaName, m.model))),
              after: bootstrap ? [bootstrap.lastStep] : [],
          })
        : undefined;
    const serving = training
        ? new ModelServingEndpoints(
              "serving",
              { names, catalog: unityCatalog.catalogName, schema: unityCatalog.schemaName, modelVersions: training.modelVersions, tags: config.tags, budgetPolicyId },
              withProvider,
          )
        : undefined;
    // The gold views: the dev bootstrap creates them during this `up`; a stack without it creates them once
    // silver has data (they read silver). What reads them waits on this step.
    const goldViewsReady = bootstrap
        ? bootstrap.steps["gold-views"]
        : readiness.ready
          ? new GoldViews("gold-views", { jobs: workflowJobs, assets, connection: scriptConnection }).step
          : undefined;
    // The Ask page's Genie space covers the gold views; until they exist the stack has none, which `pendingWork` lists.
    const genieSpace = goldViewsReady
        ? new GenieSpace("genie-space", {
              jobs: workflowJobs,
              assets,
              connection: scriptConnection,
              title: names.display("Payment Analytics"),
              goldViews: goldViewsReady,
          })
        : undefined;
    const vectorSearch = new VectorSearch(
        "vector-search",
        {
            names,
            catalog: unityCatalog.catalogName,
            schema: unityCatalog.schemaName,
            embeddingEndpoint: config.embeddingEndpoint,
            // Filled by the dev bootstrap; elsewhere the index starts on the (empty) table and follows it.
            sourceTableReady: bootstrap?.lastStep ?? lakehouseTables.step,
            budgetPolicyId,
        },
        withProvider,
    );

    // What the app cannot bind (pipelines, dashboards) it reads from secrets of the stack's own. The dashboards
    // wait for the schema's grants, which name the app's principal, so their ids arrive once they exist.
    const [dashboardsForApp, resolveDashboardsForApp] = pulumi.deferredOutput<Record<string, StackDashboard>>();
    const stackObjects = new AppStackObjects(
        "app-stack-objects",
        {
            scopeName: names.secretScope("payment-analysis-app"),
            pipelines: Object.fromEntries(Object.entries(lakeflowPipelines.outputs()).map(([key, pipeline]) => [key, pipeline.id])),
            dashboards: dashboardsForApp,
        },
        withProvider,
    );

    // The app, bound to what it uses; it starts these jobs from its UI.
    const APP_JOBS = ["transaction_simulator", "gold_views", "lakehouse_bootstrap", "train_models", "test_agent_framework", "orchestrator_agent"];
    const app = new PaymentAnalysisApp(
        "app",
        {
            appName: names.app("payment-analysis"),
            description: "Payment approval optimisation: KPIs, rules, decisioning, ML models and agent jobs.",
            computeSize: config.app.computeSize,
            bindings: {
                warehouseId: warehouse.id,
                lakebase: { branch: lakebase.branchName, database: lakebase.databaseResourceName },
                servingEndpoints: serving?.endpointNames ?? {},
                jobs: Object.fromEntries(APP_JOBS.map((key) => [key, workflowJobs.job(key).id])),
                reportsVolume: unityCatalog.volumes.reports.fullName,
                stackObjectsScope: stackObjects.scope,
                ...(genieSpace ? { genieSpace: { id: genieSpace.spaceId, title: genieSpace.title } } : {}),
            },
            codeAfter: stackObjects.secrets,
            // The app's pages need the serving endpoints: without data it exists, bound and permitted, but runs no code yet.
            ...(serving ? { source: config.app.source.kind === "git" ? config.app.source : { kind: "workspace" as const, upload: assets.appSource, connection: scriptConnection } } : {}),
            budgetPolicyId,
        },
        withProvider,
    );
    // The app's Postgres role, with the membership that lets it read the synced tables.
    new LakebaseAppRole("lakebase-app-role", { branchName: lakebase.branchName, principal: app.servicePrincipalClientId }, withProvider);

    // Unity Catalog grants, one owner per securable; declared before the dashboards, which wait for them.
    const lakebaseReaders = lakebaseCatalogGrants(config.access);
    const grants = new UnityCatalogGrants(
        "grants",
        {
            securables: [
                {
                    kind: "schema",
                    key: "schema",
                    fullName: unityCatalog.fullName,
                    grants: schemaGrants(config.access, app.servicePrincipalClientId),
                },
                // The app writes its config and rules tables, which the lakehouse tables step creates in every stack.
                ...APP_WRITTEN_TABLES.map((table) => ({
                    kind: "table" as const,
                    key: `table-${table.replace(/_/g, "-")}`,
                    fullName: pulumi.interpolate`${unityCatalog.fullName}.${table}`,
                    grants: app.servicePrincipalClientId.apply((principal) => [{ principal, privileges: APP_TABLE_PRIVILEGES }]),
                })),
                // The stack owns its Lakebase catalog, so one authoritative Grants says who reads the rules there.
                ...(lakebaseReaders.length > 0 ? [{ kind: "catalog" as const, key: "lakebase-catalog", fullName: lakebase.catalogName, grants: lakebaseReaders }] : []),
            ],
            catalog: { name: config.catalog, privileges: ["USE_CATALOG"], principals: catalogUsers(config.access, app.servicePrincipalClientId) },
            dependsOn: [lakehouseTables.step],
        },
        withProvider,
    );

    // Analytics: the thirteen dashboards, published with embedded credentials on our warehouse.
    const analytics = new Dashboards(
        "dashboards",
        {
            warehouseId: warehouse.id,
            parentPath: assets.dashboardsFolder,
            catalog: config.catalog,
            schema: config.schema,
            workspaceUrl: deployer.workspaceUrl,
            displayNameFor: (title) => names.display(title),
            // Published once the schema's grants are in place and, when this `up` creates the gold views, after them.
            // A stack without data yet publishes them before their views exist; they fill once the views do.
            after: [...(goldViewsReady ? [goldViewsReady] : []), grants],
        },
        withProvider,
    );
    resolveDashboardsForApp(analytics.dashboards.apply((all) => Object.fromEntries(Object.entries(all).map(([key, d]) => [key, { id: d.id, title: d.title }]))));

    // Alerts: approval-rate drop, decline spike and latency p95, on the same warehouse.
    const alerts = new SqlAlerts(
        "alerts",
        {
            config,
            displayName: (title) => names.display(title),
            queries: assetFiles.alertQueries,
            warehouseId: warehouse.id,
            parentPath: assets.folder,
        },
        withProvider,
    );

    // Data-quality monitors on the silver tables, writing their metric tables to the stack's schema. They need
    // the tables: the dev bootstrap's ETL update makes them during this `up`; elsewhere they exist once the
    // readiness check has found data in silver, and until then the monitors wait with training.
    const qualityMonitors =
        readiness.ready
            ? new QualityMonitors(
                  "quality-monitors",
                  {
                      tables: MONITORED_TABLES,
                      schemaFullName: unityCatalog.fullName,
                      warehouseId: warehouse.id,
                      assetsDir: pulumi.interpolate`${assets.folder}/quality-monitors`,
                      paused: config.schedulesPaused,
                      ...(bootstrap ? { tablesReady: bootstrap.steps["etl-update"] } : {}),
                  },
                  withProvider,
              )
            : undefined;

    // Access: group permissions on every workspace object, the dashboards included.
    new WorkspaceAccess(
        "access",
        {
            groups: config.access,
            objects: [
                { key: "workspace-folder", target: "directory", id: assets.folder },
                { key: "warehouse", target: "warehouse", id: warehouse.id },
                { key: "app", target: "app", id: app.name },
                ...Object.entries(workflowJobs.outputs()).map(([key, job]) => ({ key: `job-${key.replace(/_/g, "-")}`, target: "job" as const, id: job.id })),
                // The app's Setup & Run page starts pipeline updates: CAN_RUN is the least level that may.
                ...Object.entries(lakeflowPipelines.outputs()).map(([key, pipeline]) => ({
                    key: `pipeline-${key.replace(/_/g, "-")}`,
                    target: "pipeline" as const,
                    id: pipeline.id,
                    principals: [{ applicationId: app.servicePrincipalClientId, level: "CAN_RUN" }],
                })),
                ...Object.entries(serving?.endpointIds ?? {}).map(([key, id]) => ({ key: `endpoint-${key}`, target: "servingEndpoint" as const, id })),
                ...Object.entries(analytics.ids).map(([key, id]) => ({ key: `dashboard-${key.replace(/_/g, "-")}`, target: "dashboard" as const, id })),
            ],
        },
        withProvider,
    );

    return {
        stackName: config.stack,
        environment: config.environment,
        workspaceUrl: deployer.workspaceUrl,
        workspaceFolder: assets.folder,
        warehouseId: warehouse.id,
        warehouseName: warehouse.name,
        catalog: unityCatalog.catalogName,
        schema: unityCatalog.schemaName,
        volumes: Object.fromEntries(Object.entries(unityCatalog.volumes).map(([key, volume]) => [key, volume.path])),
        lakebaseProject: lakebase.projectName,
        lakebaseBranch: lakebase.branchName,
        lakebaseCatalog: lakebase.catalogName,
        lakebaseSyncedTables: syncedTables.tables,
        models: serving?.models ?? {},
        pendingWork: deferredWork.map((work) => `${work}: ${readiness.reason}`),
        jobs: workflowJobs.outputs(),
        pipelines: lakeflowPipelines.outputs(),
        vectorSearchEndpoint: vectorSearch.endpointName,
        vectorSearchIndex: vectorSearch.indexName,
        dashboards: analytics.dashboards,
        sqlAlerts: alerts.ids,
        dataQualityMonitors: qualityMonitors?.ids ?? {},
        genieSpaceId: genieSpace?.spaceId ?? null,
        appName: app.name,
        appUrl: app.url,
    };
};
