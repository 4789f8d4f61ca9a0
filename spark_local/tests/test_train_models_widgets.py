"""notebooks/train_models.py refuses to run without the row threshold its job passes (min_training_rows): the
notebook has no default of its own, so a run started any other way fails naming the widget, before it reads
a table. The notebook runs as a job would run it, up to its first use of Spark."""
from __future__ import annotations

import unittest
from pathlib import Path
from typing import Any

from spark_local.notebook import run_notebook

TRAIN_MODELS = Path(__file__).resolve().parents[2] / "notebooks" / "train_models.py"
# The other widgets as its job passes them; only min_training_rows varies between the cases.
OTHER_WIDGETS = {"catalog": "main", "schema": "payments", "lookback_days": "30", "max_rows": "500000", "n_estimators": "100", "min_samples_split": "5"}


class ReachedSpark(Exception):
    """The notebook got past its widget checks and asked Spark for something."""


class SparkTripwire:
    def __getattr__(self, name: str) -> Any:
        raise ReachedSpark(name)


def run_with(widgets: dict[str, str]) -> None:
    run_notebook(TRAIN_MODELS, SparkTripwire(), {**OTHER_WIDGETS, **widgets})


class TrainingThresholdWidgetTest(unittest.TestCase):
    def test_a_run_without_the_threshold_fails_naming_the_widget(self) -> None:
        with self.assertRaises(ValueError) as caught:
            run_with({})
        self.assertIn("widget 'min_training_rows' is not set", str(caught.exception))

    def test_a_threshold_that_is_not_a_positive_integer_fails_naming_the_widget(self) -> None:
        for value, expected in [("0", "must be greater than 0"), ("-5", "must be greater than 0"), ("fifty", "is not an integer"), ("12.5", "is not an integer"), ("  ", "is not set")]:
            with self.subTest(value=value), self.assertRaises(ValueError) as caught:
                run_with({"min_training_rows": value})
            self.assertIn("widget 'min_training_rows'", str(caught.exception))
            self.assertIn(expected, str(caught.exception))

    def test_a_valid_threshold_gets_past_the_checks_to_the_silver_table(self) -> None:
        with self.assertRaises(ReachedSpark):
            run_with({"min_training_rows": "50"})


if __name__ == "__main__":
    unittest.main()
