#!/usr/bin/env python3
"""Derives a Rack table from lib/rack/utils.rb, the way Rack itself does.

Rack has no list of symbols: `SYMBOL_TO_STATUS_CODE` is built from
`HTTP_STATUS_CODES` by downcasing each reason phrase and turning spaces and
dashes (and, before 3.1, apostrophes) into underscores. From 3.1 on,
`OBSOLETE_SYMBOLS_TO_STATUS_CODES` keeps old symbols working with a
deprecation warning; they become rows with status `deprecated`.

Usage (Rack is not installed here; read the tag from a clone of rack/rack):
    git show v3.1.0:lib/rack/utils.rb | scripts/constants/rack.py 3.1 v3.1.0 > data/constants/rack-3.1.tsv
"""

import re
import sys


def symbol(text):
    return ":" + text if re.fullmatch(r"[a-z_][a-z0-9_]*", text) else ':"' + text + '"'


def main():
    version, tag = sys.argv[1], sys.argv[2]
    source = sys.stdin.read()
    block = re.search(r"HTTP_STATUS_CODES = \{(.*?)\n\s*\}", source, re.S).group(1)
    phrases = [(int(c), p) for c, p in re.findall(r"(\d{3}) => '((?:[^'\\]|\\.)*)'", block)]
    derive = re.search(r"message\.downcase\.gsub\(/(.*?)/, '_'\)", source).group(1)
    pattern = re.compile(derive.replace("\\s", r"\s"))
    rows = [(code, symbol(pattern.sub("_", phrase.replace("\\'", "'").lower()))) for code, phrase in phrases]
    rows = [(code, name, "") for code, name in rows]
    obsolete = re.search(r"OBSOLETE_SYMBOLS_TO_STATUS_CODES = \{(.*?)\}", source, re.S)
    if obsolete:
        rows += [(int(c), ":" + s, "deprecated") for s, c in re.findall(r"(\w+): (\d{3})", obsolete.group(1))]
    print("# library: rack")
    print(f"# version: {version}")
    print(f"# source: lib/rack/utils.rb at rack/rack tag {tag}, derived by scripts/constants/rack.py")
    print("code\tname\tstatus")
    for code, name, status in sorted(rows):
        print(f"{code}\t{name}\t{status}".rstrip("\t"))


if __name__ == "__main__":
    main()
