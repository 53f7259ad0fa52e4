"""Acronyms (CPI, VAT, SME) to the Chinese words a report writes for them.

The dictionary spells out what an acronym stands for (CPI: 居民消费价格指数), but reports
seldom write the full name: they write the words it is made of in their own phrasing
(居民消费价格上涨, 涨幅). When a report writes none of an acronym's headwords whole, the longest
part of one that it does write (at least MIN_PART characters: 居民消费价格) stands for it.
Nothing here names a term: the acronyms and their names are the dictionary's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.cedict import english_to_chinese
from index.english_lexicon import MAX_ALTERNATIVES

ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}s?(?![A-Za-z])")  # CPI, SMEs; not a word in capitals of 7+
MIN_PART = 4  # characters: shorter parts (价格, 消费) name no one thing
MAX_ACRONYMS = 6  # per question: each costs searches of the reports' text, so the work stays bounded
MAX_HEADWORDS = 8  # per acronym, in dictionary order


def acronyms(text: str) -> list[str]:
    """The acronyms a question writes, lower-cased, each once, without a plural s (SMEs: sme);
    the first MAX_ACRONYMS."""
    found = (m.group(0) for m in ACRONYM.finditer(text))
    return list(dict.fromkeys(a[:-1].lower() if a.endswith("s") else a.lower() for a in found))[:MAX_ACRONYMS]


def longest_part(word: str, used: Callable[[str], bool]) -> str | None:
    """The longest run of at least MIN_PART characters of ``word`` that ``used`` accepts (the
    reports write it), the leftmost of equal length; the word itself when it is used whole."""
    for size in range(len(word), MIN_PART - 1, -1):
        for start in range(len(word) - size + 1):
            if used(word[start : start + size]):
                return word[start : start + size]
    return None


def acronym_words(acronym: str, used: Callable[[str], bool]) -> tuple[str, ...]:
    """The Chinese words the reports write for a lower-cased acronym: the dictionary's
    headwords they write whole, else the longest part of each they write; at most
    MAX_ALTERNATIVES, dictionary order kept."""
    headwords = [zh for zh in english_to_chinese().get(acronym, ()) if len(zh) > 1][:MAX_HEADWORDS]
    whole = [zh for zh in headwords if used(zh)]
    found = whole or [part for zh in headwords if (part := longest_part(zh, used))]
    return tuple(dict.fromkeys(found))[:MAX_ALTERNATIVES]
