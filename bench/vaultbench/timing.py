"""Runs commands and times them: the one timing helper every measurement uses."""

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

GNU_TIME = "/usr/bin/time"


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Sample:
    seconds: float      # wall clock, what a user waits
    cpu_seconds: float  # user + system of the process tree: less disturbed by other load on a shared machine
    max_rss_kib: int    # peak resident set of the largest process in the tree (KiB)
    exit_code: int


def run_once(argv: List[str], stdout_path: Optional[Path] = None, cwd: Optional[Path] = None,
             env: Optional[Dict[str, str]] = None):
    """Runs argv to completion; returns (Sample, stderr text).

    Peak RSS comes from GNU time (%M), not from our own wait4: a child forked
    from this Python process starts out with Python's resident pages counted in
    its high-water mark (about 17 MiB), which would swamp small tools like rg.
    GNU time is tiny, and its wait4 covers the whole process tree, so a
    `bash -c 'a | b'` pipeline reports the largest peak among its processes.
    Wall and CPU time come from wait4 on the time process (its children included).
    """
    with tempfile.TemporaryDirectory() as scratch:
        rss_file = Path(scratch) / "rss"
        wrapped = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *argv] if Path(GNU_TIME).exists() else argv
        with open(Path(scratch) / "stderr", "w+b") as err, open(stdout_path or os.devnull, "wb") as out:
            start = time.perf_counter()
            proc = subprocess.Popen(wrapped, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting again
            err.seek(0)
            stderr_text = err.read().decode("utf-8", "replace")
        max_rss_kib = usage.ru_maxrss
        try:
            max_rss_kib = int(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass  # no GNU time: wait4's figure, an overestimate for small tools
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, cpu, max_rss_kib, proc.returncode), stderr_text


@dataclass
class Result:
    """Every sample of one measurement at one vault size."""
    name: str
    size: int
    command: str
    samples: List[Sample] = field(default_factory=list)
    error: Optional[str] = None
    note: str = ""
    # Drawn in the plot of time against vault size (full check, save latency).
    plot: bool = False
    vault_bytes: int = 0  # of the vault measured, for peak memory against it
    extra: dict = field(default_factory=dict)

    def median(self, attribute: str) -> Optional[float]:
        return statistics.median(getattr(s, attribute) for s in self.samples) if self.samples else None

    @property
    def median_seconds(self) -> Optional[float]:
        return self.median("seconds")

    @property
    def median_cpu_seconds(self) -> Optional[float]:
        return self.median("cpu_seconds")

    @property
    def median_rss_kib(self) -> Optional[float]:
        return self.median("max_rss_kib")

    def fail(self, message: str) -> None:
        self.error = message[:300]
        self.samples.clear()
        progress(f"{self.name} @ {self.size}: FAILED ({self.error})")

    @classmethod
    def from_json(cls, data: dict) -> "Result":
        """The inverse of to_json, for redrawing a report from results.json."""
        known = {"name", "size", "command", "note", "error", "plot", "vault_bytes"}
        derived = {"median_seconds", "median_cpu_seconds", "median_max_rss_kib", "runs"}
        return cls(**{k: data[k] for k in known if k in data}, samples=[Sample(**s) for s in data["runs"]],
                   extra={k: v for k, v in data.items() if k not in known | derived})

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "size": self.size,
            "command": self.command,
            "note": self.note,
            "error": self.error,
            "median_seconds": self.median_seconds,
            "median_cpu_seconds": self.median_cpu_seconds,
            "median_max_rss_kib": self.median_rss_kib,
            "vault_bytes": self.vault_bytes,
            "plot": self.plot,
            "runs": [s.__dict__ for s in self.samples],
            # Keys starting with "_" hold working data (e.g. every finding), not figures.
            **{k: v for k, v in self.extra.items() if not k.startswith("_")},
        }


@dataclass
class CommandSpec:
    """A measurement that is one command run to completion, several times.

    The runner times all of a size's command measurements together,
    round-robin, so a burst of load from other work on the machine hits each
    of them rather than one. The hooks run untimed:
      setup()            once, before the warm-up (e.g. make a git repository);
      before_run()       before every run (e.g. edit the note to commit);
      after_run()        after every run; a returned string fails the
                         measurement (e.g. "the no-change run wrote files");
      inspect(result, stdout_path, stderr_text)
                         once, on the first warm-up run's output, to add
                         figures to the row (e.g. how many broken links).
    """
    name: str
    argv: List[str]
    ok_exit: tuple = (0,)
    note: str = ""
    cwd: Optional[Path] = None
    runs: Optional[int] = None  # fewer timed runs than --runs, for very slow references
    plot: bool = False
    setup: Optional[Callable[[], None]] = None
    before_run: Optional[Callable[[], None]] = None
    after_run: Optional[Callable[[], Optional[str]]] = None
    inspect: Optional[Callable[[Result, Path, str], None]] = None
    # Shown instead of argv in the report when argv names scratch paths.
    display: Optional[str] = None
    # The vault this command reads, when it is not the size's wikilink vault.
    vault_bytes: Optional[int] = None


# What a failing hook or an unreadable output raises: the measurement gets an
# error row, the benchmark goes on.
HOOK_ERRORS = (OSError, ValueError, subprocess.CalledProcessError)


def describe(argv: List[str]) -> str:
    return " ".join(shlex.quote(a) for a in argv)


class CommandTimer:
    """Warm-up run(s) of each command, then rounds of one timed run each.

    The warm-up also fills the page cache, so every tool reads the vault from
    memory: the figures compare parsing and checking, not the disk. A command
    that fails gives an error row instead of figures."""

    def __init__(self, runs: int, warmups: int, env: Dict[str, str]):
        self.runs, self.warmups, self.env = runs, warmups, env

    def time_all(self, size: int, vault_bytes: int, specs: List[CommandSpec]) -> List[Result]:
        results = [Result(s.name, size, s.display or describe(s.argv), note=s.note, plot=s.plot,
                          vault_bytes=s.vault_bytes or vault_bytes) for s in specs]
        active = [(spec, result) for spec, result in zip(specs, results) if self._warm_up(spec, result)]
        for round_number in range(1, self.runs + 1):
            for spec, result in list(active):
                if round_number > (spec.runs or self.runs):
                    continue
                sample, error = self._run(spec)
                if error:
                    result.fail(f"run {round_number}: {error}")
                    active.remove((spec, result))
                    continue
                result.samples.append(sample)
                progress(f"{spec.name} @ {size}: run {round_number}/{spec.runs or self.runs} "
                         f"{sample.seconds:.3f} s (CPU {sample.cpu_seconds:.3f} s), "
                         f"{sample.max_rss_kib / 1024:.1f} MiB")
        return results

    def _warm_up(self, spec: CommandSpec, result: Result) -> bool:
        program = spec.argv[0]
        if not Path(program).exists() and not shutil.which(program):
            result.fail(f"{program} not found")
            return False
        progress(f"{spec.name} @ {result.size}: setup and warm-up")
        try:
            if spec.setup:
                spec.setup()
        except HOOK_ERRORS as error:
            result.fail(f"setup: {error}")
            return False
        with tempfile.TemporaryDirectory() as scratch:
            output = Path(scratch) / "stdout"
            for i in range(self.warmups):
                sample, error = self._run(spec, output if i == 0 else None, result if i == 0 else None)
                if error:
                    result.fail(f"warm-up: {error}")
                    return False
        return True

    def _run(self, spec: CommandSpec, stdout_path: Optional[Path] = None, inspect_into: Optional[Result] = None):
        """One run with its hooks; returns (sample, error message or None)."""
        try:
            if spec.before_run:
                spec.before_run()
            sample, stderr = run_once(spec.argv, stdout_path=stdout_path, cwd=spec.cwd, env=self.env)
            if sample.exit_code not in spec.ok_exit:
                tail = " ".join(stderr.strip().splitlines()[-3:])
                return sample, f"exit {sample.exit_code}: {tail}"
            if inspect_into is not None and spec.inspect:
                spec.inspect(inspect_into, stdout_path, stderr)
            return sample, spec.after_run() if spec.after_run else None
        except HOOK_ERRORS as error:
            return None, f"{type(error).__name__}: {error}"

