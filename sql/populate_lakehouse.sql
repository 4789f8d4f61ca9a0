-- Fills the App's lakehouse tables from silver and gold so they are not empty after a bootstrap.
-- Runs last in the lakehouse bootstrap, after the gold views exist. Every write is a MERGE on a
-- deterministic key, so running the file again updates rows instead of duplicating them.
USE CATALOG `{{catalog}}`;
USE SCHEMA `{{schema}}`;

-- The newest 10,000 transactions of the last 7 days: enough for similarity search without embedding
-- the whole history on every run. Change data feed may deliver a transaction twice, hence the ranking.
MERGE INTO transaction_summaries_for_search AS target
USING (
    SELECT transaction_id, summary_text, outcome, amount, network, merchant_segment, created_at
    FROM (
        SELECT
            transaction_id,
            concat_ws(' ',
                CASE WHEN is_approved THEN 'Approved' ELSE 'Declined' END,
                card_network, 'payment of', CAST(ROUND(amount, 2) AS STRING), currency,
                'at a', merchant_segment, 'merchant in', geo_country,
                'via', payment_solution, 'from', entry_system,
                'risk tier', risk_tier,
                CASE WHEN is_approved THEN NULL ELSE concat('decline reason ', decline_reason_standard) END
            ) AS summary_text,
            CASE WHEN is_approved THEN 'approved' ELSE 'declined' END AS outcome,
            amount,
            card_network AS network,
            merchant_segment,
            event_time AS created_at,
            ROW_NUMBER() OVER (PARTITION BY transaction_id ORDER BY _processed_at DESC) AS copy_rank
        FROM payments_enriched_silver
        WHERE event_date >= date_sub(current_date(), 7)
    ) AS ranked
    WHERE copy_rank = 1
    ORDER BY created_at DESC
    LIMIT 10000
) AS source
ON target.transaction_id = source.transaction_id
WHEN MATCHED THEN UPDATE SET
    target.summary_text = source.summary_text,
    target.outcome = source.outcome
WHEN NOT MATCHED THEN INSERT (transaction_id, summary_text, outcome, amount, network, merchant_segment, created_at)
    VALUES (source.transaction_id, source.summary_text, source.outcome, source.amount, source.network,
            source.merchant_segment, source.created_at);

MERGE INTO approval_recommendations AS target
USING (
    SELECT
        sha2(concat_ws('|', decline_reason, merchant_segment, card_network), 256) AS id,
        concat(CAST(decline_count AS STRING), ' declines for ', decline_reason, ' on ', card_network,
               ' in ', merchant_segment, ' worth ', CAST(potential_recovery_value AS STRING),
               ' (recovery likelihood ', recovery_likelihood, ')') AS context_summary,
        recommended_action,
        CASE recovery_likelihood WHEN 'HIGH' THEN 0.9D WHEN 'MEDIUM' THEN 0.6D ELSE 0.3D END AS score,
        'v_decline_recovery_opportunities' AS source_type
    FROM v_decline_recovery_opportunities
) AS source
ON target.id = source.id
WHEN MATCHED THEN UPDATE SET
    target.context_summary = source.context_summary,
    target.recommended_action = source.recommended_action,
    target.score = source.score,
    target.created_at = current_timestamp()
WHEN NOT MATCHED THEN INSERT (id, context_summary, recommended_action, score, source_type, created_at)
    VALUES (source.id, source.context_summary, source.recommended_action, source.score, source.source_type,
            current_timestamp());

MERGE INTO online_features AS target
USING (
    SELECT
        concat('merchant_segment:', merchant_segment, ':approval_rate_pct') AS id,
        'approval_rate_pct' AS feature_name,
        approval_rate_pct AS feature_value,
        merchant_segment AS entity_id
    FROM v_merchant_segment_performance
    UNION ALL
    SELECT
        concat('merchant_segment:', merchant_segment, ':avg_fraud_score') AS id,
        'avg_fraud_score' AS feature_name,
        avg_fraud_score AS feature_value,
        merchant_segment AS entity_id
    FROM v_merchant_segment_performance
) AS source
ON target.id = source.id
WHEN MATCHED THEN UPDATE SET
    target.feature_value = source.feature_value,
    target.created_at = current_timestamp()
WHEN NOT MATCHED THEN INSERT (id, source, feature_set, feature_name, feature_value, feature_value_str, entity_id, created_at)
    VALUES (source.id, 'gold_views', 'merchant_segment_performance', source.feature_name, source.feature_value,
            NULL, source.entity_id, current_timestamp());
