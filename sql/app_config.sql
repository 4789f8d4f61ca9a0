-- The App reads its catalog and schema from this single-row table. Seeded with THIS stack's catalog and
-- schema (template values), and corrected by the MERGE if the table was created by another deployment.
-- Safe to run repeatedly: IF NOT EXISTS, then a MERGE keyed on id = 1.
USE CATALOG `{{catalog}}`;
USE SCHEMA `{{schema}}`;

CREATE TABLE IF NOT EXISTS app_config (
    id INT NOT NULL DEFAULT 1,
    `catalog` STRING NOT NULL,
    `schema` STRING NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp()
)
USING DELTA
COMMENT 'Single-row configuration: the catalog and schema this deployment uses.'
TBLPROPERTIES (
    'delta.feature.allowColumnDefaults' = 'supported',
    'delta.autoOptimize.optimizeWrite' = 'true'
);

MERGE INTO app_config AS target
USING (SELECT 1 AS id, '{{catalog}}' AS `catalog`, '{{schema}}' AS `schema`) AS source
ON target.id = source.id
WHEN MATCHED AND (target.`catalog` <> source.`catalog` OR target.`schema` <> source.`schema`) THEN UPDATE SET
    target.`catalog` = source.`catalog`,
    target.`schema` = source.`schema`,
    target.updated_at = current_timestamp()
WHEN NOT MATCHED THEN INSERT (id, `catalog`, `schema`, updated_at)
    VALUES (source.id, source.`catalog`, source.`schema`, current_timestamp());
