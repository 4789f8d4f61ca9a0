/**
 * The SQL alerts on the gold views and silver: which query each runs (`sql/alerts/<key>.sql`), which of its
 * columns it compares, how, and with which config threshold. Pure data and one builder, so tests check
 * every alert without mocks. Every alert compares a rate or a latency, never a count, so traffic volume alone
 * never fires one; `npm run test:spark` shows each quiet on normal traffic and firing on an injected bad hour.
 * The dashboards' `v_active_alerts` (sql/gold_views.sql) fires its approval-rate rule at the same config
 * threshold (the `{{approval_rate_alert_min_percent}}` placeholder); its high-risk share rule is fixed. Both are
 * held to the same two tests.
 */
import type * as databricks from "@pulumi/databricks";
import { type StackConfig, UUID } from "../config";

export interface AlertDefinition {
    /** Also the query file's name under sql/alerts/. */
    readonly key: string;
    readonly title: string;
    /** The query's output column the alert compares (a test checks the query returns it). */
    readonly column: string;
    readonly operator: "LESS_THAN" | "GREATER_THAN";
    readonly threshold: (alerts: StackConfig["alerts"]) => number;
    readonly summary: string;
}

export const ALERT_DEFINITIONS: readonly AlertDefinition[] = [
    {
        key: "approval_rate_drop",
        title: "Approval rate drop",
        column: "approval_rate_pct",
        operator: "LESS_THAN",
        threshold: (alerts) => alerts.approvalRateMinPercent,
        summary: "Approval rate of the last hour is {{QUERY_RESULT_VALUE}} %, below {{THRESHOLD_VALUE}} %.",
    },
    {
        key: "decline_spike",
        title: "Decline spike",
        column: "declines_vs_baseline_pct",
        operator: "GREATER_THAN",
        threshold: (alerts) => alerts.declineSpikePercent,
        summary: "The decline rate of the last hour is {{QUERY_RESULT_VALUE}} % of the usual rate (limit {{THRESHOLD_VALUE}} %).",
    },
    {
        key: "latency_p95",
        title: "Authorisation latency p95",
        column: "latency_p95_ms",
        operator: "GREATER_THAN",
        threshold: (alerts) => alerts.latencyP95MaxMs,
        summary: "p95 processing time of the last hour is {{QUERY_RESULT_VALUE}} ms, above {{THRESHOLD_VALUE}} ms.",
    },
];

/** Every 15 minutes, in UTC (Quartz syntax, as the Alerts API takes it). */
export const ALERT_SCHEDULE = "0 0/15 * * * ?";

export interface AlertSpecContext {
    readonly displayName: (title: string) => string;
    readonly queryText: string;
    readonly warehouseId: databricks.AlertV2Args["warehouseId"];
    readonly parentPath: databricks.AlertV2Args["parentPath"];
    readonly alerts: StackConfig["alerts"];
    /** Paused where schedules are paused (dev): an alert there is for looking at, not for paging. */
    readonly paused: boolean;
    readonly runAsServicePrincipal?: string;
}

export function alertSpec(definition: AlertDefinition, ctx: AlertSpecContext): databricks.AlertV2Args {
    const subscriptions = ctx.alerts.subscribers.map((who) => (UUID.test(who) ? { destinationId: who } : { userEmail: who }));
    return {
        displayName: ctx.displayName(definition.title),
        queryText: ctx.queryText,
        warehouseId: ctx.warehouseId,
        parentPath: ctx.parentPath,
        customSummary: definition.summary,
        evaluation: {
            source: { name: definition.column },
            comparisonOperator: definition.operator,
            threshold: { value: { doubleValue: definition.threshold(ctx.alerts) } },
            // The queries return no row when there is too little traffic to judge: that is not an incident.
            emptyResultState: "OK",
            ...(subscriptions.length > 0 ? { notification: { subscriptions, notifyOnOk: true } } : {}),
        },
        schedule: { quartzCronSchedule: ALERT_SCHEDULE, timezoneId: "UTC", pauseStatus: ctx.paused ? "PAUSED" : "UNPAUSED" },
        ...(ctx.runAsServicePrincipal ? { runAs: { servicePrincipalName: ctx.runAsServicePrincipal } } : {}),
    };
}
