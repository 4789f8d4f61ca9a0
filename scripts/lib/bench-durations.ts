/**
 * How long each kind of step takes on a real workspace, in minutes: typical figures, each citing its
 * source in docs/deploy-flow.md ("Sources of the durations"; "row N" is source N). The benchmark uses them to weigh the registered
 * dependency graph; they are estimates, not measurements of this deployment.
 */
export interface DurationEstimate {
    readonly minutes: number;
    /** The source (docs/deploy-flow.md) and what the figure is. */
    readonly basis: string;
}

const SECONDS = 5 / 60;

export const DURATION_BY_TYPE: Readonly<Record<string, DurationEstimate>> = {
    "databricks:index/sqlEndpoint:SqlEndpoint": { minutes: 1, basis: "row 1: serverless create until RUNNING, ~10 s - 1 min (est.)" },
    "databricks:index/schema:Schema": { minutes: SECONDS, basis: "row 2: one API call, 1-5 s (est.)" },
    "databricks:index/volume:Volume": { minutes: SECONDS, basis: "row 3: one API call, 1-5 s (est.)" },
    "databricks:index/grants:Grants": { minutes: SECONDS, basis: "row 4: PATCH then read-back poll, seconds (est.)" },
    "databricks:index/grant:Grant": { minutes: SECONDS, basis: "row 4: one principal's grant, same PATCH as Grants, seconds (est.)" },
    // Lakebase Autoscaling: no published figure yet; the provisioned instance took ~5 min (row 5), a project is
    // modelled the same, its branch, endpoint limits, roles, database and catalog as single calls.
    "databricks:index/postgresProject:PostgresProject": { minutes: 5, basis: "row 5 (est.): as the provisioned instance, ~5 min" },
    "databricks:index/postgresBranch:PostgresBranch": { minutes: 1, basis: "row 5 (est.): a branch of an existing project, ~1 min" },
    "databricks:index/postgresEndpoint:PostgresEndpoint": { minutes: SECONDS, basis: "row 6 (est.): limits of the branch's endpoint, one call" },
    "databricks:index/postgresRole:PostgresRole": { minutes: SECONDS, basis: "row 6 (est.): one call" },
    "databricks:index/postgresDatabase:PostgresDatabase": { minutes: SECONDS, basis: "row 6 (est.): one call" },
    "databricks:index/postgresCatalog:PostgresCatalog": { minutes: SECONDS, basis: "row 6: one call, seconds (est.)" },
    "databricks:index/postgresSyncedTable:PostgresSyncedTable": { minutes: 5, basis: "row 10 (est.): its sync pipeline's first update, minutes" },
    "databricks:index/directory:Directory": { minutes: SECONDS, basis: "row 7: workspace objects, seconds each (est.)" },
    "databricks:index/notebook:Notebook": { minutes: SECONDS, basis: "row 7: workspace import, seconds (est.)" },
    "databricks:index/workspaceFile:WorkspaceFile": { minutes: SECONDS, basis: "row 7: workspace import, seconds (est.)" },
    "databricks:index/job:Job": { minutes: SECONDS, basis: "row 8: job definition, one call (est.)" },
    "databricks:index/pipeline:Pipeline": { minutes: SECONDS, basis: "row 9: triggered pipeline definition, seconds (est.)" },
    "databricks:index/modelServing:ModelServing": { minutes: 10, basis: "row 14: custom CPU endpoint until NOT_UPDATING, 5-15 min" },
    "databricks:index/dashboard:Dashboard": { minutes: SECONDS, basis: "row 16: create + publish, seconds (est.)" },
    "databricks:index/vectorSearchEndpoint:VectorSearchEndpoint": { minutes: 15, basis: "row 17: until ONLINE, 2-30 min (est., midpoint)" },
    "databricks:index/vectorSearchIndex:VectorSearchIndex": { minutes: 20, basis: "row 18: delta-sync create and first sync, 10-30 min" },
    "databricks:index/app:App": { minutes: SECONDS, basis: "row 19: app with no_compute, seconds (est.)" },
    "databricks:index/permissions:Permissions": { minutes: SECONDS, basis: "rows 4/8: permission PUT, seconds (est.)" },
    "pulumi:providers:databricks": { minutes: 0, basis: "provider configuration, no API call" },
};

/** Run steps are commands; what they wait for depends on the step, told by the resource name's ending. */
export const DURATION_BY_COMMAND: ReadonlyArray<{ readonly nameEndsWith: string } & DurationEstimate> = [
    { nameEndsWith: "-simulate", minutes: 4, basis: "critical path step 1: serverless job run, <1 min start + a few minutes of events" },
    { nameEndsWith: "-etl-update", minutes: 4, basis: "row 10: serverless triggered pipeline update, 2-6 min (est.)" },
    { nameEndsWith: "-gold-views", minutes: 1, basis: "critical path step 3: SQL task on the serverless warehouse, < 1 min" },
    { nameEndsWith: "gold-views-create", minutes: 1, basis: "critical path step 3: the gold views run of a stack without the bootstrap, same SQL task, < 1 min" },
    { nameEndsWith: "-sync", minutes: 1, basis: "critical path step 1 (est.): the Genie sync, a serverless notebook run that starts in < 1 min and makes a few API calls" },
    { nameEndsWith: "-lakehouse", minutes: 1, basis: "row 11 + step 3: the fill SQL task on the warehouse (est.)" },
    { nameEndsWith: "-tables-create", minutes: 1, basis: "row 11 + step 3: four DDL SQL file tasks on the warehouse (est.)" },
    { nameEndsWith: "-privileges", minutes: 0.2, basis: "preflight: a handful of Unity Catalog API reads (est.)" },
    { nameEndsWith: "-train", minutes: 12, basis: "row 13: training run of the four models, ~10-15 min" },
    { nameEndsWith: "-deploy", minutes: 2, basis: "row 20: app code deployment and compute start, 1-3 min (est.)" },
];

/** Types that group resources and take no time themselves. */
export function isInstant(type: string, custom: boolean): boolean {
    return !custom || type.startsWith("pulumi:");
}

export const UNLISTED_CUSTOM_MINUTES = SECONDS;
