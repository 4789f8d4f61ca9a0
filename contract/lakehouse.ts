import { columnsFromDdl } from "./ddl";
import type { DatasetContract, Producer } from "./types";

function lakehouse(name: string, kind: "table" | "view", path: string, ddl: string, comment: string): DatasetContract {
    const producer: Producer = { kind: "sql", path };
    return { name, layer: "lakehouse", kind, producer, comment, columns: columnsFromDdl(ddl, name) };
}

const FEATURE_COLUMNS = `id string not null, source string not null, feature_set string,
    feature_name string not null, feature_value double, feature_value_str string, entity_id string,
    created_at timestamp not null`;
const RECOMMENDATION_COLUMNS = `id string not null, context_summary string not null,
    recommended_action string not null, score double, source_type string, created_at timestamp not null`;

/** Tables and views the App reads and writes, created by the lakehouse bootstrap SQL (contract/sql-files.ts). */
export const lakehouseDatasets: readonly DatasetContract[] = [
    lakehouse(
        "app_config",
        "table",
        "sql/app_config.sql",
        `id int not null, catalog string not null, schema string not null, updated_at timestamp not null`,
        "Single row: the catalog and schema this stack deployed to.",
    ),
    lakehouse(
        "online_features",
        "table",
        "sql/online_features.sql",
        FEATURE_COLUMNS,
        "Features computed by ML and agents for the App.",
    ),
    lakehouse(
        "v_online_features_latest",
        "view",
        "sql/online_features.sql",
        FEATURE_COLUMNS,
        "The newest 200 features of the last 24 hours.",
    ),
    lakehouse(
        "transaction_summaries_for_search",
        "table",
        "sql/vector_search_and_recommendations.sql",
        `transaction_id string not null, summary_text string not null, outcome string not null, amount double,
         network string, merchant_segment string, created_at timestamp not null`,
        "Source table of the Vector Search index (change data feed on); one text summary per transaction.",
    ),
    lakehouse(
        "approval_recommendations",
        "table",
        "sql/vector_search_and_recommendations.sql",
        RECOMMENDATION_COLUMNS,
        "Recommended actions for decline contexts, shown in the App.",
    ),
    lakehouse(
        "v_recommendations_from_lakehouse",
        "view",
        "sql/vector_search_and_recommendations.sql",
        RECOMMENDATION_COLUMNS,
        "The newest 100 recommendations.",
    ),
];
