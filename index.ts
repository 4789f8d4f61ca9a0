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
import { Warehouse } from "./components/platform/warehouse";
import { Catalog } from "./components/platform/catalog";
import { UnityCatalogGrants } from "./components/platform/grants";
import { Lakebase } from "./components/platform/lakebase";
import { WorkspaceAssets } from "./components/platform/workspace-assets";
import { workspaceFolderFor, schemaGrantsFor } from "./components/platform/placement";
import { Jobs } from "./components/data/jobs";
import { Pipelines } from "./components/data/pipelines";
import { BootstrapChain } from "./components/data/bootstrap";
import { TrainingRun } from "./components/data/training-run";
import { ModelServingEndpoints } from "./components/serving/model-serving";
import { VectorSearch } from "./components/serving/vector-search";
import { modelFullName, SERVED_MODELS } from "./components/serving/models";
import { notebookSpec } from "./notebooks/requirements";

function configOrFail(): LoadedConfig {
    try {
        return loadConfig();
    } catch (error) {
        // A RunError prints just the message: the list of bad keys, not a stack trace.
        if (error instanceof ConfigError) throw new pulumi.RunError(error.message);
        throw error;
    }
}

const { stack: config, databricks: connection } = configOrFail();
const names = new StackNames(config.stack, config.namePrefix);
const assetFiles = readAssetFiles(__dirname);

const provider = new databricks.Provider("databricks", {
    host: connection.host,
    profile: connection.profile,
    token: connection.token,
});
const withProvider: pulumi.ComponentResourceOptions = { providers: { databricks: provider } };
const deployer = databricks.getCurrentUserOutput({}, { provider });

// Platform: warehouse, Unity Catalog schema and volumes, Lakebase, uploaded notebooks and SQL.
const warehouse = new Warehouse(
    "warehouse",
    {
        displayName: names.display("Payment Analysis Warehouse"),
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

const lakebase = new Lakebase(
    "lakebase",
    {
        instanceName: names.databaseInstance(config.lakebase.instanceName),
        capacity: config.lakebase.capacity,
        databaseName: config.lakebase.databaseName,
        catalogName: names.unityCatalog(config.lakebase.catalogName),
        tags: config.tags,
        protect: config.protectData,
    },
    withProvider,
);

const assets = new WorkspaceAssets(
    "assets",
    {
        folder: workspaceFolderFor(config.workspaceFolder, deployer.home, names),
        files: assetFiles,
        templateValues: { catalog: config.catalog, schema: config.schema },
    },
    withProvider,
);

new UnityCatalogGrants(
    "grants",
    {
        securables: [
            {
                kind: "schema",
                key: "schema",
                fullName: unityCatalog.fullName,
                grants: schemaGrantsFor(config.access, deployer.userName),
            },
        ],
    },
    withProvider,
);

// Data and ML: pipelines and jobs; in dev a bootstrap chain fills the schema; training feeds serving.
const lakeflowPipelines = new Pipelines("pipelines", { config, names, catalog: unityCatalog, assets }, withProvider);
const workflowJobs = new Jobs(
    "jobs",
    { config, names, warehouse, catalog: unityCatalog, assets, notebookRequirements: notebookSpec },
    withProvider,
);
const bootstrap = config.dataBootstrap.enabled
    ? new BootstrapChain("bootstrap", { jobs: workflowJobs, pipelines: lakeflowPipelines, assets, connection, simulator: config.dataBootstrap })
    : undefined;
const training = new TrainingRun("training", {
    jobs: workflowJobs,
    assets,
    connection,
    expectedModels: pulumi
        .all([unityCatalog.catalogName, unityCatalog.schemaName])
        .apply(([catalogName, schemaName]) => SERVED_MODELS.map((m) => modelFullName(catalogName, schemaName, m.model))),
    after: bootstrap ? [bootstrap.lastStep] : [],
});
const serving = new ModelServingEndpoints(
    "serving",
    { names, catalog: unityCatalog.catalogName, schema: unityCatalog.schemaName, modelVersions: training.modelVersions, tags: config.tags },
    withProvider,
);
const vectorSearch = new VectorSearch(
    "vector-search",
    {
        names,
        catalog: unityCatalog.catalogName,
        schema: unityCatalog.schemaName,
        embeddingEndpoint: config.embeddingEndpoint,
        sourceTableReady: bootstrap?.lastStep,
    },
    withProvider,
);

export const stackName = config.stack;
export const environment = config.environment;
export const workspaceUrl = deployer.workspaceUrl;
export const workspaceFolder = assets.folder;
export const warehouseId = warehouse.id;
export const warehouseName = warehouse.name;
export const catalog = unityCatalog.catalogName;
export const schema = unityCatalog.schemaName;
export const volumes = Object.fromEntries(Object.entries(unityCatalog.volumes).map(([key, volume]) => [key, volume.path]));
export const lakebaseInstance = lakebase.instanceName;
export const lakebaseCatalog = lakebase.catalogName;
export const models = serving.models;
export const jobs = workflowJobs.outputs();
export const pipelines = lakeflowPipelines.outputs();
export const vectorSearchEndpoint = vectorSearch.endpointName;
export const vectorSearchIndex = vectorSearch.indexName;
