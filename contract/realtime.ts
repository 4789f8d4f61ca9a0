import { columnsFromDdl } from "./ddl";
import { PAYMENT_EVENT_DDL } from "./landing";
import type { DatasetContract } from "./types";

const REALTIME_PIPELINE = { kind: "notebook", path: "notebooks/realtime_pipeline.py" } as const;
const CONTINUOUS_PROCESSOR = { kind: "notebook", path: "notebooks/continuous_processor.py" } as const;

const STREAM_SILVER_EXTRA_DDL = `event_date date, event_hour int, event_minute int, risk_tier string,
    amount_bucket string, composite_risk_score double, _processed_at timestamp`;

export const realtimeDatasets: readonly DatasetContract[] = [
    {
        name: "payments_stream_bronze",
        layer: "realtime",
        kind: "streaming_table",
        producer: REALTIME_PIPELINE,
        columns: columnsFromDdl(PAYMENT_EVENT_DDL, "payments_stream_bronze"),
    },
    {
        name: "payments_stream_silver",
        layer: "realtime",
        kind: "streaming_table",
        producer: REALTIME_PIPELINE,
        columns: columnsFromDdl(`${PAYMENT_EVENT_DDL}, ${STREAM_SILVER_EXTRA_DDL}`, "payments_stream_silver"),
    },
    {
        name: "payments_stream_metrics_1min",
        layer: "realtime",
        kind: "streaming_table",
        producer: REALTIME_PIPELINE,
        comment: "1-minute windows; unique_merchants is approximate (exact distinct counts are unsupported on streams).",
        columns: columnsFromDdl(
            `window_start timestamp, window_end timestamp, merchant_segment string, payment_solution string,
             card_network string, transaction_count bigint, approved_count bigint, declined_count bigint,
             avg_amount double, total_amount double, avg_fraud_score double, avg_latency_ms double,
             unique_merchants bigint, approval_rate_pct double`,
            "payments_stream_metrics_1min",
        ),
    },
    {
        name: "payments_stream_alerts",
        layer: "realtime",
        kind: "materialized_view",
        producer: REALTIME_PIPELINE,
        columns: columnsFromDdl(
            `window_start timestamp, window_end timestamp, alert_type string, severity string,
             merchant_segment string, payment_solution string, approval_rate_pct double, avg_fraud_score double,
             avg_latency_ms double, transaction_count bigint, alert_message string`,
            "payments_stream_alerts",
        ),
    },
    {
        name: "payments_realtime_silver",
        layer: "realtime",
        kind: "table",
        producer: CONTINUOUS_PROCESSOR,
        columns: columnsFromDdl(`${PAYMENT_EVENT_DDL}, ${STREAM_SILVER_EXTRA_DDL}`, "payments_realtime_silver"),
    },
    {
        name: "payments_realtime_metrics",
        layer: "realtime",
        kind: "table",
        producer: CONTINUOUS_PROCESSOR,
        columns: columnsFromDdl(
            `window_start timestamp, window_end timestamp, merchant_segment string, payment_solution string,
             transaction_count bigint, approved_count bigint, avg_amount double, total_amount double,
             avg_fraud_score double, avg_latency_ms double, approval_rate double`,
            "payments_realtime_metrics",
        ),
    },
];
