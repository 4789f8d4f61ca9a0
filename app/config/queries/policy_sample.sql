-- A sample of recent transactions with their outcome, replayed by the Decisioning page's policy test.
-- @param catalog STRING
-- @param schema STRING
-- @param limit INT
SELECT transaction_id, amount, currency, card_network, merchant_segment, issuer_country, fraud_score, aml_risk_score,
       device_trust_score, is_cross_border, retry_count, uses_3ds, processing_time_ms, is_approved
FROM IDENTIFIER(:catalog || '.' || :schema || '.payments_enriched_silver')
ORDER BY event_time DESC
LIMIT :limit
