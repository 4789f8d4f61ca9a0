"""The notebook runner: cell splitting, %pip checks, widgets and notebook.exit (no Spark needed)."""
from __future__ import annotations

import tempfile
import textwrap
import traceback
import unittest
from importlib import metadata
from pathlib import Path

from spark_local.notebook import NotebookError, check_installed, pip_requirements, run_notebook, split_cells

NOTEBOOK = textwrap.dedent(
    """\
    # Databricks notebook source
    # MAGIC %md
    # MAGIC # Title

    # COMMAND ----------

    # MAGIC %pip install --quiet mlflow==2.19.0 scikit-learn==1.5.2

    # COMMAND ----------

    dbutils.widgets.text("catalog", "main", "Catalog")
    value = dbutils.widgets.get("catalog")

    # COMMAND ----------

    dbutils.notebook.exit(value + "!")

    # COMMAND ----------

    raise AssertionError("cells after notebook.exit must not run")
    """
)


def write(text: str) -> Path:
    folder = Path(tempfile.mkdtemp())
    path = folder / "notebook.py"
    path.write_text(text, encoding="utf-8")
    return path


def versions(installed: dict[str, str]):
    def version_of(name: str) -> str:
        if name not in installed:
            raise metadata.PackageNotFoundError(name)
        return installed[name]

    return version_of


class SplitCellsTest(unittest.TestCase):
    def test_kinds_and_first_lines(self) -> None:
        cells = split_cells(NOTEBOOK)
        self.assertEqual([(c.kind, c.line) for c in cells], [("md", 2), ("pip", 7), ("python", 11), ("python", 16), ("python", 20)])
        self.assertTrue(cells[2].source.lstrip().startswith('dbutils.widgets.text("catalog"'))

    def test_separator_inside_a_string_is_still_a_separator_only_on_its_own_line(self) -> None:
        cells = split_cells("# Databricks notebook source\nx = '# COMMAND ----------'\n")
        self.assertEqual(len(cells), 1)

    def test_missing_header_is_refused(self) -> None:
        with self.assertRaisesRegex(NotebookError, "first line must be"):
            split_cells("print(1)\n")

    def test_a_cell_mixing_magic_and_python_is_refused(self) -> None:
        with self.assertRaisesRegex(NotebookError, "mixes '# MAGIC' lines with Python"):
            split_cells("# Databricks notebook source\n# MAGIC %md\nprint(1)\n")

    def test_pip_requirements_drop_options(self) -> None:
        pip = split_cells(NOTEBOOK)[1]
        self.assertEqual(pip_requirements(pip), ["mlflow==2.19.0", "scikit-learn==1.5.2"])


class CheckInstalledTest(unittest.TestCase):
    def test_exact_pins_pass(self) -> None:
        self.assertEqual(check_installed(["mlflow==2.19.0"], versions({"mlflow": "2.19.0"})), [])

    def test_a_different_version_is_a_problem(self) -> None:
        problems = check_installed(["mlflow==2.19.0"], versions({"mlflow": "3.1.0"}))
        self.assertEqual(len(problems), 1)
        self.assertIn("mlflow 3.1.0 is installed but the notebook installs mlflow==2.19.0", problems[0])

    def test_a_missing_package_is_a_problem(self) -> None:
        self.assertIn("not installed", check_installed(["databricks-sdk==0.40.0"], versions({}))[0])


class RunNotebookTest(unittest.TestCase):
    def test_runs_cells_in_one_namespace_until_exit(self) -> None:
        result = run_notebook(write(NOTEBOOK), spark=None, widgets={"catalog": "dev"}, version_of=versions({"mlflow": "2.19.0", "scikit-learn": "1.5.2"}))
        self.assertEqual(result.exit_value, "dev!")
        self.assertEqual(result.namespace["value"], "dev")

    def test_widget_default_applies_when_no_value_is_given(self) -> None:
        result = run_notebook(write(NOTEBOOK), spark=None, version_of=versions({"mlflow": "2.19.0", "scikit-learn": "1.5.2"}))
        self.assertEqual(result.exit_value, "main!")

    def test_a_pip_cell_fails_when_the_pinned_version_is_not_installed(self) -> None:
        with self.assertRaisesRegex(NotebookError, "scikit-learn 1.6.0 is installed"):
            run_notebook(write(NOTEBOOK), spark=None, version_of=versions({"mlflow": "2.19.0", "scikit-learn": "1.6.0"}))

    def test_a_value_for_an_undefined_widget_fails(self) -> None:
        with self.assertRaisesRegex(NotebookError, "catalgo"):
            run_notebook(write(NOTEBOOK), spark=None, widgets={"catalgo": "x"}, version_of=versions({"mlflow": "2.19.0", "scikit-learn": "1.5.2"}))

    def test_reading_an_undefined_widget_fails(self) -> None:
        with self.assertRaisesRegex(KeyError, "schema"):
            run_notebook(write("# Databricks notebook source\ndbutils.widgets.get('schema')\n"), spark=None)

    def test_errors_carry_the_notebook_line(self) -> None:
        path = write("# Databricks notebook source\nx = 1\n\n# COMMAND ----------\n\ny = 1 / 0\n")
        try:
            run_notebook(path, spark=None)
        except ZeroDivisionError as error:
            frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == str(path)]
            self.assertEqual([frame.lineno for frame in frames], [6])
        else:
            self.fail("the division by zero in cell 2 did not propagate")

    def test_a_notebook_imports_a_module_beside_it(self) -> None:
        path = write("# Databricks notebook source\nfrom beside_module_for_test import VALUE\ndbutils.notebook.exit(VALUE)\n")
        (path.parent / "beside_module_for_test.py").write_text('VALUE = "from the module"\n', encoding="utf-8")
        self.assertEqual(run_notebook(path, spark=None).exit_value, "from the module")

    def test_unsupported_magic_is_refused(self) -> None:
        with self.assertRaisesRegex(NotebookError, "%sql"):
            run_notebook(write("# Databricks notebook source\n# MAGIC %sql\n# MAGIC SELECT 1\n"), spark=None)


if __name__ == "__main__":
    unittest.main()
