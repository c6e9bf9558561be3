"""The deterministic benchmark vaults, generated once per (size, seed, spelling)
and reused while the generator's format version is unchanged."""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .timing import progress


@dataclass
class Vault:
    path: Path
    notes: int
    seed: int
    markdown_links: bool
    bytes: int
    files: int


def generator_format(generator: Path) -> str:
    out = subprocess.run([str(generator), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip().split()[-1]


def vault_size(path: Path):
    """Bytes and files of the vault proper (dot folders are not part of it)."""
    total = files = 0
    for root, dirs, names in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            total += (Path(root) / name).stat().st_size
            files += 1
    return total, files


def ensure_vault(generator: Path, vaults_dir: Path, notes: int, seed: int, markdown_links: bool = False) -> Vault:
    """A stamp file written after a complete generation marks a vault usable."""
    kind = "md" if markdown_links else "wiki"
    name = f"{kind}-n{notes}-s{seed}-f{generator_format(generator)}"
    path, stamp = vaults_dir / name, vaults_dir / (name + ".complete")
    if not stamp.exists():
        progress(f"generating {name}")
        shutil.rmtree(path, ignore_errors=True)
        vaults_dir.mkdir(parents=True, exist_ok=True)
        argv = [str(generator), "--notes", str(notes), "--seed", str(seed), str(path)]
        if markdown_links:
            argv.insert(-1, "--markdown-links")
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        stamp.write_text("complete\n")
    total, files = vault_size(path)
    return Vault(path, notes, seed, markdown_links, total, files)


def file_listing(root: Path) -> dict:
    """Size and nanosecond mtime of every file: equal listings mean nothing was written."""
    listing = {}
    for folder, _, names in os.walk(root):
        for name in names:
            info = (Path(folder) / name).stat()
            listing[os.path.join(folder, name)] = (info.st_size, info.st_mtime_ns)
    return listing


def fresh_copy(source: Path, destination: Path) -> None:
    shutil.rmtree(destination, ignore_errors=True)
    subprocess.run(["cp", "-a", str(source), str(destination)], check=True)
