#!/usr/bin/env python3
"""Latency of `vaultlink lsp` from didChange to publishDiagnostics, and the
server's peak memory, on a generated vault (the same measurement bench/run
reports as `lsp_did_change`).

    bench/lsp_latency.py [--notes 10000] [--edits 50] [--vault DIR] [--build DIR]

Generates the vault with build/bench/vaultlink-gen-vault (--seed 1) unless
--vault names an existing one, starts the server on it, opens a note, and
sends --edits incremental edits, each adding a broken link so that every edit
changes the note's diagnostics. Prints the startup time, the median and 90th
percentile latency, and the server's peak RSS (VmHWM).
"""
import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from vaultbench.sessions import lsp_did_change

REPO = Path(__file__).resolve().parent.parent


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
        run = lsp_did_change(args.build / "plugin" / "cli" / "vaultlink", vault, args.edits)
        print(f"vault: {vault} ({args.notes} notes), note edited: {run['edited_note']}")
        print(f"initialize (load and check the vault): {run['initialize_s']:.2f} s; "
              f"{run['startup_messages']} startup messages (diagnostics of every note)")
        print(f"didChange -> publishDiagnostics over {len(run['latencies_ms'])} edits: median {run['median_ms']:.1f} ms, "
              f"p90 {run['p90_ms']:.1f} ms, max {run['max_ms']:.1f} ms")
        print(f"server peak RSS: {run['peak_rss_kib'] / 1024:.1f} MiB")
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
