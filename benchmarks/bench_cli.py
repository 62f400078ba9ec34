"""Start-up time of the `archive` command: wall time of a fresh process, as a user waits for it.

    .venv/bin/python benchmarks/bench_cli.py [--repeat 7] [--index DIR] [--imports]

Builds the sample archive (`python -m samples`, then a real ingest) in a temporary folder
unless `--index` names one, then runs each command `--repeat` times in a new process and prints
the fastest and the median wall time against the targets: `archive --help` under 0.3 s,
`archive search` on the sample archive under 1 s. `python -c pass` and `import typer` are the
floor any command stands on. `--imports` adds the modules that cost the search most to import
(`python -X importtime`). Figures, not a test: a loaded machine makes them slower.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
ARCHIVE = [PYTHON, "-m", "archive.cli"]
TARGETS = {"archive --help": 0.3, 'archive search "Ter Apel"': 1.0}


def build_sample_archive(folder: Path) -> Path:
    """The sample minutes ingested into `folder/index` (tagged, as the demo does)."""
    minutes = folder / "minutes"
    subprocess.run([PYTHON, "-m", "samples", str(minutes)], check=True, capture_output=True)
    index = folder / "index"
    subprocess.run(
        [*ARCHIVE, "ingest", str(minutes), "--index", str(index), "--quiet"],
        check=True,
        capture_output=True,
    )
    return index


def wall(command: list[str], repeat: int, env: dict[str, str]) -> list[float]:
    """Wall times of `repeat` runs of `command`, each a new process (output discarded)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times


def import_costs(command: list[str], env: dict[str, str], top: int = 12) -> list[tuple[int, str]]:
    """The `top` modules by cumulative import time (µs) in one run of `command`."""
    run = subprocess.run(
        [PYTHON, "-X", "importtime", *command[1:]],
        env=env,
        capture_output=True,
        text=True,
    )
    costs = []
    for line in run.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if cumulative.strip().isdigit():
            costs.append((int(cumulative), name.rstrip()))
    # Only modules at the top level of the import tree (two spaces: imported by the script).
    roots = [(us, name.strip()) for us, name in costs if not name.startswith("   ")]
    return sorted(roots, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command")
    parser.add_argument("--index", type=Path, help="an archive to search instead of the sample")
    parser.add_argument("--imports", action="store_true", help="show what the search imports")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        index = args.index or build_sample_archive(Path(tmp))
        env = {**os.environ, "ARCHIVE_INDEX": str(index)}
        env.pop("COLUMNS", None)
        commands = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "python -c 'import typer'": [PYTHON, "-c", "import typer"],
            "archive --help": [*ARCHIVE, "--help"],
            "archive --version": [*ARCHIVE, "--version"],
            "archive search --help": [*ARCHIVE, "search", "--help"],
            'archive search "Ter Apel"': [*ARCHIVE, "search", "Ter Apel"],
            'archive search "Ter Apel" --json': [*ARCHIVE, "search", "Ter Apel", "--json"],
            "archive show vrt-bao-oekraine-2022-04-07.pdf": [
                *ARCHIVE, "show", "vrt-bao-oekraine-2022-04-07.pdf",
            ],  # fmt: skip
            "archive stats": [*ARCHIVE, "stats"],
            "archive export actions": [*ARCHIVE, "export", "actions"],
        }
        wall(commands['archive search "Ter Apel"'], 1, env)  # a first run warms the disk cache
        print(f"{'command':<48} {'fastest':>8} {'median':>8} {'target':>8}")
        for label, command in commands.items():
            times = wall(command, args.repeat, env)
            target = TARGETS.get(label)
            mark = "" if target is None else ("  ok" if min(times) < target else "  over")
            target_text = f"< {target:.1f} s" if target else ""
            print(
                f"{label:<48} {min(times):>6.2f} s {statistics.median(times):>6.2f} s "
                f"{target_text:>8}{mark}"
            )
        if args.imports:
            print("\nimports of archive search (cumulative ms, top level)")
            for us, name in import_costs(commands['archive search "Ter Apel"'], env):
                print(f"  {us / 1000:>7.0f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
