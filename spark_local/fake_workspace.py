"""A stand-in for the workspace APIs the agent and Genie notebooks call, served on 127.0.0.1 so the notebook runs with
the real databricks-sdk client (DATABRICKS_HOST points here):

* SQL Statement Execution (`POST /api/2.0/sql/statements/`): the statement runs on the local Spark session with
  its named parameters bound by Spark (`spark.sql(text, args)`), so the agents' queries meet Spark's parser and
  analyser; the answer has the API's shape (state, manifest columns, rows as strings).
* Model serving chat (`POST /serving-endpoints/<name>/invocations`): a fake LLM that answers every prompt with a
  fixed sentence naming how many characters of data it was given, and records the prompts.
* Genie spaces (`GET`/`POST /api/2.0/genie/spaces`, `PATCH /api/2.0/genie/spaces/<id>`): kept in memory, so a
  second sync finds the space the first created; every create and update body is recorded.

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
from urllib.parse import parse_qs, urlsplit

# Statement parameter types the agents use -> how the value string becomes a Python value for spark.sql(args=...).
PARAMETER_TYPES: dict[str, Callable[[str], Any]] = {"STRING": str, "INT": int, "BIGINT": int, "DOUBLE": float}


@dataclass
class Recorded:
    statements: list[dict[str, Any]] = field(default_factory=list)
    prompts: list[list[dict[str, str]]] = field(default_factory=list)
    genie_spaces: dict[str, dict[str, Any]] = field(default_factory=dict)
    """space_id -> the last body created or patched (title, description, warehouse_id, serialized_space)."""
    genie_writes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """('POST' | 'PATCH <space_id>', body) in call order."""


GENIE_SPACES = "/api/2.0/genie/spaces"
# The Genie API's required fields of a space body.
GENIE_SPACE_FIELDS = ("title", "warehouse_id", "serialized_space")


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


def genie_request(method: str, path: str, query: dict[str, list[str]], body: dict[str, Any], recorded: Recorded) -> tuple[int, dict[str, Any]]:
    if method == "GET" and path == GENIE_SPACES:
        # One page holds every space: the stand-in never has more than page_size of them.
        size = int((query.get("page_size") or ["100"])[0])
        if len(recorded.genie_spaces) > size:
            return 400, {"error_code": "INVALID_PARAMETER_VALUE", "message": f"the stand-in serves one page; {len(recorded.genie_spaces)} spaces > page_size {size}"}
        return 200, {"spaces": [{"space_id": space_id, "title": space["title"]} for space_id, space in recorded.genie_spaces.items()]}
    missing = [name for name in GENIE_SPACE_FIELDS if not body.get(name)]
    if method == "POST" and path == GENIE_SPACES:
        if missing:
            return 400, {"error_code": "INVALID_PARAMETER_VALUE", "message": f"a new space needs {missing}"}
        space_id = uuid.uuid4().hex
        recorded.genie_spaces[space_id] = body
        recorded.genie_writes.append(("POST", body))
        return 200, {"space_id": space_id, "title": body["title"]}
    if method == "PATCH" and path.startswith(GENIE_SPACES + "/"):
        space_id = path[len(GENIE_SPACES) + 1:]
        if space_id not in recorded.genie_spaces:
            return 404, {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": f"no Genie space {space_id}"}
        recorded.genie_spaces[space_id] = {**recorded.genie_spaces[space_id], **body}
        recorded.genie_writes.append((f"PATCH {space_id}", body))
        return 200, {"space_id": space_id, "title": recorded.genie_spaces[space_id]["title"]}
    return 404, {"error_code": "NOT_FOUND", "message": f"the local stand-in does not serve {method} {path}"}


@contextmanager
def fake_workspace(spark: Any) -> Iterator[tuple[str, Recorded]]:
    """Serves the stand-in on a free port; yields its base URL and what it recorded."""
    recorded = Recorded()

    class Handler(BaseHTTPRequestHandler):
        def body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            return json.loads(self.rfile.read(length) or b"{}")

        def genie(self, method: str, body: dict[str, Any]) -> None:
            url = urlsplit(self.path)
            self.answer(*genie_request(method, url.path.rstrip("/"), parse_qs(url.query), body, recorded))

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.body()
            if self.path.startswith(GENIE_SPACES):
                self.genie("POST", body)
            elif self.path.rstrip("/") == "/api/2.0/sql/statements":
                self.answer(200, statement_response(spark, body, recorded))
            elif self.path.startswith("/serving-endpoints/") and self.path.endswith("/invocations"):
                self.answer(200, chat_response(body, recorded))
            else:
                self.answer(404, {"error_code": "NOT_FOUND", "message": f"the local stand-in does not serve POST {self.path}"})

        def do_GET(self) -> None:  # noqa: N802
            if self.path.startswith(GENIE_SPACES):
                self.genie("GET", {})
            else:
                self.answer(404, {"error_code": "NOT_FOUND", "message": f"the local stand-in does not serve GET {self.path}"})

        def do_PATCH(self) -> None:  # noqa: N802
            self.genie("PATCH", self.body())

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
