from enum import Enum
from typing import Any

class ChatMessageRole(Enum):
    ASSISTANT = "assistant"
    SYSTEM = "system"
    USER = "user"

class ChatMessage:
    content: str | None
    role: ChatMessageRole | None
    def __init__(self, *, content: str | None = None, role: ChatMessageRole | None = None) -> None: ...

class V1ResponseChoiceElement:
    finish_reason: str | None
    index: int | None
    message: ChatMessage | None
    text: str | None

class QueryEndpointResponse:
    choices: list[V1ResponseChoiceElement] | None
    predictions: list[Any] | None
    model: str | None

class EndpointStateConfigUpdate(Enum):
    IN_PROGRESS = "IN_PROGRESS"
    NOT_UPDATING = "NOT_UPDATING"
    UPDATE_CANCELED = "UPDATE_CANCELED"
    UPDATE_FAILED = "UPDATE_FAILED"

class EndpointStateReady(Enum):
    NOT_READY = "NOT_READY"
    READY = "READY"

class EndpointState:
    config_update: EndpointStateConfigUpdate | None
    ready: EndpointStateReady | None

class ServingEndpointDetailed:
    id: str | None
    name: str | None
    state: EndpointState | None

class ServingEndpointsAPI:
    def get(self, name: str) -> ServingEndpointDetailed: ...
    def query(
        self,
        name: str,
        *,
        dataframe_records: list[Any] | None = None,
        dataframe_split: Any = None,
        extra_params: dict[str, str] | None = None,
        input: Any = None,
        inputs: Any = None,
        instances: list[Any] | None = None,
        max_tokens: int | None = None,
        messages: list[ChatMessage] | None = None,
        n: int | None = None,
        prompt: Any = None,
        stop: list[str] | None = None,
        stream: bool | None = None,
        temperature: float | None = None,
    ) -> QueryEndpointResponse: ...
