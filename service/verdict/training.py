"""Fitting the verdict model (service.verdict.model) on question sets, and judging it honestly.

The model is a logistic regression over standardised signals, with the label "the reports
answer this question"; one of its inputs is the log-odds of a question head (a logistic
regression over the main encoder's question vector, service.verdict.question_prior), which the
model is fitted on as the head scores questions it was not fitted on (stacking: inside the
training questions, each fifth of the question sets is scored by a head fitted on the rest), so
that the model weighs the head as it does on new questions, not on ones it has memorised.

Its figures are always out of sample: leave one question set out, leave one corpus out, and
leave one report out (answerable questions about the held-out report, against half of
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
from service.verdict.model import PRIOR, VerdictModel, standardised
from service.verdict.question_prior import QuestionPrior
from service.verdict.signals import CHECKS, FEATURES

REGULARISATION = 1.0  # sklearn's C: the signals are few and standardised, so the default serves
# The question head's C: 384 inputs against a few thousand questions, so strongly regularised;
# chosen among .001 to .003 by how well a model fitted on one corpus's questions ranks the other's.
HEAD_REGULARISATION = 0.001
HEAD_FOLDS = 5  # the question sets are split in this many parts to score the head out of sample
# The bound on the head's log-odds (QuestionPrior.limit), well inside the range most questions'
# fall in: bounded, it ranked the read sets as well and was fooled less, leaving a report out, by
# answerable questions whose words resemble unanswerable ones'.
HEAD_LIMIT = 1.0
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
    vector: tuple[float, ...] = ()  # the main encoder's vector of the question (Query.vector)


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
            vector = () if query.vector is None else tuple(map(float, query.vector))
            out.append(Example(q.id, group, docs.get(q.id), q.lang, signals, q.answerable, corpus, vector))
    return out


def _logistic(
    X: np.ndarray, y: np.ndarray, c: float, limit: bool = False
) -> tuple[np.ndarray, np.ndarray, LogisticRegression]:
    """A logistic regression on standardised inputs: their mean, scale, and the fitted model;
    with ``limit``, each input within Z_LIMIT standard deviations, as the verdict reads them."""
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = standardised(X, mean, scale) if limit else (X - mean) / scale
    return mean, scale, LogisticRegression(C=c, max_iter=3000).fit(Z, y)


def fit_head(examples: list[Example], encoder: str) -> QuestionPrior:
    """The question head fitted on the examples' question vectors."""
    X = np.array([e.vector for e in examples], dtype=float)
    mean, scale, model = _logistic(X, np.array([e.answerable for e in examples], dtype=int), HEAD_REGULARISATION)
    coef = tuple(map(float, model.coef_[0]))
    return QuestionPrior(encoder, tuple(map(float, mean)), tuple(map(float, scale)), coef, HEAD_LIMIT)


def head_part(example: Example) -> int:
    """Which of HEAD_FOLDS parts an example's question set falls in (stable, by set name)."""
    return zlib.crc32(example.group.encode()) % HEAD_FOLDS


def stacked_prior(examples: list[Example], encoder: str) -> list[float]:
    """Each example's question-head log-odds from a head fitted without its part of the sets."""
    out = [0.0] * len(examples)
    for part in sorted({head_part(e) for e in examples}):
        rest = [e for e in examples if head_part(e) != part]
        if not rest:
            return [0.0] * len(examples)
        head = fit_head(rest, encoder)
        for i, e in enumerate(examples):
            if head_part(e) == part:
                out[i] = head.log_odds(_vector(e))
    return out


def fit(
    examples: list[Example], answered: float = 0.5, not_found: float = 0.25, encoder: str | None = None
) -> VerdictModel:
    """A model fitted on the examples, with the given cut points; with ``encoder`` (the name of
    the encoder whose question vectors the examples hold), with a question head over them."""
    head = encoder is not None and all(e.vector for e in examples)
    X = np.array([e.signals for e in examples], dtype=float)
    if head:
        X = np.c_[X, stacked_prior(examples, encoder)]
    mean, scale, model = _logistic(X, np.array([e.answerable for e in examples], dtype=int), REGULARISATION, True)
    return VerdictModel(
        FEATURES + ((PRIOR,) if head else ()),
        tuple(map(float, mean)),
        tuple(map(float, scale)),
        tuple(map(float, model.coef_[0])),
        float(model.intercept_[0]),
        answered,
        not_found,
        fit_head(examples, encoder) if head else None,
    )


def probabilities(model: VerdictModel, examples: list[Example]) -> np.ndarray:
    return np.array([model.probability(model.with_prior(dict(zip(FEATURES, e.signals)), _vector(e))) for e in examples])


def _vector(example: Example) -> np.ndarray | None:
    return np.array(example.vector) if example.vector else None


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


def folds_by_corpus(examples: list[Example]) -> list[tuple[str, list[Example], list[Example]]]:
    """For each corpus: fitted on the questions asked of the other, tested on its own. No
    question about the held-out reports is seen, answerable or not: a new report's case."""
    corpora = sorted({e.corpus for e in examples})
    return [(c, [e for e in examples if e.corpus != c], [e for e in examples if e.corpus == c]) for c in corpora]


def out_of_fold(
    folds: list[tuple[str, list[Example], list[Example]]], encoder: str | None = None
) -> tuple[list[Example], np.ndarray]:
    """Every tested example with the probability a model that never saw it gives it."""
    tested, scores = [], []
    for _, train, test in folds:
        model = fit(train, encoder=encoder)
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
