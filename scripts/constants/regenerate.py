#!/usr/bin/env python3
"""Regenerates the constants tables that an installed library can produce.

- data/constants/python-<major.minor>.tsv from the running Python's http.HTTPStatus
  (every member name, aliases included);
- data/constants/node-<major>.tsv from the installed Node's http.STATUS_CODES, and
  data/constants/node-http2-<major>.tsv from its http2.constants (HTTP_STATUS_*).

The other tables in data/constants/ are read by hand from each library's source;
their header says from where. `.ci/run` runs this script and fails when a
regenerated table differs from the committed one (`git diff --exit-code`).
A library that is not installed is skipped with a note, not an error.

The tables it writes depend only on the file name's version (Python major.minor,
Node major), never on the patch release that ran it, so any 3.11.x or 20.x gives
the same bytes. Each carries a `# generated-by: scripts/constants/regenerate.py`
header line; a table of the same name without that line was read by hand (say
python-3.13.tsv on a Python 3.13 machine) and is left alone, with a note saying so.

Table format: `#` header lines (library, version, source, generated-by), then the
column line `code<TAB>name<TAB>status` and one row per name; status is empty or
`deprecated`.
"""

import http
import json
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "constants"

NODE_SCRIPT = r"""
const http = require('http');
const http2 = require('http2');
const codes = Object.entries(http.STATUS_CODES).map(([c, n]) => [Number(c), n]);
const h2 = Object.entries(http2.constants)
  .filter(([k]) => k.startsWith('HTTP_STATUS_'))
  .map(([k, v]) => [v, k]);
console.log(JSON.stringify({ version: process.versions.node, codes, h2 }));
"""


GENERATED_BY = "# generated-by: scripts/constants/regenerate.py"


def hand_read(path):
    """True when `path` exists and its header lacks the generated-by line."""
    if not path.exists():
        return False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.strip() == GENERATED_BY:
            return False
    return True


def write_table(name, library, version, source, rows):
    path = OUT / name
    if hand_read(path):
        print(
            f"data/constants/{name} was read by hand (no `{GENERATED_BY}` line): left as it is",
            file=sys.stderr,
        )
        return
    rows = sorted(set(rows), key=lambda r: (r[0], r[1]))
    lines = [
        f"# library: {library}",
        f"# version: {version}",
        f"# source: {source}",
        GENERATED_BY,
        "code\tname\tstatus",
    ]
    lines += [f"{code}\t{constant}" for code, constant in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote data/constants/{name} ({len(rows)} names)")


def python_table():
    major_minor = f"{sys.version_info.major}.{sys.version_info.minor}"
    rows = [(int(m.value), f"HTTPStatus.{n}") for n, m in http.HTTPStatus.__members__.items()]
    write_table(
        f"python-{major_minor}.tsv",
        "python",
        major_minor,
        f"http.HTTPStatus.__members__ of Python {major_minor}",
        rows,
    )


def node_tables():
    node = shutil.which("node")
    if node is None:
        print("node is not installed: node tables not regenerated", file=sys.stderr)
        return
    data = json.loads(subprocess.run([node, "-e", NODE_SCRIPT], check=True, capture_output=True, text=True).stdout)
    major = data["version"].split(".")[0]
    write_table(
        f"node-{major}.tsv",
        "node",
        major,
        f"http.STATUS_CODES of Node.js {major}",
        [(c, n) for c, n in data["codes"]],
    )
    write_table(
        f"node-http2-{major}.tsv",
        "node_http2",
        major,
        f"http2.constants (HTTP_STATUS_*) of Node.js {major}",
        [(c, n) for c, n in data["h2"]],
    )


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    python_table()
    node_tables()
