import * as assert from "assert";
import { RULES_POSTGRES_SCHEMA, RULES_TABLE } from "../../contract/rules";
import { Evaluation, evaluateProgram, ofType, readStackConfig, RegisteredResource } from "../support/program";

const T = {
    job: "databricks:index/job:Job",
    grants: "databricks:index/grants:Grants",
    lakebaseCatalog: "databricks:index/postgresCatalog:PostgresCatalog",
    syncedTable: "databricks:index/postgresSyncedTable:PostgresSyncedTable",
    workspaceFile: "databricks:index/workspaceFile:WorkspaceFile",
};

interface Task {
    notebookTask?: { notebookPath?: string; baseParameters?: Record<string, string> };
}

function agentJobs(e: Evaluation): RegisteredResource[] {
    return ofType(e.resources, T.job).filter((job) => ((job.inputs["tasks"] as Task[] | undefined) ?? []).some((task) => task.notebookTask?.notebookPath?.endsWith("/agent_framework")));
}

function lakebaseCatalogId(e: Evaluation): string {
    const [catalog] = ofType(e.resources, T.lakebaseCatalog);
    assert.ok(catalog, "the stack has no Lakebase catalog");
    return String(catalog.inputs["catalogId"]);
}

describe("approval rules: one table, written by the app and read by the agents", function () {
    this.timeout(120_000);
    const evaluations: Record<string, Evaluation> = {};

    before(async () => {
        for (const stack of ["dev", "prod"]) evaluations[stack] = await evaluateProgram({ stack });
    });

    it("every agent job reads the rules from the stack's own Lakebase catalog, in the schema and table the app writes", () => {
        for (const [stack, e] of Object.entries(evaluations)) {
            const jobs = agentJobs(e);
            assert.ok(jobs.length >= 7, `${stack}: ${jobs.length} agent jobs`);
            const expected = `${lakebaseCatalogId(e)}.${RULES_POSTGRES_SCHEMA}.${RULES_TABLE}`;
            for (const job of jobs) {
                for (const task of job.inputs["tasks"] as Task[]) {
                    assert.strictEqual(task.notebookTask?.baseParameters?.["rules_table"], expected, `${stack} ${job.name}`);
                }
            }
        }
    });

    it("keeps no Delta copy of the rules: no SQL file creates one and Lakebase syncs none back", () => {
        for (const [stack, e] of Object.entries(evaluations)) {
            const uploads = ofType(e.resources, T.workspaceFile).map((file) => String(file.inputs["path"]));
            assert.deepStrictEqual(uploads.filter((p) => p.includes(RULES_TABLE)), [], stack);
            const synced = ofType(e.resources, T.syncedTable).map((table) => String(table.inputs["syncedTableId"]));
            assert.deepStrictEqual(synced.filter((id) => id.endsWith(`.${RULES_TABLE}`)), [], stack);
        }
    });

    it("lets the run-as principal and the stack's groups read the Lakebase catalog, and nobody change it through Unity Catalog", () => {
        for (const [stack, e] of Object.entries(evaluations)) {
            const config = readStackConfig(stack);
            const list = (key: string): string[] => (config[key] ? (JSON.parse(config[key]) as string[]) : []);
            const readers = [config["payment-analysis:runAsServicePrincipal"], ...list("payment-analysis:viewerGroups"), ...list("payment-analysis:managerGroups")].filter(
                (principal): principal is string => Boolean(principal),
            );
            const grants = ofType(e.resources, T.grants).filter((g) => g.inputs["catalog"] === lakebaseCatalogId(e));
            if (readers.length === 0) {
                assert.deepStrictEqual(grants, [], `${stack}: a Grants resource with nobody to grant`);
                continue;
            }
            assert.strictEqual(grants.length, 1, `${stack}: one authoritative Grants on the Lakebase catalog`);
            const given = grants[0].inputs["grants"] as Array<{ principal: string; privileges: string[] }>;
            assert.deepStrictEqual(given.map((g) => g.principal).sort(), [...new Set(readers)].sort(), stack);
            for (const grant of given) assert.deepStrictEqual([...grant.privileges].sort(), ["SELECT", "USE_CATALOG", "USE_SCHEMA"], `${stack} ${grant.principal}`);
        }
    });
});
