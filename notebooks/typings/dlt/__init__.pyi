# The Lakeflow declarative pipelines Python API (`import dlt`), as documented in the Databricks
# "Python language reference". There is no expect_or_warn: a warn-only expectation is dlt.expect.
from typing import Callable, TypeVar

from pyspark.sql import DataFrame
from pyspark.sql.types import StructType

_Query = TypeVar("_Query", bound=Callable[..., DataFrame])

def table(
    query_function: Callable[..., DataFrame] | None = None,
    *,
    name: str | None = None,
    comment: str | None = None,
    spark_conf: dict[str, str] | None = None,
    table_properties: dict[str, str] | None = None,
    path: str | None = None,
    partition_cols: list[str] | None = None,
    cluster_by: list[str] | None = None,
    schema: StructType | str | None = None,
    temporary: bool = False,
    row_filter: str | None = None,
) -> Callable[[_Query], _Query]: ...
def view(
    query_function: Callable[..., DataFrame] | None = None,
    *,
    name: str | None = None,
    comment: str | None = None,
    spark_conf: dict[str, str] | None = None,
) -> Callable[[_Query], _Query]: ...
def create_streaming_table(
    name: str,
    comment: str | None = None,
    spark_conf: dict[str, str] | None = None,
    table_properties: dict[str, str] | None = None,
    partition_cols: list[str] | None = None,
    cluster_by: list[str] | None = None,
    path: str | None = None,
    schema: StructType | str | None = None,
    expect_all: dict[str, str] | None = None,
    expect_all_or_drop: dict[str, str] | None = None,
    expect_all_or_fail: dict[str, str] | None = None,
    row_filter: str | None = None,
) -> None: ...
def expect(description: str, condition: str) -> Callable[[_Query], _Query]: ...
def expect_or_drop(description: str, condition: str) -> Callable[[_Query], _Query]: ...
def expect_or_fail(description: str, condition: str) -> Callable[[_Query], _Query]: ...
def expect_all(expectations: dict[str, str]) -> Callable[[_Query], _Query]: ...
def expect_all_or_drop(expectations: dict[str, str]) -> Callable[[_Query], _Query]: ...
def expect_all_or_fail(expectations: dict[str, str]) -> Callable[[_Query], _Query]: ...
def read(name: str) -> DataFrame: ...
def read_stream(name: str) -> DataFrame: ...

