"""What reading an article as its reader sees it costs, beside extracting its numbers.

    python benchmarks/prose.py [--runs 5] [--copies 100]

The example article as text and as Markdown (tests/fixtures/articles), and ``--copies`` of
each end to end (about 1.1 MB), read with ``sourcecheck.prose.read_prose`` and extracted;
also as HTML (each line a <p>).  Medians of ``--runs`` in CPU time, in this one process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sourcecheck.numbers import extract  # noqa: E402
from sourcecheck.prose import read_prose  # noqa: E402


def median_time(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    text = (ROOT / "articles" / "russen-in-servie" / "article.nl.txt").read_text(encoding="utf-8")
    markdown = (ROOT / "tests" / "fixtures" / "articles" / "russen-in-servie.nl.md").read_text(encoding="utf-8")
    html = "<html lang=\"nl\"><body>\n" + "".join(f"<p>{line}</p>\n" for line in text.split("\n")) + "</body></html>\n"
    extract(text, "nl")  # the extractor's tables, once
    for name, source, form in (("text", text, "text"), ("markdown", markdown, "markdown"), ("html", html, "html")):
        for copies in (1, args.copies):
            whole = "\n\n".join([source] * copies) if form != "html" else source * copies
            read = median_time(partial(read_prose, whole, form), args.runs)
            reader = read_prose(whole, form).text
            numbers = median_time(partial(extract, reader, "nl"), args.runs)
            print(f"{name:9} {len(whole.encode()) / 1e6:6.3f} MB: read {read * 1000:8.1f} ms, "
                  f"extract {numbers * 1000:8.1f} ms ({read / numbers if numbers else 0:.1f}x the extraction)")


if __name__ == "__main__":
    main()
