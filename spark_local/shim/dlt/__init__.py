"""The `dlt` module as the local pipeline runner provides it (spark_local/pipeline.py puts this folder first on
sys.path). Decorators only record datasets and expectations on the active runner; nothing runs at import or
decoration time, as in a Lakeflow pipeline. `read`/`read_stream` ask the runner, which materialises the
named dataset first when it is defined in the pipeline.
"""
from __future__ import annotations

from typing import Any, Callable

LOCAL_RUNNER = True
_runner: Any = None


def _bind(runner: Any) -> None:
    """Called by spark_local.pipeline.PipelineRunner: decorators register on `runner` until unbound."""
    global _runner
    _runner = runner


def _active() -> Any:
    if _runner is None:
        raise RuntimeError("dlt: no pipeline is being loaded; run this notebook with spark_local.pipeline.PipelineRunner")
    return _runner


def _expectation(action: str, expectations: dict[str, str]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        recorded = list(getattr(function, "__dlt_expectations__", []))
        for name, condition in expectations.items():
            recorded.append((name, condition, action))
        function.__dlt_expectations__ = recorded  # type: ignore[attr-defined]
        return function

    return decorate


def expect(description: str, condition: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _expectation("warn", {description: condition})


def expect_or_drop(description: str, condition: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _expectation("drop", {description: condition})


def expect_or_fail(description: str, condition: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _expectation("fail", {description: condition})


def expect_all(expectations: dict[str, str]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _expectation("warn", expectations)


def expect_all_or_drop(expectations: dict[str, str]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _expectation("drop", expectations)


def expect_all_or_fail(expectations: dict[str, str]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _expectation("fail", expectations)


def _dataset(kind: str, query_function: Callable[..., Any] | None, options: dict[str, Any]) -> Any:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        _active().define(kind, function, options)
        return function

    return register(query_function) if query_function is not None else register


def table(query_function: Callable[..., Any] | None = None, **options: Any) -> Any:
    return _dataset("table", query_function, options)


def view(query_function: Callable[..., Any] | None = None, **options: Any) -> Any:
    return _dataset("view", query_function, options)


def read(name: str) -> Any:
    return _active().read(name, streaming=False)


def read_stream(name: str) -> Any:
    return _active().read(name, streaming=True)


def __getattr__(name: str) -> Any:
    # create_streaming_table, append_flow, apply_changes, ...: not used by this project's pipelines; fail loudly.
    raise AttributeError(f"dlt.{name} is not supported by the local pipeline runner (spark_local/shim/dlt)")
