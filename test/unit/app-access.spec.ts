import * as assert from "assert";
import { accessControlsFor, ACCESS_LEVELS, PermissionTarget } from "../../components/app/permission-levels";
import { appBindings, BINDING_KEYS } from "../../components/app/bindings";

const MODEL_KEYS = ["approval_propensity", "risk_scoring", "smart_routing", "smart_retry"];

describe("app bindings and access levels", () => {
    const bindings = appBindings({
        warehouseId: "wh",
        lakebase: { branch: "projects/p/branches/b", database: "projects/p/branches/b/databases/d" },
        servingEndpoints: Object.fromEntries(MODEL_KEYS.map((k) => [k, `${k}-dev`])),
        jobs: { train_models: "1", transaction_simulator: "2" },
        reportsVolume: "c.s.reports",
        stackObjectsScope: "payment-analysis-app-dev",
    });

    it("binds every resource the app uses with the least permission that works", () => {
        const byName = Object.fromEntries(bindings.map((b) => [b.name, b]));
        assert.deepStrictEqual((byName["sql-warehouse"] as { sqlWarehouse: unknown }).sqlWarehouse, { id: "wh", permission: "CAN_USE" });
        assert.deepStrictEqual((byName["lakebase"] as { postgres: unknown }).postgres, {
            branch: "projects/p/branches/b",
            database: "projects/p/branches/b/databases/d",
            permission: "CAN_CONNECT_AND_CREATE",
        });
        assert.strictEqual((byName["lakebase"] as { database?: unknown }).database, undefined, "Lakebase Autoscaling binds through postgres, not the instance-era database binding");
        for (const model of MODEL_KEYS) {
            assert.deepStrictEqual((byName[BINDING_KEYS.servingEndpoint(model)] as { servingEndpoint: unknown }).servingEndpoint, { name: `${model}-dev`, permission: "CAN_QUERY" });
        }
        assert.deepStrictEqual((byName["job-train-models"] as { job: unknown }).job, { id: "1", permission: "CAN_MANAGE_RUN" });
        assert.deepStrictEqual((byName["stack-pipelines"] as { secret: unknown }).secret, { scope: "payment-analysis-app-dev", key: "pipelines", permission: "READ" });
        assert.deepStrictEqual((byName["stack-dashboards"] as { secret: unknown }).secret, { scope: "payment-analysis-app-dev", key: "dashboards", permission: "READ" });
        assert.strictEqual(new Set(bindings.map((b) => b.name)).size, bindings.length, "binding keys must be unique");
    });

    it("maps view and manage onto each object's real permission levels", () => {
        const expected: Record<PermissionTarget, [string, string]> = {
            job: ["CAN_VIEW", "CAN_MANAGE"],
            pipeline: ["CAN_VIEW", "CAN_MANAGE"],
            dashboard: ["CAN_READ", "CAN_MANAGE"],
            warehouse: ["CAN_USE", "CAN_MANAGE"],
            servingEndpoint: ["CAN_VIEW", "CAN_MANAGE"],
            app: ["CAN_USE", "CAN_MANAGE"],
            directory: ["CAN_READ", "CAN_MANAGE"],
        };
        for (const [target, [view, manage]] of Object.entries(expected) as Array<[PermissionTarget, [string, string]]>) {
            assert.deepStrictEqual(accessControlsFor(target, { viewerGroups: ["analysts"], managerGroups: ["engineers"] }), [
                { groupName: "analysts", permissionLevel: view },
                { groupName: "engineers", permissionLevel: manage },
            ]);
            assert.ok(ACCESS_LEVELS[target].idInput.length > 0);
        }
    });

    it("lets manage win when a group is both viewer and manager", () => {
        assert.deepStrictEqual(accessControlsFor("job", { viewerGroups: ["ops", "analysts"], managerGroups: ["ops"] }), [
            { groupName: "analysts", permissionLevel: "CAN_VIEW" },
            { groupName: "ops", permissionLevel: "CAN_MANAGE" },
        ]);
    });
});
