import * as assert from "assert";
import { isValidName } from "../../components/naming";
import { checkAutoscalingLimits, LAKEBASE_OWNER_ROLE, LAKEBASE_PRIMARY_ENDPOINT } from "../../components/platform/lakebase";
import { checkSyncedTableKeys, LAKEBASE_SYNCED_SCHEMA, SYNCED_TABLES } from "../../components/platform/lakebase-synced-tables";
import { columnNames } from "../../contract";

describe("Lakebase building blocks", () => {
    it("uses fixed ids that the Postgres API's id rules accept", () => {
        assert.ok(isValidName("postgresRole", LAKEBASE_OWNER_ROLE), LAKEBASE_OWNER_ROLE);
        assert.ok(isValidName("postgresId", LAKEBASE_PRIMARY_ENDPOINT), LAKEBASE_PRIMARY_ENDPOINT);
        assert.match(LAKEBASE_SYNCED_SCHEMA, /^[a-z_][a-z0-9_]*$/, "the synced schema is a Unity Catalog schema of the Lakebase catalog");
        assert.notStrictEqual(LAKEBASE_SYNCED_SCHEMA, "public", "the app's own tables live in public; synced tables must not collide with them");
    });

    it("refuses autoscaling limits the endpoint cannot take", () => {
        assert.doesNotThrow(() => checkAutoscalingLimits(0.5, 2));
        assert.throws(() => checkAutoscalingLimits(4, 2), /0 < min <= max \(given min 4, max 2\)/);
        assert.throws(() => checkAutoscalingLimits(0, 2), /given min 0/);
    });

    it("syncs tables of the data contract by columns the contract has", () => {
        assert.doesNotThrow(() => checkSyncedTableKeys());
        for (const { table, primaryKey } of SYNCED_TABLES) for (const column of primaryKey) assert.ok(columnNames(table).includes(column), `${table}.${column}`);
        assert.throws(() => checkSyncedTableKeys(() => ["feature_name"]), /online_features in the data contract has no column id; it has feature_name/);
    });
});
