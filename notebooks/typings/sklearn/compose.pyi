from typing import Any, Literal

from sklearn.base import BaseEstimator, TransformerMixin

class ColumnTransformer(TransformerMixin, BaseEstimator):
    def __init__(
        self,
        transformers: list[tuple[str, Any, Any]],
        *,
        remainder: Literal["drop", "passthrough"] | BaseEstimator = "drop",
        sparse_threshold: float = 0.3,
        n_jobs: int | None = None,
        verbose_feature_names_out: bool = True,
    ) -> None: ...
