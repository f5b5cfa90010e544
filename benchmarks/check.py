"""``sourcecheck check`` against ``frictionless validate`` on the bundled example, whole processes.

On a copy of the example project (articles, data packages, schemas, pyproject.toml) in
a temporary folder, it times, interleaved, ``--runs`` times each:

* sourcecheck, cold cache: ``sourcecheck check`` after the cache folder is deleted;
* sourcecheck, warm cache: ``sourcecheck check`` again, nothing changed;
* frictionless CLI: ``frictionless validate datapackages/<p>/datapackage.json`` for each
  data package in turn (the frictionless command takes one package per call; given
  several it validates them as one package, which fails on repeated resource names);
* frictionless, one process: ``frictionless.validate(descriptor)`` for every package in
  a single Python process (frictionless imported once: the kindest comparison).

sourcecheck validates the same packages (Table Schema, pandera schemas, provenance)
and on top checks every claim of the article against them.  It prints the median
wall-clock time of each and the ratios sourcecheck / frictionless.

    python benchmarks/check.py [--runs 7]

Target (issue 6): ratio at most 1.0.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ONE_PROCESS = ("import sys, frictionless\n"
               "for path in sys.argv[1:]:\n"
               "    frictionless.validate(path)\n")


def copy_example(target: Path) -> Path:
    for name in ("articles", "datapackages", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def seconds(command: list[str], cwd: Path, allowed: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in allowed:
        sys.exit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory(prefix="sourcecheck-bench-") as folder:
        project = copy_example(Path(folder))
        cache = project / ".sourcecheck-cache"
        descriptors = sorted(str(p.relative_to(project)) for p in project.glob("datapackages/*/datapackage.json"))
        sourcecheck = [str(BIN / "sourcecheck"), "check", "."]
        frictionless = str(BIN / "frictionless")
        # frictionless exits 1 when a package is invalid by its own rules; the example's are valid
        times: dict[str, list[float]] = {"cold": [], "warm": [], "cli": [], "one": []}
        seconds(sourcecheck, project)  # the example must pass; also warms the file system
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            times["cold"].append(seconds(sourcecheck, project))
            times["warm"].append(seconds(sourcecheck, project))
            times["cli"].append(sum(seconds([frictionless, "validate", d], project) for d in descriptors))
            times["one"].append(seconds([sys.executable, "-c", ONE_PROCESS, *descriptors], project))

    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"example: {len(descriptors)} data packages; medians of {runs} interleaved runs (wall clock)")
    print(f"  sourcecheck check, cold cache        {median['cold']:6.2f} s")
    print(f"  sourcecheck check, warm cache        {median['warm']:6.2f} s")
    print(f"  frictionless validate, CLI per pkg   {median['cli']:6.2f} s  ({len(descriptors)} processes)")
    print(f"  frictionless.validate, one process   {median['one']:6.2f} s")
    for name, label in (("cold", "cold cache"), ("warm", "warm cache")):
        print(f"  ratio {label}: {median[name] / median['cli']:.2f} vs the CLI, "
              f"{median[name] / median['one']:.2f} vs one process")
    met = median["cold"] <= median["one"] and median["warm"] <= median["one"]
    print(f"target ratio <= 1.0 (against the one-process figure, the stricter): {'met' if met else 'NOT met'}"
          f" cold {median['cold'] / median['one']:.2f}, warm {median['warm'] / median['one']:.2f}")


if __name__ == "__main__":
    main()
