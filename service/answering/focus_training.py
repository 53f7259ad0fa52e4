"""Fitting the figure focus (service.answering.focus) on question sets, and judging it out of sample.

Each figure question whose answer shows the asked figure gives one group: the figures its
answering sentence shows, the asked one labelled. The weights are a pairwise logistic
regression without intercept on the differences between the asked figure's signals and each
other figure's, so that only how figures of one sentence compare matters. Figures are left
out one question set at a time, and one corpus at a time (fitted on one corpus's reports,
judged on the other's). scripts/train_focus.py is the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from index.jsonio import write_json
from service.analysis.terms import query_terms, term_weights
from service.answering.answer import extract_answer
from service.answering.focus import FEATURES, HAND_WEIGHTS, FocusCandidate, best, focus_candidates
from service.evaluation import Question
from service.ranking.retrieval import ANSWER_DEPTH, Retriever

REGULARISATION = 1.0  # sklearn's C: five standardised-scale signals, a few thousand pairs


@dataclass(frozen=True)
class Group:
    """One question's figures, which of them is the asked one, and where the question comes from."""

    qid: str
    group: str
    corpus: str
    lang: str
    candidates: tuple[FocusCandidate, ...]
    labels: tuple[bool, ...]


def is_asked(candidate: FocusCandidate, answer: str) -> bool:
    """Is this the asked figure: as written, or with a qualifier of a character or two (超80%)?"""
    return answer in candidate.text and len(candidate.text) - len(answer) <= 2


def collect(retriever: Retriever, questions: list[Question], group: str, corpus: str) -> list[Group]:
    """The groups of the figure questions whose answer shows the asked figure among others."""
    out = []
    for q in questions:
        if not (q.answerable and q.type == "figure" and q.answer):
            continue
        query, hits = retriever.search(q.question, top_k=ANSWER_DEPTH)
        near = lambda texts, query=query: retriever.similarities(query, texts)  # noqa: E731
        answer = extract_answer(query, hits, retriever.bundle.lexical, similarity=near)
        if answer.focus is None or answer.defines is not None:
            continue
        terms = query_terms(query)
        weight = term_weights(terms, retriever.bundle.lexical)
        candidates = focus_candidates(query, terms, answer.text, (0, len(answer.text)), weight)
        labels = tuple(is_asked(c, q.answer) for c in candidates)
        if any(labels) and not all(labels):
            out.append(Group(q.id, group, corpus, q.lang, tuple(candidates), labels))
    return out


def fit(groups: list[Group]) -> tuple[float, ...]:
    """Weights that rank each asked figure above the other figures of its sentence."""
    pairs, ys = [], []
    for g in groups:
        x = np.array([c.signals for c in g.candidates], dtype=float)
        for i in (i for i, yes in enumerate(g.labels) if yes):
            for j in (j for j, yes in enumerate(g.labels) if not yes):
                pairs += [x[i] - x[j], x[j] - x[i]]
                ys += [1, 0]
    model = LogisticRegression(C=REGULARISATION, fit_intercept=False, max_iter=5000).fit(np.array(pairs), ys)
    return tuple(float(w) for w in model.coef_[0])


def right(groups: list[Group], weights: tuple[float, ...]) -> int:
    """How many groups the weights choose the asked figure in."""
    return sum(g.labels[g.candidates.index(best(list(g.candidates), weights))] for g in groups)


def held_out(groups: list[Group], key) -> dict[str, tuple[int, int, int]]:
    """Per value of ``key`` (a group's set or corpus): the hand weights' right choices, the
    choices of weights fitted without that value's groups, and the count."""
    out = {}
    for value in sorted({key(g) for g in groups}):
        test = [g for g in groups if key(g) == value]
        weights = fit([g for g in groups if key(g) != value])
        out[value] = (right(test, HAND_WEIGHTS), right(test, weights), len(test))
    return out


def save(weights: tuple[float, ...], path: Path) -> None:
    """Write the weights' JSON atomically."""
    write_json(path, {"features": list(FEATURES), "weights": [round(w, 4) for w in weights]})
