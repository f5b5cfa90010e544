"""How fast is ``sourcecheck check`` on the bundled example?

Times, in this one process, after one warm-up run (imports done):

* check: ``sourcecheck.check`` on the repository root, end to end (data packages
  loaded and validated afresh each time, as every run of the command does);
* claims only: the claims stage alone on the same project, with the data packages
  already loaded (ledger, extraction, anchors, verdicts, coverage);
* extract: number extraction of the article;
* ledger: loading and validating claims.yaml.

It prints the median of each and the share of the claims stage in the whole check.

    python benchmarks/claims_check.py [--runs N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timing import median_seconds

import sourcecheck
from sourcecheck.ledger.load import load_ledger
from sourcecheck.numbers import extract
from sourcecheck.run.check import Checker

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "articles" / "russen-in-servie"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    assert sourcecheck.check(ROOT, cache=False).exit_code == 0  # warm-up, and the example must pass
    loaded = Checker(ROOT, cache=False)
    loaded.run()  # loads and validates the packages once; later runs keep them

    def claims_only() -> None:
        loaded.run()

    text = (ARTICLE / "article.nl.txt").read_text(encoding="utf-8")
    results = {
        "check (end to end)": median_seconds(lambda: sourcecheck.check(ROOT, cache=False), runs),
        "claims only (packages loaded)": median_seconds(claims_only, runs),
        "extract the article": median_seconds(lambda: extract(text, "nl"), runs),
        "load the ledger": median_seconds(lambda: load_ledger(ARTICLE / "claims.yaml"), runs),
    }
    for name, seconds in results.items():
        print(f"{name:32} {seconds * 1000:8.1f} ms (median of {runs})")
    share = results["claims only (packages loaded)"] / results["check (end to end)"]
    print(f"{'claims share of the check':32} {share:8.1%}")


if __name__ == "__main__":
    main()
