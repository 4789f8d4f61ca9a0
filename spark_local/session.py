"""One local SparkSession with Delta Lake, as close to a Databricks SQL/serverless session as OSS Spark gets."""
from __future__ import annotations

from pathlib import Path

from pyspark.sql import SparkSession

# OSS Spark's session catalog is the only catalog Delta can back (DeltaCatalog delegates to it), so three-part
# names `<catalog>.<schema>.<table>` resolve only with this catalog name. The local run renders the
# `{{catalog}}` placeholder to it; `{{schema}}` keeps the stack's real schema name.
LOCAL_CATALOG = "spark_catalog"

# Spark's JDBC catalog reads the PostgreSQL that stands in for the stack's Lakebase database; the driver
# comes from Maven Central like Delta's jars.
POSTGRES_JDBC_PACKAGE = "org.postgresql:postgresql:42.7.14"
JDBC_CATALOG = "org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog"


def start_session(work_dir: Path, postgres_catalog: dict[str, str] | None = None) -> SparkSession:
    """local[2], Delta extensions and catalog, warehouse under `work_dir`, few shuffle partitions, no UI. With
    `postgres_catalog` ({catalog, jdbcUrl, user, password}) a PostgreSQL database is also a catalog of its own,
    as a Lakebase database registered in Unity Catalog is on Databricks."""
    from delta import configure_spark_with_delta_pip

    warehouse = work_dir / "warehouse"
    warehouse.mkdir(parents=True, exist_ok=True)
    builder = (
        SparkSession.builder.master("local[2]")
        .appName("payment-analysis-local")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", str(warehouse.resolve()))
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "3g")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    packages: list[str] = []
    if postgres_catalog is not None:
        name = postgres_catalog["catalog"]
        builder = (
            builder.config(f"spark.sql.catalog.{name}", JDBC_CATALOG)
            .config(f"spark.sql.catalog.{name}.url", postgres_catalog["jdbcUrl"])
            .config(f"spark.sql.catalog.{name}.driver", "org.postgresql.Driver")
            .config(f"spark.sql.catalog.{name}.user", postgres_catalog["user"])
            .config(f"spark.sql.catalog.{name}.password", postgres_catalog["password"])
        )
        packages.append(POSTGRES_JDBC_PACKAGE)
    spark = configure_spark_with_delta_pip(builder, extra_packages=packages).getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def use_schema(spark: SparkSession, catalog: str, schema: str) -> None:
    """Creates `catalog.schema` if needed and makes it current, like a pipeline target or a job's USE."""
    spark.sql(f"CREATE SCHEMA IF NOT EXISTS `{catalog}`.`{schema}`")
    spark.sql(f"USE `{catalog}`.`{schema}`")


def allow_three_part_names_in_delta_builder() -> None:
    """Delta 4.0's DeltaTableBuilder.execute() parses the table name with parseTableIdentifier, which accepts at
    most two parts, so `DeltaTable.createIfNotExists(spark).tableName("cat.schema.table")` fails on OSS Delta
    (it works on Databricks). In the session catalog `spark_catalog`.`s`.`t` and `s`.`t` name the same table, so
    the builder is given the two-part form when the first part is the session catalog; nothing else changes."""
    from delta.tables import DeltaTableBuilder

    if getattr(DeltaTableBuilder.tableName, "__local_three_part__", False):
        return
    original = DeltaTableBuilder.tableName

    def table_name(self: DeltaTableBuilder, identifier: str) -> DeltaTableBuilder:
        parts = _split_identifier(identifier)
        if len(parts) == 3 and parts[0].lower() == LOCAL_CATALOG:
            identifier = ".".join(f"`{part}`" for part in parts[1:])
        return original(self, identifier)

    table_name.__local_three_part__ = True  # type: ignore[attr-defined]
    DeltaTableBuilder.tableName = table_name  # type: ignore[method-assign]


def _split_identifier(identifier: str) -> list[str]:
    """`a`.b.`c.d` -> ['a', 'b', 'c.d'] (backquotes group, `` is an escaped backquote)."""
    parts: list[str] = []
    current = ""
    quoted = False
    index = 0
    while index < len(identifier):
        char = identifier[index]
        if char == "`":
            if quoted and identifier[index + 1 : index + 2] == "`":
                current += "`"
                index += 2
                continue
            quoted = not quoted
        elif char == "." and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
        index += 1
    parts.append(current)
    return parts
