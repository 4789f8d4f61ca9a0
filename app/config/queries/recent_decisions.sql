-- The latest authentication decisions with their recommended path and risk tier.
-- @param catalog STRING
-- @param schema STRING
-- @param limit INT
SELECT transaction_id, decision_type, decision_timestamp, decision_response.recommended_path AS recommended_path,
       decision_response.risk_tier AS risk_tier
FROM IDENTIFIER(:catalog || '.' || :schema || '.decision_log_silver')
ORDER BY decision_timestamp DESC
LIMIT :limit
