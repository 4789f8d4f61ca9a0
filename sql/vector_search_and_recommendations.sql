-- transaction_summaries_for_search is the source of the Vector Search delta-sync index, which requires
-- change data feed; approval_recommendations feeds the App's recommendation cards.
-- Idempotent: tables are created only if absent, the view is replaced.
USE CATALOG `{{catalog}}`;
USE SCHEMA `{{schema}}`;

CREATE TABLE IF NOT EXISTS transaction_summaries_for_search (
    transaction_id STRING NOT NULL,
    summary_text STRING NOT NULL COMMENT 'Text embedded by the Vector Search index',
    outcome STRING NOT NULL COMMENT 'approved or declined',
    amount DOUBLE,
    network STRING,
    merchant_segment STRING,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp()
)
USING DELTA
COMMENT 'One text summary per recent transaction; source table of the similar-transactions index.'
TBLPROPERTIES (
    'delta.enableChangeDataFeed' = 'true',
    'delta.feature.allowColumnDefaults' = 'supported',
    'delta.autoOptimize.optimizeWrite' = 'true'
);

CREATE TABLE IF NOT EXISTS approval_recommendations (
    id STRING NOT NULL,
    context_summary STRING NOT NULL,
    recommended_action STRING NOT NULL,
    score DOUBLE,
    source_type STRING,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp()
)
USING DELTA
COMMENT 'Recommended actions for decline contexts, shown in the App.'
TBLPROPERTIES (
    'delta.enableChangeDataFeed' = 'true',
    'delta.feature.allowColumnDefaults' = 'supported',
    'delta.autoOptimize.optimizeWrite' = 'true'
);

CREATE OR REPLACE VIEW v_recommendations_from_lakehouse
COMMENT 'The newest 100 recommendations.'
AS SELECT
    id,
    context_summary,
    recommended_action,
    score,
    source_type,
    created_at
FROM approval_recommendations
ORDER BY created_at DESC
LIMIT 100;
