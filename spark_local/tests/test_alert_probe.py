"""The alert probe's pure parts: which gold-view statements it runs, and when an alert fires."""
from __future__ import annotations

import unittest

from spark_local.alert_probe import fires, probed_statements

ALERT = {"key": "a", "column": "c", "operator": "GREATER_THAN", "threshold": 200.0}


class AlertProbeTest(unittest.TestCase):
    def test_an_alert_fires_past_its_threshold_only_and_never_without_a_value(self) -> None:
        self.assertTrue(fires(ALERT, 200.5))
        self.assertFalse(fires(ALERT, 200.0))
        self.assertFalse(fires(ALERT, None))
        self.assertTrue(fires({**ALERT, "operator": "LESS_THAN", "threshold": 80.0}, 79.9))

    def test_only_the_use_statements_and_the_views_the_alerts_read_are_run(self) -> None:
        statements = [{"line": n, "text": text} for n, text in enumerate([
            "USE CATALOG `c`", "USE SCHEMA `s`",
            "CREATE OR REPLACE VIEW v_daily_trends AS SELECT 1",
            "CREATE OR REPLACE VIEW v_last_hour_performance AS SELECT 1",
            "CREATE OR REPLACE VIEW v_active_alerts AS SELECT 2",
        ])]
        self.assertEqual(probed_statements(statements), ["USE CATALOG `c`", "USE SCHEMA `s`",
                                                         "CREATE OR REPLACE VIEW v_last_hour_performance AS SELECT 1",
                                                         "CREATE OR REPLACE VIEW v_active_alerts AS SELECT 2"])

    def test_a_gold_file_without_a_probed_view_is_refused_by_name(self) -> None:
        with self.assertRaisesRegex(ValueError, "v_active_alerts"):
            probed_statements([{"line": 1, "text": "CREATE OR REPLACE VIEW v_last_hour_performance AS SELECT 1"}])


if __name__ == "__main__":
    unittest.main()
