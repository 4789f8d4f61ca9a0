-- v_uc_data_quality_metrics reads system.data_quality_monitoring.table_results, which exists only where
-- data quality monitoring is enabled and only account admins can grant. It is kept apart from
-- gold_views.sql and run as its own task so that, where the system table is missing, this one view is
-- absent while the other gold views are still created. The catalog and schema are literals filled per
-- stack, not CURRENT_CATALOG()/CURRENT_SCHEMA(), which a dashboard session would evaluate to its own defaults.
USE CATALOG `{{catalog}}`;
USE SCHEMA `{{schema}}`;

CREATE OR REPLACE VIEW v_uc_data_quality_metrics
COMMENT 'Latest Unity Catalog data quality result per table of this schema.'
AS WITH ranked AS (
    SELECT
        results.*,
        ROW_NUMBER() OVER (PARTITION BY results.table_id ORDER BY results.event_time DESC) AS result_rank
    FROM system.data_quality_monitoring.table_results AS results
    WHERE results.catalog_name = '{{catalog}}' AND results.schema_name = '{{schema}}'
)
SELECT
    event_time,
    catalog_name,
    schema_name,
    table_name,
    status AS overall_status,
    freshness.status AS freshness_status,
    completeness.status AS completeness_status,
    downstream_impact.impact_level AS impact_level,
    downstream_impact.num_downstream_tables AS num_downstream_tables,
    downstream_impact.num_queries_on_affected_tables AS num_queries_affected
FROM ranked
WHERE result_rank = 1;
