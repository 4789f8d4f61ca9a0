/** The synced-tables component alone, under mocks: a stack runs one sync pipeline however many tables it syncs. */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";

interface Registered {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
}

class TablesStep extends pulumi.CustomResource {
    constructor(name: string) {
        super("test:index:Step", name, {});
    }
}

const SYNCED = "databricks:index/postgresSyncedTable:PostgresSyncedTable";

async function construct(tables: ReadonlyArray<{ table: string; primaryKey: readonly string[] }>): Promise<Registered[]> {
    const registered: Registered[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registered.push({ type: args.type, name: args.name, inputs: args.inputs });
                const status = args.type === SYNCED ? { status: { pipelineId: `${args.name}-pipeline` } } : {};
                return { id: `${args.name}-id`, state: { ...args.inputs, ...status } };
            },
            call: () => ({}),
        },
        "payment-analysis",
        "dev",
        false,
    );
    const { LakebaseSyncedTables } = await import("../../components/platform/lakebase-synced-tables");
    const sourcesReady = new TablesStep("tables-step");
    new LakebaseSyncedTables("synced", {
        lakebaseCatalog: "lb_dev",
        branchName: "projects/p/branches/b",
        databaseName: "payment_analysis",
        catalog: "main",
        schema: "payments_dev",
        sourcesReady,
        tables,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    return registered.filter((r) => r.type === SYNCED);
}

describe("LakebaseSyncedTables component", () => {
    it("creates the sync pipeline with the first table and has every other table join it", async () => {
        const synced = await construct([
            { table: "online_features", primaryKey: ["id"] },
            { table: "app_config", primaryKey: ["id"] },
        ]);
        assert.deepEqual(synced.map((r) => r.name), ["synced-online-features", "synced-app-config"]);
        const [first, second] = synced.map((r) => r.inputs["spec"] as Record<string, unknown>);
        assert.deepEqual(first["newPipelineSpec"], { storageCatalog: "main", storageSchema: "payments_dev" });
        assert.equal(first["existingPipelineId"], undefined);
        assert.equal(second["existingPipelineId"], "synced-online-features-pipeline");
        assert.equal(second["newPipelineSpec"], undefined);
    });

    it("refuses a table whose primary key the data contract does not have", async () => {
        await assert.rejects(
            construct([{ table: "online_features", primaryKey: ["feature_key"] }]),
            /online_features in the data contract has no column feature_key/,
        );
    });
});
