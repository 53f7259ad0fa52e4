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

from index.cedict import TABLE_VERSION, chinese_to_english, meaning_senses
from index.terminology import STEMMING_KEY, content_stems
from index.word_for_word import english_gloss

SENSES = 3  # the senses a word is read by: later ones are rarer uses that mostly add noise
# Raised whenever a passage is glossed differently; the dictionary's reading and the stemmer's
# tables are part of it, since questions are stemmed by the code that runs, passages by the build's.
GLOSS_VERSION = f"3-{SENSES}-{TABLE_VERSION}-{STEMMING_KEY}"
_PIECE = re.compile(r"[a-z]+|\d+(?:\.\d+)?")  # of a Latin token: its words and its numbers (GDP, 5.5%, PM2.5)


def numbers(text: str) -> list[str]:
    """The numbers a text writes, without their units or signs (5.5% -> 5.5)."""
    return re.findall(r"\d+(?:\.\d+)?", text)


@lru_cache(maxsize=65536)
def word_gloss(word: str) -> tuple[str, ...]:
    """What one search token of a passage says in English: a Latin token (GDP, 5.5%) its own
    words and numbers; a Chinese word the stemmed content words of its first SENSES meaning
    senses; a word the dictionary does not hold, the words of its longest dictionary pieces
    (老旧小区: "outmoded housing estate"). A word all of whose senses are stopwords (政府:
    "government") says nothing."""
    if word.isascii():
        return tuple(_PIECE.findall(word.lower()))
    if word in chinese_to_english():
        words = [w for sense in meaning_senses(word)[:SENSES] for w in content_stems(sense)]
    else:
        words = content_stems(english_gloss(word))
    return tuple(dict.fromkeys(words))


def passage_words(tokens: list[str]) -> list[str]:
    """A passage's bag of English words: the gloss of each of its search tokens (index.lexical.tokenize)."""
    return [w for token in tokens for w in word_gloss(token)]


def question_words(text: str) -> list[str]:
    """What an English question searches the glosses by: its stemmed content words (a Latin
    token split as a passage's is) and its numbers."""
    return list(dict.fromkeys([*(p for w in content_stems(text) for p in _PIECE.findall(w)), *numbers(text)]))
