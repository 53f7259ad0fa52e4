"""English glosses of the passages, so that an English question can be searched in English.

Translating the question (index.terminology, index.cedict) reaches a passage only through
the Chinese words chosen for each English word; a report that writes the idea otherwise is
missed. The other direction reads every search token of a passage through CC-CEDICT: the
content words of its first senses, stemmed as the question's words are (index.terminology),
make a bag of English words per passage, and BM25 over those bags ranks passages for the
question's own words. Nothing is curated and nothing depends on a report: a passage of a
report added tomorrow is glossed the same way. The two directions miss different passages,
so both vote (service.ranking.retrieval).
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.cedict import chinese_to_english
from index.lexical import tokenize
from index.terminology import content_stems

GLOSS_VERSION = "1"  # raised whenever a passage is glossed differently (part of the index key)
SENSES = 3  # the senses a word is read by: later ones are rarer uses that mostly add noise
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Senses that name no meaning: a measure word list, a cross-reference, a surname, a slot pattern.
_NOT_A_MEANING = re.compile(r"^(?:CL:|(?:old |archaic )?variant of|see |used in|surname |abbr\. for)|\{")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=65536)
def word_gloss(word: str) -> tuple[str, ...]:
    """The stemmed English content words of a Chinese word's first SENSES senses; for a word
    the dictionary lacks, its characters' first senses (a new compound still says what its
    parts mean). Numbers stand for themselves."""
    if _NUMBER.fullmatch(word):
        return (word,)
    words = _sense_words(word, SENSES)
    if not words and len(word) > 1:
        words = [w for char in word for w in _sense_words(char, 1)]
    return tuple(dict.fromkeys(words))


def _sense_words(word: str, most: int) -> list[str]:
    senses = [s for s in chinese_to_english().get(word, ()) if not _NOT_A_MEANING.search(s)][:most]
    return [w for sense in senses for w in content_stems(_NOTE.sub(" ", sense))]


def passage_words(text: str) -> list[str]:
    """A passage's bag of English words: the gloss of each of its search tokens."""
    return [w for token in tokenize(text) for w in word_gloss(token)]


def question_words(text: str) -> list[str]:
    """What an English question searches the glosses by: its stemmed content words and numbers."""
    return [*content_stems(text), *_NUMBER.findall(text)]
