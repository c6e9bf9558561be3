#!/usr/bin/env python3
"""Latency of `vaultlink lsp` from didChange to publishDiagnostics, and the
server's peak memory, on a generated vault.

    bench/lsp_latency.py [--notes 10000] [--edits 50] [--vault DIR] [--build DIR]

Generates the vault with build/bench/vaultlink-gen-vault (--seed 1) unless
--vault names an existing one, starts the server on it, opens a note, and
sends --edits incremental edits, each adding a broken link so that every edit
changes the note's diagnostics. Prints the startup time, the median and 90th
percentile latency, and the server's peak RSS (VmHWM).
"""
import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "support"))
from lsp_client import LspClient, uri_of  # noqa: E402


def drain_until_quiet(client, quiet_seconds, first_within=600):
    """Drops messages until none arrived for quiet_seconds (the startup diagnostics),
    waiting up to first_within seconds for the first one."""
    count = 0
    while True:
        try:
            message = client.messages.get(timeout=quiet_seconds if count else first_within)
        except queue.Empty:
            client.pending.clear()
            return count
        if message is None:
            raise SystemExit("the server exited")
        count += 1


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--vault", type=Path)
    parser.add_argument("--build", type=Path, default=REPO / "build")
    args = parser.parse_args()

    scratch = None
    vault = args.vault
    if vault is None or not vault.exists():
        if vault is None:
            scratch = Path(tempfile.mkdtemp(prefix="vaultlink-lsp-bench-"))
            vault = scratch / "vault"
        subprocess.run([str(args.build / "bench" / "vaultlink-gen-vault"), "--notes", str(args.notes), "--seed", "1",
                        str(vault)], check=True, stdout=subprocess.DEVNULL)
    try:
        note = next(p for p in sorted(vault.rglob("*.md")) if "[[" in p.read_text(encoding="utf-8", errors="replace"))
        client = LspClient([str(args.build / "plugin" / "cli" / "vaultlink"), "lsp"])
        started = time.monotonic()
        client.request("initialize", {"rootUri": uri_of(str(vault)), "capabilities": {}}, timeout=600)
        initialized = time.monotonic() - started
        client.notify("initialized", {})
        startup_messages = drain_until_quiet(client, 3.0)

        uri = uri_of(str(note))
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                                 "text": note.read_text(encoding="utf-8")}})
        drain_until_quiet(client, 1.0, first_within=1.0)
        latencies = []
        for edit in range(args.edits):
            name = f"bench-missing-{edit}"
            sent = time.monotonic()
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": edit + 2},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                                    "text": f"[[{name}]] "}]})
            client.diagnostics(uri, lambda ds: any(name in d["message"] for d in ds), timeout=60)
            latencies.append((time.monotonic() - sent) * 1000)
            client.pending.clear()
        rss = peak_rss_mib(client.process.pid)
        client.request("shutdown", None, timeout=60)
        client.notify("exit", None)
        client.wait_exit()

        latencies.sort()
        print(f"vault: {vault} ({args.notes} notes), note edited: {note.relative_to(vault)}")
        print(f"initialize (load and check the vault): {initialized:.2f} s; "
              f"{startup_messages} startup messages (diagnostics of every note)")
        print(f"didChange -> publishDiagnostics over {len(latencies)} edits: median {statistics.median(latencies):.1f} ms, "
              f"p90 {latencies[int(len(latencies) * 0.9) - 1]:.1f} ms, max {latencies[-1]:.1f} ms")
        print(f"server peak RSS: {rss:.1f} MiB")
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
