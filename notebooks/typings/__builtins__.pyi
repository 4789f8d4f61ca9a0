# The names a Databricks notebook finds without importing them: the runtime injects them into its globals,
# and no installable package types them usably (databricks-sdk's databricks.sdk.runtime types dbutils as a
# union with its remote client, whose utilities take no arguments). Everything else the notebooks import is
# checked against the real packages of python/requirements.txt. Every dbutils method below must have the
# parameters of databricks-sdk's own dbutils_stub (test/assets/notebook-typings.spec.ts).
from typing import Any, Mapping

from pyspark.sql import SparkSession

class _Widgets:
    def text(self, name: str, defaultValue: str, label: str | None = None) -> None: ...
    def dropdown(self, name: str, defaultValue: str, choices: list[str], label: str | None = None) -> None: ...
    def combobox(self, name: str, defaultValue: str, choices: list[str], label: str | None = None) -> None: ...
    def multiselect(self, name: str, defaultValue: str, choices: list[str], label: str | None = None) -> None: ...
    def get(self, name: str) -> str: ...
    def remove(self, name: str) -> None: ...
    def removeAll(self) -> None: ...

class _Notebook:
    def exit(self, value: str) -> None: ...
    def run(self, path: str, timeout_seconds: int, arguments: Mapping[str, str]) -> str: ...

class _Library:
    # Restarts the Python process so packages installed by %pip replace the preloaded ones;
    # every variable defined before the call is lost.
    def restartPython(self) -> None: ...

class _Secrets:
    def get(self, scope: str, key: str) -> str: ...

class _DbUtils:
    widgets: _Widgets
    notebook: _Notebook
    library: _Library
    secrets: _Secrets

dbutils: _DbUtils
spark: SparkSession

def display(input: Any = None, *args: Any, **kwargs: Any) -> None: ...
