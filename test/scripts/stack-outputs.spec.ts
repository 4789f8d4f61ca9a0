import * as assert from "node:assert/strict";
import { parseStackOutputs } from "../../scripts/lib/stack-outputs";
import { formatCheckTable } from "../../scripts/lib/verify";

const valid = {
    workspaceUrl: "https://adb-1234567890.12.azuredatabricks.net",
    warehouseId: "abc123",
    catalog: "main",
    schema: "payments_dev",
    models: { risk_scoring: { fullName: "main.payments_dev.risk_scoring", servedVersion: "2", endpointName: "risk-scoring-dev" } },
    dashboards: { executive_overview: { id: "01ef", url: "https://x/dashboardsv3/01ef/published" } },
    appName: "payment-analysis-dev",
};

describe("stack outputs schema", () => {
    it("accepts the outputs the program exports", () => {
        assert.deepEqual(parseStackOutputs(valid, "test"), valid);
    });

    it("names each missing output and the source", () => {
        const { warehouseId: _w, appName: _a, ...partial } = valid;
        assert.throws(() => parseStackOutputs(partial, "pulumi stack output --json --stack dev"), (error: Error) => {
            assert.match(error.message, /\(pulumi stack output --json --stack dev\)/);
            assert.match(error.message, /missing output `warehouseId`/);
            assert.match(error.message, /missing output `appName`/);
            return true;
        });
    });

    it("names a bad nested value with its path", () => {
        const bad = { ...valid, models: { risk_scoring: { ...valid.models.risk_scoring, servedVersion: "latest" } } };
        assert.throws(() => parseStackOutputs(bad, "f.json"), /output `models\.risk_scoring\.servedVersion`: must be a model version number/);
        assert.throws(() => parseStackOutputs({ ...valid, models: {} }, "f.json"), /output `models`: must name at least one model/);
        assert.throws(() => parseStackOutputs({ ...valid, workspaceUrl: "adb-1.azuredatabricks.net" }, "f.json"), /output `workspaceUrl`: must be the workspace URL/);
        assert.throws(() => parseStackOutputs({ ...valid, schema: "a.b" }, "f.json"), /output `schema`: must be a Unity Catalog name/);
    });

    it("refuses secret placeholders instead of treating them as values", () => {
        assert.throws(() => parseStackOutputs({ ...valid, warehouseId: "[secret]" }, "f.json"), /output `warehouseId` is a secret/);
    });
});

describe("check table", () => {
    it("aligns columns, flattens multi-line reasons and counts failures", () => {
        const table = formatCheckTable([
            { name: "short", ok: true, reason: "fine" },
            { name: "a much longer check", ok: false, reason: "line one\n  line two" },
        ]);
        assert.equal(
            table,
            ["RESULT  CHECK                REASON", "PASS    short                fine", "FAIL    a much longer check  line one line two", "", "1 of 2 checks failed", ""].join("\n"),
        );
    });
});
