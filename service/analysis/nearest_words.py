"""The reports' own Chinese words for an English word no dictionary translates into them.

The curated terminology and CC-CEDICT give an English question its Chinese search words, kept
only where the reports write them. A word none of whose dictionary senses the reports write
("registration": they write 注册; "urban": 城市) is otherwise lost to the lexical search, the
coverage of the answer and every check that reads the question's words. The cross-lingual
encoder (multilingual USE) places an English word and its Chinese equivalents close together, so
the reports' content words nearest to it stand for it, when they are close enough to be a
translation and not a neighbour in topic. The words come from each report's own vocabulary: a
new report brings its own, and no list is written for it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from index.embedder import USE_NAME, Embedder
from service.analysis.abbreviations import HAN_WORD, dictionary_words

# A cosine this high between an English word and a Chinese one, by USE, is a translation (urban:
# 城市 .79, registration: 注册 .82), below it a neighbour in topic (gangs: 群体 .57, flooding: 流调
# .64). Set by reading the nearest report words of eighteen everyday English words, then
# measured on the question sets at this value only. It holds for USE alone: another encoder's
# cosines run on another scale, so with another second encoder no word is translated this way.
NEAR_MIN = 0.75
MOST = 2  # the alternatives one word gets
MIN_LETTERS = 3  # shorter words are pieces ("e" of e-sports) or acronyms, not words to translate
MAX_KEPT = 4096  # words' answers remembered
_CONTENT_TAGS = ("n", "v", "a")  # jieba's tags of nouns, verbs and adjectives (and their kinds)


class NearestWords:
    """The reports' content words nearest in meaning to English words, by the USE encoder. The
    words' vectors are computed once (about a second for two reports), at warm-up or on the first
    question that needs them; each English word's answer is remembered (a bounded LRU, as the
    encoder's query vectors are: index.embedder.CachedQueries)."""

    def __init__(self, encoder: Embedder | None, words: Iterable[str]):
        self._encoder = encoder if encoder is not None and encoder.name == USE_NAME else None
        self._candidates = words
        self._words: list[str] = []
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()
        self._one = lru_cache(maxsize=MAX_KEPT)(self._nearest)

    def __call__(self, words: list[str]) -> dict[str, tuple[str, ...]]:
        """For each of ``words`` (lower-case English) its up to MOST nearest report words at NEAR_MIN
        or closer, nearest first, in the order asked; words with none are left out."""
        asked = [w for w in dict.fromkeys(words) if len(w) >= MIN_LETTERS]
        if not asked or self.prepare() is None:
            return {}
        found = {w: self._one(w) for w in asked}
        return {w: near for w, near in found.items() if near}

    def _nearest(self, word: str) -> tuple[str, ...]:
        scores = self._vectors @ self._encoder.encode_queries([word])[0]
        best = np.argpartition(-scores, MOST)[:MOST] if len(scores) > MOST else np.arange(len(scores))
        best = best[np.argsort(-scores[best])]
        return tuple(self._words[i] for i in best if scores[i] >= NEAR_MIN)

    def prepare(self) -> np.ndarray | None:
        """The vectors of the reports' content words, computed once (None without the encoder or
        words)."""
        if self._encoder is None:
            return None
        with self._lock:
            if self._vectors is None:
                self._words = _content_words(self._candidates)
                self._vectors = np.asarray(self._encoder.encode_passages(self._words) if self._words else np.empty(0))
            return self._vectors if self._words else None


def _content_words(words: Iterable[str]) -> list[str]:
    """The nouns, verbs and adjectives of two Chinese characters or more among ``words`` that the
    dictionary reads as one word: a function word (以及, 及其) is never a translation. (Its tags for
    names are kept: it tags 幼儿园 as a person's name and 城市 as a place's.)"""
    return sorted(
        w
        for w in set(words)
        if HAN_WORD.fullmatch(w) and len(tagged := dictionary_words(w)) == 1 and tagged[0][1][:1] in _CONTENT_TAGS
    )
