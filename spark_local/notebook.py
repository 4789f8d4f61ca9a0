"""Runs a Databricks source-format notebook (`# Databricks notebook source`, cells separated by
`# COMMAND ----------`) the way a notebook task does: every Python cell in order, in one namespace that has
`spark`, `dbutils` and `display`.

Magic cells (every line starts with `# MAGIC`): `%md` cells are documentation and skipped; `%pip install`
cells cannot install into the local environment, so the requirements they name are checked against what is
installed (the local environment must already hold exactly those versions). Any other magic (`%sql`, `%run`,
`%sh`, ...) is refused: this runner would otherwise silently not run it.
"""
from __future__ import annotations

import re
import shlex
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

HEADER = "# Databricks notebook source"
SEPARATOR = "# COMMAND ----------"
MAGIC = "# MAGIC"


class NotebookError(Exception):
    """The notebook is not one this runner can execute (format or unsupported magic)."""


class NotebookExit(Exception):
    """Raised by dbutils.notebook.exit; carries the exit value like a notebook task's result."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


@dataclass(frozen=True)
class Cell:
    index: int
    """1-based line in the file of the cell's first line."""
    line: int
    kind: str
    """'python', 'md', 'pip', or the magic's name for anything else ('sql', 'run', ...)."""
    source: str


def split_cells(text: str, source: str = "<notebook>") -> list[Cell]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != HEADER:
        raise NotebookError(f"{source}: the first line must be {HEADER!r}")
    cells: list[Cell] = []
    body: list[str] = []
    first_line = 2  # 1-based line of the current cell's first line
    for number, text in enumerate(lines[1:], start=2):
        if text.strip() == SEPARATOR:
            cell = _classify(len(cells) + 1, first_line, body, source)
            if cell is not None:
                cells.append(cell)
            body, first_line = [], number + 1
        else:
            body.append(text)
    cell = _classify(len(cells) + 1, first_line, body, source)
    if cell is not None:
        cells.append(cell)
    return cells


def _classify(index: int, line: int, body: list[str], source: str) -> Cell | None:
    code = [text for text in body if text.strip()]
    if not code:
        return None
    while not body[0].strip():  # the cell starts at its first non-blank line
        body = body[1:]
        line += 1
    magic = [text for text in code if text.startswith(MAGIC)]
    if not magic:
        return Cell(index, line, "python", "\n".join(body))
    if len(magic) != len(code):
        raise NotebookError(f"{source}:{line}: cell {index} mixes '# MAGIC' lines with Python; Databricks would not import it as one cell")
    content = [text[len(MAGIC):].lstrip(" ") if text.startswith(MAGIC + " ") else text[len(MAGIC):] for text in body if text.strip()]
    first = content[0].strip()
    match = re.match(r"^%(\w+)", first)
    if not match:
        raise NotebookError(f"{source}:{line}: cell {index} is a '# MAGIC' cell without a %magic on its first line: {first!r}")
    return Cell(index, line, match.group(1), "\n".join(content))


def pip_requirements(cell: Cell) -> list[str]:
    """The requirement specifiers of a `%pip install` cell (options such as --quiet dropped)."""
    words = shlex.split(cell.source.replace("\\\n", " "))
    if words[:2] != ["%pip", "install"]:
        raise NotebookError(f"cell {cell.index}: only '%pip install' is supported, got {' '.join(words[:2])!r}")
    requirements = [word for word in words[2:] if not word.startswith("-")]
    if not requirements:
        raise NotebookError(f"cell {cell.index}: '%pip install' names no package")
    return requirements


def check_installed(requirements: list[str], version_of: Callable[[str], str] = metadata.version) -> list[str]:
    """Problems with `requirements` ('name==x.y' pins or bare names) against the installed distributions."""
    problems: list[str] = []
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?(?:==([^,;\s]+))?", requirement)
        if not match:
            problems.append(f"{requirement!r}: only 'name' or 'name==version' requirements are supported")
            continue
        name, pinned = match.group(1), match.group(2)
        try:
            installed = version_of(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name} is not installed (the notebook installs {requirement})")
            continue
        if pinned is not None and installed != pinned:
            problems.append(f"{name} {installed} is installed but the notebook installs {requirement}")
    return problems


class _Widgets:
    def __init__(self, values: dict[str, str]) -> None:
        self._given = dict(values)
        self._defaults: dict[str, str] = {}

    def _define(self, name: str, default: str) -> None:
        self._defaults[name] = default

    def text(self, name: str, defaultValue: str = "", label: str | None = None) -> None:  # noqa: N803 (Databricks' names)
        self._define(name, defaultValue)

    def dropdown(self, name: str, defaultValue: str, choices: list[str], label: str | None = None) -> None:  # noqa: N803
        if defaultValue not in choices:
            raise ValueError(f"widget {name}: default {defaultValue!r} is not one of {choices}")
        if name in self._given and self._given[name] not in choices:
            raise ValueError(f"widget {name}: value {self._given[name]!r} is not one of {choices}")
        self._define(name, defaultValue)

    def combobox(self, name: str, defaultValue: str, choices: list[str], label: str | None = None) -> None:  # noqa: N803
        self._define(name, defaultValue)

    def get(self, name: str) -> str:
        if name not in self._defaults:
            # Databricks raises InputWidgetNotDefined for a widget the notebook never created.
            raise KeyError(f"widget {name!r} is not defined (defined: {sorted(self._defaults)})")
        return self._given.get(name, self._defaults[name])

    def getAll(self) -> dict[str, str]:  # noqa: N802
        return {name: self.get(name) for name in self._defaults}

    def unused(self) -> list[str]:
        """Values given for widgets the notebook never defined (a job parameter with a typo, say)."""
        return sorted(set(self._given) - set(self._defaults))


class _NotebookUtils:
    def exit(self, value: str) -> None:
        raise NotebookExit(value)


class _LibraryUtils:
    def restartPython(self) -> None:  # noqa: N802
        """No-op: the packages a %pip cell names are already installed (checked when the cell is reached)."""


class LocalDbutils:
    def __init__(self, widgets: dict[str, str]) -> None:
        self.widgets = _Widgets(widgets)
        self.notebook = _NotebookUtils()
        self.library = _LibraryUtils()


def display(value: Any, *args: Any, **kwargs: Any) -> None:
    show = getattr(value, "show", None)
    if callable(show):
        show(20, truncate=False)
    else:
        print(value)


@dataclass
class NotebookResult:
    exit_value: str | None
    namespace: dict[str, Any]


def run_notebook(
    path: Path,
    spark: Any,
    widgets: dict[str, str] | None = None,
    extra_globals: dict[str, Any] | None = None,
    version_of: Callable[[str], str] = metadata.version,
) -> NotebookResult:
    """Executes the notebook's Python cells in order. Errors propagate with the notebook's own line numbers;
    `dbutils.notebook.exit(v)` ends the run with exit value `v`."""
    text = path.read_text(encoding="utf-8")
    source = str(path)
    # As on Databricks (a job's notebook runs in its folder, which is on sys.path; a pipeline's root path is that
    # folder), a notebook imports the plain Python modules beside it, such as payment_events_schema.py.
    if str(path.parent) not in sys.path:
        sys.path.append(str(path.parent))
    cells = split_cells(text, source)
    dbutils = LocalDbutils(widgets or {})
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": source, "spark": spark, "dbutils": dbutils, "display": display}
    namespace.update(extra_globals or {})
    exit_value: str | None = None
    for cell in cells:
        if cell.kind == "md":
            continue
        if cell.kind == "pip":
            problems = check_installed(pip_requirements(cell), version_of)
            if problems:
                raise NotebookError(f"{source}:{cell.line}: %pip cell: " + "; ".join(problems))
            continue
        if cell.kind != "python":
            raise NotebookError(f"{source}:{cell.line}: cell {cell.index} uses %{cell.kind}, which the local runner does not support")
        # Pad so tracebacks show the notebook file's own line numbers.
        code = compile("\n" * (cell.line - 1) + cell.source, source, "exec")
        try:
            exec(code, namespace)  # noqa: S102 - running the notebook is the point
        except NotebookExit as stop:
            exit_value = stop.value
            break
    unused = dbutils.widgets.unused()
    if unused:
        raise NotebookError(f"{source}: values were given for widgets the notebook does not define: {unused}")
    return NotebookResult(exit_value, namespace)
