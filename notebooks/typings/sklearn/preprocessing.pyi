from typing import Any, Literal

from sklearn.base import BaseEstimator, TransformerMixin

class OneHotEncoder(TransformerMixin, BaseEstimator):
    def __init__(
        self,
        *,
        categories: Literal["auto"] | list[Any] = "auto",
        drop: Any = None,
        sparse_output: bool = True,
        dtype: Any = ...,
        handle_unknown: Literal["error", "ignore", "infrequent_if_exist"] = "error",
        min_frequency: int | float | None = None,
        max_categories: int | None = None,
    ) -> None: ...
