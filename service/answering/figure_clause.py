"""Which clause and which figure answer a figure question.

A figure question is answered by a clause holding a figure: each is scored on the words of
that clause and the one before it (what the figure counts), with a little of its sentence and
of how far the ranker scores it below the best. Which figure of the sentence shown answers is
service.answering.focus.
"""

from __future__ import annotations

from index.asked_units import asked_counters, asked_units
from index.chunking import clause_spans
from index.figures import Figure, find_figures
from service.analysis.query import Query
from service.analysis.terms import Terms, coverage
from service.ranking.hits import Hit

Candidate = tuple[Hit, int, int]  # (hit, sentence start, sentence end) in the passage
ANCHOR_BONUS = 0.15  # the sentence the passage was indexed by
# How far the ranker scores a sentence below the best (sentence_score), in coverage units per unit of
# the learned reranker's score (log-odds): a sentence far ahead keeps its lead, while between
# sentences the ranker scores alike their own words decide. Since the reranker learns which
# sentence answers, not which window holds the answer (service.ranking.training.labels), its lead
# weighs more: chosen on the read sets of both corpora among .1, .2, .3, .5, .8 and 1.2 (see its
# commit). Under the hand-weighted pipeline, whose scores are reciprocal ranks (about 1/61
# apart), it barely counts.
LEAD_WEIGHT = 0.8
SENTENCE_WEIGHT = 0.15  # figure clauses: the rest of their sentence
UNIT_BONUS = 0.2  # figure clauses: a figure in the unit asked for (多少公里)


def fitting(query: Query, text: str) -> list[Figure]:
    """The figures of a text that can answer the question: a place in an order (第二届) only
    when one is asked (第几届), an amount otherwise."""
    ordinal = query.figure_kind == "ordinal"
    spelled = asked_counters(query.text, query.language)
    return [f for f in find_figures(text, spelled) if (f.kind == "ordinal") == ordinal]


def sentence_score(hit: Hit, start: int) -> float:
    """How the ranker scored the sentence starting at ``start`` of a hit's window: as the anchor
    of its own window when it ranked that one (Hit.anchors), else as the lowest it scored a
    sentence of this window (the window's own score when that is the only one); the window's
    score when the hit carries no such scores. A window holds several sentences, and the one it
    was ranked for is not always the one that answers: the sentence of a plan and that of the
    year's progress stand in different windows."""
    if not hit.anchors:
        return hit.score
    return hit.anchors.get(hit.chunk.start + start, min(hit.anchors.values()))


def lead_of(hit: Hit, start: int, top: float) -> float:
    """How far the ranker scores a candidate sentence below the best one (``top``: best_score)."""
    return top - sentence_score(hit, start)


def is_anchor(hit: Hit, start: int) -> bool:
    """Is the sentence starting at ``start`` of the hit's window the one the window was ranked for?"""
    return hit.chunk.start + start == hit.chunk.anchor_start


def best_score(candidates: list[Candidate]) -> float:
    """The best candidate sentence's score (what each sentence's lead is measured from)."""
    return max((sentence_score(hit, s) for hit, s, _ in candidates), default=0.0)


def figure_clause(
    query: Query, terms: Terms, candidates: list[Candidate], weight, lead_weight: float = LEAD_WEIGHT
) -> tuple[Candidate, int] | None:
    """The sentence and clause that answer a figure question: a clause holding a figure,
    scored on the words of that clause and the one before it (what the figure counts),
    with a little of the whole sentence and of how far the ranker scores it below the best, and a
    bonus when a figure is in the unit asked for (多少公里, what area). Scored on whole sentences
    instead, a long sentence wins by holding the question's words in clauses far from its
    figures (an expropriation total for a question about demolished illegal structures),
    and the first passage's sentence wins too often. ``lead_weight``: how much the ranker's lead
    counts (LEAD_WEIGHT)."""
    best, best_value = None, float("-inf")
    units = asked_units(query.text, query.language)
    top = best_score(candidates)
    for item in candidates:
        hit, start, end = item
        sentence = hit.chunk.text[start:end]
        spans = clause_spans(sentence)
        base = SENTENCE_WEIGHT * coverage(terms, sentence, weight) - lead_weight * lead_of(hit, start, top)
        base += ANCHOR_BONUS if is_anchor(hit, start) else 0.0
        for i, (lo, hi) in enumerate(spans):
            figures = fitting(query, sentence[lo:hi])
            if not figures:
                continue
            score = base + coverage(terms, sentence[spans[max(0, i - 1)][0] : hi], weight)
            score += UNIT_BONUS if any(f.unit in units for f in figures) else 0.0
            if score > best_value:
                best, best_value = (item, i), score
    return best
