"""Saves the rows each dashboard dataset returned in the local run, for `npm run dashboards:preview -- --rows
.tmp/spark/rows`: one JSON array per dataset at `.tmp/spark/rows/<dashboard>/<dataset>.json`, dates and
timestamps as ISO text, decimals as numbers. scripts/test-spark.ts empties the folder before each run, so
no file outlives its dataset."""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROWS_DIR = Path(__file__).resolve().parent.parent / ".tmp" / "spark" / "rows"


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"a dataset row holds a {type(value).__name__}, which the preview cannot read")


def save_rows(dashboard_file: str, dataset: str, rows: list[Any]) -> Path:
    key = Path(dashboard_file).name.removesuffix(".lvdash.json")
    target = ROWS_DIR / key / f"{dataset}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps([row.asDict(recursive=True) for row in rows], default=_plain), encoding="utf-8")
    return target
