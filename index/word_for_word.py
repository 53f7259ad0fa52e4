"""A word-for-word English gloss of a Chinese phrase from CC-CEDICT (index.cedict): the
English the figure table names a metric with, and the words the gloss channel searches
(index.gloss). Only the dictionary's words, each in one of its senses: nothing is invented."""

from __future__ import annotations

import re
from collections.abc import Mapping

from index.cedict import english_names, report_field_names
from index.name_gloss import Romanise, SenseChoice, marks

MAX_WORD_CHARS = 6  # the longest Chinese word a gloss looks up whole
DEFAULT_SENSES = 4  # without a chooser, a gloss takes the first noun among a word's first senses
MAX_GLOSS_SENSES = 6  # a chooser weighs this many


# A sense about someone or something ("to remind sb"), and an article opening a sense.
_ABOUT_SOMEONE = r"\b(?:sth|sb|one's|oneself|something|somebody)\b"
_OPENING_ARTICLE = r"^(?:a|an|the)\s"
# A sense that explains rather than names (隐患 "a danger concealed within sth"): the next
# sense of the word names it ("hidden damage").
_EXPLAINING = re.compile(f"{_ABOUT_SOMEONE}|{_OPENING_ARTICLE}")


def english_gloss(
    text: str,
    curated: Mapping[str, str] | None = None,
    choose: SenseChoice | None = None,
    romanise: Romanise | None = None,
) -> str:
    """A word-for-word English gloss of a Chinese phrase from the dictionary: its longest
    words first (固定资产 投资: "fixed assets investment"), each by one of its senses; Latin
    letters (GDP) kept; words the dictionary lacks left out. ``choose`` picks a word's sense
    for the phrase (index.sense_choice: by meaning, 调查 in 调查失业率 is "survey", not
    "investigation"); without it, the first sense that is not a verb's "to …" when it has one.
    ``curated``: the corpus's own English names of some Chinese terms (its terminology), which
    name a whole phrase before the dictionary's words for its parts do (地区生产总值: "GDP", not
    "local gross domestic production"); a term's name is not used for a part of a longer phrase,
    where it may mean less than the row it comes from ("gas safety" leads with 燃气). Only
    written words: nothing is invented. With ``romanise``, names and grammar words are written
    as index.name_gloss says (a name in its English name or pinyin, not sense by sense)."""
    if curated and text in curated:
        return curated[text]
    marked = marks(text, romanise, choose) if romanise else {}
    out: list[str] = []
    i = 0
    while i < len(text):
        if i in marked:
            i, written = marked[i]
            out += [written] if written else []
            continue
        if not "\u4e00" <= text[i] <= "\u9fff":
            latin = re.match(r"[A-Za-z0-9.+]+", text[i:])
            if latin:
                out.append(latin.group(0))
                i += len(latin.group(0))
            else:
                i += 1
            continue
        upto = min((start for start in marked if start > i), default=len(text))  # a name starts there
        for size in range(min(MAX_WORD_CHARS, upto - i), 0, -1):
            names = english_names(text[i : i + size], most=MAX_GLOSS_SENSES)
            if names or size == 1:
                break
        sense = _sense(text[i : i + size], names, text, choose)
        if sense:
            out.append(sense)
        i += size
    return " ".join(dict.fromkeys(out))


# What a chooser does not weigh: a sense about someone or something, or an article opening a
# phrase of four words or more ("a danger concealed within sth"); "a loan" names, and is written
# without its article.
_EXPLAINS = re.compile(_ABOUT_SOMEONE + "|" + _OPENING_ARTICLE + r"+\S+(?:\s+\S+){2,}")
_ARTICLE = re.compile(_OPENING_ARTICLE + "+")


def _sense(word: str, names: list[str], phrase: str, choose: SenseChoice | None) -> str:
    """The sense a gloss gives ``word`` of ``phrase``: ``choose`` picks among the naming
    senses (not the explaining ones) of a word of two characters or more; otherwise the first
    of its first few senses that names, a noun's before a verb's "to …". A single character's
    senses range too widely for a choice by meaning (性: "nature", "sex", the suffix "-ity"),
    and its first sense is its commonest. A sense labelled with a field reports write about
    (index.cedict.REPORT_FIELDS) comes before the word's everyday senses."""
    fielded = set(report_field_names(word))
    names = [n for n in names if n in fielded] or names
    if choose is not None and len(word) > 1:
        plain = list(dict.fromkeys(n.removeprefix("to ") for n in names if not _EXPLAINS.search(n)))
        if len(plain) > 1:
            return _ARTICLE.sub("", choose(word, plain, phrase))
        if plain:
            return _ARTICLE.sub("", plain[0])
    first = names[:DEFAULT_SENSES]
    nouns = [n for n in first if not n.startswith("to ")] or first
    plain = [n for n in nouns if not _EXPLAINING.search(n)] or nouns
    return plain[0].removeprefix("to ") if plain else ""
