import { columnsFromDdl } from "./ddl";
import { PAYMENT_EVENT_DDL } from "./landing";
import type { DatasetContract } from "./types";

const BRONZE = { kind: "notebook", path: "notebooks/bronze_ingest.py" } as const;
const SILVER = { kind: "notebook", path: "notebooks/silver_transform.py" } as const;

/**
 * Silver = the event columns, the merchant attributes joined from the dimension, and derived columns.
 * merchant_segment stays the event's column: the simulator now takes it from the same merchant rule as
 * the dimension (contract/domains.ts), so the two cannot disagree.
 */
const ENRICHED_SILVER_DDL = `${PAYMENT_EVENT_DDL},
    merchant_name string, merchant_country string, merchant_risk_tier string,
    is_cross_border boolean, event_date date, event_time timestamp, event_hour int, event_day_of_week int,
    canonical_transaction_key string, risk_tier string, amount_bucket string, composite_risk_score double,
    retry_scenario string, decline_reason_standard string, decline_reason_group string,
    recommended_action string, service_path string, _processed_at timestamp,
    attempt_sequence int, previous_attempt_time timestamp, time_since_last_attempt_seconds bigint,
    prior_approved_count bigint, merchant_retry_policy_max_attempts int`;

/**
 * The ETL pipeline stops at silver: the gold layer is the SQL views of sql/gold_views.sql only, so no
 * pipeline object can collide with a gold view name (the original had v_retry_performance twice).
 * insight_feedback_silver is gone: a pipeline-owned table that the App wrote to could only fail or be
 * overwritten on the next refresh.
 */
export const pipelineDatasets: readonly DatasetContract[] = [
    {
        name: "payments_raw_bronze",
        layer: "bronze",
        kind: "streaming_table",
        producer: BRONZE,
        comment: "payments_stream_input read through its change data feed; _ingested_at is the pipeline's processing time.",
        columns: columnsFromDdl(PAYMENT_EVENT_DDL, "payments_raw_bronze"),
    },
    {
        name: "merchants_dim_bronze",
        layer: "bronze",
        kind: "materialized_view",
        producer: BRONZE,
        comment: "One row per merchant the simulator emits (m_0..m_99), attributes from contract/domains.ts.",
        columns: columnsFromDdl(
            `merchant_id string not null, merchant_name string, merchant_segment string, merchant_country string,
             merchant_risk_tier string, created_at timestamp`,
            "merchants_dim_bronze",
        ),
    },
    {
        name: "payments_enriched_silver",
        layer: "silver",
        kind: "materialized_view",
        producer: SILVER,
        comment: "Validated events joined to the merchant dimension, with risk, decline taxonomy and retry context.",
        columns: columnsFromDdl(ENRICHED_SILVER_DDL, "payments_enriched_silver"),
    },
    {
        name: "merchant_visible_attempts_silver",
        layer: "silver",
        kind: "materialized_view",
        producer: SILVER,
        comment: "entry_response attempts only, the latest row per canonical_transaction_key (what a merchant sees).",
        columns: columnsFromDdl(ENRICHED_SILVER_DDL, "merchant_visible_attempts_silver"),
    },
    {
        name: "reason_code_taxonomy_silver",
        layer: "silver",
        kind: "materialized_view",
        producer: SILVER,
        comment: "The 8 standard decline reasons with group, actionability and default action.",
        columns: columnsFromDdl(
            `decline_reason_standard string not null, decline_reason_group string not null,
             actionability string not null, default_action string, _created_at timestamp`,
            "reason_code_taxonomy_silver",
        ),
    },
    {
        name: "decision_log_silver",
        layer: "silver",
        kind: "materialized_view",
        producer: SILVER,
        comment: "The authentication decision recommended for each transaction, with its request context.",
        columns: columnsFromDdl(
            `transaction_id string not null, decision_type string, decision_timestamp timestamp,
             request_context struct<merchant_id:string,amount:double,fraud_score:double,device_trust_score:double>,
             decision_response struct<recommended_path:string,risk_tier:string>, _processed_at timestamp`,
            "decision_log_silver",
        ),
    },
    {
        name: "smart_checkout_decisions_silver",
        layer: "silver",
        kind: "materialized_view",
        producer: SILVER,
        comment: "Smart-checkout path recommended per transaction (3DS challenge, passkey, network token, ...).",
        columns: columnsFromDdl(
            `transaction_id string not null, decision_timestamp timestamp, geo_country string, flow_type string,
             entry_system string, risk_tier string, fraud_score double, device_trust_score double,
             is_network_token boolean, has_passkey boolean, three_ds_routed boolean, recommended_path string,
             decision_reason string, _created_at timestamp`,
            "smart_checkout_decisions_silver",
        ),
    },
];
