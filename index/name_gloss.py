"""How a word-for-word gloss (index.word_for_word) writes the words a dictionary sense cannot
stand for: names and the grammar words that only join a phrase.

A name's characters glossed one by one say nothing (a district's name read as "martial
prosperous"), so a name is written as English writes it: the dictionary's own English name when
it knows the word only as a name (人大 "National People's Congress", 法国 "France"), else the name
in pinyin (a road, a sluice or a company that only one report names). Names are the words the
dictionary knows only as names, and jieba's words tagged as places, people or organisations that
the dictionary holds neither whole nor by any common word inside them. Particles (的) and
prepositions (对 "towards", 为 "as") are left out, and 等 closing a list is "etc.". Nothing is
invented: a name is the dictionary's or the characters' own sound.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.cedict import chinese_to_english, english_names, is_common_word, is_name

# jieba's part-of-speech tags of a name: a place, a person, an organisation ("nz", another proper
# noun, is as often a verb phrase jieba does not know: 新开通).
NAME_TAGS = frozenset({"ns", "nr", "nrt", "nt"})
ENUMERATION_END = "等"  # closes a list: "A、B等" is "A B etc."
# A name leading a dictionary sense ("X district of Y city", "X Province (…) in …"),
# and the level it may end with, left out: a report's own words say the level where it matters.
_LEADING_NAME = re.compile(r"[A-Z][\w'-]*(?:\s+(?:(?:of|and|the)\s+)*[A-Z][\w'-]*)*")
_LEVEL = re.compile(r"\s+(?:Province|County|District|City|Prefecture)$")
# A dictionary name that describes where a place lies ("X city on Y river") rather than naming it.
_DESCRIBES = re.compile(r"\b(?:in|on|at|near)\b")
Romanise = Callable[[str], str]  # a Han name -> its pinyin as an English word
SenseChoice = Callable[[str, list[str], str], str]  # (word, senses, phrase) -> the sense that fits
MAX_NAMES = 6  # the dictionary names of a word a choice weighs
Marks = dict[int, tuple[int, str]]  # where a word starts -> (where it ends, how the gloss writes it; "" = not at all)


def marks(text: str, romanise: Romanise, choose: SenseChoice | None = None) -> Marks:
    """The words of a phrase that a gloss writes otherwise than by a dictionary sense."""
    import jieba.posseg  # at build time only

    out: Marks = {}
    at = 0
    for word, tag in jieba.posseg.cut(text):
        start, at = at, at + len(word)
        if tag.startswith("u"):
            out[start] = (at, "etc." if word == ENUMERATION_END else "")
        elif tag == "p":
            out[start] = (at, "")
        elif _is_name(word, tag):
            out[start] = (at, dictionary_name(word, text, choose) or romanise(word))
    return out


def _is_name(word: str, tag: str) -> bool:
    """A word of two Han characters or more the dictionary knows only as a name, or that jieba
    tags as a name while the dictionary holds neither it nor any common word inside it (党和国家,
    隆重庆祝 are phrases jieba does not know, not names)."""
    if len(word) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in word):
        return False
    if is_name(word):
        return True
    inner = (word[i:j] for i in range(len(word)) for j in range(i + 2, len(word) + 1))
    return tag in NAME_TAGS and word not in chinese_to_english() and not any(map(is_common_word, inner))


def dictionary_name(word: str, phrase: str = "", choose: SenseChoice | None = None) -> str:
    """How the dictionary names a word in English: its naming senses, each cut to the name it
    leads with when it says where a place lies ("X" of "X city on Y river", "X Tower in Y city"),
    capitalised names first ("central China" when there is no other); else the name leading its
    first sense ("X" of "X district of Y city"); "" when it has none. Of a word with several
    names (阿里巴巴: the tale's "Ali Baba", the company "Alibaba"), ``choose`` picks the one that
    fits the ``phrase``."""
    named = dictionary_names(word)
    if len(named) > 1 and choose is not None:
        return choose(word, named, phrase)
    if named:
        return named[0]
    senses = chinese_to_english().get(word, ())
    return _plain_name(senses[0], always_cut=True) if senses else ""


def dictionary_names(word: str) -> list[str]:
    """A word's naming senses as bare names (see dictionary_name), capitalised ones first."""
    named = [n for n in map(_plain_name, english_names(word, most=MAX_NAMES)) if n]
    return [n for n in named if n[:1].isupper()] or named


def _plain_name(sense: str, always_cut: bool = False) -> str:
    """A naming sense as a bare name: cut to the capitalised name it leads with, without its
    level, when it describes where a place lies (or ``always_cut``); "" when it leads with none."""
    if not (always_cut or _DESCRIBES.search(sense)):
        return sense
    found = _LEADING_NAME.match(sense)
    return _LEVEL.sub("", found.group(0)) if found else ""
