"""What bench/run prints and writes: the Markdown tables of medians and of
ratios measured in the same run, the JSON of every sample, machine facts."""

import datetime
import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from .link_findings import KINDS, compare
from .timing import Result
from .vaults import Vault


@dataclass
class Comparison:
    """subject ÷ reference, both medians from the same size and run."""
    subject: str
    reference: str
    # The target for the wall-clock ratio subject ÷ reference, if any.
    at_most: Optional[float] = None


def _find(results: List[Result], name: str, size: int) -> Optional[Result]:
    return next((r for r in results if r.name == name and r.size == size and not r.error and r.samples), None)


def ratios(results: List[Result], comparisons: List[Comparison]) -> List[dict]:
    rows = []
    for size in sorted({r.size for r in results}):
        for c in comparisons:
            subject, reference = _find(results, c.subject, size), _find(results, c.reference, size)
            if not subject or not reference:
                continue
            wall = subject.median_seconds / reference.median_seconds
            cpu = subject.median_cpu_seconds / reference.median_cpu_seconds if reference.median_cpu_seconds else None
            rows.append({"size": size, "subject": c.subject, "reference": c.reference, "wall_ratio": wall,
                         "cpu_ratio": cpu, "target_at_most": c.at_most,
                         "target_met": None if c.at_most is None else wall <= c.at_most})
    return rows


def _mib(kib: Optional[float]) -> str:
    return "—" if kib is None else f"{kib / 1024:.1f}"


def medians_table(results: List[Result], vaults: Dict[int, Vault]) -> str:
    lines = ["| notes | measurement | median s | CPU s | peak RSS MiB | RSS / vault bytes | runs |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for r in sorted(results, key=lambda r: r.size):
        vault_bytes = r.vault_bytes or vaults[r.size].bytes
        if r.error:
            lines.append(f"| {r.size} | {r.name} | {r.error.replace('|', '/')} | | | | 0 |")
            continue
        rss_ratio = f"{r.median_rss_kib * 1024 / vault_bytes:.2f}" if vault_bytes else "—"
        lines.append(f"| {r.size} | {r.name} | {r.median_seconds:.3f} | {r.median_cpu_seconds:.3f} | "
                     f"{_mib(r.median_rss_kib)} | {rss_ratio} | {len(r.samples)} |")
    return "\n".join(lines)


def ratios_table(rows: List[dict]) -> str:
    lines = ["| notes | measurement | reference | × reference (wall) | × reference (CPU) | target | |",
             "|---:|---|---|---:|---:|---:|---|"]
    for row in rows:
        cpu = "—" if row["cpu_ratio"] is None else f"{row['cpu_ratio']:.3f}"
        target = "" if row["target_at_most"] is None else f"≤ {row['target_at_most']:g}"
        verdict = {None: "", True: "met", False: "**missed**"}[row["target_met"]]
        speed = f" ({1 / row['wall_ratio']:.0f}× faster)" if row["wall_ratio"] < 0.1 else ""
        lines.append(f"| {row['size']} | {row['subject']} | {row['reference']} | {row['wall_ratio']:.3f}{speed} | "
                     f"{cpu} | {target} | {verdict} |")
    return "\n".join(lines)


def memory_lines(results: List[Result], vaults: Dict[int, Vault], subject: str,
                 at_most: Optional[float] = None) -> List[str]:
    lines = []
    for size, vault in sorted(vaults.items()):
        r = _find(results, subject, size)
        if r and vault.bytes and r.median_rss_kib:
            ratio = r.median_rss_kib * 1024 / vault.bytes
            target = "" if at_most is None else f" (target ≤ {at_most:g}: {'met' if ratio <= at_most else 'missed'})"
            lines.append(f"- {size} notes: {subject} peak RSS {_mib(r.median_rss_kib)} MiB for a "
                         f"{vault.bytes / 2**20:.1f} MiB vault = {ratio:.2f}×{target}")
    return lines


def latency_lines(results: List[Result], subjects: List[str]) -> str:
    """Median, 90th percentile and worst of the measurements whose samples are
    single edits or saves (the figures their measurement put in extra)."""
    rows = [r for r in sorted(results, key=lambda r: r.size)
            if r.name in subjects and not r.error and "median_ms" in r.extra]
    if not rows:
        return ""
    lines = ["| notes | measurement | median | p90 | max | samples | startup s |", "|---:|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        startup = r.extra.get("initialize_s", r.extra.get("ready_s"))
        lines.append(f"| {r.size} | {r.name} | {r.extra['median_ms']:.1f} | {r.extra['p90_ms']:.1f} | "
                     f"{r.extra['max_ms']:.1f} | {len(r.samples)} | {'—' if startup is None else f'{startup:.2f}'} |")
    return "\n".join(lines)


def link_agreement(results: List[Result], subject: str, reference: str) -> Dict[str, dict]:
    """Per size, per kind: the broken links each tool found on the same vault
    and how many they share (see link_findings.compare)."""
    agreement = {}
    for size in sorted({r.size for r in results}):
        ours, theirs = _find(results, subject, size), _find(results, reference, size)
        if ours and theirs and "_findings" in ours.extra and "_findings" in theirs.extra:
            agreement[str(size)] = compare(ours.extra["_findings"], theirs.extra["_findings"])
    return agreement


def findings_table(agreement: Dict[str, dict]) -> str:
    lines = ["| notes | kind | vaultlink | remark-validate-links | both | only vaultlink | only remark |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for size, table in agreement.items():
        for kind in KINDS:
            t = table[kind]
            lines.append(f"| {size} | {kind} | {t['vaultlink']} | {t['remark']} | {t['both']} | "
                         f"{t['only_vaultlink']} | {t['only_remark']} |")
    return "\n".join(lines)


def first_line(argv: List[str]) -> Optional[str]:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return None


def cpu_model() -> Optional[str]:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine_info(tool_versions: Dict[str, List[str]]) -> dict:
    info = {
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "nproc": first_line(["nproc"]),
        "cpu_model": cpu_model(),
        "platform": platform.platform(),
        "shared_machine_note": "machine shared with other builds: wall times are noisy, read ratios and CPU",
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "git_commit": first_line(["git", "-C", str(Path(__file__).resolve().parents[2]), "rev-parse", "HEAD"]),
    }
    info.update({name: first_line(argv) for name, argv in tool_versions.items()})
    return info
