"""Which clause and which figure answer a figure question.

A figure question is answered by a clause holding a figure: each is scored on the words of
that clause and the one before it (what the figure counts), with a little of its sentence and
of how far its passage scores below the best. Which figure of the sentence shown answers is service.answering.focus.
"""

from __future__ import annotations

import re

from index.figures import Figure, asked_counters, asked_units, find_figures
from service.analysis.query import Query
from service.analysis.terms import Terms, coverage
from service.ranking.retrieval import Hit

Candidate = tuple[int, Hit, int, int]  # (passage rank, hit, sentence start, sentence end) in the passage
_CLAUSE = re.compile(r"[^,，;；:：]+[,，;；:：]?")
ANCHOR_BONUS = 0.15  # the sentence the passage was indexed by
# How far a sentence's passage scores below the best passage (the ranker's fused score), in coverage
# units per unit of score: a passage far ahead keeps its lead, while between passages the ranker
# scores alike the sentence's own words decide. It replaced priors on the passage's rank alone
# (0.3 / (rank + 1) for sentences, 0.15 / (rank + 1) for figure clauses); chosen on the read dev sets
# of both corpora (see its commit).
LEAD_WEIGHT = 0.1
SENTENCE_WEIGHT = 0.15  # figure clauses: the rest of their sentence
UNIT_BONUS = 0.2  # figure clauses: a figure in the unit asked for (多少公里)


def fitting(query: Query, text: str) -> list[Figure]:
    """The figures of a text that can answer the question: a place in an order (第二届) only
    when one is asked (第几届), an amount otherwise."""
    ordinal = query.figure_kind == "ordinal"
    spelled = asked_counters(query.text, query.language)
    return [f for f in find_figures(text, spelled) if (f.kind == "ordinal") == ordinal]


def clauses(sentence: str) -> list[tuple[int, int]]:
    """The clauses of a sentence, as spans (each with its closing comma, semicolon or colon)."""
    return [(m.start(), m.end()) for m in _CLAUSE.finditer(sentence)]


def figure_clause(query: Query, terms: Terms, candidates: list[Candidate], weight) -> tuple[Candidate, int] | None:
    """The sentence and clause that answer a figure question: a clause holding a figure,
    scored on the words of that clause and the one before it (what the figure counts),
    with a little of the whole sentence and of how far its passage scores below the best, and a
    bonus when a figure is in the unit asked for (多少公里, what area). Scored on whole sentences
    instead, a long sentence wins by holding the question's words in clauses far from its
    figures (an expropriation total for a question about demolished illegal structures),
    and the first passage's sentence wins too often. Figure in answer: dev .96 -> 1.0,
    fresh .83 -> .92, fresh4 .92 -> 1.0, test and the other sets unchanged."""
    best, best_score = None, float("-inf")
    units = asked_units(query.text, query.language)
    top = max(hit.score for _, hit, _, _ in candidates)
    for item in candidates:
        _, hit, start, end = item
        sentence = hit.chunk.text[start:end]
        spans = clauses(sentence)
        base = SENTENCE_WEIGHT * coverage(terms, sentence, weight) - LEAD_WEIGHT * (top - hit.score)
        base += ANCHOR_BONUS if hit.chunk.start + start == hit.chunk.anchor_start else 0.0
        for i, (lo, hi) in enumerate(spans):
            figures = fitting(query, sentence[lo:hi])
            if not figures:
                continue
            score = base + coverage(terms, sentence[spans[max(0, i - 1)][0] : hi], weight)
            score += UNIT_BONUS if any(f.unit in units for f in figures) else 0.0
            if score > best_score:
                best, best_score = (item, i), score
    return best
