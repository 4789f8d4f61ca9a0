from mlflow.store.entities import PagedList
from mlflow.entities.model_registry import ModelVersion

class MlflowClient:
    def __init__(self, tracking_uri: str | None = None, registry_uri: str | None = None) -> None: ...
    def search_model_versions(
        self,
        filter_string: str | None = None,
        max_results: int = ...,
        order_by: list[str] | None = None,
        page_token: str | None = None,
    ) -> PagedList[ModelVersion]: ...
    def set_registered_model_alias(self, name: str, alias: str, version: str | int) -> None: ...
    def get_model_version_by_alias(self, name: str, alias: str) -> ModelVersion: ...
