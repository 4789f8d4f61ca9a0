-- Gold layer of the Payment Analysis solution: 15 views over silver (and bronze for ingestion counts).
-- This is the only gold layer: the ETL pipeline stops at silver, so no pipeline object shares a name with
-- these views.
-- Template: {{catalog}} and {{schema}} are filled per stack. Every statement is CREATE OR REPLACE, so the
-- file can run any number of times. Rates are AVG over 0/1 values, so an empty input gives NULL, never a
-- division by zero. Presentation choices (latency buckets, sort order) belong to the dashboards.
USE CATALOG `{{catalog}}`;
USE SCHEMA `{{schema}}`;

CREATE OR REPLACE VIEW v_executive_kpis
COMMENT 'One row of headline KPIs over all silver rows.'
AS SELECT
    COUNT(*) AS total_transactions,
    COUNT(DISTINCT merchant_id) AS unique_merchants,
    COUNT(DISTINCT issuer_country) AS unique_countries,
    COUNT_IF(is_approved) AS approved_count,
    COUNT_IF(NOT is_approved) AS declined_count,
    ROUND(100 * AVG(CAST(is_approved AS INT)), 2) AS approval_rate_pct,
    ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
    ROUND(AVG(aml_risk_score), 4) AS avg_aml_risk_score,
    ROUND(SUM(amount), 2) AS total_transaction_value,
    ROUND(SUM(CASE WHEN is_approved THEN amount ELSE 0 END), 2) AS approved_value,
    ROUND(SUM(CASE WHEN is_approved THEN 0 ELSE amount END), 2) AS declined_value,
    ROUND(AVG(amount), 2) AS avg_transaction_amount,
    ROUND(100 * AVG(CAST(uses_3ds AS INT)), 2) AS auth_3ds_usage_pct,
    MIN(event_time) AS period_start,
    MAX(event_time) AS period_end
FROM payments_enriched_silver;

CREATE OR REPLACE VIEW v_approval_trends_hourly
COMMENT 'Hourly volume and approval over the last 7 days.'
AS SELECT
    date_trunc('HOUR', event_time) AS hour,
    COUNT(*) AS transaction_count,
    COUNT_IF(is_approved) AS approved_count,
    COUNT_IF(NOT is_approved) AS declined_count,
    ROUND(100 * AVG(CAST(is_approved AS INT)), 2) AS approval_rate_pct,
    ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
    ROUND(SUM(amount), 2) AS total_value,
    COUNT(DISTINCT merchant_segment) AS active_segments
FROM payments_enriched_silver
WHERE event_time >= current_timestamp() - INTERVAL 7 DAYS
GROUP BY date_trunc('HOUR', event_time);

CREATE OR REPLACE VIEW v_performance_by_geography
COMMENT 'Per issuer country with at least 10 transactions.'
AS SELECT
    issuer_country AS country,
    COUNT(*) AS transaction_count,
    ROUND(100 * AVG(CAST(is_approved AS INT)), 2) AS approval_rate_pct,
    ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
    ROUND(SUM(amount), 2) AS total_transaction_value,
    COUNT(DISTINCT merchant_id) AS unique_merchants
FROM payments_enriched_silver
GROUP BY issuer_country
HAVING COUNT(*) >= 10;

CREATE OR REPLACE VIEW v_top_decline_reasons
COMMENT 'Declines by raw decline reason; recoverable means fraud_score below 0.3.'
AS SELECT
    decline_reason,
    COUNT(*) AS decline_count,
    ROUND(100 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS pct_of_declines,
    ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
    ROUND(AVG(amount), 2) AS avg_amount,
    ROUND(SUM(amount), 2) AS total_declined_value,
    COUNT(DISTINCT merchant_id) AS affected_merchants,
    COUNT_IF(fraud_score < 0.3) AS low_risk_declines,
    ROUND(100 * AVG(CASE WHEN fraud_score < 0.3 THEN 1 ELSE 0 END), 2) AS recoverable_pct
FROM payments_enriched_silver
WHERE NOT is_approved AND decline_reason IS NOT NULL
GROUP BY decline_reason;

CREATE OR REPLACE VIEW v_decline_recovery_opportunities
COMMENT 'Declines of the last 30 days by reason, segment and network (5 or more) with a recovery estimate.'
AS WITH declines AS (
    SELECT
        decline_reason,
        merchant_segment,
        card_network,
        COUNT(*) AS decline_count,
        ROUND(SUM(amount), 2) AS potential_recovery_value,
        ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
        ROUND(AVG(device_trust_score), 4) AS avg_device_trust
    FROM payments_enriched_silver
    WHERE NOT is_approved
        AND decline_reason IS NOT NULL
        AND event_date >= date_sub(current_date(), 30)
    GROUP BY decline_reason, merchant_segment, card_network
    HAVING COUNT(*) >= 5
),
scored AS (
    SELECT
        *,
        CASE
            WHEN avg_fraud_score < 0.2 AND avg_device_trust > 0.7 THEN 'HIGH'
            WHEN avg_fraud_score < 0.4 AND avg_device_trust > 0.5 THEN 'MEDIUM'
            ELSE 'LOW'
        END AS recovery_likelihood
    FROM declines
)
SELECT
    decline_reason,
    merchant_segment,
    card_network,
    decline_count,
    potential_recovery_value,
    avg_fraud_score,
    avg_device_trust,
    recovery_likelihood,
    CASE recovery_likelihood
        WHEN 'HIGH' THEN 'Enable Smart Retry'
        WHEN 'MEDIUM' THEN 'Route to Alternative'
        ELSE 'Manual Review'
    END AS recommended_action
FROM scored;

CREATE OR REPLACE VIEW v_last_hour_performance
COMMENT 'One row over the events of the last hour.'
AS SELECT
    COUNT(*) AS transactions_last_hour,
    ROUND(100 * AVG(CAST(is_approved AS INT)), 2) AS approval_rate_pct,
    ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
    ROUND(SUM(amount), 2) AS total_value,
    COUNT(DISTINCT merchant_segment) AS active_segments,
    COUNT_IF(fraud_score > 0.7) AS high_risk_transactions,
    COUNT_IF(NOT is_approved) AS declines_last_hour
FROM payments_enriched_silver
WHERE event_time >= current_timestamp() - INTERVAL 1 HOUR;

-- The approval-rate rule fires below the stack's alertApprovalRateMinPercent, as the approval-rate SQL alert
-- does, and is critical 10 points further down.
CREATE OR REPLACE VIEW v_active_alerts
COMMENT 'Alert rules evaluated on v_last_hour_performance: rates (shares of the transactions of the last hour), never counts, over hours of 50+ transactions.'
AS SELECT
    'APPROVAL_RATE_DROP' AS alert_type,
    CASE WHEN approval_rate_pct < {{approval_rate_alert_min_percent}} - 10 THEN 'CRITICAL' ELSE 'HIGH' END AS severity,
    'approval_rate_pct' AS metric_name,
    CAST(approval_rate_pct AS DOUBLE) AS current_value,
    CAST({{approval_rate_alert_min_percent}} AS DOUBLE) AS threshold_value,
    concat('Approval rate in the last hour is ', CAST(approval_rate_pct AS STRING), '%, below {{approval_rate_alert_min_percent}}%') AS alert_message,
    current_timestamp() AS first_detected
FROM v_last_hour_performance
WHERE transactions_last_hour >= 50 AND approval_rate_pct < {{approval_rate_alert_min_percent}}
UNION ALL
-- High-risk share: the simulator's fraud scores put well under 1 % of payments above 0.7, so 2 % is a
-- real shift in the risk mix, whatever the volume.
SELECT
    'HIGH_FRAUD_RATE' AS alert_type,
    CASE WHEN high_risk_pct > 5 THEN 'CRITICAL' ELSE 'HIGH' END AS severity,
    'high_risk_pct' AS metric_name,
    high_risk_pct AS current_value,
    CAST(2 AS DOUBLE) AS threshold_value,
    concat(CAST(high_risk_pct AS STRING), '% of the transactions of the last hour have fraud_score above 0.7, above 2%') AS alert_message,
    current_timestamp() AS first_detected
FROM (
    SELECT CAST(ROUND(100.0 * high_risk_transactions / transactions_last_hour, 2) AS DOUBLE) AS high_risk_pct
    FROM v_last_hour_performance
    WHERE transactions_last_hour >= 50
)
WHERE high_risk_pct > 2;

CREATE OR REPLACE VIEW v_solution_performance
COMMENT 'Per payment solution over the last 30 days.'
AS SELECT
    payment_solution,
    COUNT(*) AS transaction_count,
    COUNT_IF(is_approved) AS approved_count,
    ROUND(100 * AVG(CAST(is_approved AS INT)), 2) AS approval_rate_pct,
    ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
    ROUND(AVG(amount), 2) AS avg_amount,
    ROUND(SUM(amount), 2) AS total_value,
    ROUND(AVG(processing_time_ms), 1) AS avg_latency_ms
FROM payments_enriched_silver
WHERE event_date >= date_sub(current_date(), 30)
GROUP BY payment_solution;

CREATE OR REPLACE VIEW v_card_network_performance
COMMENT 'Per card network over the last 30 days.'
AS SELECT
    card_network,
    COUNT(*) AS transaction_count,
    ROUND(100 * AVG(CAST(is_approved AS INT)), 2) AS approval_rate_pct,
    ROUND(AVG(amount), 2) AS avg_amount,
    ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
    ROUND(AVG(processing_time_ms), 1) AS avg_latency_ms
FROM payments_enriched_silver
WHERE event_date >= date_sub(current_date(), 30)
GROUP BY card_network;

-- A retry's own decline_reason is NULL when it succeeds, so grouping retries by it (as the original did)
-- makes every success rate 0 or meaningless. The reason that matters is the decline that was retried: the
-- previous attempt of the same card at the same merchant.
CREATE OR REPLACE VIEW v_retry_performance
COMMENT 'Retries of the last 30 days by the decline they retried and by retry count.'
AS WITH attempts AS (
    SELECT
        is_retry,
        retry_count,
        is_approved,
        amount,
        fraud_score,
        LAG(decline_reason) OVER (PARTITION BY merchant_id, card_token_id ORDER BY event_time) AS retried_decline_reason
    FROM payments_enriched_silver
    WHERE event_date >= date_sub(current_date(), 30)
),
retries AS (
    SELECT
        retried_decline_reason AS decline_reason,
        retry_count,
        COUNT(*) AS retry_attempts,
        ROUND(100 * AVG(CAST(is_approved AS INT)), 2) AS retry_success_rate_pct,
        ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
        ROUND(SUM(CASE WHEN is_approved THEN amount ELSE 0 END), 2) AS recovered_value
    FROM attempts
    WHERE is_retry AND retried_decline_reason IS NOT NULL
    GROUP BY retried_decline_reason, retry_count
)
SELECT
    decline_reason,
    retry_count,
    retry_attempts,
    retry_success_rate_pct,
    avg_fraud_score,
    recovered_value,
    CASE
        WHEN retry_success_rate_pct > 40 THEN 'Effective'
        WHEN retry_success_rate_pct > 20 THEN 'Moderate'
        ELSE 'Low'
    END AS effectiveness
FROM retries;

CREATE OR REPLACE VIEW v_merchant_segment_performance
COMMENT 'Per merchant segment over the last 30 days.'
AS SELECT
    merchant_segment,
    COUNT(*) AS transaction_count,
    ROUND(100 * AVG(CAST(is_approved AS INT)), 2) AS approval_rate_pct,
    COUNT(DISTINCT merchant_id) AS unique_merchants,
    ROUND(AVG(amount), 2) AS avg_transaction_amount,
    ROUND(SUM(amount), 2) AS total_value,
    ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
    ROUND(100 * AVG(CAST(uses_3ds AS INT)), 2) AS auth_3ds_usage_pct
FROM payments_enriched_silver
WHERE event_date >= date_sub(current_date(), 30)
GROUP BY merchant_segment;

CREATE OR REPLACE VIEW v_daily_trends
COMMENT 'Per day over the last 90 days; dod_volume_change is transactions minus the previous day.'
AS WITH daily AS (
    SELECT
        event_date,
        COUNT(*) AS transactions,
        ROUND(100 * AVG(CAST(is_approved AS INT)), 2) AS approval_rate,
        ROUND(AVG(fraud_score), 4) AS avg_fraud_score,
        ROUND(SUM(amount), 2) AS total_value
    FROM payments_enriched_silver
    WHERE event_date >= date_sub(current_date(), 90)
    GROUP BY event_date
)
SELECT
    event_date,
    transactions,
    approval_rate,
    avg_fraud_score,
    total_value,
    transactions - LAG(transactions) OVER (ORDER BY event_date) AS dod_volume_change
FROM daily;

CREATE OR REPLACE VIEW v_streaming_ingestion_hourly
COMMENT 'Bronze rows per ingestion hour over the last 7 days.'
AS SELECT
    date_trunc('HOUR', _ingested_at) AS hour,
    COUNT(*) AS bronze_record_count
FROM payments_raw_bronze
WHERE _ingested_at >= current_timestamp() - INTERVAL 7 DAYS
GROUP BY date_trunc('HOUR', _ingested_at);

CREATE OR REPLACE VIEW v_silver_processed_hourly
COMMENT 'Silver rows per event hour over the last 7 days.'
AS SELECT
    date_trunc('HOUR', event_timestamp) AS hour,
    COUNT(*) AS silver_record_count
FROM payments_enriched_silver
WHERE event_timestamp >= current_timestamp() - INTERVAL 7 DAYS
GROUP BY date_trunc('HOUR', event_timestamp);

-- Both counts use the bronze ingestion time (silver carries _ingested_at through), so the retention
-- percentage compares the same rows rather than ingestion time with event time.
CREATE OR REPLACE VIEW v_data_quality_summary
COMMENT 'Bronze and silver volumes of the last 24 hours and the share that reached silver.'
AS SELECT
    bronze.bronze_last_24h,
    silver.silver_last_24h,
    ROUND(100 * silver.silver_last_24h / NULLIF(bronze.bronze_last_24h, 0), 2) AS retention_pct_24h,
    bronze.latest_bronze_ingestion,
    silver.latest_silver_event
FROM (
    SELECT
        COUNT_IF(_ingested_at >= current_timestamp() - INTERVAL 24 HOURS) AS bronze_last_24h,
        MAX(_ingested_at) AS latest_bronze_ingestion
    FROM payments_raw_bronze
) AS bronze
CROSS JOIN (
    SELECT
        COUNT_IF(_ingested_at >= current_timestamp() - INTERVAL 24 HOURS) AS silver_last_24h,
        MAX(event_timestamp) AS latest_silver_event
    FROM payments_enriched_silver
) AS silver;
