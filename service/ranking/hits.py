"""The passages a search returns: distinct windows of the fused ranking, each with what the
answer is later chosen and judged by (its rank and score in each channel, the main encoder's
closeness of the question to each of its sentences, and the ranker's score of those of its
sentences it ranked as anchors of their own windows). service.ranking.retrieval ranks; this
module only assembles the ranking into hits."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from index.chunking import Chunk

Ranked = list[tuple[int, float]]  # (chunk row, score), best first


@dataclass(frozen=True)
class Hit:
    """A ranked chunk with its fused score, its rank in each channel (1-based) and its score
    there (BM25, or the cosine similarity of a dense encoder); with an index of clause vectors, the
    main encoder's score even when its search did not return the chunk (distinct_hits: ``unranked``)."""

    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    # the main encoder's cosine of the question with each sentence of the window, by where the
    # sentence starts in its report (service.ranking.sentence_closeness)
    closeness: dict[int, float] = field(default_factory=dict)
    # the ranker's score of each sentence of the window it ranked as the anchor of its own window,
    # by where the sentence starts in its report: how well that sentence itself answers
    anchors: dict[int, float] = field(default_factory=dict)


def distinct_hits(
    fused: Ranked,
    ranked: dict[str, Ranked],
    chunks: list[Chunk],
    top_k: int,
    closeness: Callable[[Chunk], dict[int, float]],
    unranked: Mapping[str, Callable[[int], float]] = MappingProxyType({}),
) -> list[Hit]:
    """The first ``top_k`` hits of ``fused``, skipping a chunk whose anchor sentence is already
    shown inside a better window; each holds its place in every channel of ``ranked``, the
    closeness of the question to its sentences (``closeness``), and the ranker's score of those
    it ranked. ``unranked``: by channel, how to score a chunk its ranking does not hold."""
    hits: list[Hit] = []
    anchored = _anchor_scores(fused, chunks)
    for row, score in fused:
        chunk = chunks[row]
        if any(h.chunk.doc == chunk.doc and h.chunk.start <= chunk.anchor_start < h.chunk.end for h in hits):
            continue
        placed = {
            name: next(((i + 1, s) for i, (r, s) in enumerate(rows) if r == row), None) for name, rows in ranked.items()
        }
        found = {name: pair for name, pair in placed.items() if pair}
        ranks, scores = {k: r for k, (r, _) in found.items()}, {k: s for k, (_, s) in found.items()}
        scores |= {name: score_of(row) for name, score_of in unranked.items() if name not in scores}
        mine = {at: s for (doc, at), s in anchored.items() if doc == chunk.doc and chunk.start <= at < chunk.end}
        hits.append(Hit(chunk, round(score, 6), ranks, scores, closeness(chunk), mine))
        if len(hits) == top_k:
            break
    return hits


def _anchor_scores(fused: Ranked, chunks: list[Chunk]) -> dict[tuple[str, int], float]:
    """The ranked score of each anchor sentence, by (report, where it starts): its window's."""
    anchored: dict[tuple[str, int], float] = {}
    for row, score in fused:
        chunk = chunks[row]
        anchored.setdefault((chunk.doc, chunk.anchor_start), round(score, 6))  # as Hit.score is
    return anchored
