"""English words and phrases to the Chinese words the reports write, through the dictionary.

A curated terminology (index.terminology) covers the shipped reports' special terms; every
other English word of a question reaches the reports through CC-CEDICT (index.cedict): its
Chinese headwords for the word, its singular or its stem, kept when the reports use them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from index.cedict import english_to_chinese, is_common_word

MAX_ALTERNATIVES = 4
# An English word glossing more Chinese words than this has too many senses to stand for one
# ("close" glosses 41: 上门, 合上, 密切 …; "cut" 39): its translations would search for noise.
MAX_SENSES = 10


# Endings of derived and inflected forms, and what the dictionary's headword may end in
# instead: revitalization → revitalize, revised → revise, passed → pass, improving → improve.
_ENDINGS = (
    ("ization", ("ize",)),
    ("isation", ("ise", "ize")),
    ("ation", ("ate", "e", "")),
    ("ment", ("",)),
    ("ied", ("y",)),
    ("ed", ("e", "")),
    ("ing", ("e", "")),
)


def word_forms(word: str) -> list[str]:
    """A word, its singular (policies: policy, taxes: tax, cuts: cut) and the stems of its
    derived or inflected forms (revitalization: revitalize; revised: revise)."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    elif word.endswith("es") and word[:-2].endswith(("ss", "x", "z", "ch", "sh")):
        forms.append(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.append(word[:-1])
    stem = forms[-1]
    for ending, replacements in _ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            forms += [stem[: -len(ending)] + r for r in replacements]
            break
    return forms


def dictionary_words(english: str, used: Callable[[str], bool]) -> tuple[str, ...]:
    """The Chinese words the dictionary glosses an English word or phrase (or its singular) by
    that ``used`` accepts (the reports write them), two characters or more, at most
    MAX_ALTERNATIVES, dictionary order kept; none for a word of too many senses (MAX_SENSES)."""
    table = english_to_chinese()
    senses = [table.get(form, ()) for form in word_forms(english)]
    found = [zh for glossed in senses if len(glossed) <= MAX_SENSES for zh in glossed if len(zh) > 1 and used(zh)]
    return tuple(dict.fromkeys(found))[:MAX_ALTERNATIVES]


def known_word(english: str) -> bool:
    """Is this English word (or its singular or stem) a common word of the dictionary: one in a
    sense of some Chinese word that is not only a name ("urban" in "urban area")? A string it does
    not know (a typo) or uses only for names (byd, in "BYD company": 比亚迪) is no word to
    translate by meaning."""
    words = common_sense_words()
    return any(form in words for form in word_forms(english))


@lru_cache(maxsize=1)
def common_sense_words() -> frozenset[str]:
    """The words of the dictionary's English senses of Chinese words that are not only names
    (known_word's table; read once a process, about 0.1 s)."""
    return frozenset(
        word
        for sense, glossed in english_to_chinese().items()
        if not all(len(zh) > 1 and not is_common_word(zh) for zh in glossed)
        for word in sense.split()
    )


def lexicon_groups(words: list[str], used: Callable[[str], bool]) -> tuple[list[tuple[str, ...]], list[str]]:
    """Groups of the reports' Chinese words for English words a curated terminology missed
    (two neighbours as one phrase first: "tax cuts" is 减税), and the words still without any.
    ``used`` tells whether the reports use a Chinese word."""
    groups: list[tuple[str, ...]] = []
    rest: list[str] = []
    i = 0
    while i < len(words):
        pair = dictionary_words(" ".join(words[i : i + 2]), used) if i + 1 < len(words) else ()
        if pair:
            groups.append(pair)
            i += 2
            continue
        single = dictionary_words(words[i], used)
        if single:
            groups.append(single)
        else:
            rest.append(words[i])
        i += 1
    return groups, rest


def phrase_groups(
    words: list[str], used: Callable[[str], bool], content: Callable[[str], bool], curated: Iterable[str] = ()
) -> list[tuple[str, ...]]:
    """Groups of the reports' Chinese words for each run of two or three English words that
    the dictionary glosses whole ("income tax": 所得税), wherever it stands: a curated word
    inside it (income: 收入) does not say what the phrase names. ``content``: whether a word
    may open or close a phrase (not a stopword); ``curated``: phrases the curated terminology
    matched whole, whose runs are not looked up again."""
    whole = [f" {phrase} " for phrase in curated]
    runs = [" ".join(words[i : i + n]) for n in (3, 2) for i in range(len(words) - n + 1)]
    found = [
        dictionary_words(run, used)
        for run in runs
        if content(run.split()[0]) and content(run.split()[-1]) and not any(f" {run} " in w for w in whole)
    ]
    return list(dict.fromkeys(group for group in found if group))
