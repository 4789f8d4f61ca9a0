/**
 * The shape of the data contract: every table and view the solution owns, with its columns and the
 * asset that produces it. SQL, notebooks, dashboards and tests are checked against one instance of it
 * (`contract/index.ts`); nothing else lists columns.
 */
export type Layer = "landing" | "bronze" | "silver" | "gold" | "realtime" | "lakehouse" | "monitoring";

/** How the object exists in the metastore. */
export type ObjectKind = "table" | "streaming_table" | "materialized_view" | "view";

/** Spark SQL type names as `DESCRIBE TABLE` prints them (lower case), e.g. `string`, `double`, `struct<a:string>`. */
export type SparkType = string;

export interface Column {
    readonly name: string;
    readonly type: SparkType;
    /** Defaults to true. */
    readonly nullable?: boolean;
    readonly comment?: string;
}

/**
 * The asset that creates the object: a notebook in `notebooks/`, a SQL file in `sql/`, or the component that
 * declares a data-quality monitor, whose metric tables Databricks writes (repo-relative path).
 */
export interface Producer {
    readonly kind: "notebook" | "sql" | "monitor";
    readonly path: string;
}

export interface DatasetContract {
    readonly name: string;
    readonly layer: Layer;
    readonly kind: ObjectKind;
    readonly producer: Producer;
    /**
     * The asset that creates the object empty when that is not its producer: the landing table exists from
     * the first deploy (sql/landing_table.sql), long before the simulator first writes to it.
     */
    readonly createdBy?: Producer;
    readonly columns: readonly Column[];
    readonly comment?: string;
}
