"""Latency and memory of the long-running processes: `vaultlink lsp` (didChange →
publishDiagnostics, timed by the client over the server's pipes) and
`vaultlink watch` (a save → its diagnostic event on stdout). Both report the
process's peak RSS (VmHWM: the whole life of the process, startup included),
which is what an editor or a terminal keeps paying for while the session runs."""

import json
import math
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "tests" / "support"))
from lsp_client import LspClient, uri_of  # noqa: E402


def peak_rss_kib(pid: int) -> Optional[int]:
    """VmHWM of a running process: its peak resident set since it was exec'd."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def percentile(sorted_values: List[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_values[max(1, math.ceil(fraction * len(sorted_values))) - 1]


def latency_summary(latencies_ms: List[float]) -> Dict[str, float]:
    ordered = sorted(latencies_ms)
    return {"median_ms": statistics.median(ordered), "p90_ms": percentile(ordered, 0.9), "max_ms": ordered[-1]}


def edited_note(vault: Path) -> Path:
    """The first note (in path order) with a wikilink: a note people edit links in."""
    return next(p for p in sorted(vault.rglob("*.md"))
                if ".vaultlink" not in p.parts and "[[" in p.read_text(encoding="utf-8", errors="replace"))


def drain_until_quiet(client: LspClient, quiet_seconds: float, first_within: float = 600) -> int:
    """Drops messages until none arrived for quiet_seconds (the startup diagnostics),
    waiting up to first_within seconds for the first one; returns how many arrived."""
    count = 0
    while True:
        try:
            message = client.messages.get(timeout=quiet_seconds if count else first_within)
        except queue.Empty:
            client.pending.clear()
            return count
        if message is None:
            raise RuntimeError("the server exited")
        count += 1


def lsp_did_change(vaultlink: Path, vault: Path, edits: int) -> dict:
    """Starts `vaultlink lsp` on the vault, opens a note, and sends `edits`
    incremental didChange notifications, each inserting a new broken link so
    that every edit changes the note's diagnostics; times each until the
    publishDiagnostics that reports it. The vault is only read."""
    note = edited_note(vault)
    client = LspClient([str(vaultlink), "lsp"])
    try:
        started = time.perf_counter()
        client.request("initialize", {"rootUri": uri_of(str(vault)), "capabilities": {}}, timeout=600)
        initialize_s = time.perf_counter() - started
        client.notify("initialized", {})
        startup_messages = drain_until_quiet(client, 3.0)

        uri = uri_of(str(note))
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                                 "text": note.read_text(encoding="utf-8")}})
        drain_until_quiet(client, 1.0, first_within=1.0)
        latencies_ms = []
        for edit in range(edits):
            name = f"bench-missing-{edit}"
            start = {"line": 0, "character": 0}
            sent = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": edit + 2},
                                                     "contentChanges": [{"range": {"start": start, "end": start},
                                                                         "text": f"[[{name}]] "}]})
            client.diagnostics(uri, lambda ds: any(name in d["message"] for d in ds), timeout=60)
            latencies_ms.append((time.perf_counter() - sent) * 1000)
            client.pending.clear()
        rss = peak_rss_kib(client.process.pid)
        client.request("shutdown", None, timeout=60)
        client.notify("exit", None)
        client.wait_exit(timeout=60)
    finally:
        if client.process.poll() is None:
            client.process.kill()
            client.process.wait()
    return {"edited_note": str(note.relative_to(vault)), "initialize_s": initialize_s, "startup_messages": startup_messages,
            "latencies_ms": latencies_ms, "peak_rss_kib": rss, **latency_summary(latencies_ms)}


def watch_session(vaultlink: Path, vault_copy: Path, saves: int, env: Optional[dict] = None) -> dict:
    """Starts `vaultlink watch --format json` on a copy of a vault (it writes
    backlinks sections there), waits for it to be ready, then saves one note
    `saves` times, each time with a new broken link, and times each save until
    the watch prints the diagnostic of that link (debounceMs included: that is
    what a user of the terminal session waits). Ends it with SIGTERM."""
    note = edited_note(vault_copy)
    process = subprocess.Popen([str(vaultlink), "watch", "--format", "json", str(vault_copy)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, text=True)
    events: "queue.Queue[Optional[dict]]" = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            try:
                events.put(json.loads(line))
            except ValueError:
                pass
        events.put(None)

    threading.Thread(target=read, daemon=True).start()

    def wait_for(predicate, timeout: float) -> dict:
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise RuntimeError("vaultlink watch: timed out")
            try:
                event = events.get(timeout=remaining)
            except queue.Empty:
                continue
            if event is None:
                raise RuntimeError(f"vaultlink watch exited with {process.wait()}")
            if predicate(event):
                return event

    try:
        started = time.perf_counter()
        wait_for(lambda e: e.get("event") == "ready", timeout=600)
        ready_s = time.perf_counter() - started
        original = note.read_text(encoding="utf-8")
        latencies_ms = []
        for save in range(saves):
            name = f"bench-missing-{save}"
            sent = time.perf_counter()
            note.write_text(f"[[{name}]] " + original, encoding="utf-8")
            wait_for(lambda e: e.get("event") == "diagnostic" and e.get("change") == "added"
                     and name in e.get("diagnostic", {}).get("message", ""), timeout=60)
            latencies_ms.append((time.perf_counter() - sent) * 1000)
        rss = peak_rss_kib(process.pid)
        process.terminate()
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return {"edited_note": str(note.relative_to(vault_copy)), "ready_s": ready_s, "latencies_ms": latencies_ms,
            "peak_rss_kib": rss, **latency_summary(latencies_ms)}
