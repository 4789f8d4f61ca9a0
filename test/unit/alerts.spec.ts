import * as assert from "assert";
import { ALERT_DEFINITIONS, alertSpec, AlertSpecContext } from "../../components/analytics/alert-catalog";
import { readAssetFiles } from "../../components/assets";
import { checkAlertQueries } from "../../checks/alerts";
import { REPO_ROOT } from "../support/program";

const queries = readAssetFiles(REPO_ROOT).alertQueries;
const ALERTS = { approvalRateMinPercent: 85, declineSpikePercent: 300, latencyP95MaxMs: 1500, subscribers: ["oncall@example.com", "0f8fad5b-d9cb-469f-a165-70867728950e"] };

function context(overrides: Partial<AlertSpecContext> = {}): AlertSpecContext {
    return { displayName: (t) => `[t] ${t}`, queryText: "SELECT 1 AS x", warehouseId: "wh", parentPath: "/Shared/x", alerts: ALERTS, paused: false, ...overrides };
}

describe("SQL alerts", () => {
    it("has exactly one query file per alert, each resolving against the contract and returning the column the alert compares", () => {
        assert.deepStrictEqual(queries.map((q) => q.name).sort(), ALERT_DEFINITIONS.map((d) => d.key).sort());
        assert.deepStrictEqual(checkAlertQueries(ALERT_DEFINITIONS, queries), []);
    });

    it("catches a query that does not return the compared column, reads an unknown column, or has no alert", () => {
        const [first] = ALERT_DEFINITIONS;
        const renamed = [{ ...queries.find((q) => q.name === first.key)!, content: "SELECT approval_rate_pct AS rate FROM {{catalog}}.{{schema}}.v_last_hour_performance" }];
        assert.match(checkAlertQueries([first], renamed).join("\n"), /compares approval_rate_pct, but the query returns rate/);
        const unknown = [{ ...renamed[0], content: "SELECT approval_rate_percent AS approval_rate_pct FROM {{catalog}}.{{schema}}.v_last_hour_performance" }];
        assert.match(checkAlertQueries([first], unknown).join("\n"), /approval_rate_percent/);
        const orphan = [...queries, { name: "stray", source: "sql/alerts/stray.sql", content: "SELECT 1 AS x" }];
        assert.match(checkAlertQueries(ALERT_DEFINITIONS, orphan).join("\n"), /sql\/alerts\/stray\.sql: no alert runs this query/);
    });

    it("takes each threshold from its own config key and compares in the direction of trouble", () => {
        const thresholds = Object.fromEntries(ALERT_DEFINITIONS.map((d) => [d.key, [d.operator, (alertSpec(d, context()).evaluation as { threshold: { value: { doubleValue: number } } }).threshold.value.doubleValue]]));
        assert.deepStrictEqual(thresholds, { approval_rate_drop: ["LESS_THAN", 85], decline_spike: ["GREATER_THAN", 300], latency_p95: ["GREATER_THAN", 1500] });
    });

    it("notifies users by email and destinations by id, and treats an empty result (too little traffic) as OK", () => {
        const evaluation = alertSpec(ALERT_DEFINITIONS[0], context()).evaluation as { emptyResultState: string; notification: { subscriptions: unknown[] } };
        assert.strictEqual(evaluation.emptyResultState, "OK");
        assert.deepStrictEqual(evaluation.notification.subscriptions, [{ userEmail: "oncall@example.com" }, { destinationId: "0f8fad5b-d9cb-469f-a165-70867728950e" }]);
        const silent = alertSpec(ALERT_DEFINITIONS[0], context({ alerts: { ...ALERTS, subscribers: [] } })).evaluation as { notification?: unknown };
        assert.strictEqual(silent.notification, undefined);
    });

    it("pauses where schedules are paused and runs as the given service principal", () => {
        assert.strictEqual((alertSpec(ALERT_DEFINITIONS[0], context({ paused: true })).schedule as { pauseStatus: string }).pauseStatus, "PAUSED");
        const live = alertSpec(ALERT_DEFINITIONS[0], context({ runAsServicePrincipal: "6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b" }));
        assert.strictEqual((live.schedule as { pauseStatus: string }).pauseStatus, "UNPAUSED");
        assert.deepStrictEqual(live.runAs, { servicePrincipalName: "6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b" });
    });
});
