"""How a word-for-word gloss (index.word_for_word) writes the words a dictionary sense cannot
stand for: names and the grammar words that only join a phrase.

A name's characters glossed one by one say nothing (a district's name read as "martial
prosperous"), so a name is written as English writes it: the dictionary's own English name when
it knows the word only as a name (人大 "National People's Congress", 法国 "France"), else the name
in pinyin (a road or a company that only one report names). Names are the words the dictionary
knows only as names, and jieba's words of three characters or more tagged as places, people or
organisations that the dictionary holds neither whole nor by any common word inside them, and
that jieba's dictionary holds or that end in a kind of place (see _is_name). A dictionary name
drops its level ("X"), a name in pinyin keeps its kind of place ("X Road").
Particles (的) and every preposition (对 "towards", 为 "as", 通过, 根据, 与) are left out, and 等
closing a list is "etc.". Nothing is invented: a name is the dictionary's or the characters' own
sound.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.cedict import LEADING_NAME, chinese_to_english, english_names, is_common_word, is_name
from index.romanised import NAME_SUFFIX

# jieba's part-of-speech tags of a name: a place, a person, an organisation ("nz", another proper
# noun, is as often a verb phrase jieba does not know: 新开通).
NAME_TAGS = frozenset({"ns", "nr", "nrt", "nt"})
MIN_TAGGED_CHARS = 3  # the shortest word jieba's tag alone makes a name
ENUMERATION_END = "等"  # closes a list: "A、B等" is "A B etc."
# The level a leading name ends with, and all after it: "X District of Y" is "X". A report's own
# words say the level where it matters.
_LEVEL = re.compile(r"\s+(?:Province|County|District|City|Prefecture)\b.*$")
_CROSS_REFERENCE = re.compile(r"[\u4e00-\u9fff|]+(?:\[[^\]]*\])?")  # 某某|某某[mou3 mou3] inside a sense
# A dictionary name that describes where a place lies ("X city on Y river", "X Province of Y")
# rather than naming it.
_DESCRIBES = re.compile(r"\b(?:in|on|at|near)\b|\b(?:Province|County|District|City|Prefecture) of\b")
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
    """A word of two Han characters or more the dictionary knows only as a name, or one of three or
    more that jieba tags as a name while the dictionary holds neither it nor any common word
    inside it (党和国家, 隆重庆祝 are phrases jieba does not know, not names), and that jieba's own
    dictionary holds or that ends in a kind of place (某某路). jieba tags many terms the
    dictionary lacks as names, most of all two-character ones and those it guesses from
    characters alone (小微, 城建, 普惠性): those are read by their characters' senses."""
    if len(word) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in word):
        return False
    if is_name(word):
        return True
    if len(word) < MIN_TAGGED_CHARS or tag not in NAME_TAGS or word in chinese_to_english():
        return False
    inner = (word[i:j] for i in range(len(word)) for j in range(i + 2, len(word) + 1))
    return not any(map(is_common_word, inner)) and (_known_to_jieba(word) or _names_a_place(word))


def _known_to_jieba(word: str) -> bool:
    import jieba  # at build time only

    return jieba.get_FREQ(word) is not None


def _names_a_place(word: str) -> bool:
    return any(word.endswith(suffix) for suffix, _ in NAME_SUFFIX.values())


def dictionary_name(word: str, phrase: str = "", choose: SenseChoice | None = None) -> str:
    """How the dictionary names a word in English: the first of dictionary_names (its naming
    senses, each cut to the name it leads with when it says where a place lies: "X" of "X city
    on Y river", "X Tower" of "X Tower in Y city"); else the name leading its first sense ("X"
    of "X district of Y city"); "" when it has none. Of a word with several
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
    """A word's naming senses as bare names (see dictionary_name); when the first is a capitalised
    name, only the capitalised ones (a tower's name, not the phrase praising it), else all in the
    dictionary's order (江南 is first "south of the river", not a far-off district abroad)."""
    named = [n for n in map(_plain_name, english_names(word, most=MAX_NAMES)) if n]
    return [n for n in named if n[:1].isupper()] if named and named[0][:1].isupper() else named


def _plain_name(sense: str, always_cut: bool = False) -> str:
    """A naming sense as a bare name: cut to the capitalised name it leads with, without its
    level, when it describes where a place lies (or ``always_cut``); "" when it leads with none."""
    if not (always_cut or _DESCRIBES.search(sense)):
        return sense
    found = LEADING_NAME.match(re.sub(r"\s+", " ", _CROSS_REFERENCE.sub("", sense)))
    return _LEVEL.sub("", found.group(0)) if found else ""
