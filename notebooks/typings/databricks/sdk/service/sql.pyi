from enum import Enum

class StatementState(Enum):
    CANCELED = "CANCELED"
    CLOSED = "CLOSED"
    FAILED = "FAILED"
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"

class Disposition(Enum):
    EXTERNAL_LINKS = "EXTERNAL_LINKS"
    INLINE = "INLINE"

class Format(Enum):
    ARROW_STREAM = "ARROW_STREAM"
    CSV = "CSV"
    JSON_ARRAY = "JSON_ARRAY"

class ExecuteStatementRequestOnWaitTimeout(Enum):
    CANCEL = "CANCEL"
    CONTINUE = "CONTINUE"

class StatementParameterListItem:
    name: str
    type: str | None
    value: str | None
    def __init__(self, name: str, type: str | None = None, value: str | None = None) -> None: ...

class ServiceError:
    error_code: object | None
    message: str | None

class StatementStatus:
    error: ServiceError | None
    state: StatementState | None

class ColumnInfo:
    name: str | None
    type_name: object | None
    position: int | None

class ResultSchema:
    column_count: int | None
    columns: list[ColumnInfo] | None

class ResultManifest:
    schema: ResultSchema | None
    total_row_count: int | None
    truncated: bool | None

class ResultData:
    data_array: list[list[str | None]] | None
    row_count: int | None

class StatementResponse:
    manifest: ResultManifest | None
    result: ResultData | None
    statement_id: str | None
    status: StatementStatus | None

class StatementExecutionAPI:
    def execute_statement(
        self,
        statement: str,
        warehouse_id: str,
        *,
        byte_limit: int | None = None,
        catalog: str | None = None,
        disposition: Disposition | None = None,
        format: Format | None = None,
        on_wait_timeout: ExecuteStatementRequestOnWaitTimeout | None = None,
        parameters: list[StatementParameterListItem] | None = None,
        row_limit: int | None = None,
        schema: str | None = None,
        wait_timeout: str | None = None,
    ) -> StatementResponse: ...
    def get_statement(self, statement_id: str) -> StatementResponse: ...
    def cancel_execution(self, statement_id: str) -> None: ...
