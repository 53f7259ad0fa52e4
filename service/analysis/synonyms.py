"""The reports' words for a Chinese question's own words, by the dictionary: 儿童 for 孩子,
幼儿园 for 幼稚园, 拆除 for 打掉.

A resident asks in everyday words (孩子, 马路) or Taiwan's (數位, 幼稚園) that the reports,
written in official mainland Chinese, never use. CC-CEDICT gives every word its English senses;
a question's content word the reports never use stands for a word of the reports that shares one
of its senses word for word ("child": 孩子, 儿童), when that sense is specific: one that more than
a few of the reports' words share ("to carry out") says nothing of which is meant.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from index.cedict import meaning_senses
from service.analysis.abbreviations import HAN_WORD, Abbreviations, content_word, dictionary_words

MOST_SHARING = 2  # a sense more of the reports' words share than this is too general to say which
_SENSES: list[tuple[Collection[str], dict[str, frozenset[str]]]] = []  # the last vocabulary's table


def _by_sense(vocabulary: Collection[str]) -> dict[str, frozenset[str]]:
    """The reports' words (of two Han characters or more) by each sense they have, for the
    vocabulary of the index being served (built again when another is loaded)."""
    if _SENSES and _SENSES[0][0] is vocabulary:
        return _SENSES[0][1]
    table: dict[str, set[str]] = defaultdict(set)
    for word in vocabulary:
        if HAN_WORD.fullmatch(word):
            for sense in meaning_senses(word):
                table[sense.lower()].add(word)
    senses = {sense: frozenset(words) for sense, words in table.items() if len(words) <= MOST_SHARING}
    _SENSES[:] = [(vocabulary, senses)]
    return senses


def synonyms(text: str, vocabulary: Collection[str]) -> Abbreviations:
    """(the reports' word, the question's word) for each content word of a Chinese question the
    reports never use and each word of theirs it shares a specific sense with."""
    senses = _by_sense(vocabulary)
    found = []
    for word, tag in dictionary_words(text):
        if content_word(word, tag) and word not in vocabulary:
            alike = {w for sense in meaning_senses(word) for w in senses.get(sense.lower(), ())}
            found += [(w, word) for w in sorted(alike)]
    return tuple(dict.fromkeys(found))
