"""The language an article declares: ``lang`` in its front matter (YAML between ``---``
lines, or TOML between ``+++`` lines as Hugo writes it), or ``<html lang>``.

Read without parsing the article (finding the articles of a project that is checked from
its cache reads no Markdown or HTML); the readers use the same rules.
"""

from __future__ import annotations

import re

# YAML front matter: "---" on the first line, up to the next "---" (or "...") line
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)
# TOML front matter (Hugo): "+++" on the first line, up to the next "+++" line
_TOML_FRONT_MATTER = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*\r?$", re.S | re.M)
# a top-level `lang: nl` (YAML) or `lang = "nl"` (TOML) with a language code ('en-GB', nl_BE)
_LANG_KEY = re.compile(r"""^lang[ \t]*[:=][ \t]*["']?([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*["']?[ \t]*(?:#.*)?\r?$""", re.M)
# the lang attribute of the <html> element
_HTML_LANG = re.compile(r"""<html\b[^>]*?\slang[ \t]*=[ \t]*["']?([A-Za-z]{2})\b""", re.I)


def front_matter_lang(front_matter: str) -> str | None:
    """The language code (two letters, lower case) of a front matter's top-level ``lang``."""
    found = _LANG_KEY.search(front_matter)
    return found.group(1).lower() if found else None


def toml_front_matter(source: str) -> re.Match[str] | None:
    """Hugo's TOML front matter at the start of ``source`` (its body is group 1), if any."""
    return _TOML_FRONT_MATTER.match(source)


def html_lang(value: str | None) -> str | None:
    """The language code of a ``lang`` attribute's value."""
    found = re.match(r"[A-Za-z]{2}\b", value or "")
    return found.group().lower() if found else None


def declared_lang(source: str, form: str) -> str | None:
    """The language an article in format ``form`` declares, if it declares one."""
    if form in ("markdown", "quarto"):
        block = _FRONT_MATTER.match(source) or _TOML_FRONT_MATTER.match(source)
        return front_matter_lang(block.group(1)) if block else None
    if form == "html":
        found = _HTML_LANG.search(source)
        return found.group(1).lower() if found else None
    return None
