-- The newest online features written by the models and agents.
-- @param catalog STRING
-- @param schema STRING
-- @param limit INT
SELECT source, feature_set, feature_name, feature_value, feature_value_str, entity_id, created_at
FROM IDENTIFIER(:catalog || '.' || :schema || '.v_online_features_latest')
ORDER BY created_at DESC
LIMIT :limit
