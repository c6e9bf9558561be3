"""Broken links as vaultlink and remark-validate-links report them, in one
shape, so the two tools' findings on the same vault can be compared link by
link: a finding is (note path, line, kind) with kind "file" (the target does
not exist), "heading" or "block" (the target exists, the fragment does not)."""

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Tuple

Finding = Tuple[str, int, str]
KINDS = ("file", "heading", "block")

VAULTLINK_KINDS = {"broken-link": "file", "broken-heading": "heading", "broken-block": "block"}

# remark's default reporter: a line naming the file, then one line per
# message ending in the rule id, e.g.
#   12:1-12:128  warning  Cannot find heading for `#key` in `a.md`  missing-heading-in-file  remark-validate-links:missing-heading-in-file
REMARK_MESSAGE = re.compile(r"^\s*(\d+):\d+(?:-\d+:\d+)?\s+warning\s+(.*?)\s+remark-validate-links:(\S+)\s*$")
REMARK_BLOCK_FRAGMENT = re.compile(r"Cannot find heading for `#\^")


def _key(path: str) -> str:
    return unicodedata.normalize("NFC", path)


def vaultlink_findings(report_path: Path) -> Tuple[Counter, Counter]:
    """(findings, count of every diagnostic code) from `check --format json`."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    findings, codes = Counter(), Counter()
    for diagnostic in report.get("diagnostics", []):
        code = diagnostic.get("code", "?")
        codes[code] += 1
        if code in VAULTLINK_KINDS:
            findings[(_key(diagnostic.get("path", "")), int(diagnostic.get("line", 0)), VAULTLINK_KINDS[code])] += 1
    return findings, codes


def remark_findings(reporter_text: str) -> Tuple[Counter, Counter]:
    """(findings, count of every rule) from remark's stderr (--quiet --no-color)."""
    findings, rules = Counter(), Counter()
    current_file = None
    for line in reporter_text.splitlines():
        message = REMARK_MESSAGE.match(line)
        if message and current_file is not None:
            line_number, text, rule = int(message.group(1)), message.group(2), message.group(3)
            rules[rule] += 1
            if rule == "missing-file":
                kind = "file"
            else:
                kind = "block" if REMARK_BLOCK_FRAGMENT.search(text) else "heading"
            findings[(current_file, line_number, kind)] += 1
        elif line.strip() and not line.startswith("⚠"):
            current_file = _key(line.strip())
    return findings, rules


def compare(vaultlink: Counter, remark: Counter) -> dict:
    """Per kind: how many each tool reports, and how many they share."""
    table = {}
    for kind in KINDS:
        ours = Counter({k: n for k, n in vaultlink.items() if k[2] == kind})
        theirs = Counter({k: n for k, n in remark.items() if k[2] == kind})
        both = sum((ours & theirs).values())
        table[kind] = {"vaultlink": sum(ours.values()), "remark": sum(theirs.values()), "both": both,
                       "only_vaultlink": sum(ours.values()) - both, "only_remark": sum(theirs.values()) - both}
    return table
