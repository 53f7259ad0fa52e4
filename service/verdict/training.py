"""Fitting the verdict model (service.verdict.model) on question sets, and judging it honestly.

The model is a logistic regression over standardised signals, with the label "the reports
answer this question". Its figures are always out of sample: leave one question set out,
and leave one report out (answerable questions about the held-out report, against half of
the unanswerable ones, the model fitted on the rest), so that what is reported is what a
question or a report the model never saw would get. Calibration is the expected
calibration error over ten equal-width bins of confidence.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

import numpy as np
from sklearn.linear_model import LogisticRegression

from service.answering.answer import extract_answer
from service.evaluation import Question
from service.ranking.retrieval import ANSWER_DEPTH, Retriever
from service.verdict.model import CHECKS, FEATURES, VerdictModel

REGULARISATION = 1.0  # sklearn's C: the signals are few and standardised, so the default serves
TOP_K = ANSWER_DEPTH  # the passages the service answers from, whatever the asker wants shown


@dataclass(frozen=True)
class Example:
    """One question's signals, its label, and what it is held out by."""

    qid: str
    group: str  # the question set it comes from
    doc: str | None  # the report its answer stands in (None: unanswerable, or both reports)
    lang: str
    signals: tuple[float, ...]
    answerable: bool
    corpus: str = "shipped"  # which corpus the question was asked of


def collect(
    retriever: Retriever,
    questions: list[Question],
    group: str,
    docs: dict[str, str],
    reported_until: date | None,
    corpus: str = "shipped",
) -> list[Example]:
    """The verdict's signals for every question the service would judge (not those with
    nothing to look for, which are not_found before any model); ``docs`` maps each question
    id to its report file."""
    out = []
    for q in questions:
        query, hits = retriever.search(q.question, top_k=TOP_K)
        answer = extract_answer(
            query,
            hits,
            retriever.bundle.lexical,
            reported_until,
            None,
            lambda texts, query=query: retriever.similarities(query, texts),
            retriever.bundle.figure_index,
        )
        if answer.signals:
            signals = tuple(answer.signals[f] for f in FEATURES)
            out.append(Example(q.id, group, docs.get(q.id), q.lang, signals, q.answerable, corpus))
    return out


def fit(examples: list[Example], answered: float = 0.5, not_found: float = 0.25) -> VerdictModel:
    """A model fitted on the examples, with the given cut points."""
    X = np.array([e.signals for e in examples], dtype=float)
    y = np.array([e.answerable for e in examples], dtype=int)
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION, max_iter=2000).fit((X - mean) / scale, y)
    return VerdictModel(
        FEATURES,
        tuple(map(float, mean)),
        tuple(map(float, scale)),
        tuple(map(float, model.coef_[0])),
        float(model.intercept_[0]),
        answered,
        not_found,
    )


def probabilities(model: VerdictModel, examples: list[Example]) -> np.ndarray:
    return np.array([model.probability(dict(zip(FEATURES, e.signals))) for e in examples])


def half(example: Example) -> int:
    """A stable split of the unanswerable questions into two halves (by id)."""
    return zlib.crc32(f"{example.group}/{example.qid}".encode()) % 2


def folds_by_set(examples: list[Example]) -> list[tuple[str, list[Example], list[Example]]]:
    groups = sorted({e.group for e in examples})
    return [(g, [e for e in examples if e.group != g], [e for e in examples if e.group == g]) for g in groups]


def folds_by_report(examples: list[Example]) -> list[tuple[str, list[Example], list[Example]]]:
    """For each report: fitted on the answerable questions about the other reports and one
    half of the unanswerable ones, tested on those about this report and the other half.
    Questions drawing on several reports (comparisons) are left out of both sides."""
    docs = sorted({e.doc for e in examples if e.doc})
    folds = []
    for i, doc in enumerate(docs):
        train = [
            e for e in examples if (e.answerable and e.doc and e.doc != doc) or (not e.answerable and half(e) != i % 2)
        ]
        test = [e for e in examples if (e.answerable and e.doc == doc) or (not e.answerable and half(e) == i % 2)]
        folds.append((doc, train, test))
    return folds


def out_of_fold(folds: list[tuple[str, list[Example], list[Example]]]) -> tuple[list[Example], np.ndarray]:
    """Every tested example with the probability a model that never saw it gives it."""
    tested, scores = [], []
    for _, train, test in folds:
        model = fit(train)
        tested += test
        scores.append(probabilities(model, test))
    return tested, np.concatenate(scores) if scores else np.array([])


def calibration_error(
    scores: np.ndarray, labels: np.ndarray, bins: int = 10
) -> tuple[float, list[tuple[float, float, int]]]:
    """Expected calibration error, and the reliability curve: per bin the mean confidence,
    the share actually answerable, and the count."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    curve, error = [], 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (scores >= lo) & ((scores < hi) | (hi == 1.0))
        if inside.any():
            mean, share = float(scores[inside].mean()), float(labels[inside].mean())
            curve.append((mean, share, int(inside.sum())))
            error += inside.sum() / len(scores) * abs(mean - share)
    return float(error), curve


def rates(scores: np.ndarray, labels: np.ndarray, answered: float) -> tuple[float, float]:
    """Share of answerable questions not answered outright, and of unanswerable ones not answered."""
    given = scores >= answered
    answerable, unanswerable = labels == 1, labels == 0
    return float((~given & answerable).sum() / max(1, answerable.sum())), float(
        (~given & unanswerable).sum() / max(1, unanswerable.sum())
    )


def check_audit(examples: list[Example]) -> list[tuple[str, str, int, int, int, int]]:
    """For each check of the model and each corpus: how many answerable and unanswerable
    questions it fired on, out of how many. A check that fires on answerable questions of a
    corpus it was not written on as often as on unanswerable ones is noise there."""
    rows = []
    for code in CHECKS:
        at = FEATURES.index(code)
        for corpus in sorted({e.corpus for e in examples}):
            mine = [e for e in examples if e.corpus == corpus]
            yes = [e for e in mine if e.answerable]
            no = [e for e in mine if not e.answerable]
            rows.append(
                (
                    code,
                    corpus,
                    sum(e.signals[at] > 0 for e in yes),
                    len(yes),
                    sum(e.signals[at] > 0 for e in no),
                    len(no),
                )
            )
    return rows
