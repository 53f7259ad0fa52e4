"""Which clause and which figure answer a figure question.

A figure question is answered by a clause holding a figure: each is scored on the words of
that clause and the one before it (what the figure counts), with a little of its sentence and
its passage's rank. Within the sentence shown, the figure that answers is the one whose
clause's words up to it, unit and kind (a change, or not) fit the question best.
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
FIGURE_RANK_WEIGHT = 0.15  # figure clauses: rank counts for less, the clause's own words for more
SENTENCE_WEIGHT = 0.15  # figure clauses: the rest of their sentence
UNIT_BONUS = 0.2  # figure clauses: a figure in the unit asked for (多少公里)
CHANGE_MISMATCH = 0.3  # the figure of a clause: a change where none is asked, or none where one is
# A question asking how a figure changed, and a figure given as a change (its words end in a
# verb of change: 同比增长22.3%, 下降了).
_ASKS_CHANGE = re.compile(
    r"增长|增加(?!值)|下降|减少|提高|降低|增速|增幅|降幅|涨|跌|\b(?:grow\w*|grew|increase\w*|rise|rose|fall|fell|drop\w*"
    r"|decline\w*|change\w*|rate|percent\w*|by how much)\b",
    re.I,
)
_CHANGED = re.compile(r"(?:增长|增加|下降|减少|提高|降低|上涨|回落|增幅|增速|降幅)了?(?:超|近|约|达)?$")


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
    with a little of the whole sentence and of its passage's rank, and a bonus when a
    figure is in the unit asked for (多少公里, what area). Scored on whole sentences
    instead, a long sentence wins by holding the question's words in clauses far from its
    figures (an expropriation total for a question about demolished illegal structures),
    and the first passage's sentence wins too often. Figure in answer: dev .96 -> 1.0,
    fresh .83 -> .92, fresh4 .92 -> 1.0, test and the other sets unchanged."""
    best, best_score = None, float("-inf")
    units = asked_units(query.text, query.language)
    for item in candidates:
        rank, hit, start, end = item
        sentence = hit.chunk.text[start:end]
        spans = clauses(sentence)
        base = SENTENCE_WEIGHT * coverage(terms, sentence, weight) + FIGURE_RANK_WEIGHT / (rank + 1)
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


def figure_focus(query: Query, terms: Terms, sentence: str, shown: tuple[int, int], weight) -> int | None:
    """Where, in the sentence, the figure that answers stands among those the answer shows:
    each scored on the words of its clause up to it (a clause names what it counts first),
    in the unit asked, a change (同比增长22.3%) only when a change or a rate is asked. A
    clause often gives several (a value and its growth; "高新技术企业数增长超4倍、达到330家").
    On the read sets, the answer line holds the asked figure .70 -> .77 against the clause's
    first figure; words after the figure, or the clause before, did worse (.75)."""
    units = asked_units(query.text, query.language)
    asks_change = query.figure_kind == "percent" or bool(_ASKS_CHANGE.search(query.text))
    found = []  # (score, -position, position)
    for lo, hi in clauses(sentence):
        if hi <= shown[0] or lo >= shown[1]:
            continue
        clause = sentence[lo:hi]
        since = 0
        for figure in fitting(query, clause):
            is_change = figure.kind == "percent" or bool(_CHANGED.search(clause[since : figure.start]))
            score = coverage(terms, clause[: figure.end], weight) + (UNIT_BONUS if figure.unit in units else 0.0)
            score -= CHANGE_MISMATCH if is_change != asks_change else 0.0
            found.append((score, -(lo + figure.start), lo + figure.start))
            since = figure.end
    return max(found)[2] if found else None
