"""The workspace stand-in, driven through the real databricks-sdk client as the agent notebook drives it; a
recording fake of the Spark session stands in for Spark (the full run uses the real one)."""
from __future__ import annotations

import unittest
from types import SimpleNamespace
from typing import Any

from databricks.sdk import WorkspaceClient
from databricks.sdk.service.serving import ChatMessage, ChatMessageRole
from databricks.sdk.service.sql import StatementParameterListItem, StatementState

from spark_local.fake_workspace import fake_workspace


class RecordingSpark:
    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail_on = fail_on

    def sql(self, text: str, args: dict[str, Any] | None = None) -> Any:
        self.calls.append((text, dict(args or {})))
        if self.fail_on is not None and self.fail_on in text:
            raise RuntimeError(f"[UNRESOLVED_COLUMN] {self.fail_on} cannot be resolved\nJVM stack")
        fields = [SimpleNamespace(name="segment", dataType=SimpleNamespace(typeName=lambda: "string")),
                  SimpleNamespace(name="total", dataType=SimpleNamespace(typeName=lambda: "double"))]
        return SimpleNamespace(collect=lambda: [("Retail", 1.5), ("Travel", None)], schema=SimpleNamespace(fields=fields))


def client(url: str) -> WorkspaceClient:
    return WorkspaceClient(host=url, token="local-stand-in", auth_type="pat")


class FakeWorkspaceTest(unittest.TestCase):
    def test_a_statement_runs_on_spark_with_typed_parameters_and_answers_rows_as_strings(self) -> None:
        spark = RecordingSpark()
        with fake_workspace(spark) as (url, recorded):
            response = client(url).statement_execution.execute_statement(
                statement="SELECT segment, total FROM t WHERE total >= :min_total AND days < :days",
                warehouse_id="local",
                catalog="spark_catalog",
                schema="s",
                parameters=[StatementParameterListItem(name="min_total", type="DOUBLE", value="1"), StatementParameterListItem(name="days", type="INT", value="7")],
            )
        assert response.status is not None and response.manifest is not None and response.manifest.schema is not None
        self.assertEqual(response.status.state, StatementState.SUCCEEDED)
        self.assertEqual([c.name for c in response.manifest.schema.columns or []], ["segment", "total"])
        self.assertEqual(response.result.data_array if response.result else None, [["Retail", "1.5"], ["Travel", None]])
        self.assertEqual(spark.calls[0][0], "USE `spark_catalog`.`s`")
        self.assertEqual(spark.calls[1][1], {"min_total": 1.0, "days": 7})
        self.assertEqual(recorded.statements[0]["rows"], 2)

    def test_an_analyser_error_is_a_failed_statement_with_spark_s_message(self) -> None:
        with fake_workspace(RecordingSpark(fail_on="retry_attempt")) as (url, _):
            response = client(url).statement_execution.execute_statement(statement="SELECT retry_attempt FROM v", warehouse_id="w", catalog="c", schema="s")
        assert response.status is not None and response.status.error is not None
        self.assertEqual(response.status.state, StatementState.FAILED)
        self.assertEqual(response.status.error.message, "[UNRESOLVED_COLUMN] retry_attempt cannot be resolved")

    def test_the_fake_llm_answers_a_chat_and_records_the_prompt(self) -> None:
        with fake_workspace(RecordingSpark()) as (url, recorded):
            answer = client(url).serving_endpoints.query(
                name="fake-llm",
                messages=[ChatMessage(role=ChatMessageRole.SYSTEM, content="You are..."), ChatMessage(role=ChatMessageRole.USER, content="rows: []")],
            )
        assert answer.choices and answer.choices[0].message is not None
        self.assertEqual(answer.choices[0].message.content, "Fake analysis of 8 characters of data.")
        self.assertEqual(recorded.prompts[0][1]["content"], "rows: []")

    def test_a_genie_space_created_is_listed_then_patched_in_place(self) -> None:
        body = {"title": "Payment Analytics", "warehouse_id": "w1", "serialized_space": "{}"}
        with fake_workspace(RecordingSpark()) as (url, recorded):
            api = client(url).api_client
            created = api.do("POST", "/api/2.0/genie/spaces", body=body)
            listed = api.do("GET", "/api/2.0/genie/spaces", query={"page_size": 100})
            assert isinstance(created, dict), created  # the API answers JSON, which the client decodes to a dict
            space_id = created["space_id"]
            api.do("PATCH", f"/api/2.0/genie/spaces/{space_id}", body={**body, "description": "new"})
        self.assertEqual(listed, {"spaces": [{"space_id": space_id, "title": "Payment Analytics"}]})
        self.assertEqual(recorded.genie_spaces[space_id]["description"], "new")
        self.assertEqual([write for write, _ in recorded.genie_writes], ["POST", f"PATCH {space_id}"])

    def test_a_genie_space_without_a_warehouse_or_an_unknown_id_is_refused(self) -> None:
        with fake_workspace(RecordingSpark()) as (url, _):
            api = client(url).api_client
            with self.assertRaisesRegex(Exception, "needs \\['warehouse_id'\\]"):
                api.do("POST", "/api/2.0/genie/spaces", body={"title": "t", "serialized_space": "{}"})
            with self.assertRaisesRegex(Exception, "no Genie space nope"):
                api.do("PATCH", "/api/2.0/genie/spaces/nope", body={"title": "t"})

    def test_an_api_it_does_not_serve_is_a_404_naming_the_path(self) -> None:
        with fake_workspace(RecordingSpark()) as (url, _):
            with self.assertRaisesRegex(Exception, "does not serve GET /api/2.1/clusters/list"):
                list(client(url).clusters.list())


if __name__ == "__main__":
    unittest.main()
