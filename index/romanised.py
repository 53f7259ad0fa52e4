"""Chinese names written in pinyin, as English questions write them (Xiaoguishan Road,
Zhongtandeng, Daokou Lake), found in the reports' own text.

The terminology table lists the names someone thought of; an asker romanises any other
name the reports use. Every run of 2 to 5 Han characters in the reports is indexed by its
toneless pinyin (pypinyin, readings in context), so a capitalised word of an English
question that spells one of them is that name, not a name the reports never use. A word
followed by District, Province, City or County must spell the name with that suffix
(Hongshan District is 洪山区, which the reports never name, not the 洪山 of 小洪山).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import lazy_pinyin

MIN_CHARS, MAX_CHARS = 2, 5
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
ADMIN_SUFFIX = {"district": "区", "province": "省", "city": "市", "county": "县"}


class RomanisedNames:
    """Toneless pinyin (lower case, no spaces) → the Han strings of the reports it spells."""

    def __init__(self, table: dict[str, tuple[str, ...]]):
        self._table = table

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "RomanisedNames":
        table: dict[str, set[str]] = {}
        for run in {run for text in texts for run in _HAN_RUN.findall(text)}:
            syllables = lazy_pinyin(run)
            for size in range(MIN_CHARS, MAX_CHARS + 1):
                for i in range(len(run) - size + 1):
                    table.setdefault("".join(syllables[i : i + size]), set()).add(run[i : i + size])
        return cls({key: tuple(sorted(names)) for key, names in table.items()})

    def lookup(self, word: str, suffix_word: str = "") -> tuple[str, ...]:
        """The reports' names that ``word`` spells; with an administrative ``suffix_word``
        (district, province …) only those the reports write with its suffix."""
        names = self._table.get(word.lower().replace("-", ""), ())
        suffix = ADMIN_SUFFIX.get(suffix_word.lower())
        if suffix is None:
            return names
        return tuple(n + suffix for n in names if n + suffix in self._table.get(word.lower() + _pinyin(suffix), ()))


def _pinyin(han: str) -> str:
    return "".join(lazy_pinyin(han))
