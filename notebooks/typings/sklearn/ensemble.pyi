# scikit-learn 1.5 RandomForestClassifier (constructor keywords as documented).
from typing import Any, Literal

import numpy
from sklearn.base import BaseEstimator, ClassifierMixin

class RandomForestClassifier(ClassifierMixin, BaseEstimator):
    classes_: numpy.ndarray
    def __init__(
        self,
        n_estimators: int = 100,
        *,
        criterion: Literal["gini", "entropy", "log_loss"] = "gini",
        max_depth: int | None = None,
        min_samples_split: int | float = 2,
        min_samples_leaf: int | float = 1,
        max_features: Literal["sqrt", "log2"] | int | float | None = "sqrt",
        bootstrap: bool = True,
        n_jobs: int | None = None,
        random_state: int | None = None,
        class_weight: Literal["balanced", "balanced_subsample"] | dict[Any, float] | None = None,
    ) -> None: ...
    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> RandomForestClassifier: ...
    def predict(self, X: Any) -> numpy.ndarray: ...
    def predict_proba(self, X: Any) -> numpy.ndarray: ...
