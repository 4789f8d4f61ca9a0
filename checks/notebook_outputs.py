"""Static facts about Databricks Python notebooks, read with Python's own parser (ast).

Usage: python3 checks/notebook_outputs.py NOTEBOOK.py [...]
Prints one JSON object: {"<path>": {"outputs": [...], "widgets": {...}, "columnReferences": {...},
"problems": [...]}}. Nothing is executed; the notebooks' imports need not be installed.

Queries a notebook sends to the SQL warehouse are written as Tool("<name>", "<SELECT ...>", {params})
calls; their SQL must be a literal (values travel as statement parameters) and is reported for checking.

A notebook declares each table it creates in one of two forms, both with a literal name and a schema
that is a module-level StructType (possibly built from module-level lists of StructFields, which may be
imported with `from <module> import <name>` from a plain Python module beside the notebook, such as
payment_events_schema.py; the module is looked up next to the notebook, then in notebooks/):
  * @dlt.table(name="<table>", schema=<SCHEMA>)             (pipeline notebooks)
  * <helper>(..., table="<table>", schema=<SCHEMA>)          (job notebooks)
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path
from typing import Any

SIMPLE_TYPES = {
    "StringType": "string",
    "DoubleType": "double",
    "IntegerType": "int",
    "LongType": "bigint",
    "BooleanType": "boolean",
    "TimestampType": "timestamp",
    "DateType": "date",
    "FloatType": "float",
}
WIDGET_DECLARATIONS = {"text", "dropdown", "combobox", "multiselect"}
# A notebook that reads a stream may not use exact distinct counts: Spark rejects them in streaming
# aggregations (the original real-time pipeline failed on countDistinct).
STREAM_READERS = {"readStream", "read_stream"}
EXACT_DISTINCT = {"countDistinct", "count_distinct"}
MODEL_FIELDS = {"name", "numeric_features", "categorical_features", "label_sources"}
# Module-level literals that must agree with contract/domains.ts wherever a notebook defines them.
DOMAIN_CONSTANTS = {"MERCHANT_COUNT", "MERCHANT_SEGMENTS", "MERCHANT_COUNTRIES", "MERCHANT_RISK_TIERS"}


class NotebookError(Exception):
    def __init__(self, node: ast.AST, message: str) -> None:
        super().__init__(f"line {getattr(node, 'lineno', '?')}: {message}")


def callee_name(call: ast.Call) -> str:
    """`StructType` for StructType(...) and T.StructType(...)."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def module_file(name: str, notebook: Path) -> Path | None:
    """The plain Python module `name` a notebook imports: beside the notebook, else in notebooks/."""
    for directory in (notebook.parent, NOTEBOOKS):
        candidate = directory / f"{name}.py"
        if candidate.is_file():
            return candidate
    return None


class SchemaResolver:
    """Evaluates StructType / StructField expressions against module-level assignments, including names
    imported from a plain Python module beside the notebook (bound to that module's literal)."""

    def __init__(self, module: ast.Module, path: Path) -> None:
        self.bindings: dict[str, ast.expr] = {}
        for statement in module.body:
            if isinstance(statement, ast.ImportFrom) and statement.level == 0 and statement.module:
                source = module_file(statement.module, path)
                if source is None:
                    continue  # an installed package (pyspark, dlt): nothing a schema can be built from
                imported = SchemaResolver(ast.parse(source.read_text(encoding="utf-8"), filename=str(source)), source)
                for alias in statement.names:
                    if alias.name in imported.bindings:
                        self.bindings[alias.asname or alias.name] = imported.bindings[alias.name]
            elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
                self.bindings[statement.targets[0].id] = statement.value
            elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value is not None:
                self.bindings[statement.target.id] = statement.value

    def binding(self, node: ast.expr) -> ast.expr:
        seen: set[str] = set()
        while isinstance(node, ast.Name):
            if node.id in seen or node.id not in self.bindings:
                raise NotebookError(node, f"'{node.id}' is not a module-level assignment the checker can read")
            seen.add(node.id)
            node = self.bindings[node.id]
        return node

    def struct_columns(self, node: ast.expr) -> list[dict[str, Any]]:
        node = self.binding(node)
        if not (isinstance(node, ast.Call) and callee_name(node) == "StructType"):
            raise NotebookError(node, "schema must be a StructType([...]) literal or a name bound to one")
        if not node.args:
            return []
        return [self.field(f) for f in self.field_list(node.args[0])]

    def field_list(self, node: ast.expr) -> list[ast.expr]:
        node = self.binding(node)
        if isinstance(node, ast.List):
            return list(node.elts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.field_list(node.left) + self.field_list(node.right)
        raise NotebookError(node, "StructType fields must be a list literal, a name bound to one, or a sum of them")

    def field(self, node: ast.expr) -> dict[str, Any]:
        node = self.binding(node)
        if not (isinstance(node, ast.Call) and callee_name(node) == "StructField"):
            raise NotebookError(node, "StructType fields must be StructField(...) calls")
        arguments: dict[str, ast.expr] = dict(zip(["name", "dataType", "nullable"], node.args))
        arguments.update({k.arg: k.value for k in node.keywords if k.arg is not None})
        name = arguments.get("name")
        if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
            raise NotebookError(node, "StructField name must be a string literal")
        nullable_node = arguments.get("nullable")
        nullable = True
        if nullable_node is not None:
            if not (isinstance(nullable_node, ast.Constant) and isinstance(nullable_node.value, bool)):
                raise NotebookError(node, f"StructField {name.value!r}: nullable must be True or False literally")
            nullable = nullable_node.value
        data_type = arguments.get("dataType")
        if data_type is None:
            raise NotebookError(node, f"StructField {name.value!r} has no data type")
        return {"name": name.value, "type": self.type_name(data_type), "nullable": nullable}

    def type_name(self, node: ast.expr) -> str:
        node = self.binding(node)
        if isinstance(node, ast.Call):
            name = callee_name(node)
            if name in SIMPLE_TYPES:
                return SIMPLE_TYPES[name]
            if name == "StructType":
                inner = ",".join(f"{c['name']}:{c['type']}" for c in self.struct_columns(node))
                return f"struct<{inner}>"
        raise NotebookError(node, f"unsupported data type expression '{ast.unparse(node)}'")


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def literal_string(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def facts(source: str, path: str) -> dict[str, Any]:
    module = ast.parse(source, filename=path)
    resolver = SchemaResolver(module, Path(path))
    outputs: list[dict[str, Any]] = []
    problems: list[str] = []
    declared: list[str] = []
    used: list[str] = []
    queries: list[dict[str, Any]] = []
    exact_distinct_lines: list[int] = []
    models: list[dict[str, Any]] = []
    streaming = False

    def add_output(call: ast.Call, table_node: ast.expr | None, form: str) -> None:
        table = literal_string(table_node)
        if table is None:
            problems.append(f"line {call.lineno}: {form} needs a literal table name")
            return
        schema = keyword(call, "schema")
        if schema is None:
            problems.append(f"line {call.lineno}: table '{table}' has no schema= (declare its columns so they can be checked)")
            return
        try:
            outputs.append({"table": table, "line": call.lineno, "columns": resolver.struct_columns(schema)})
        except NotebookError as error:
            problems.append(f"table '{table}': {error}")

    for node in ast.walk(module):
        if isinstance(node, ast.Attribute) and node.attr in STREAM_READERS:
            streaming = True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and dotted(decorator.func) == "dlt.table":
                    add_output(decorator, keyword(decorator, "name"), "@dlt.table")
                elif dotted(decorator) == "dlt.table":
                    problems.append(f"line {node.lineno}: @dlt.table on '{node.name}' needs name= and schema=")
        if not isinstance(node, ast.Call):
            continue
        target = dotted(node.func)
        if callee_name(node) in EXACT_DISTINCT:
            exact_distinct_lines.append(node.lineno)
        if target.startswith("dbutils.widgets."):
            method = target.rsplit(".", 1)[1]
            if method in WIDGET_DECLARATIONS or method == "get":
                name = literal_string(node.args[0]) if node.args else None
                if name is None:
                    problems.append(f"line {node.lineno}: dbutils.widgets.{method} needs a literal widget name")
                else:
                    (declared if method != "get" else used).append(name)
        elif callee_name(node) == "ModelSpec":
            try:
                spec = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg in MODEL_FIELDS}
            except ValueError:
                problems.append(f"line {node.lineno}: ModelSpec {', '.join(sorted(MODEL_FIELDS))} must be literals")
                continue
            missing_fields = sorted(MODEL_FIELDS - spec.keys())
            if missing_fields:
                problems.append(f"line {node.lineno}: ModelSpec needs keyword(s) {missing_fields}")
                continue
            models.append({"line": node.lineno, **{k: (list(v) if isinstance(v, tuple) else v) for k, v in spec.items()}})
        elif callee_name(node) == "Tool":
            sql_node = node.args[1] if len(node.args) > 1 else keyword(node, "sql")
            sql = literal_string(sql_node)
            if sql is None:
                problems.append(f"line {node.lineno}: Tool SQL must be one string literal (pass values as parameters, never format them in)")
                continue
            params_node = node.args[2] if len(node.args) > 2 else keyword(node, "parameters")
            # Only the names matter here; a value may be a widget's (a name bound at run time).
            if params_node is not None and not isinstance(params_node, ast.Dict):
                problems.append(f"line {node.lineno}: Tool parameters must be a dict literal of name -> (type, value)")
                continue
            names = [ast.literal_eval(key) for key in params_node.keys if key is not None] if params_node is not None else []
            queries.append({"line": node.lineno, "sql": sql, "parameters": sorted(names)})
        elif keyword(node, "table") is not None and keyword(node, "schema") is not None:
            add_output(node, keyword(node, "table"), f"{target or 'call'}(table=..., schema=...)")

    references: dict[str, list[str]] = {}
    references_node = resolver.bindings.get("COLUMN_REFERENCES")
    if references_node is not None:
        value = ast.literal_eval(references_node)
        if not (isinstance(value, dict) and all(isinstance(v, list) for v in value.values())):
            problems.append("COLUMN_REFERENCES must be a dict literal of table -> list of column names")
        else:
            references = {str(k): [str(c) for c in v] for k, v in value.items()}
    tables_node = resolver.bindings.get("SPACE_TABLES")
    if tables_node is not None:
        for table in ast.literal_eval(tables_node):
            references.setdefault(str(table), [])

    constants: dict[str, Any] = {}
    for name in sorted(DOMAIN_CONSTANTS & resolver.bindings.keys()):
        try:
            constants[name] = ast.literal_eval(resolver.bindings[name])
        except ValueError:
            problems.append(f"{name} must be a literal so it can be compared with contract/domains.ts")

    return {
        "constants": constants,
        "outputs": outputs,
        "queries": queries,
        "models": models,
        "streaming": streaming,
        "exactDistinctLines": exact_distinct_lines,
        "widgets": {"declared": declared, "used": used},
        "columnReferences": references,
        "problems": problems,
    }


def main(paths: list[str]) -> int:
    result: dict[str, Any] = {}
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        try:
            result[path] = facts(source, path)
        except SyntaxError as error:
            result[path] = {"constants": {}, "outputs": [], "queries": [], "models": [], "streaming": False, "exactDistinctLines": [], "widgets": {"declared": [], "used": []}, "columnReferences": {}, "problems": [f"syntax error: {error}"]}
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
