#!/usr/bin/env bash
# Makes the virtualenv the Python bot tests run in (.venv-bots at the repository root), from PyPI. Idempotent:
# a venv that already has what requirements.txt names is left as it is. Prints the venv's python.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv-bots"
req="$root/scripts/bots/requirements.txt"
stamp="$venv/.requirements"
if [[ ! -x "$venv/bin/python" ]] || ! cmp -s "$req" "$stamp"; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" >&2
  cp "$req" "$stamp"
fi
echo "$venv/bin/python"
