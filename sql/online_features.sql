-- Features computed by ML, agents and the lakehouse bootstrap, read by the App.
-- Idempotent: the table is created only if absent, the view is replaced.
USE CATALOG `{{catalog}}`;
USE SCHEMA `{{schema}}`;

CREATE TABLE IF NOT EXISTS online_features (
    id STRING NOT NULL,
    source STRING NOT NULL COMMENT 'Who computed the feature, e.g. ml, agent, gold_views',
    feature_set STRING,
    feature_name STRING NOT NULL,
    feature_value DOUBLE,
    feature_value_str STRING,
    entity_id STRING,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp()
)
USING DELTA
COMMENT 'Online features for the App.'
TBLPROPERTIES (
    'delta.feature.allowColumnDefaults' = 'supported',
    'delta.autoOptimize.optimizeWrite' = 'true',
    'delta.enableChangeDataFeed' = 'true'
);

-- Lakebase syncs this table continuously (components/platform/lakebase-synced-tables.ts), which reads its
-- change data feed; a table created before the sync existed gets the feed turned on here.
ALTER TABLE online_features SET TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true');

CREATE OR REPLACE VIEW v_online_features_latest
COMMENT 'The newest 200 features of the last 24 hours.'
AS SELECT
    id,
    source,
    feature_set,
    feature_name,
    feature_value,
    feature_value_str,
    entity_id,
    created_at
FROM online_features
WHERE created_at >= current_timestamp() - INTERVAL 24 HOURS
ORDER BY created_at DESC
LIMIT 200;
