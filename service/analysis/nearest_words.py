"""The reports' own Chinese words for an English word no dictionary translates into them.

The curated terminology and CC-CEDICT give an English question its Chinese search words, kept
only where the reports write them. A word whose dictionary senses the reports do not use
("spending": the reports write 支出; "unemployment": 失业) is otherwise lost to the lexical search,
the coverage of the answer and every check that reads the question's words. The cross-lingual
encoder (multilingual USE) places an English word and its Chinese equivalents close together, so
the reports' words nearest to it stand for it, when they are close enough to be a translation
and not a neighbour in topic. The words come from each report's own vocabulary: a new report
brings its own, and no list is written for it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

import numpy as np

from index.embedder import Embedder

# A cosine this high between an English word and a Chinese one is a translation (urban: 城市
# .79, registration: 注册 .82), below it a neighbour in topic (gangs: 群体 .57, flooding: 流调
# .64). Set by reading the nearest report words of eighteen everyday English words, then
# measured on the question sets at this value only (see the commit that added it).
NEAR_MIN = 0.75
MOST = 2  # the alternatives one word gets
_CHINESE_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")


class NearestWords:
    """The reports' words nearest in meaning to an English word, by one encoder. The words'
    vectors are computed once (about a second for two reports), at warm-up or on the first
    question that needs them."""

    def __init__(self, encoder: Embedder | None, words: Iterable[str]):
        self._encoder = encoder
        self._words = sorted({w for w in words if _CHINESE_WORD.fullmatch(w)})
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()

    def __call__(self, word: str) -> tuple[str, ...]:
        """Up to MOST of the reports' words at NEAR_MIN or closer to ``word``, nearest first."""
        vectors = self.prepare()
        if vectors is None:
            return ()
        scores = vectors @ self._encoder.encode_queries([word])[0]
        best = np.argsort(-scores)[:MOST]
        return tuple(self._words[i] for i in best if scores[i] >= NEAR_MIN)

    def prepare(self) -> np.ndarray | None:
        """The words' vectors, computed once (None without an encoder or words)."""
        if self._encoder is None or not self._words:
            return None
        with self._lock:
            if self._vectors is None:
                self._vectors = np.asarray(self._encoder.encode_passages(self._words), dtype=np.float32)
            return self._vectors
