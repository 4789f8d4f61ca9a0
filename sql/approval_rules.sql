-- Business rules (authentication, retry, routing) edited from the App and read by the agents.
-- Idempotent: the table is created only if absent, the view is replaced.
USE CATALOG `{{catalog}}`;
USE SCHEMA `{{schema}}`;

CREATE TABLE IF NOT EXISTS approval_rules (
    id STRING NOT NULL,
    name STRING NOT NULL,
    rule_type STRING NOT NULL COMMENT 'authentication, retry or routing',
    condition_expression STRING,
    action_summary STRING NOT NULL,
    priority INT NOT NULL DEFAULT 100,
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp(),
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp()
)
USING DELTA
COMMENT 'Approval rules managed from the App; lower priority numbers win.'
TBLPROPERTIES (
    'delta.feature.allowColumnDefaults' = 'supported',
    'delta.autoOptimize.optimizeWrite' = 'true',
    'delta.enableChangeDataFeed' = 'true'
);

-- Lakebase syncs this table continuously (components/platform/lakebase-synced-tables.ts), which reads its
-- change data feed; a table created before the sync existed gets the feed turned on here.
ALTER TABLE approval_rules SET TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true');

CREATE OR REPLACE VIEW v_approval_rules_active
COMMENT 'Active approval rules, highest priority (lowest number) first.'
AS SELECT
    id,
    name,
    rule_type,
    condition_expression,
    action_summary,
    priority,
    created_at,
    updated_at
FROM approval_rules
WHERE is_active
ORDER BY priority ASC, updated_at DESC;
