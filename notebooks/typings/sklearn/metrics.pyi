from typing import Any, Literal

def accuracy_score(y_true: Any, y_pred: Any, *, normalize: bool = True, sample_weight: Any = None) -> float: ...
def precision_score(
    y_true: Any, y_pred: Any, *, labels: Any = None, pos_label: Any = 1, average: str | None = "binary",
    sample_weight: Any = None, zero_division: Literal["warn", 0, 1] | float = "warn",
) -> float: ...
def recall_score(
    y_true: Any, y_pred: Any, *, labels: Any = None, pos_label: Any = 1, average: str | None = "binary",
    sample_weight: Any = None, zero_division: Literal["warn", 0, 1] | float = "warn",
) -> float: ...
def f1_score(
    y_true: Any, y_pred: Any, *, labels: Any = None, pos_label: Any = 1, average: str | None = "binary",
    sample_weight: Any = None, zero_division: Literal["warn", 0, 1] | float = "warn",
) -> float: ...
def roc_auc_score(
    y_true: Any, y_score: Any, *, average: str | None = "macro", sample_weight: Any = None,
    max_fpr: float | None = None, multi_class: Literal["raise", "ovr", "ovo"] = "raise", labels: Any = None,
) -> float: ...
