# Names a Databricks notebook finds without importing them. The runtime injects them into the
# notebook's globals; the same objects are importable from databricks.sdk.runtime.
from databricks.sdk.runtime import dbutils as dbutils
from databricks.sdk.runtime import display as display
from databricks.sdk.runtime import spark as spark
