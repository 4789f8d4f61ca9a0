"""The checks of the local Spark run: SQL dialect rewrite, workspace-only objects, served model outputs,
and the comparison of what Spark created with the data contract."""
from __future__ import annotations

import json
import shutil
import tempfile
import unittest
from pathlib import Path

import numpy as np

from spark_local.run_all import AGENT_DATA_MARKER, Outcome, check_contract, check_rules_given_to_agents, local_statement, served_output_problem
from spark_local.session import LOCAL_CATALOG, start_session, use_schema

SCHEMA = "contract_test"


def agent_prompt(evidence: dict[str, list[dict[str, str]]]) -> list[dict[str, str]]:
    return [{"role": "system", "content": "You are an analyst."}, {"role": "user", "content": f"Question: q\n\n{AGENT_DATA_MARKER}{json.dumps(evidence)}"}]


class RulesGivenToAgentsTest(unittest.TestCase):
    RULES = {"active": {"routing": ["Route Amex"], "retry": ["Retry later"]}, "inactive": ["Old rule"]}

    def failures(self, prompts: list[list[dict[str, str]]]) -> list[str]:
        outcome = Outcome()
        check_rules_given_to_agents(prompts, {"routing": "routing_rules", "retry": "retry_rules"}, self.RULES, outcome)
        return outcome.failures

    def test_each_active_rule_reaching_its_agent_passes(self) -> None:
        prompts = [agent_prompt({"routing_rules": [{"name": "Route Amex"}]}), agent_prompt({"retry_rules": [{"name": "Retry later"}]})]
        self.assertEqual(self.failures(prompts), [])

    def test_a_rule_shown_under_another_tool_does_not_count(self) -> None:
        prompts = [agent_prompt({"routing_rules": [{"name": "Route Amex"}, {"name": "Retry later"}]})]
        failures = self.failures(prompts)
        self.assertEqual(len(failures), 1)
        self.assertIn("retry_rules", failures[0])

    def test_a_disabled_rule_reaching_an_agent_fails(self) -> None:
        prompts = [agent_prompt({"routing_rules": [{"name": "Route Amex"}, {"name": "Old rule"}], "retry_rules": [{"name": "Retry later"}]})]
        self.assertEqual(len(self.failures(prompts)), 1)
        self.assertIn("Old rule", self.failures(prompts)[0])


class SqlTest(unittest.TestCase):
    def test_use_catalog_becomes_use(self) -> None:
        self.assertEqual(local_statement("USE CATALOG `spark_catalog`"), "USE `spark_catalog`")
        self.assertEqual(local_statement("use catalog spark_catalog"), "USE spark_catalog")

    def test_other_statements_run_as_written(self) -> None:
        for text in ["USE SCHEMA `s`", "SELECT 'USE CATALOG x'", "USE catalog_x"]:
            self.assertEqual(local_statement(text), text)

    def test_labels_from_a_probability_model_are_a_problem(self) -> None:
        problem = served_output_problem(np.array([1, 0, 1]), "Probability that the issuer approves the transaction.")
        self.assertIsNotNone(problem)
        self.assertIn("class labels rather than probabilities", problem or "")

    def test_probabilities_pass(self) -> None:
        self.assertIsNone(served_output_problem(np.array([[0.1, 0.9], [0.6, 0.4]]), "Probability that x"))

    def test_rows_that_do_not_sum_to_one_are_a_problem(self) -> None:
        self.assertIn("do not sum to 1", served_output_problem(np.array([[0.1, 0.2]]), "Probability that x") or "")

    def test_a_label_model_may_return_labels(self) -> None:
        self.assertIsNone(served_output_problem(np.array(["passkey", "3ds"]), "Payment solution that approved similar transactions"))


class ContractTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.work = Path(tempfile.mkdtemp(prefix="spark-local-contract-"))
        cls.spark = start_session(cls.work)
        use_schema(cls.spark, LOCAL_CATALOG, SCHEMA)
        cls.spark.sql(f"CREATE TABLE `{SCHEMA}`.orders (id INT, code STRING) USING delta")

    @classmethod
    def tearDownClass(cls) -> None:
        cls.spark.stop()
        shutil.rmtree(cls.work, ignore_errors=True)

    def check(self, contract: list[dict], produced: set[str] | None = None) -> list[str]:
        outcome = Outcome()
        check_contract(self.spark, {"contract": contract}, SCHEMA, produced or set(), outcome)
        return outcome.failures

    @staticmethod
    def dataset(name: str, columns: list[tuple[str, str]], producer: str = "sql/x.sql") -> dict:
        return {"name": name, "kind": "table", "producer": producer, "columns": [{"name": n, "type": t, "nullable": True} for n, t in columns]}

    def test_matching_columns_pass(self) -> None:
        self.assertEqual(self.check([self.dataset("orders", [("id", "int"), ("code", "string")])]), [])

    def test_a_renamed_column_fails_naming_its_position(self) -> None:
        failures = self.check([self.dataset("orders", [("id", "int"), ("order_code", "string")])])
        self.assertEqual(len(failures), 1)
        self.assertIn("#2: created ('code', 'string'), contract ('order_code', 'string')", failures[0])

    def test_a_different_type_fails(self) -> None:
        self.assertIn("('id', 'bigint')", self.check([self.dataset("orders", [("id", "bigint"), ("code", "string")])])[0])

    def test_a_table_the_contract_does_not_know_fails(self) -> None:
        self.assertIn("contract/ has no dataset of that name", self.check([])[0])

    def test_a_dataset_its_producer_did_not_create_fails(self) -> None:
        contract = [self.dataset("orders", [("id", "int"), ("code", "string")]), self.dataset("refunds", [("id", "int")], "sql/r.sql")]
        self.assertIn("sql/r.sql ran but did not create it", self.check(contract, {"sql/r.sql"})[0])


if __name__ == "__main__":
    unittest.main()
