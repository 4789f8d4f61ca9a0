# databricks-sdk (Python) WorkspaceClient: only the services the notebooks call.
from typing import Any, BinaryIO

from databricks.sdk.service.iam import CurrentUserAPI
from databricks.sdk.service.serving import ServingEndpointsAPI
from databricks.sdk.service.sql import StatementExecutionAPI

class ApiClient:
    def do(
        self,
        method: str,
        path: str | None = None,
        url: str | None = None,
        query: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
        raw: bool = False,
        files: Any = None,
        data: Any = None,
        auth: Any = None,
        response_headers: list[str] | None = None,
    ) -> dict[str, Any] | BinaryIO: ...

class WorkspaceClient:
    def __init__(self, *, host: str | None = None, token: str | None = None, profile: str | None = None, **kwargs: Any) -> None: ...
    @property
    def api_client(self) -> ApiClient: ...
    @property
    def statement_execution(self) -> StatementExecutionAPI: ...
    @property
    def serving_endpoints(self) -> ServingEndpointsAPI: ...
    @property
    def current_user(self) -> CurrentUserAPI: ...
