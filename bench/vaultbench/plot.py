"""The plot for README: time against vault size (full check, its references,
save latency once a measurement provides it) and peak memory against the
vault's bytes. Drawn by gnuplot (Debian's gnuplot-nox), PNG."""

import shutil
import subprocess
from pathlib import Path
from typing import Dict, List, Optional

from .timing import Result
from .vaults import Vault


def _series(results: List[Result], value) -> Dict[str, List[tuple]]:
    series: Dict[str, List[tuple]] = {}
    for r in sorted(results, key=lambda r: r.size):
        if r.plot and not r.error and r.samples:
            series.setdefault(r.name, []).append(value(r))
    return series


def _datablock(name: str, points: List[tuple]) -> str:
    return f"${name} << EOD\n" + "".join(" ".join(f"{v:g}" for v in p) + "\n" for p in points) + "EOD\n"


def _plot_command(series: Dict[str, List[tuple]], prefix: str) -> str:
    parts = [f'${prefix}{i} using 1:2 with linespoints title "{name}"' for i, name in enumerate(series)]
    return "plot " + ", \\\n     ".join(parts) + "\n"


def draw(results: List[Result], vaults: Dict[int, Vault], png: Path) -> Optional[str]:
    """Writes png; returns why it could not, or None."""
    if not shutil.which("gnuplot"):
        return "gnuplot not found (scripts/install-deps.sh --bench installs gnuplot-nox)"
    times = _series(results, lambda r: (r.size, r.median_seconds))
    memory = _series(results, lambda r: ((r.vault_bytes or vaults[r.size].bytes) / 2**20, r.median_rss_kib / 1024))
    if not times:
        return "nothing to plot"
    script = "".join(_datablock(f"t{i}", p) for i, p in enumerate(times.values()))
    script += "".join(_datablock(f"m{i}", p) for i, p in enumerate(memory.values()))
    script += f"""
set terminal pngcairo size 960,400 font ",9"
set output "{png}"
set multiplot layout 1,2
set key top left
set grid
set logscale xy
set title "Median time against vault size"
set xlabel "notes"
set ylabel "seconds"
{_plot_command(times, "t")}
set title "Peak memory (max RSS) against vault bytes"
set xlabel "vault MiB"
set ylabel "peak RSS MiB"
set xrange [*:*]
{_plot_command(memory, "m").rstrip()}, x * 3 with lines dashtype 2 title "target: 3 × vault bytes"
unset multiplot
"""
    done = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    return None if done.returncode == 0 else "gnuplot: " + done.stderr.strip()[-300:]
