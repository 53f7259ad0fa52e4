"""Which of a Chinese word's dictionary senses an English gloss gives it, chosen by meaning.

CC-CEDICT lists a word's senses in no order of fit for the phrase it stands in: 调查 is
"investigation; inquiry; to investigate; to survey", and in 城镇调查失业率 it is the survey.
The first sense is often the wrong one. A multilingual sentence encoder places a text and its
translation close together, so the service's own encoder scores each sense against the
Chinese word and against the whole phrase, and the gloss takes the closest sense. This is
how the figure table names its metrics in English (index.figure_table).

Embeddings are cached, because a report's metrics repeat their words.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Encode = Callable[[list[str]], np.ndarray]  # texts -> unit vectors, one row each


class SenseChooser:
    """Chooses a word's sense for a phrase: the sense closest to the word plus the phrase,
    cosine for cosine (the word alone cannot tell 确定 "definite" from "to determine"; the
    phrase alone favours a sense that echoes a neighbouring word)."""

    def __init__(self, encode: Encode):
        self._encode = encode
        self._vectors: dict[str, np.ndarray] = {}

    def __call__(self, word: str, senses: list[str], phrase: str) -> str:
        vectors = self._embed([word, phrase, *senses])
        target = vectors[0] + vectors[1]
        return senses[int(np.argmax(vectors[2:] @ target))]

    def _embed(self, texts: list[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if new:
            self._vectors.update(zip(new, self._encode(new)))
        return np.stack([self._vectors[t] for t in texts])
