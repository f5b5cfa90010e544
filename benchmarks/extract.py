"""Throughput of ``sourcecheck.numbers.extract`` in MB of text per second.

    python benchmarks/extract.py [--mb 10] [--runs 5] [--lang nl|en|both]

Generates a corpus of at least ``--mb`` megabytes (UTF-8) per language: news-like
sentences with numbers in every form the extractor reads (digits with the
language's separators from Babel, number words, percentages, ranges,
qualifiers, dates, fractions) mixed with number-free sentences and, for Dutch,
the paragraphs of the example article, a little denser than the article (one
mention per about 250 characters; the example article has 38 in 10,795).
Extraction runs ``--runs`` times in this one process, the languages taking
turns; the median is printed, and the first run alone: the extractor keeps the reading of each distinct
number form (and text2num's answers) in memory, so later runs over the same
corpus find every form read.  Judge by CPU time on a shared machine.  Target:
at least 5 MB/s on one core.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from babel.numbers import format_decimal  # noqa: E402
from timing import calibration  # noqa: E402

from sourcecheck.numbers import extract  # noqa: E402

_NUMBER_SENTENCES = {
    "nl": [
        "Volgens het bureau stemden {q} {n} kiezers in {y} op de partij.",
        "Het aandeel steeg tot {p}%, meldt het onderzoek van {month} {y}.",
        "Tussen {y} en {y2} groeide de groep van {n} tot {n2} leden.",
        "Slechts {p} procent van de ondervraagden was tevreden over de regering.",
        "Naar schatting {n} mensen bezochten het festival, een kleine tweehonderdduizend in totaal.",
        "De gemeente trok {m} miljoen euro uit voor de bouw van de nieuwe brug.",
        "Twee op de drie inwoners wonen al meer dan {d} jaar in de wijk.",
        "Het team eindigde op één na laatste, met {k} punten achterstand op nummer drie.",
        "De vergadering begon rond {h}.00 en duurde bijna drie uur.",
        "Een derde van de scholen kampt met een tekort aan leraren.",
    ],
    "en": [
        "According to the agency, {q} {n} voters chose the party in {y}.",
        "The share rose to {p}%, the survey of {month} {y} reports.",
        "Between {y} and {y2} the group grew from {n} to {n2} members.",
        "Only {p} percent of respondents were satisfied with the government.",
        "An estimated {n} people attended the festival, just under two hundred thousand in all.",
        "The council set aside {m} million dollars for the new bridge.",
        "Two in three residents have lived in the area for more than {d} years.",
        "The team finished second to last, {k} points behind number three.",
        "The meeting started at about {h}:00 and lasted nearly three hours.",
        "A third of the schools are short of teachers.",
    ],
}
_PLAIN_SENTENCES = {
    "nl": [
        "De burgemeester zei dat de plannen nog niet rond zijn en dat de raad later beslist.",
        "In de straten van de oude stad was het die avond opvallend rustig.",
        "Volgens omwonenden is de overlast de laatste tijd flink toegenomen.",
        "Het kabinet wil de regels aanpassen, maar de oppositie is kritisch over de uitvoering.",
        "Een woordvoerder van het ministerie wilde niet reageren op de berichten.",
    ],
    "en": [
        "The mayor said the plans were not final and that the council would decide later.",
        "The streets of the old town were remarkably quiet that evening.",
        "According to residents the nuisance has grown considerably in recent months.",
        "The cabinet wants to change the rules, but the opposition criticises the details.",
        "A spokesperson for the ministry declined to comment on the reports.",
    ],
}
_QUALIFIERS = {"nl": ["ongeveer", "ruim", "bijna", "meer dan", "zo'n", ""],
               "en": ["about", "more than", "nearly", "almost", "over", ""]}
_MONTHS = {"nl": ["januari", "maart", "juni", "september", "november"],
           "en": ["January", "March", "June", "September", "November"]}


def corpus(lang: str, megabytes: float, seed: int = 3) -> str:
    """A deterministic corpus of at least ``megabytes`` MB of UTF-8 text."""
    rng = random.Random(seed)
    article = (ROOT / "articles" / "russen-in-servie" / "article.nl.txt").read_text("utf-8")
    paragraphs = [p for p in article.split("\n") if len(p) > 80] if lang == "nl" else []
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        if paragraphs and rng.random() < 0.15:
            piece = rng.choice(paragraphs)
        else:
            sentences = [rng.choice(_PLAIN_SENTENCES[lang]) for _ in range(rng.randint(3, 7))]
            sentences.append(_number_sentence(lang, rng))
            rng.shuffle(sentences)
            piece = " ".join(sentences)
        parts.append(piece)
        size += len(piece.encode("utf-8")) + 1
    return "\n".join(parts)


def _number_sentence(lang: str, rng: random.Random) -> str:
    low = rng.randint(1_000, 90_000)

    def number(value: int | Decimal) -> str:
        return format_decimal(value, locale=lang)

    return rng.choice(_NUMBER_SENTENCES[lang]).format(
        q=rng.choice(_QUALIFIERS[lang]), n=number(low), n2=number(low + rng.randint(1, 50_000)),
        y=rng.randint(1990, 2015), y2=rng.randint(2016, 2025), month=rng.choice(_MONTHS[lang]),
        p=number(Decimal(rng.randint(1, 999)) / 10), m=number(Decimal(rng.randint(11, 99)) / 10),
        d=rng.randint(2, 40), k=rng.randint(1, 30), h=rng.randint(8, 22),
    ).replace("  ", " ")


def measure(texts: dict[str, str], runs: int) -> dict[str, tuple[float, float, int, float]]:
    """Per language: (median MB/s of wall time, median MB/s of this process's CPU time,
    mentions, MB/s of CPU time of the first run).  The languages take turns, run by
    run, so that a slow phase of a shared machine falls on both alike."""
    wall: dict[str, list[float]] = {lang: [] for lang in texts}
    cpu: dict[str, list[float]] = {lang: [] for lang in texts}
    found: dict[str, int] = {}
    for _ in range(runs):
        for lang, text in texts.items():
            megabytes = len(text.encode("utf-8")) / 1_000_000
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            found[lang] = len(extract(text, lang))
            wall[lang].append(megabytes / (time.perf_counter() - start_wall))
            cpu[lang].append(megabytes / (time.process_time() - start_cpu))
    return {lang: (statistics.median(wall[lang]), statistics.median(cpu[lang]), found[lang], cpu[lang][0])
            for lang in texts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size per language (default 10)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", choices=["nl", "en", "both"], default="both")
    args = parser.parse_args(argv)
    extract("warm-up: 1.000 en 2,5%", "nl")  # compile the patterns outside the timing
    extract("warm-up: 1,000 and 2.5%", "en")
    texts = {lang: corpus(lang, args.mb) for lang in (["nl", "en"] if args.lang == "both" else [args.lang])}
    print(f"calibration before: an empty loop of 10^7 turns takes {calibration():.2f} s of CPU here")
    for lang, (wall, cpu, found, first) in measure(texts, args.runs).items():
        text = texts[lang]
        megabytes = len(text.encode("utf-8")) / 1_000_000
        print(f"{lang}: {megabytes:.1f} MB, {found} mentions (one per {len(text) / max(found, 1):.0f} "
              f"characters); median over {args.runs} runs: {wall:.2f} MB/s wall clock, "
              f"{cpu:.2f} MB/s CPU time ({cpu / 5:.2f} x the 5 MB/s target); "
              f"first run: {first:.2f} MB/s CPU time")
    print(f"calibration after: an empty loop of 10^7 turns takes {calibration():.2f} s of CPU here")
    return 0


if __name__ == "__main__":
    sys.exit(main())
