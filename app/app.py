"""Payment Analysis app: executive KPIs from the gold views and the state of the four model endpoints.

Runs on Databricks Apps with the identity of the app's service principal; every setting comes from the
resource bindings in app.yaml. Only the standard library and the Databricks SDK are used.
"""

import html
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List

from databricks.sdk import WorkspaceClient
from databricks.sdk.service.sql import StatementState

ENDPOINT_VARIABLES = [
    "APPROVAL_PROPENSITY_ENDPOINT",
    "RISK_SCORING_ENDPOINT",
    "SMART_ROUTING_ENDPOINT",
    "SMART_RETRY_ENDPOINT",
]


def required_env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"{name} is not set: the app must be deployed with its resource bindings (see app.yaml)")
    return value


def schema_of(volume_full_name: str) -> str:
    """The bound reports volume is <catalog>.<schema>.reports; the views live in the same schema."""
    parts = volume_full_name.split(".")
    if len(parts) != 3:
        raise RuntimeError(f"REPORTS_VOLUME should be <catalog>.<schema>.<volume>, got {volume_full_name!r}")
    return f"`{parts[0]}`.`{parts[1]}`"


def executive_kpis(client: WorkspaceClient) -> Dict[str, Any]:
    statement = f"SELECT * FROM {schema_of(required_env('REPORTS_VOLUME'))}.v_executive_kpis LIMIT 1"
    response = client.statement_execution.execute_statement(
        statement=statement, warehouse_id=required_env("DATABRICKS_WAREHOUSE_ID"), wait_timeout="30s"
    )
    status = response.status
    if status is None or status.state != StatementState.SUCCEEDED:
        message = status.error.message if status is not None and status.error is not None else "no status"
        raise RuntimeError(f"v_executive_kpis query did not succeed: {message}")
    manifest = response.manifest
    result = response.result
    if manifest is None or manifest.schema is None or manifest.schema.columns is None:
        raise RuntimeError("v_executive_kpis returned no schema")
    names = [column.name or "" for column in manifest.schema.columns]
    rows = result.data_array if result is not None and result.data_array is not None else []
    if not rows:
        return {}
    return dict(zip(names, rows[0]))


def endpoint_states(client: WorkspaceClient) -> List[Dict[str, str]]:
    states: List[Dict[str, str]] = []
    for variable in ENDPOINT_VARIABLES:
        name = required_env(variable)
        endpoint = client.serving_endpoints.get(name)
        ready = endpoint.state.ready.value if endpoint.state is not None and endpoint.state.ready is not None else "UNKNOWN"
        states.append({"endpoint": name, "ready": ready})
    return states


class Handler(BaseHTTPRequestHandler):
    client = WorkspaceClient()

    def send(self, status: int, content_type: str, body: str) -> None:
        encoded = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(encoded)))
        self.end_headers()
        self.wfile.write(encoded)

    def do_GET(self) -> None:
        try:
            if self.path == "/api/health":
                self.send(200, "application/json", json.dumps({"status": "ok"}))
            elif self.path == "/api/kpis":
                self.send(200, "application/json", json.dumps(executive_kpis(self.client)))
            elif self.path == "/api/endpoints":
                self.send(200, "application/json", json.dumps(endpoint_states(self.client)))
            elif self.path == "/":
                kpis = executive_kpis(self.client)
                rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in kpis.items())
                self.send(200, "text/html", f"<h1>Payment Analysis</h1><table>{rows}</table>")
            else:
                self.send(404, "application/json", json.dumps({"error": f"no route {self.path}"}))
        except Exception as error:  # the error is reported to the caller and logged, never hidden
            self.log_error("request %s failed: %s", self.path, error)
            self.send(500, "application/json", json.dumps({"error": str(error)}))


def main() -> None:
    port = int(os.environ.get("DATABRICKS_APP_PORT", "8000"))
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
