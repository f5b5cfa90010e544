"""How does ``sourcecheck check`` scale to a newsroom?

Generates, in a temporary folder, a project of 1,000 articles (half Dutch, half English)
with 20 claims each over 50 data packages (two resources each, 200 and 240 rows, with
their pandera schemas); every article's ledger draws on four packages.  Every number
in every article is claimed, so the check must pass.  Then it runs, each as a whole
``sourcecheck check`` process (as CI runs it), ``--runs`` times (3), in one process:

1. full run: the first check, with an empty cache (the workers a check starts: one
   per CPU);
2. re-check: after one number of one article is edited (the cache warm): the check
   must now fail on exactly that claim (the edit is undone before the next run);
3. for comparison, full runs with ``--no-cache``, and with an empty cache and
   ``--workers 1`` (all in one process).

It prints the medians of each: wall clock, CPU (user + system of the check and of the
worker processes it waited for) and the peak memory (the largest resident set size of
the check's processes, as the kernel reports it: ``os.wait4``, ru_maxrss).

    python benchmarks/newsroom.py [--articles 1000] [--claims 20] [--packages 50] [--runs 3] [--keep DIR]

Targets (issue 6): full run under 10 s; re-check at most a tenth of the full run.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from timing import calibration

from sourcecheck.numbers import extract

PACKAGES_PER_ARTICLE = 4
COUNT_ROWS = 200
QUESTIONS = 60  # four answers each: 240 rows
DERIVED_PER_ARTICLE = 2

# Made-up place names: every sentence starts with one, so every anchor is unique.
_SYLLABLES = ["al", "bor", "cen", "dal", "el", "fen", "gor", "hal", "ir", "jon", "kel", "lor",
              "mar", "nor", "ol", "per", "quin", "ros", "sel", "tor", "ul", "ven", "wil", "zan"]
NL_NOUNS = ["inwoners", "kiezers", "studenten", "werknemers", "huishoudens", "bezoekers"]
EN_NOUNS = ["residents", "voters", "students", "workers", "households", "visitors"]


def _places(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize())
    return sorted(names)


def _count(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def _decimal(value: Decimal, lang: str) -> str:
    return str(value).replace(".", ",") if lang == "nl" else str(value)


def write_packages(root: Path, rng: random.Random, packages: int) -> dict[str, dict]:
    """Write the data packages and their schemas; return their rows for the articles."""
    (root / "schemas").mkdir(parents=True)
    data: dict[str, dict] = {}
    places = _places(rng, COUNT_ROWS)
    for number in range(packages):
        name = f"bureau-{number:02d}"
        folder = root / "datapackages" / name
        folder.mkdir(parents=True)
        counts = [(f"{place.lower()}-{number}", place, rng.randint(1_000, 950_000)) for place in places]
        shares = []
        for question in range(QUESTIONS):
            cuts = sorted(rng.sample(range(1, 999), 3))
            parts = [a - b for a, b in zip([*cuts, 1000], [0, *cuts], strict=True)]
            shares += [(f"q{question:02d}-{answer.lower()}", f"q{question:02d}", f"option {answer}",
                        Decimal(part) / 10) for answer, part in zip("ABCD", parts, strict=True)]
        with (folder / "counts.csv").open("w", encoding="utf-8", newline="") as file:
            file.write("id,place,value,unit,bound,status,locator\n")
            for key, place, value in counts:
                file.write(f"{key},{place},{value},people,,verified,table 1 row {place}\n")
        with (folder / "shares.csv").open("w", encoding="utf-8", newline="") as file:
            file.write("id,question,answer,share,bound,status,locator\n")
            for key, question, answer, share in shares:
                file.write(f"{key},{question},{answer},{share},,verified,table 2 {key}\n")
        (folder / "datapackage.json").write_text(json.dumps(_descriptor(name), indent=2), encoding="utf-8")
        (root / "schemas" / f"{name}.counts.yaml").write_text(_COUNTS_SCHEMA.format(name=name), encoding="utf-8")
        (root / "schemas" / f"{name}.shares.yaml").write_text(_SHARES_SCHEMA.format(name=name), encoding="utf-8")
        data[name] = {"counts": counts, "shares": shares}
    return data


def _field(name: str, kind: str, **constraints: object) -> dict:
    spec: dict = {"name": name, "type": kind}
    if constraints:
        spec["constraints"] = constraints
    return spec


def _descriptor(name: str) -> dict:
    common = [_field("bound", "string", enum=["exact", "approx", "above", "below", "at-least", "at-most"]),
              _field("status", "string", required=True, enum=["verified", "unverified"]),
              _field("locator", "string", required=True)]
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": name,
        "title": f"Statistics bureau {name}",
        "publisher": f"Bureau {name}",
        "published": "2025-01-15",
        "retrieved": "2026-11-28",
        "method": "register count and survey",
        "sources": [{"title": f"{name} tables", "path": f"https://example.org/{name}/tables"}],
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [
            {"name": "counts", "type": "table", "path": "counts.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [_field("id", "string", required=True, unique=True),
                                   _field("place", "string", required=True),
                                   _field("value", "integer", minimum=0),
                                   _field("unit", "string"), *common],
                        "primaryKey": ["id"]}},
            {"name": "shares", "type": "table", "path": "shares.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [_field("id", "string", required=True, unique=True),
                                   _field("question", "string", required=True),
                                   _field("answer", "string", required=True),
                                   _field("share", "number", minimum=0, maximum=100), *common],
                        "primaryKey": ["id"]}},
        ],
    }


_COUNTS_SCHEMA = """\
schema_type: dataframe
api: pandas
columns:
  value:
    dtype: null
    nullable: true
  unit:
    dtype: null
    nullable: true
checks:
- value: value
  unit: unit
  units: [people]
  options:
    check_name: counts_are_whole
    error: a count of people is not a whole number
name: {name}.counts
"""

_SHARES_SCHEMA = """\
schema_type: dataframe
api: pandas
columns:
  share:
    dtype: null
    nullable: true
checks:
- group: question
  share: share
  bound: bound
  complete: []
  multiple: []
  options:
    check_name: shares_add_up
    error: the shares of one question add up to more than 100
name: {name}.shares
"""


def write_articles(root: Path, rng: random.Random, data: dict[str, dict], articles: int, claims: int) -> None:
    names = sorted(data)
    places = _places(random.Random(7), 400)
    for number in range(articles):
        lang = "nl" if number % 2 == 0 else "en"
        chosen = rng.sample(names, PACKAGES_PER_ARTICLE)
        towns = rng.sample(places, claims)
        sentences, entries = [], []
        for index, town in enumerate(towns):
            package = chosen[index % len(chosen)]
            derived = index >= claims - DERIVED_PER_ARTICLE
            sentence, number_text, entry = _claim(rng, lang, town, package, data[package], derived)
            entry["id"] = f"claim-{index + 1:02d}"
            sentences.append((sentence, number_text))
            entries.append(entry)
        text, spans = "", []
        for sentence, number_text in sentences:
            at = sentence.index(number_text)
            spans.append((len(text) + at, sentence))
            text += sentence + (" " if len(text) % 3 else "\n\n")
        mentions = extract(text, lang)
        ledger = []
        for (start, _sentence), entry in zip(spans, entries, strict=True):
            mention = next(m for m in mentions if m.start <= start < m.end)
            line_start = text.rfind("\n", 0, mention.start) + 1
            sentence_start = max(line_start, text.rfind(". ", 0, mention.start) + 2)
            end_of_sentence = text.find(".", mention.end)
            entry["anchor"] = {"prefix": text[sentence_start:mention.start], "exact": mention.text,
                               "suffix": text[mention.end:end_of_sentence + 1]}
            ledger.append(entry)
        assert len(mentions) == len(ledger), "every number of a generated article is claimed"
        folder = root / "articles" / f"story-{number:04d}"
        folder.mkdir(parents=True)
        (folder / f"article.{lang}.txt").write_text(text, encoding="utf-8")
        (folder / "claims.yaml").write_text(_yaml(ledger), encoding="utf-8")


def _claim(rng: random.Random, lang: str, town: str, package: str, rows: dict,
           derived: bool) -> tuple[str, str, dict]:
    nl = lang == "nl"
    if derived:  # a share of two counts: part / whole x 100
        (part_key, _, part), (whole_key, _, whole) = sorted(rng.sample(rows["counts"], 2), key=lambda r: r[2])
        value = (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"))
        written = _decimal(value, lang) + "%"
        sentence = (f"{town} heeft {written} van de omvang van de buurgemeente, meldt het bureau."
                    if nl else f"{town} is {written} the size of its neighbour, the bureau reports.")
        ref = {"package": package, "resource": "counts", "field": "value"}
        entry = {"derive": {"op": "share", "of": [{**ref, "key": part_key}, {**ref, "key": whole_key}],
                            "value": str(value)}}
        return sentence, written, entry
    if rng.random() < 0.6:
        key, _, value = rng.choice(rows["counts"])
        noun = rng.choice(NL_NOUNS if nl else EN_NOUNS)
        style = rng.choice(["exact", "near", "above"])
        if style == "exact":
            written = _count(value, lang)
        elif style == "near":
            written = ("ongeveer " if nl else "about ") + _count(round(value, -2), lang)
        else:
            below = value - (value % 100 or 100)  # "more than" a round number under the count
            written = ("meer dan " if nl else "more than ") + _count(below, lang)
        sentence = (f"{town} telde volgens het bureau {written} {noun} in de laatste telling."
                    if nl else f"{town} counted {written} {noun} in the latest tally, the bureau says.")
        entry = {"source": {"package": package, "resource": "counts", "key": key, "field": "value",
                            "value": str(value)}}
        return sentence, written, entry
    key, _, answer, share = rng.choice(rows["shares"])
    written = _decimal(share, lang) + rng.choice([" procent", "%"] if nl else [" percent", "%"])
    sentence = (f"In {town} koos {written} van de ondervraagden voor {answer}, aldus het bureau."
                if nl else f"In {town}, {written} of those asked chose {answer}, the bureau found.")
    entry = {"source": {"package": package, "resource": "shares", "key": key, "field": "share",
                        "value": str(share)}}
    return sentence, written, entry


def _yaml(ledger: list[dict]) -> str:
    """The ledger as YAML, written by hand (JSON strings are valid YAML scalars)."""
    lines = ["claims:"]
    for entry in ledger:
        anchor = entry["anchor"]
        lines += [f"  - id: {entry['id']}", "    anchor:"]
        lines += [f"      {name}: {json.dumps(anchor[name], ensure_ascii=False)}"
                  for name in ("prefix", "exact", "suffix")]
        if "source" in entry:
            lines.append("    source:")
            lines += [f"      {name}: {json.dumps(value, ensure_ascii=False)}"
                      for name, value in entry["source"].items()]
        else:
            spec = entry["derive"]
            lines += ["    derive:", f"      op: {spec['op']}", "      of:"]
            lines += [f"        - {json.dumps(item)}" for item in spec["of"]]
            lines.append(f"      value: {json.dumps(spec['value'])}")
    return "\n".join(lines) + "\n"


def generate(root: Path, articles: int, claims: int, packages: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    data = write_packages(root, rng, packages)
    write_articles(root, rng, data, articles, claims)


def freeze_code(folder: Path) -> dict[str, str]:
    """A copy of this checkout's ``src/sourcecheck`` and the environment that runs it.

    The cache keys hold a hash of sourcecheck's own source files, so an edit of the
    checkout between two runs (other work in the same tree) would rightly empty the
    cache; the benchmark runs a snapshot so that it measures what it says it does.
    """
    source = Path(__file__).resolve().parents[1] / "src" / "sourcecheck"
    shutil.copytree(source, folder / "sourcecheck", ignore=shutil.ignore_patterns("__pycache__"))
    return {**os.environ, "PYTHONPATH": str(folder)}


@dataclass
class Run:
    """One ``sourcecheck check`` process: wall clock, CPU (user + system, which on a shared
    machine says more than the wall clock), exit code, peak resident memory, output."""

    wall: float
    cpu: float
    code: int
    peak_kib: int
    output: str


def timed_check(root: Path, *extra: str, env: dict[str, str] | None = None) -> Run:
    command = [sys.executable, "-m", "sourcecheck", "check", str(root), *extra]  # the text report, as CI
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    output = process.stdout.read().decode("utf-8") if process.stdout else ""
    # rusage of the process and of the worker processes it waited for (CPU summed, peak
    # memory the largest of them)
    _, status, usage = os.wait4(process.pid, 0)
    return Run(time.perf_counter() - start, usage.ru_utime + usage.ru_stime,
               os.waitstatus_to_exitcode(status), usage.ru_maxrss, output)


def edit_one_article(root: Path) -> tuple[str, str, Path, str]:
    """Change the first number of the middle article (and nothing else); return the id of
    the claim on it, the article's folder name, its path and its text before the edit."""
    stories = sorted((root / "articles").iterdir())
    story = stories[len(stories) // 2]
    path = next(story.glob("article.*.txt"))
    text = path.read_text(encoding="utf-8")
    lang = path.suffixes[0][1:]
    mention = extract(text, lang)[0]
    digit = next(i for i in range(mention.start, mention.end) if text[i].isdigit())
    changed = str((int(text[digit]) + 5) % 10 or 1)
    path.write_text(text[:digit] + changed + text[digit + 1:], encoding="utf-8")
    return "claim-01", story.name, path, text


def _line(label: str, runs: list[Run], extra: str = "") -> str:
    return (f"{label:38s}{statistics.median(r.wall for r in runs):7.2f} s wall "
            f"{statistics.median(r.cpu for r in runs):7.2f} s CPU   "
            f"peak RSS {max(r.peak_kib for r in runs) / 1024:6.0f} MiB{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=20)
    parser.add_argument("--packages", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind; medians are printed")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    args = parser.parse_args()

    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="newsroom-"))
    try:
        if root.exists() and any(root.iterdir()):
            sys.exit(f"{root} is not empty")
        started = time.perf_counter()
        generate(root, args.articles, args.claims, args.packages)
        print(f"newsroom: {args.articles} articles x {args.claims} claims over {args.packages} packages "
              f"(generated in {time.perf_counter() - started:.1f} s); {args.runs} runs of each kind")

        total = args.articles * args.claims
        passed = f"{total} claims: {total} hold"
        env = freeze_code(Path(tempfile.mkdtemp(prefix="sourcecheck-code-")))
        compileall.compile_dir(env["PYTHONPATH"], quiet=1)  # bytecode, as an installed package has
        full: list[Run] = []
        again: list[Run] = []
        for _ in range(args.runs):
            shutil.rmtree(root / ".sourcecheck-cache", ignore_errors=True)
            run = timed_check(root, env=env)
            assert run.code == 0 and passed in run.output, f"the newsroom must pass:\n{run.output[-500:]}"
            full.append(run)
            claim_id, story, path, original = edit_one_article(root)
            run = timed_check(root, env=env)
            caught = f"{total} claims: {total - 1} hold, 0 acknowledged, 1 failing" in run.output
            assert run.code == 1 and caught and f"[{claim_id}]" in run.output and story in run.output, \
                run.output[-800:]
            again.append(run)
            path.write_text(original, encoding="utf-8")
        verdict = next(line for line in again[0].output.splitlines() if f"[{claim_id}]" in line).split()[2]
        uncached = [timed_check(root, "--no-cache", env=env) for _ in range(args.runs)]
        alone = []
        for _ in range(args.runs):
            shutil.rmtree(root / ".sourcecheck-cache", ignore_errors=True)
            alone.append(timed_check(root, "--workers", "1", env=env))
        assert all(run.code == 0 and passed in run.output for run in uncached + alone)

        wall, cpu = statistics.median(r.wall for r in full), statistics.median(r.cpu for r in full)
        wall_again, cpu_again = statistics.median(r.wall for r in again), statistics.median(r.cpu for r in again)
        wall_alone = statistics.median(r.wall for r in alone)
        print(_line("full run (empty cache)", full))
        print(_line("re-check after one edit", again, f"   ({wall_again / wall:.1%} of the full run's wall "
                    f"time, {cpu_again / cpu:.1%} of its CPU; caught: {verdict})"))
        print(_line("full run, --no-cache", uncached))
        print(_line("full run, empty cache, --workers 1", alone,
                    f"   (the workers make the full run {wall_alone / wall:.2f}x faster)"))
        print("medians; peak RSS: the largest ru_maxrss of a check's processes (the parent, or one "
              "worker); CPU: user + system time of the check and its workers (both from os.wait4); "
              f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"calibration: an empty loop of 10^7 turns takes {calibration():.2f} s of CPU here now")
        print(f"targets: full run < 10 s: {'met' if wall < 10 else 'NOT met'}; "
              f"re-check <= 1/10 of it: {'met' if wall_again <= wall / 10 else 'NOT met'}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        if "env" in locals():
            shutil.rmtree(Path(env["PYTHONPATH"]), ignore_errors=True)


if __name__ == "__main__":
    main()
