"""A stand-in for the two workspace APIs the agent notebook calls, served on 127.0.0.1 so the notebook runs with
the real databricks-sdk client (DATABRICKS_HOST points here):

* SQL Statement Execution (`POST /api/2.0/sql/statements/`): the statement runs on the local Spark session with
  its named parameters bound by Spark (`spark.sql(text, args)`), so the agents' queries meet Spark's parser and
  analyser; the answer has the API's shape (state, manifest columns, rows as strings).
* Model serving chat (`POST /serving-endpoints/<name>/invocations`): a fake LLM that answers every prompt with a
  fixed sentence naming how many characters of data it was given, and records the prompts.

Anything else gets a 404 naming the path, so a new API call in the notebook fails loudly.
"""
from __future__ import annotations

import json
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterator

# Statement parameter types the agents use -> how the value string becomes a Python value for spark.sql(args=...).
PARAMETER_TYPES: dict[str, Callable[[str], Any]] = {"STRING": str, "INT": int, "BIGINT": int, "DOUBLE": float}


@dataclass
class Recorded:
    statements: list[dict[str, Any]] = field(default_factory=list)
    prompts: list[list[dict[str, str]]] = field(default_factory=list)


def statement_response(spark: Any, body: dict[str, Any], recorded: Recorded) -> dict[str, Any]:
    statement_id = str(uuid.uuid4())
    args: dict[str, Any] = {}
    for parameter in body.get("parameters") or []:
        kind = parameter.get("type", "STRING").upper()
        if kind not in PARAMETER_TYPES:
            return failed(statement_id, f"parameter {parameter['name']}: type {kind} is not one of {sorted(PARAMETER_TYPES)}")
        args[parameter["name"]] = PARAMETER_TYPES[kind](parameter["value"])
    try:
        spark.sql(f"USE `{body['catalog']}`.`{body['schema']}`")
        frame = spark.sql(body["statement"], args=args)
        rows = frame.collect()
    except Exception as error:  # noqa: BLE001 - the API reports a failed statement, the notebook raises it
        recorded.statements.append({"statement": body["statement"], "error": str(error).splitlines()[0]})
        return failed(statement_id, str(error).splitlines()[0])
    recorded.statements.append({"statement": body["statement"], "rows": len(rows)})
    columns = [{"name": f.name, "type_name": f.dataType.typeName().upper(), "position": i} for i, f in enumerate(frame.schema.fields)]
    data = [[None if value is None else str(value) for value in row] for row in rows]
    return {
        "statement_id": statement_id,
        "status": {"state": "SUCCEEDED"},
        "manifest": {"format": "JSON_ARRAY", "schema": {"column_count": len(columns), "columns": columns}, "total_row_count": len(data)},
        "result": {"row_count": len(data), "data_array": data},
    }


def failed(statement_id: str, message: str) -> dict[str, Any]:
    return {"statement_id": statement_id, "status": {"state": "FAILED", "error": {"error_code": "BAD_REQUEST", "message": message}}}


def chat_response(body: dict[str, Any], recorded: Recorded) -> dict[str, Any]:
    messages = body.get("messages") or []
    recorded.prompts.append(messages)
    data = sum(len(m.get("content", "")) for m in messages if m.get("role") == "user")
    return {
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": f"Fake analysis of {data} characters of data."}, "finish_reason": "stop"}],
    }


@contextmanager
def fake_workspace(spark: Any) -> Iterator[tuple[str, Recorded]]:
    """Serves the stand-in on a free port; yields its base URL and what it recorded."""
    recorded = Recorded()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path.rstrip("/") == "/api/2.0/sql/statements":
                self.answer(200, statement_response(spark, body, recorded))
            elif self.path.startswith("/serving-endpoints/") and self.path.endswith("/invocations"):
                self.answer(200, chat_response(body, recorded))
            else:
                self.answer(404, {"error_code": "NOT_FOUND", "message": f"the local stand-in does not serve POST {self.path}"})

        def do_GET(self) -> None:  # noqa: N802
            self.answer(404, {"error_code": "NOT_FOUND", "message": f"the local stand-in does not serve GET {self.path}"})

        def answer(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
            return  # requests are recorded, not logged

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", recorded
    finally:
        server.shutdown()
        server.server_close()
