#!/usr/bin/env bash
# Creates .venv-spark/ with exactly the packages python/requirements.txt pins (the local Spark run's
# environment). Idempotent: does nothing when the venv was built from the same lock file by the same
# interpreter. Set PYTHON to choose the interpreter (default python3, 3.11 or newer).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
venv=".venv-spark"
lock="python/requirements.txt"
stamp="$venv/.lock-sha256"

"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "spark:setup needs Python 3.11 or newer, got " + sys.version.split()[0])'
java -version >/dev/null 2>&1 || { echo "spark:setup: Spark needs Java 17 or newer on PATH (java not found)" >&2; exit 1; }

want="$(sha256sum "$lock" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])')"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$venv/bin/python" ]]; then
    echo "spark:setup: $venv is up to date with $lock"
    exit 0
fi
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$lock"
"$venv/bin/python" -m pip check
echo "$want" > "$stamp"
echo "spark:setup: installed $lock into $venv"
