"""The names an English question writes (capitalised words): spelt in pinyin they reach the
reports' own names; looked up whole in the dictionary they reach the reports' words for them; a
place it names, or asks about as a whole, reaches the reports' name for it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from jieba import posseg

from index.cedict import is_name, name_spellings
from index.english_lexicon import dictionary_words
from index.romanised import RomanisedNames

# A capitalised word inside an English sentence (not opening it): a name, most likely; in pinyin
# an apostrophe parts a syllable opening with a vowel from the one before (Xiong'an, Xi'an).
NAME_WORD = r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]+'[aeo][a-z]*|[A-Z][a-z]{2,})\b"
# ... and the word after it that the Chinese name ends with (index.romanised.NAME_SUFFIX).
_ROMANISED = re.compile(
    NAME_WORD
    + r"(?:\s+(District|Province|City|County|Hospital|University|Road|Street|Avenue|Alley|Lake|Park|Bridge)\b)?"
)


def name_words(raw: str) -> set[str]:
    """The names an English question writes inside its sentences, lower-cased and cut as its
    words are (Xiong'an: xiong)."""
    return {m.group(1).lower().split("'")[0] for m in re.finditer(NAME_WORD, raw)}


def romanised_groups(
    raw: str, unmatched: list[str], romanised: RomanisedNames
) -> tuple[list[tuple[str, ...]], list[str]]:
    """Chinese groups for the names the terminology missed that spell a name of the reports
    in pinyin (a pinyin word for the reports' Chinese name), and the words still unmatched (a
    name's suffix word, County after a county's name, is part of the name it spelled)."""
    groups: list[tuple[str, ...]] = []
    found: set[str] = set()
    for word, suffix in _ROMANISED.findall(raw):
        parts = word.lower().split("'")
        names = romanised.lookup("".join(parts), suffix) if parts[0] in unmatched else ()
        if names:
            groups.append(names)
            found |= {*parts, suffix.lower()} - {""}
    return groups, [w for w in unmatched if w not in found]


# A place an English question asks about as a whole: "across <Name>", "<Name> province", "<Name> as a whole".
_WHOLE_PLACE = re.compile(
    r"""
    \b(?:across|throughout|all\ of|whole\ of)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:of\s+)?([A-Z][a-z]{2,})\b
  | \b([A-Z][a-z]{2,})\s+(?i:province|city|municipality)\b
  | \b([A-Z][a-z]{2,})\s+as\ a\ whole\b
""",
    re.VERBOSE,
)


def whole_places(raw: str, romanised: RomanisedNames) -> tuple[str, ...]:
    """The reports' names (in Chinese) of the places an English question asks about as a
    whole, when its pinyin spells one of them."""
    words = [next(g for g in m.groups() if g) for m in _WHOLE_PLACE.finditer(raw)]
    return tuple(dict.fromkeys(name for word in words for name in romanised.lookup(word)))


_CAPITALISED = re.compile(r"\b([A-Z][a-z]{2,})\b")


def named_places(raw: str, romanised: RomanisedNames, translated: Iterable[str] = ()) -> tuple[str, ...]:
    """The names (in Chinese) of the places an English question names anywhere ("X's", "in
    X"): a capitalised word that spells one of the reports' names in pinyin, else a name of the
    dictionary spelt so (Shanghai: 上海, which the reports may never write), or one of
    ``translated`` (the dictionary's words for the question's names, named_groups), that the
    dictionary knows only as a name and jieba as a place. Whether it is another place than the
    reports' own is service.analysis.wider_level's to tell."""
    spelled = (name for m in _CAPITALISED.finditer(raw) for name in _spelt(m.group(1), romanised))
    return tuple(dict.fromkeys(name for name in (*spelled, *translated) if is_name(name) and is_place(name)))


def _spelt(word: str, romanised: RomanisedNames) -> tuple[str, ...]:
    """The reports' names a word spells in pinyin, or if none, the dictionary's."""
    return romanised.lookup(word) or tuple(sorted(name_spellings().get(word.lower(), ())))


def is_place(word: str) -> bool:
    """Is a Chinese word, read alone, one place name to jieba (上海, 长江: tagged ``ns``)?"""
    return [(pair.word, pair.flag) for pair in posseg.cut(word)] == [(word, "ns")]


_NAME_RUN = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*\b")


def named_groups(question: str, used: Callable[[str], bool]) -> tuple[list[tuple[str, ...]], set[str]]:
    """Chinese groups for the names of an English question that the dictionary gives, as a
    whole, a Chinese word the reports hold as a word of their own (ASEAN: 东盟, the President: 国家主席,
    Premier: 总理), and the words of those names. A name is its whole run of capitalised words
    (World Health Organization is 世界卫生组织, not 世界 卫生 组织); ``used`` asks for a search token
    of the reports, not a piece of a longer word (Moon: not the 月亮 of 月亮湾)."""
    groups: list[tuple[str, ...]] = []
    words: set[str] = set()
    for match in _NAME_RUN.finditer(question):
        found = dictionary_words(match.group(0).lower(), used)
        if found:
            groups.append(found)
            words |= set(match.group(0).lower().split())
    return groups, words
