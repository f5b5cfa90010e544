"""``sourcecheck check`` against ``frictionless validate`` on the bundled example, whole processes.

On a copy of the example project (articles, data packages, schemas, pyproject.toml) in
a temporary folder, it times, interleaved, ``--runs`` times each:

* sourcecheck, cold cache: ``sourcecheck check`` after the cache folder is deleted;
* sourcecheck, warm cache: ``sourcecheck check`` again, nothing changed;
* frictionless CLI: ``frictionless validate datapackages/<p>/datapackage.json`` for each
  data package in turn (the frictionless command takes one package per call; given
  several it validates them as one package, which fails on repeated resource names);
* frictionless CLI, one process: ``frictionless validate inquiry.json``, an inquiry
  (frictionless's own list of validation tasks) naming every package: the same command,
  once, over the same packages;
* frictionless, one process: ``frictionless.validate(descriptor)`` for every package in
  a single Python process (frictionless imported once: the kindest comparison).

sourcecheck validates the same packages (Table Schema, pandera schemas, provenance)
and on top checks every claim of the article against them.  It prints the median
wall-clock time of each and the ratios sourcecheck / frictionless.

    python benchmarks/check.py [--runs 7]

Target (issue 6): ratio at most 1.0 for a check that reuses its cached results (the
issue: "import only what a run needs; reuse cached results whose inputs have not
changed"), against the quickest frictionless figure.  A cold cache is reported beside
it: it imports pandas and pandera, which frictionless does not, and so cannot match a
single frictionless process on seven small packages.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
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


def freeze_code(folder: Path) -> dict[str, str]:
    """A snapshot of ``src/sourcecheck`` (compiled) and the environment that runs it: the
    cache keys hold a hash of sourcecheck's source, so concurrent edits of the checkout
    would otherwise empty the warm cache between runs."""
    shutil.copytree(ROOT / "src" / "sourcecheck", folder / "sourcecheck",
                    ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(folder, quiet=1)
    return {**os.environ, "PYTHONPATH": str(folder)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, list[float]] = {}  # CPU seconds (user + system) of each timed command, by name


def seconds(command: list[str], cwd: Path, allowed: tuple[int, ...] = (0,),
            env: dict[str, str] | None = None, name: str = "") -> float:
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    CPU.setdefault(name, []).append(_children_cpu() - cpu)
    if done.returncode not in allowed:
        sys.exit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory(prefix="sourcecheck-bench-") as folder:
        (Path(folder) / "project").mkdir()
        project = copy_example(Path(folder) / "project")
        env = freeze_code(Path(folder) / "code")
        cache = project / ".sourcecheck-cache"
        descriptors = sorted(str(p.relative_to(project)) for p in project.glob("datapackages/*/datapackage.json"))
        inquiry = Path(folder) / "inquiry.json"  # outside the project: not one of its files
        # paths as seen from the project, where it runs
        inquiry.write_text(json.dumps({"tasks": [{"package": d} for d in descriptors]}))
        sourcecheck = [str(BIN / "sourcecheck"), "check", "."]
        frictionless = str(BIN / "frictionless")
        # frictionless exits 1 when a package is invalid by its own rules; the example's are valid
        times: dict[str, list[float]] = {"cold": [], "warm": [], "cli": [], "inquiry": [], "one": []}
        seconds(sourcecheck, project, env=env)  # the example must pass; also warms the file system
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            times["cold"].append(seconds(sourcecheck, project, env=env, name="cold"))
            times["warm"].append(seconds(sourcecheck, project, env=env, name="warm"))
            times["cli"].append(sum(seconds([frictionless, "validate", d], project, name=f"cli-{d}")
                                    for d in descriptors))
            times["inquiry"].append(seconds([frictionless, "validate", str(inquiry)], project, name="inquiry"))
            times["one"].append(seconds([sys.executable, "-c", ONE_PROCESS, *descriptors], project, name="one"))

    median = {name: statistics.median(values) for name, values in times.items()}
    cli_cpu = [sum(values) for values in zip(*(CPU[f"cli-{d}"] for d in descriptors), strict=True)]
    cpu = {name: statistics.median(CPU[name]) for name in ("cold", "warm", "inquiry", "one")}
    cpu["cli"] = statistics.median(cli_cpu)
    print(f"example: {len(descriptors)} data packages; medians of {runs} interleaved runs")
    rows = (("cold", "sourcecheck check, cold cache"), ("warm", "sourcecheck check, warm cache"),
            ("cli", f"frictionless validate, per package ({len(descriptors)} processes)"),
            ("inquiry", "frictionless validate inquiry.json (1 process)"),
            ("one", "frictionless.validate, all in one Python process"))
    for name, label in rows:
        print(f"  {label:52s} {median[name]:6.2f} s wall  {cpu[name]:6.2f} s CPU")
    for name in ("cold", "warm"):
        ratios = ", ".join(f"{median[name] / median[other]:.2f} ({cpu[name] / cpu[other]:.2f})"
                           for other in ("cli", "inquiry", "one"))
        print(f"  ratio wall (CPU), {name} cache, against per package, inquiry, one process: {ratios}")
    quickest = min(median[name] for name in ("cli", "inquiry", "one"))
    met = median["warm"] <= quickest
    print(f"target ratio <= 1.0 for a check that reuses its cache, against the quickest frictionless "
          f"figure: {'met' if met else 'NOT met'} ({median['warm'] / quickest:.2f}); a cold cache: "
          f"{median['cold'] / quickest:.2f} (it imports pandas and pandera); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
