"""The JavaScript references (remark-validate-links, isomorphic-git), pinned by
bench/package-lock.json and installed with `npm ci` into bench/node_modules the
first time bench/run needs them. Building and testing vaultlink never do this."""

import functools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Optional

from .timing import progress

BENCH = Path(__file__).resolve().parent.parent
NODE_MODULES = BENCH / "node_modules"
LOCK = BENCH / "package-lock.json"
# npm writes this copy of the lock after a complete install: when it is missing
# or older than the committed lock, the installed tree is stale.
INSTALLED_LOCK = NODE_MODULES / ".package-lock.json"

@functools.lru_cache(maxsize=None)
def ensure_installed() -> Optional[str]:
    """Installs once per bench run; returns why the tools are unusable, or None."""
    if not shutil.which("node") or not shutil.which("npm"):
        return "node/npm not found (scripts/install-deps.sh --bench installs them)"
    if INSTALLED_LOCK.exists() and INSTALLED_LOCK.stat().st_mtime >= LOCK.stat().st_mtime:
        return None
    progress("installing the JS references: npm ci in bench/")
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH,
                          capture_output=True, text=True)
    if done.returncode != 0:
        return "npm ci failed: " + " ".join(done.stderr.strip().splitlines()[-3:])
    return None


def bin_path(name: str) -> Path:
    return NODE_MODULES / ".bin" / name


def version(package: str) -> Optional[str]:
    try:
        return json.loads((NODE_MODULES / package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None
