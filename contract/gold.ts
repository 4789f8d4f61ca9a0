import { columnsFromDdl } from "./ddl";
import type { DatasetContract } from "./types";

const GOLD_VIEWS = { kind: "sql", path: "sql/gold_views.sql" } as const;

function goldView(name: string, ddl: string, comment: string, producer: DatasetContract["producer"] = GOLD_VIEWS): DatasetContract {
    return { name, layer: "gold", kind: "view", producer, comment, columns: columnsFromDdl(ddl, name) };
}

/**
 * The one gold layer: 16 SQL views over silver (and bronze for ingestion counts). Dashboards, Genie,
 * agents and the App all read these. Presentation choices (latency buckets, sort orders) stay in the
 * dashboards. approved_count/declined_count are real counts so no consumer derives them from rounded rates.
 */
export const goldDatasets: readonly DatasetContract[] = [
    goldView(
        "v_executive_kpis",
        `total_transactions bigint, unique_merchants bigint, unique_countries bigint, approved_count bigint,
         declined_count bigint, approval_rate_pct double, avg_fraud_score double, avg_aml_risk_score double,
         total_transaction_value double, approved_value double, declined_value double,
         avg_transaction_amount double, auth_3ds_usage_pct double, period_start timestamp, period_end timestamp`,
        "One row of headline KPIs over all silver rows; unique_countries counts issuer countries.",
    ),
    goldView(
        "v_approval_trends_hourly",
        `hour timestamp, transaction_count bigint, approved_count bigint, declined_count bigint,
         approval_rate_pct double, avg_fraud_score double, total_value double, active_segments bigint`,
        "Hourly volume and approval over the last 7 days.",
    ),
    goldView(
        "v_performance_by_geography",
        `country string, transaction_count bigint, approval_rate_pct double, avg_fraud_score double,
         total_transaction_value double, unique_merchants bigint`,
        "Per issuer country with at least 10 transactions.",
    ),
    goldView(
        "v_top_decline_reasons",
        `decline_reason string, decline_count bigint, pct_of_declines double, avg_fraud_score double,
         avg_amount double, total_declined_value double, affected_merchants bigint, low_risk_declines bigint,
         recoverable_pct double`,
        "Declines by raw decline reason; recoverable = declined with fraud_score < 0.3.",
    ),
    goldView(
        "v_decline_recovery_opportunities",
        `decline_reason string, merchant_segment string, card_network string, decline_count bigint,
         potential_recovery_value double, avg_fraud_score double, avg_device_trust double,
         recovery_likelihood string, recommended_action string`,
        "Declines of the last 30 days by reason, segment and network (groups of 5 or more) with a recovery estimate.",
    ),
    goldView(
        "v_last_hour_performance",
        `transactions_last_hour bigint, approval_rate_pct double, avg_fraud_score double, total_value double,
         active_segments bigint, high_risk_transactions bigint, declines_last_hour bigint`,
        "One row over the events of the last hour.",
    ),
    goldView(
        "v_active_alerts",
        `alert_type string, severity string, metric_name string, current_value double, threshold_value double,
         alert_message string, first_detected timestamp`,
        "Alert rules evaluated on v_last_hour_performance (approval rate drop, high-risk volume).",
    ),
    goldView(
        "v_solution_performance",
        `payment_solution string, transaction_count bigint, approved_count bigint, approval_rate_pct double,
         avg_fraud_score double, avg_amount double, total_value double, avg_latency_ms double`,
        "Per payment solution over the last 30 days.",
    ),
    goldView(
        "v_card_network_performance",
        `card_network string, transaction_count bigint, approval_rate_pct double, avg_amount double,
         avg_fraud_score double, avg_latency_ms double`,
        "Per card network over the last 30 days.",
    ),
    goldView(
        "v_retry_performance",
        `decline_reason string, retry_count int, retry_attempts bigint, retry_success_rate_pct double,
         avg_fraud_score double, recovered_value double, effectiveness string`,
        "Retried transactions of the last 30 days by decline reason and retry count.",
    ),
    goldView(
        "v_merchant_segment_performance",
        `merchant_segment string, transaction_count bigint, approval_rate_pct double, unique_merchants bigint,
         avg_transaction_amount double, total_value double, avg_fraud_score double, auth_3ds_usage_pct double`,
        "Per merchant segment over the last 30 days.",
    ),
    goldView(
        "v_daily_trends",
        `event_date date, transactions bigint, approval_rate double, avg_fraud_score double, total_value double,
         dod_volume_change bigint`,
        "Per day over the last 90 days; dod_volume_change = transactions minus the previous day's.",
    ),
    goldView(
        "v_streaming_ingestion_hourly",
        `hour timestamp, bronze_record_count bigint`,
        "Bronze rows per ingestion hour over the last 7 days.",
    ),
    goldView(
        "v_silver_processed_hourly",
        `hour timestamp, silver_record_count bigint`,
        "Silver rows per event hour over the last 7 days.",
    ),
    goldView(
        "v_data_quality_summary",
        `bronze_last_24h bigint, silver_last_24h bigint, retention_pct_24h double,
         latest_bronze_ingestion timestamp, latest_silver_event timestamp`,
        "One row comparing bronze and silver volumes of the last 24 hours.",
    ),
];
