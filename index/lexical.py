"""BM25 over jieba tokens of normalised (Simplified) text.

bm25s's own tokenizer keeps a whole Chinese sentence as one token, so tokens come from
jieba's search mode (which also emits the short words inside long ones). The same BM25 also
serves bags of tokens made elsewhere (``LexicalIndex.from_tokens``): the passages' English
glosses (index.gloss).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import jieba
import numpy as np

from index.normalize import normalize

jieba.setLogLevel(logging.WARNING)
_WORD = re.compile(r"[\w%+.]+")
STOPWORDS = frozenset(
    """的 了 和 与 及 是 在 有 为 对 等 中 将 把 被 个 也 或 并 其 之 以 于 年
    什么 多少 哪些 怎么 如何 吗 呢 么 哪 几""".split()
)

MAX_REMEMBERED_CHARS = 128


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens of normalised text, lower-cased, punctuation and stopwords dropped.

    Strings are remembered: an answer tokenizes the same term alternatives and glossary
    words over and over (jieba with OpenCC: ~0.1 ms a string), and a long question several
    times (a 2,000-character one: ~70 ms a pass). Short strings get a large memory; long
    ones a small one, so that passages, tokenized once per build, do not fill it."""
    return list(_short_tokens(text) if len(text) <= MAX_REMEMBERED_CHARS else _long_tokens(text))


def _tokens(text: str) -> tuple[str, ...]:
    tokens = []
    for token in jieba.cut_for_search(normalize(text)):
        token = token.strip().lower()
        if token and _WORD.fullmatch(token) and token not in STOPWORDS:
            tokens.append(token)
    return tuple(tokens)


_short_tokens = lru_cache(maxsize=16384)(_tokens)
_long_tokens = lru_cache(maxsize=32)(_tokens)


def best_rows(scores: np.ndarray, depth: int) -> list[tuple[int, float]]:
    """The ``depth`` best-scoring rows of BM25 scores, (row, score), leaving out rows that match nothing."""
    order = np.argsort(-scores, kind="stable")[:depth]
    return [(int(i), float(scores[i])) for i in order if scores[i] > 0]


class LexicalIndex:
    """BM25 scores for every chunk, rows aligned with the chunk list."""

    def __init__(self, retriever: bm25s.BM25):
        self._bm25 = retriever

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        return cls.from_tokens([tokenize(t) for t in texts])

    @classmethod
    def from_tokens(cls, documents: list[list[str]]) -> LexicalIndex:
        """BM25 over documents already cut into tokens (an empty one gets a placeholder token)."""
        retriever = bm25s.BM25()
        retriever.index([tokens or ["\u2205"] for tokens in documents], show_progress=False)
        return cls(retriever)

    @property
    def vocabulary(self) -> dict[str, int]:
        """Every token the indexed text contains (to tell words the reports never use)."""
        return self._bm25.vocab_dict

    def idf(self, token: str) -> float:
        """Inverse document frequency; a token the reports never use gets the highest."""
        n = self._bm25.scores["num_docs"]
        column = self._bm25.vocab_dict.get(token)
        indptr = self._bm25.scores["indptr"]
        # bm25s lists an empty token past the last column of its matrix: it occurs nowhere
        df = 0 if column is None or column + 1 >= len(indptr) else int(indptr[column + 1] - indptr[column])
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk for a tokenised query (zeros when nothing matches)."""
        known = [t for t in tokens if t in self._bm25.vocab_dict]
        if not known:
            return np.zeros(self._bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def phrase_scores(self, phrases: list[list[list[str]]], tokens: Sequence[str] = ()) -> np.ndarray:
        """BM25 of a query of phrases, each given as alternatives (tokenised): every phrase adds
        the score of the alternative a chunk matches best, so a phrase counts once however many
        translations it has; plus the score of ``tokens`` (numbers) as plain terms."""
        total = self.scores(list(tokens))
        for alternatives in phrases:
            if alternatives:
                total = total + np.max([self.scores(alternative) for alternative in alternatives], axis=0)
        return total

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(folder)))
