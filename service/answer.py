"""Extractive answers: pick the clause of the retrieved passages that answers, never invent.

Candidates are the sentences of the best few passages. Each is scored by how many of the
question's search terms it holds (rarer words weigh more), by the rank of its passage
and, for a figure question, by whether it holds a figure. The answer is that sentence
(trimmed to the clauses around the figure when it is long); ``confident`` says whether
the passages hold what was asked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from index.chunking import sentence_spans
from service.confidence import CANDIDATE_PASSAGES, is_confident
from service.figures import Figure, find_figures
from service.query import Query
from service.retrieval import Hit
from service.terms import Terms, coverage, query_terms, rarity

MAX_ANSWER_CHARS = 160
_CLAUSE = re.compile(r"[^,，;；:：]+[,，;；:：]?")


@dataclass(frozen=True)
class Answer:
    """The extracted text, where it stands, the figures in it, and whether to trust it."""

    text: str
    confident: bool
    chunk_id: str | None = None
    start: int | None = None
    end: int | None = None
    figures: list[Figure] = field(default_factory=list)


def _candidates(hits: list[Hit]) -> list[tuple[int, Hit, int, int]]:
    """(passage rank, hit, start, end) of every sentence of the top passages."""
    out = []
    for rank, hit in enumerate(hits[:CANDIDATE_PASSAGES]):
        chunk = hit.chunk
        for start, end in sentence_spans(chunk.text, 0, len(chunk.text), len(chunk.text) + 1):
            out.append((rank, hit, start, end))
    return out


def _score(query: Query, terms: Terms, rank: int, hit: Hit, sentence: str, is_anchor: bool, weight=None) -> float:
    score = coverage(terms, sentence, weight) + 0.3 / (rank + 1) + (0.15 if is_anchor else 0.0)
    if query.wants_figure:
        score += 0.4 if find_figures(sentence) else -0.4
    return score


def _trim(query: Query, terms: Terms, sentence: str) -> tuple[int, int]:
    """The clauses of a long sentence around the best-covered clause (with its figure)."""
    if len(sentence) <= MAX_ANSWER_CHARS:
        return 0, len(sentence)
    clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(sentence)]
    def clause_score(i: int) -> float:
        text = sentence[clauses[i][0] : clauses[i][1]]
        return coverage(terms, text) + (0.5 if query.wants_figure and find_figures(text) else 0.0)
    best = max(range(len(clauses)), key=lambda i: (clause_score(i), -i))
    lo, hi = best, best
    while hi + 1 < len(clauses) and clauses[hi + 1][1] - clauses[lo][0] <= MAX_ANSWER_CHARS // 2:
        hi += 1
    if lo > 0 and clauses[hi][1] - clauses[lo - 1][0] <= MAX_ANSWER_CHARS:
        lo -= 1
    return clauses[lo][0], clauses[hi][1]


def extract_answer(query: Query, hits: list[Hit], lexical, reported_until: date | None = None) -> Answer:
    """The best answering clause among the top passages, with a confidence verdict
    (``reported_until``: the date of the latest report, see service.confidence)."""
    terms = query_terms(query)
    candidates = _candidates(hits)
    if not candidates:
        return Answer("", False)
    # Rarer words decide which clause answers: "绿道" tells more than "计划" or "上半年".
    weights = dict(zip(terms, map(rarity(lexical), terms)))
    def key(item):
        rank, hit, start, end = item
        anchor = hit.chunk.start + start == hit.chunk.anchor_start
        return _score(query, terms, rank, hit, hit.chunk.text[start:end], anchor, weights.get)
    rank, hit, start, end = max(candidates, key=key)
    sentence = hit.chunk.text[start:end]
    lo, hi = _trim(query, terms, sentence)
    text = sentence[lo:hi].strip()
    offset = hit.chunk.start + start + lo
    figures = find_figures(text)
    confident = is_confident(query, hits, figures, text, lexical, reported_until, hit.chunk, terms)
    return Answer(text, confident, hit.chunk.id, offset, offset + len(text), figures)
