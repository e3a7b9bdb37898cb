#!/usr/bin/env bash
# Resolves pyproject.toml's dependencies again into the two locks, with the hash of every file
# of every pinned release, for every platform and for Python 3.11.5 and newer (the oldest
# Python that pymdown-extensions 13 installs on).
#
#   bash requirements/refresh.sh             keep every pin; add or drop what pyproject.toml changed
#   bash requirements/refresh.sh --upgrade   the newest releases of everything
#   bash requirements/refresh.sh --upgrade-package pyyaml   the newest of one package
#
# Needs uv (`.venv/bin/pip install uv`). The runtime lock is resolved within the test lock, so
# the site is built with exactly the versions the tests ran with.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=$(command -v uv || echo .venv/bin/uv)
if [ ! -x "$uv" ]; then
  echo "refresh.sh: uv not found; install it with: .venv/bin/pip install uv" >&2
  exit 2
fi
compile=("$uv" pip compile --quiet --universal --python-version 3.11.5 --generate-hashes
  --custom-compile-command "bash requirements/refresh.sh")
"${compile[@]}" "$@" --extra test pyproject.toml -o requirements/test-lock.txt
"${compile[@]}" --constraint requirements/test-lock.txt pyproject.toml -o requirements/lock.txt
