/** The environment the platform would give the app, pointed at the local fake workspace and Postgres. */
import { envName, JOB_KEYS, MODEL_KEYS } from "../../../app/server/config";
import { FAKE_TOKEN, FakeData } from "./fake-workspace";
import { LocalPostgres } from "./postgres";

export const FAKE_DATA: FakeData = {
    catalog: "ahs_demos_catalog",
    schema: "payment_analysis_dev",
    endpoints: Object.fromEntries(MODEL_KEYS.map((key) => [key, `${key.replace(/_/g, "-")}-dev`])),
    jobs: Object.fromEntries(JOB_KEYS.map((key, i) => [key, String(5001 + i)])),
    pipelines: { etl: "0a1b2c3d-0000-4000-8000-000000000e71", realtime: "0a1b2c3d-0000-4000-8000-0000000000a7" },
    genieSpaceId: "01f0c0ffee0000000000000000000abc",
};

/** Dashboards as the program writes them: key to id and title. */
export const FAKE_DASHBOARDS = {
    executive_overview: { id: "01f0aa00000000000000000000000001", title: "Executive Overview" },
    decline_analysis: { id: "01f0aa00000000000000000000000002", title: "Decline Analysis" },
};

export function appEnv(workspaceUrl: string, pg: LocalPostgres): Record<string, string> {
    return {
        DATABRICKS_HOST: workspaceUrl,
        DATABRICKS_TOKEN: FAKE_TOKEN,
        [envName.warehouse]: "wh-0123",
        // The platform resolves a volume binding to its path: the form that broke the Python app.
        [envName.reportsVolume]: `/Volumes/${FAKE_DATA.catalog}/${FAKE_DATA.schema}/reports`,
        ...Object.fromEntries(MODEL_KEYS.map((key) => [envName.serving(key), FAKE_DATA.endpoints[key]])),
        ...Object.fromEntries(JOB_KEYS.map((key) => [envName.job(key), FAKE_DATA.jobs[key]])),
        [envName.pipelines]: JSON.stringify(FAKE_DATA.pipelines),
        [envName.dashboards]: JSON.stringify(FAKE_DASHBOARDS),
        [envName.genieSpace]: FAKE_DATA.genieSpaceId,
        PGHOST: pg.host,
        PGPORT: String(pg.port),
        PGUSER: pg.user,
        PGPASSWORD: pg.password,
        PGDATABASE: pg.database,
        PGSSLMODE: "disable",
    };
}
