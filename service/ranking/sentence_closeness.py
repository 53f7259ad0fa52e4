"""How close the main encoder finds a question and each sentence of a passage it returns.

An answer is cut from one sentence of the best few passages (service.answering.sentence_choice), chosen by
the question's words it holds and by how close it is in meaning. The second encoder (USE) gives
that closeness for any text; the main encoder (multilingual e5), the stronger of the two on these
reports, has already embedded every sentence of them for the index (each chunk is one sentence
under its title and section: index.unit_text). So its closeness costs one dot product a sentence
with the question's vector, which the search makes anyway.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

import numpy as np

from index.chunking import Chunk
from index.vector_store import VectorStore


class SentenceCloseness:
    """Where each of the reports' sentences starts and its row in the index, to find the index's
    own vectors of a window's sentences (a few rows a question, read out of the index)."""

    def __init__(self, store: VectorStore | None, chunks: list[Chunk]):
        # an index whose rows are not the chunks' (a partial or foreign build) has no sentence vectors to read
        self._store = store if store is not None and len(store) == len(chunks) else None
        anchored: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for row, chunk in enumerate(chunks):
            anchored[chunk.doc].append((chunk.anchor_start, row))
        ordered = {doc: sorted(pairs) for doc, pairs in anchored.items()}
        self._starts = {doc: [start for start, _ in pairs] for doc, pairs in ordered.items()}
        self._rows = {doc: [row for _, row in pairs] for doc, pairs in ordered.items()}

    def of_window(self, question_vector: np.ndarray | None, chunk: Chunk) -> dict[int, float]:
        """The cosine of the question's vector (None when the search made none) with each
        sentence of the chunk's window, by where the sentence starts in its report."""
        if question_vector is None or self._store is None or chunk.doc not in self._starts:
            return {}
        starts = self._starts[chunk.doc]
        lo, hi = bisect_left(starts, chunk.start), bisect_left(starts, chunk.end)
        scores = self._store.rows(self._rows[chunk.doc][lo:hi]) @ question_vector
        return dict(zip(starts[lo:hi], map(float, scores)))
