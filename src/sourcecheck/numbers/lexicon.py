"""The words of each language that make, bound or qualify a number.

Everything language-specific the extractor needs is data in a :class:`Lexicon`;
its code (``candidates.py``, ``tokens.py``, ``phrases.py``...) is the same for
Dutch and English.  Separator symbols come from Babel's locale data; the word
lists are written here because neither Babel nor text2num knows qualifiers,
fraction words or time units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import get_decimal_symbol, get_group_symbol

from .mention import Qualifier

Q = Qualifier


@dataclass(frozen=True)
class Lexicon:
    lang: str
    decimal: str                       # Babel: "," in nl, "." in en
    group: str                         # Babel: "." in nl, "," in en
    cardinal_morphemes: tuple[str, ...]  # pieces a cardinal word is built from
    compound: bool                     # Dutch glues a number into one word
    joiners: tuple[str, ...]           # words allowed between number words ("en", "and")
    scales: dict[str, Decimal]         # words (and letters) that multiply a number in digits
    articles: tuple[str, ...]          # "een", "a", "an": a number only inside a number phrase
    percent_words: tuple[str, ...]
    percent_of: tuple[str, ...]        # "percentage van 30", "per cent of 210"
    qualifiers: dict[str, Qualifier]   # phrase before a number -> qualifier
    qualifiers_after: dict[str, Qualifier]  # phrase after a number: "65 of meer", "65+", "or less"
    between: tuple[str, str]           # ("tussen", "en")
    between_articles: tuple[str, ...]  # "de" in "tussen de 40 en 50", "the" in "between the 5th and the 10th"
    range_words: tuple[str, ...]       # "tot en met", "tot", "to"
    scale_sharers: tuple[str, ...]     # "naar" in "van 16 naar 17 miljoen": the scale is the first's too
    change_verbs: tuple[str, ...]      # "steeg van 16 tot 17", "up from 8.2 to 8.8 million": two numbers, no range
    change_from: str                   # "van", "from"
    measures: tuple[str, ...]          # a word between a number and its comparative: "35 graden of meer"
    fraction_links: tuple[str, ...]    # "op de" in "twee op de drie"
    halves: dict[str, Decimal]         # "helft", "half", "anderhalf"
    fraction_words: dict[str, Decimal]  # stand-alone fractions: "kwart", "quarter", "driekwart"
    multiplier_words: tuple[str, ...]  # fraction words a numeral multiplies: "drie kwart"
    ordinals: dict[str, int]           # irregular ordinal words -> number
    digit_ordinal: str                 # "e" in "4e"; "st|nd|rd|th" in English
    rank_before: tuple[str, ...]       # "nummer", "number", "no."
    next_to: tuple[str, str]           # ("op", "na"): "op één na" is second
    months: dict[str, int]
    duration_units: tuple[str, ...]
    age_after: tuple[str, ...]         # "jaar oud", "years old"
    age_glued: tuple[str, ...]         # "-jarige", "-year-old"
    decade_ages: dict[str, int]        # "dertiger" -> 30
    currencies: tuple[str, ...]        # after the number
    currency_symbols: str = "€$£¥"
    minus_words: tuple[str, ...] = ()
    pronoun_one_before: tuple[str, ...] = ()  # "which one", "this one": a pronoun
    # after "one": "one factor behind", "one reason why": "a", no count
    indefinite_one_nouns: tuple[str, ...] = ()
    particle_verbs: frozenset[str] = frozenset()  # "edged up to 7.9 million": "up" is the verb's
    word_aliases: dict[str, str] = field(default_factory=dict)  # spelling -> what text2num reads
    # sign, word or code of money (lower case) -> ISO 4217; one that names several currencies
    # ("¥": yen or yuan, "dinar") is left out: the amount then has no unit
    currency_codes: dict[str, str] = field(default_factory=dict)
    currency_codes_before: tuple[str, ...] = ()  # codes written before digits: "EUR 5", "US$ 4bn"
    point_words: tuple[str, ...] = ()  # after a number: a difference of percentages
    # "points" alone: a poll's percentage points, or a score or index points (flagged ambiguous)
    loose_point_words: tuple[str, ...] = ()
    # "59.5m": a lower-case "m" glued to a number with decimals is a million (flagged: it may
    # be metres); "29m" stays metres, no number
    glued_m_is_million: bool = False
    # periods of a year: "de eerste helft van 2024", "het derde kwartaal", "de zomer van 2022"
    year_parts: dict[str, int] = field(default_factory=dict)  # after an ordinal: parts of a year
    year_parts_alone: tuple[str, ...] = ()  # a period without "van 2024" too ("het derde kwartaal")
    year_of: str = ""                        # "van" in "de eerste helft van 2024"
    this_year: tuple[str, ...] = ()          # "dit jaar": a period of a year not named
    seasons: dict[str, tuple[int, int]] = field(default_factory=dict)  # first and last month
    decade_years_before: tuple[str, ...] = ()  # "de jaren zeventig", "jaren '70": the 1970s
    # names that start with an ordinal, no rank ("Tweede Kamer", "Second World War",
    # "second-hand"); matched as written, and a longer word through them too ("Tweede Kamerlid")
    ordinal_names: tuple[str, ...] = ()
    # a multiple is a ratio (kind fraction): "nine times as many", "drie keer zo groot"; the
    # word after it tells it from a count of times ("three times a week")
    multiple_words: tuple[str, ...] = ()
    multiple_follow: tuple[str, ...] = ()
    # ages: "65-plussers", "65 jaar en ouder" (that age or older), "ouder dan 80" (a
    # qualifier that makes the number an age), "65 en ouder" (qualifiers_after, an age word)
    age_plus: tuple[str, ...] = ()
    age_or_older: tuple[str, ...] = ()    # "65 jaar en ouder", "65 years and over"
    age_words_after: tuple[str, ...] = ()  # a comparative after the number in these makes an age
    # people, then a bound or a range: "kinderen onder de 12", "residents are now over 65" (ages.py)
    people_words: tuple[str, ...] = ()
    people_links: tuple[str, ...] = ()  # "is", "are now": between the people and the age
    people_to: str = ""                 # "jongeren tot 35 jaar": at most 35
    people_from: str = ""               # "jongeren van 13 tot en met 17": the range's start
    age_named: tuple[str, ...] = ()       # "aged", "age": "aged 65 and over", "aged under 15"
    age_qualifiers: dict[str, Qualifier] = field(default_factory=dict)  # also in qualifiers


_NL_CARDINALS = (
    "nul een één eén twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
    "vijftien zestien zeventien achttien negentien twintig dertig veertig vijftig zestig "
    "zeventig tachtig negentig honderd duizend miljoen miljard biljoen biljard"
).split()

_EN_CARDINALS = (
    "zero nought naught one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion trillion"
).split()

_MILLION = Decimal(10) ** 6

# ISO 4217 codes of the signs and codes both languages write
_CURRENCY_CODES = {"€": "EUR", "eur": "EUR", "$": "USD", "us$": "USD", "usd": "USD", "£": "GBP",
                   "gbp": "GBP", "a$": "AUD", "c$": "CAD", "nz$": "NZD", "hk$": "HKD", "chf": "CHF",
                   "sek": "SEK", "jpy": "JPY", "cny": "CNY"}
_NL_AGE_QUALIFIERS = {"ouder dan": Q.ABOVE, "jonger dan": Q.BELOW}
_EN_AGE_QUALIFIERS = {"older than": Q.ABOVE, "younger than": Q.BELOW}
_CODES_BEFORE = ("US$", "A$", "C$", "NZ$", "HK$", "EUR", "USD", "GBP", "CHF", "SEK", "JPY", "CNY")

# A negation before a comparative turns its direction: "niet meer dan 30" is at most 30,
# "not less than 30" at least 30 (never the opposite of what is written)
_NEGATED = {Q.ABOVE: Q.AT_MOST, Q.AT_MOST: Q.ABOVE, Q.BELOW: Q.AT_LEAST, Q.AT_LEAST: Q.BELOW}


def _with_negations(negations: tuple[str, ...], qualifiers: dict[str, Qualifier]) -> dict[str, Qualifier]:
    """``qualifiers`` and each comparative among them after each negation word, turned."""
    negated = {f"{negation} {words}": _NEGATED[qualifier] for words, qualifier in qualifiers.items()
               for negation in negations if qualifier in _NEGATED and words[0].isalpha()}
    return {**negated, **qualifiers}  # a phrase written out ("no fewer than") keeps its own

DUTCH = Lexicon(
    lang="nl",
    decimal=get_decimal_symbol("nl"),
    group=get_group_symbol("nl"),
    cardinal_morphemes=tuple(_NL_CARDINALS),
    compound=True,
    joiners=("en",),
    scales={
        "honderd": Decimal(100), "duizend": Decimal(1000), "miljoen": _MILLION,
        "miljard": Decimal(10) ** 9, "biljoen": Decimal(10) ** 12, "biljard": Decimal(10) ** 15,
        "mln": _MILLION, "mld": Decimal(10) ** 9, "mrd": Decimal(10) ** 9,
        "dozijn": Decimal(12), "dozijnen": Decimal(12), "gros": Decimal(144),
        "k": Decimal(1000), "m": _MILLION, "g": Decimal(10) ** 9, "b": Decimal(10) ** 9,
        "bn": Decimal(10) ** 9,
    },
    articles=("een",),
    percent_words=("procent", "percent", "per cent", "%"),
    percent_of=("percentage van",),
    qualifiers=_with_negations(("niet", "nooit"), {
        "een kleine": Q.JUST_UNDER, "bijna": Q.JUST_UNDER, "nog geen": Q.JUST_UNDER,
        "krap": Q.JUST_UNDER, "net geen": Q.JUST_UNDER, "net onder de": Q.JUST_UNDER,
        "iets minder dan": Q.JUST_UNDER,
        "ruim": Q.JUST_OVER, "krap boven": Q.JUST_OVER, "krap boven de": Q.JUST_OVER,
        "net boven": Q.JUST_OVER, "net boven de": Q.JUST_OVER, "iets meer dan": Q.JUST_OVER,
        "iets boven de": Q.JUST_OVER,
        "meer dan": Q.ABOVE, "méér dan": Q.ABOVE, "groter dan": Q.ABOVE, "hoger dan": Q.ABOVE,
        "ouder dan": Q.ABOVE, "langer dan": Q.ABOVE, "boven": Q.ABOVE, "boven de": Q.ABOVE,
        "dik": Q.ABOVE, "ruimschoots": Q.ABOVE, "ruim boven": Q.ABOVE, "ruim boven de": Q.ABOVE,
        ">": Q.ABOVE,
        "ongeveer": Q.NEAR, "zo'n": Q.NEAR, "zo’n": Q.NEAR, "rond": Q.NEAR, "rond de": Q.NEAR,
        "rondom": Q.NEAR, "circa": Q.NEAR, "ca.": Q.NEAR, "omstreeks": Q.NEAR,
        "ruwweg": Q.NEAR, "pakweg": Q.NEAR, "grofweg": Q.NEAR, "om en nabij": Q.NEAR,
        "~": Q.NEAR, "≈": Q.NEAR,
        "minstens": Q.AT_LEAST, "ten minste": Q.AT_LEAST, "tenminste": Q.AT_LEAST,
        "minimaal": Q.AT_LEAST, "op zijn minst": Q.AT_LEAST,
        "meer dan of gelijk aan": Q.AT_LEAST, "groter dan of gelijk aan": Q.AT_LEAST,
        "hoger dan of gelijk aan": Q.AT_LEAST, ">=": Q.AT_LEAST, "≥": Q.AT_LEAST,
        "minder dan": Q.BELOW, "kleiner dan": Q.BELOW, "lager dan": Q.BELOW, "jonger dan": Q.BELOW,
        "korter dan": Q.BELOW, "onder de": Q.BELOW, "ruim onder de": Q.BELOW, "<": Q.BELOW,
        "hooguit": Q.AT_MOST, "maximaal": Q.AT_MOST, "hoogstens": Q.AT_MOST, "ten hoogste": Q.AT_MOST,
        "op zijn hoogst": Q.AT_MOST, "tot wel": Q.AT_MOST, "tot maximaal": Q.AT_MOST,
        "minder dan of gelijk aan": Q.AT_MOST, "kleiner dan of gelijk aan": Q.AT_MOST,
        "lager dan of gelijk aan": Q.AT_MOST, "<=": Q.AT_MOST, "≤": Q.AT_MOST,
        "naar schatting": Q.ESTIMATED, "geschat": Q.ESTIMATED,
        "slechts": Q.ONLY, "maar": Q.ONLY, "amper": Q.ONLY, "nauwelijks": Q.ONLY,
        **_NL_AGE_QUALIFIERS,
    }) | {"zeker": Q.AT_LEAST},  # no negation: "niet zeker" is doubt, not a bound
    qualifiers_after={"of meer": Q.AT_LEAST, "en meer": Q.AT_LEAST, "of ouder": Q.AT_LEAST,
                      "en ouder": Q.AT_LEAST, "of hoger": Q.AT_LEAST, "en hoger": Q.AT_LEAST,
                      "of warmer": Q.AT_LEAST, "of langer": Q.AT_LEAST,
                      "+": Q.AT_LEAST, "of minder": Q.AT_MOST, "of jonger": Q.AT_MOST,
                      "en jonger": Q.AT_MOST, "of lager": Q.AT_MOST},
    between=("tussen", "en"),
    between_articles=("de",),
    range_words=("tot en met", "t/m", "tot", "à", "-", "–", "—", "~"),
    scale_sharers=("naar", "of"),
    change_verbs=("steeg", "stegen", "stijgt", "stijgen", "gestegen", "daalde", "daalden", "daalt", "dalen",
                  "gedaald", "groeide", "groeiden", "groeit", "gegroeid", "kromp", "krompen", "gekrompen",
                  "toegenomen", "afgenomen", "verhoogd", "verlaagd", "opgelopen", "liep", "gezakt", "zakte"),
    change_from="van",
    measures=("graden", "jaar", "jaren", "punten"),
    fraction_links=("op de", "van de", "uit de", "uit", "op", "op elke", "op iedere"),
    halves={"helft": Decimal("0.5"), "half": Decimal("0.5"), "halve": Decimal("0.5"),
            "anderhalf": Decimal("1.5"), "anderhalve": Decimal("1.5")},
    fraction_words={"kwart": Decimal("0.25"), "driekwart": Decimal("0.75")},
    multiplier_words=("kwart", "half", "halve"),
    ordinals={"eerste": 1, "derde": 3, "achtste": 8},
    digit_ordinal="e|ste|de",
    rank_before=("nummer", "nr."),
    next_to=("op", "na"),
    months={name: number for number, names in enumerate((
        ("januari", "jan."), ("februari", "feb.", "febr."), ("maart", "mrt."), ("april", "apr."),
        ("mei",), ("juni",), ("juli",), ("augustus", "aug."), ("september", "sep.", "sept."),
        ("oktober", "okt."), ("november", "nov."), ("december", "dec.")), start=1)
        for name in names},
    duration_units=("jaar", "jaren", "maand", "maanden", "week", "weken", "dag", "dagen",
                    "uur", "uren", "minuut", "minuten", "seconde", "seconden", "decennium",
                    "decennia", "eeuw", "eeuwen", "etmaal", "etmalen", "kwartaal", "kwartalen"),
    age_after=("jaar oud",),
    age_glued=("-jarige", "-jarigen", "jarige", "jarigen"),
    decade_ages={"twintiger": 20, "dertiger": 30, "veertiger": 40, "vijftiger": 50,
                 "zestiger": 60, "zeventiger": 70, "tachtiger": 80, "negentiger": 90},
    currencies=("euro", "dollar", "pond", "dinar", "roebel", "yuan", "eur", "usd", "gbp"),
    minus_words=("min", "minus", "negatief"),
    word_aliases={"eén": "één", "tweeen": "tweeën", "drieen": "drieën"},
    currency_codes={**_CURRENCY_CODES, "euro": "EUR", "dollar": "USD", "pond": "GBP",
                    "roebel": "RUB", "yuan": "CNY"},
    currency_codes_before=_CODES_BEFORE,
    age_plus=("-plussers", "-plusser", "plussers", "plusser", "-plus", "+'ers", "+’ers"),
    age_or_older=("jaar en ouder", "jaar of ouder", "jaar en daarboven"),
    age_words_after=("ouder", "jonger"),
    people_words=("mensen", "kinderen", "jongeren", "ouderen", "volwassenen", "nederlanders",
                  "inwoners", "patiënten", "vrouwen", "mannen", "personen", "leerlingen",
                  "kiezers", "babyboomers"),
    people_links=("is", "zijn", "was", "waren", "nu", "nog", "al"),
    people_to="tot",
    people_from="van",
    age_qualifiers=_NL_AGE_QUALIFIERS,
    decade_years_before=("jaren",),
    ordinal_names=("Tweede Kamer", "Eerste Kamer", "Tweede Wereldoorlog", "Eerste Wereldoorlog",
                   "Tweede Paasdag", "Tweede Pinksterdag", "Tweede Kerstdag", "Derde Wereld",
                   "Derde Rijk", "Eerste Hulp", "tweedehands", "Tweedehands"),
    multiple_words=("keer", "maal"),
    multiple_follow=("zo", "zoveel", "meer", "groter", "hoger", "kleiner", "lager", "minder",
                     "sneller", "vaker", "duurder", "goedkoper", "zoals"),
    year_parts={"helft": 2, "kwartaal": 4},
    year_parts_alone=("kwartaal",),
    year_of="van",
    this_year=("dit jaar", "vorig jaar", "volgend jaar", "het jaar"),
    seasons={"lente": (3, 5), "voorjaar": (3, 5), "zomer": (6, 8), "herfst": (9, 11),
             "najaar": (9, 11), "winter": (12, 2)},
    point_words=("procentpunt", "procentpunten", "procentspunt", "procentspunten", "%-punt",
                 "%-punten", "pp", "p.p.", "percentagepunt", "percentagepunten"),
)

ENGLISH = Lexicon(
    lang="en",
    decimal=get_decimal_symbol("en"),
    group=get_group_symbol("en"),
    cardinal_morphemes=tuple(_EN_CARDINALS),
    compound=False,
    joiners=("and",),
    scales={
        "hundred": Decimal(100), "thousand": Decimal(1000), "million": _MILLION,
        "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12,
        "mln": _MILLION, "mil": _MILLION, "mm": _MILLION, "bn": Decimal(10) ** 9,
        "bln": Decimal(10) ** 9, "tln": Decimal(10) ** 12, "k": Decimal(1000), "m": _MILLION,
        "g": Decimal(10) ** 9, "b": Decimal(10) ** 9, "lakh": Decimal(10) ** 5,
        "crore": Decimal(10) ** 7, "dozen": Decimal(12), "dozens": Decimal(12),
        "dz": Decimal(12), "dzs": Decimal(12), "doz": Decimal(12), "dozs": Decimal(12),
    },
    articles=("a", "an"),
    percent_words=("percent", "per cent", "percents", "percentage", "pct", "%"),
    percent_of=("percent of", "per cent of", "percents of", "percentage of"),
    qualifiers=_with_negations(("not", "no", "never"), {
        "just under": Q.JUST_UNDER, "almost": Q.JUST_UNDER, "nearly": Q.JUST_UNDER,
        "just shy of": Q.JUST_UNDER, "just below": Q.JUST_UNDER, "a little under": Q.JUST_UNDER,
        "a little less than": Q.JUST_UNDER, "slightly less than": Q.JUST_UNDER,
        "slightly under": Q.JUST_UNDER, "slightly below": Q.JUST_UNDER, "not quite": Q.JUST_UNDER,
        "not nearly": Q.BELOW, "nowhere near": Q.BELOW, "not almost": Q.BELOW,  # far below, not just under
        "just over": Q.JUST_OVER, "just above": Q.JUST_OVER, "a little over": Q.JUST_OVER,
        "a little more than": Q.JUST_OVER, "slightly more than": Q.JUST_OVER,
        "slightly over": Q.JUST_OVER, "slightly above": Q.JUST_OVER,
        "more than": Q.ABOVE, "over": Q.ABOVE, "upwards of": Q.ABOVE, "above": Q.ABOVE,
        "greater than": Q.ABOVE, "higher than": Q.ABOVE, "larger than": Q.ABOVE,
        "bigger than": Q.ABOVE, "older than": Q.ABOVE, "longer than": Q.ABOVE,
        "exceeding": Q.ABOVE, "in excess of": Q.ABOVE, "well over": Q.ABOVE, "well above": Q.ABOVE,
        ">": Q.ABOVE,
        "about": Q.NEAR, "around": Q.NEAR, "roughly": Q.NEAR, "approximately": Q.NEAR,
        "some": Q.NEAR, "circa": Q.NEAR, "ca.": Q.NEAR, "c.": Q.NEAR, "~": Q.NEAR, "≈": Q.NEAR,
        "at least": Q.AT_LEAST, "a minimum of": Q.AT_LEAST, "at or above": Q.AT_LEAST,
        "greater than or equal to": Q.AT_LEAST,
        "more than or equal to": Q.AT_LEAST, ">=": Q.AT_LEAST, "≥": Q.AT_LEAST,
        "less than": Q.BELOW, "fewer than": Q.BELOW, "under": Q.BELOW, "below": Q.BELOW,
        "smaller than": Q.BELOW, "lower than": Q.BELOW, "younger than": Q.BELOW,
        "shorter than": Q.BELOW, "well below": Q.BELOW, "well under": Q.BELOW, "<": Q.BELOW,
        "at most": Q.AT_MOST, "up to": Q.AT_MOST, "a maximum of": Q.AT_MOST, "as many as": Q.AT_MOST,
        "at or below": Q.AT_MOST,
        "less than or equal to": Q.AT_MOST, "smaller than or equal to": Q.AT_MOST,
        "<=": Q.AT_MOST, "≤": Q.AT_MOST,
        "an estimated": Q.ESTIMATED, "estimated": Q.ESTIMATED, "an estimate of": Q.ESTIMATED,
        "only": Q.ONLY, "just": Q.ONLY, "merely": Q.ONLY, "a mere": Q.ONLY,
        **_EN_AGE_QUALIFIERS,
    }),
    qualifiers_after={"or more": Q.AT_LEAST, "and more": Q.AT_LEAST, "or over": Q.AT_LEAST,
                      "and over": Q.AT_LEAST, "or above": Q.AT_LEAST, "or longer": Q.AT_LEAST, "and above": Q.AT_LEAST,
                      "or older": Q.AT_LEAST, "and older": Q.AT_LEAST, "and up": Q.AT_LEAST,
                      "+": Q.AT_LEAST, "or less": Q.AT_MOST, "or fewer": Q.AT_MOST,
                      "or under": Q.AT_MOST, "or below": Q.AT_MOST, "or younger": Q.AT_MOST,
                      "and under": Q.AT_MOST, "and younger": Q.AT_MOST, "or so": Q.NEAR},
    between=("between", "and"),
    between_articles=("the",),
    range_words=("to", "through", "-", "–", "—", "~"),
    scale_sharers=("or",),
    change_verbs=("up", "down", "rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen",
                  "falling", "increased", "increase", "increases", "increasing", "decreased", "decrease",
                  "decreasing", "grew", "grow", "grows", "grown", "growing", "climbed", "climbing", "dropped",
                  "dropping", "jumped", "declined", "declining", "slipped", "surged", "soared", "plunged",
                  "edged", "went", "changed", "raised", "lowered", "reduced", "cut", "boosted"),
    change_from="from",
    measures=("degrees", "years", "year", "points"),
    fraction_links=("out of", "in", "over", "in every", "out of every"),
    halves={"half": Decimal("0.5"), "halves": Decimal("0.5")},
    fraction_words={"quarter": Decimal("0.25"), "quarters": Decimal("0.25")},
    multiplier_words=("quarter", "quarters", "half", "halves"),
    ordinals={"first": 1, "second": 2, "third": 3, "fifth": 5, "eighth": 8, "ninth": 9,
              "twelfth": 12, "firsts": 1, "seconds": 2, "thirds": 3, "fifths": 5,
              "eighths": 8, "ninths": 9, "twelfths": 12},
    digit_ordinal="st|nd|rd|th",
    rank_before=("number", "no."),
    next_to=("", ""),
    months={name: number for number, names in enumerate((
        ("january", "jan."), ("february", "feb."), ("march", "mar."), ("april", "apr."),
        ("may",), ("june", "jun."), ("july", "jul."), ("august", "aug."),
        ("september", "sep.", "sept."), ("october", "oct."), ("november", "nov."),
        ("december", "dec.")), start=1) for name in names},
    duration_units=("year", "years", "month", "months", "week", "weeks", "day", "days",
                    "hour", "hours", "minute", "minutes", "decade", "decades",
                    "century", "centuries", "quarter", "quarters"),
    age_after=("years old", "year old"),
    age_glued=("-year-old", "-year-olds", "-years-old"),
    decade_ages={"twenty-something": 20, "thirty-something": 30, "forty-something": 40,
                 "fifty-something": 50},
    currencies=("euro", "euros", "dollar", "dollars", "pounds", "yuan", "eur", "usd", "sek", "gbp"),
    minus_words=("minus", "negative"),
    pronoun_one_before=("the", "this", "that", "which", "each", "every", "any", "no", "another",
                        "little", "right", "wrong", "only", "same", "other", "last", "next",
                        "new", "old", "big", "small", "good", "bad"),
    indefinite_one_nouns=("factor", "factors", "reason", "reasons", "explanation", "cause", "driver",
                          "way", "example", "sign", "aspect", "element"),
    particle_verbs=frozenset(f"{stem}{ending}" for stem, endings in (
        ("edg", ("ed", "es", "ing")), ("inch", ("ed", "es", "ing")), ("tick", ("ed", "s", "ing")),
        ("creep", ("s", "ing")), ("mov", ("ed", "es", "ing")), ("climb", ("ed", "s", "ing")),
        ("jump", ("ed", "s", "ing")), ("round", ("ed", "s", "ing")), ("revis", ("ed", "es", "ing")),
        ("bump", ("ed", "s", "ing")), ("go", ("es", "ing")), ("ris", ("es", "ing")),
        ("com", ("es", "ing")), ("shoot", ("s", "ing"))) for ending in endings)
    | {"crept", "went", "rose", "risen", "shot", "came", "gone"},
    word_aliases={"naught": "nought"},
    currency_codes={**_CURRENCY_CODES, "euro": "EUR", "euros": "EUR", "dollar": "USD",
                    "dollars": "USD", "pounds": "GBP", "yuan": "CNY"},
    currency_codes_before=_CODES_BEFORE,
    age_plus=("-plus",),
    age_or_older=("years and older", "years or older", "years and over", "years or over",
                  "years and above", "years or above"),
    age_words_after=("older", "younger"),
    people_words=("people", "children", "residents", "adults", "women", "men", "patients",
                  "pupils", "persons", "individuals", "voters", "workers", "population",
                  "kids", "teenagers"),
    people_links=("is", "are", "was", "were", "now", "still", "all"),
    people_from="from",
    age_named=("aged", "age", "ages"),
    age_qualifiers=_EN_AGE_QUALIFIERS,
    ordinal_names=("Second World War", "First World War", "Third World", "First Minister",
                   "First Lady", "First Nations", "second-hand", "Second-hand", "first-hand",
                   "First-hand", "second-rate", "first-rate", "third-rate"),
    multiple_words=("times",),
    multiple_follow=("as", "more", "higher", "larger", "bigger", "greater", "smaller", "lower",
                     "less", "fewer", "faster", "the", "that", "what"),
    year_parts={"half": 2, "quarter": 4},
    year_of="of",
    this_year=("this year", "last year", "next year", "the year"),
    seasons={"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
             "winter": (12, 2)},
    point_words=("percentage point", "percentage points", "percent point", "percent points",
                 "pp", "ppt", "ppts", "p.p.", "%-point", "%-points", "points"),
    loose_point_words=("points",),
    glued_m_is_million=True,
)

LEXICONS: dict[str, Lexicon] = {"nl": DUTCH, "en": ENGLISH}
