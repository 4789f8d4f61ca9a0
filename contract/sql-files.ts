/**
 * Which SQL files exist and in which order jobs run them. The jobs component takes its task lists from
 * here, and the SQL tests check that every file in sql/ is listed exactly once, so a new file cannot be
 * forgotten by the deployment.
 */

/** Directory of the SQL templates, relative to the repository root. */
export const SQL_DIR = "sql";

/** The gold layer: 15 views over silver. Run after each ETL update. */
export const GOLD_VIEWS_SQL = "gold_views.sql";

/**
 * The landing table and the App's lakehouse tables and views, in execution order. They need no data, so
 * every stack creates them during `pulumi up` (prod included, on an empty schema): the pipelines, the App's
 * grants, its pages and the Vector Search index then find their tables from the first deploy on.
 */
export const LAKEHOUSE_TABLES_SQL = ["landing_table.sql", "app_config.sql", "online_features.sql", "vector_search_and_recommendations.sql"] as const;

/** Fills the App's tables from silver and gold, so it runs after the gold views (and the tables). */
export const LAKEHOUSE_BOOTSTRAP_SQL = ["populate_lakehouse.sql"] as const;

/** Every SQL file a job runs, each exactly once. */
export const ALL_SQL_FILES: readonly string[] = [GOLD_VIEWS_SQL, ...LAKEHOUSE_TABLES_SQL, ...LAKEHOUSE_BOOTSTRAP_SQL];

/** Placeholders every SQL template may use; the workspace-assets component supplies them per stack. */
export const SQL_TEMPLATE_PLACEHOLDERS = ["catalog", "schema", "approval_rate_alert_min_percent"] as const;
