"""The graded verdict: ``answered``, ``uncertain`` or ``not_found``, with a calibrated confidence.

One decision weighs every signal that tells whether the reports answer a question (named in
service.verdict.signals):

- retrieval evidence: how close the two dense encoders (e5, USE) find the best passages, and
  USE the answering clause;
- coverage: how much of the question's words the best passages and the answering clause hold;
- structured mismatches between what the question asks and what the answer holds (the
  checks of service.verdict.confidence: a period, level, unit or kind of figure other than the one
  asked, a detail asked and not given, a year, name or topic the reports never use);
- the kind of question: how often questions like it are answered by such reports, read from the
  main encoder's vector of the question (service.verdict.question_prior).

A logistic model over these signals gives the probability that the reports answer the
question (``confidence``); two thresholds cut it into the three verdicts. The model is
trained by ``scripts/train_verdict.py`` on the read question sets (never the frozen test
split) and stored as plain numbers in ``service/verdict/verdict.json``: scoring is a dot product.
The reason given when a question is not answered outright is the signal that pulled the
confidence down most, of those that apply to its kind of question. A question with nothing to
look for (no word the reports or the dictionary know: nonsense, markup, digits, a greeting) is
``not_found`` before any model; one answered by the glossary's definition of the term it names
is a lookup, trusted as such.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from service.verdict.question_prior import QuestionPrior
from service.verdict.signals import check_feature, with_doubts

log = logging.getLogger(__name__)

PRIOR = "question_prior"  # the question head's log-odds, the model's last input
# Which doubt a numeric signal stands for when it is the one that pulled the confidence down.
NUMERIC_REASONS = {
    "coverage_clause": "clause_off_topic",
    "sim_clause": "clause_far",  # the words may all be there, the meaning far (a bare keyword)
    "main_clause": "clause_far",
    "figure_coverage": "figure_off_topic",
    "focus_coverage": "figure_off_topic",
    "english_coverage": "clause_off_topic",
    "cos_gap_main": "few_words",
    "cos_main": "few_words",
    "cos_second": "few_words",
    PRIOR: "seldom_answered",  # the kind of question, more than anything in the answer, lowered it
}
VERDICTS = ("answered", "uncertain", "not_found")
# A question naming a term of the reports' glossary and asking what it means is answered by the
# report's own definition of that term: a lookup, not a retrieval guess, however little the
# encoders make of the term ("1+8"). All 74 such questions of the read sets were answerable
# (Laplace estimate .99); the confidence of such an answer is at least this.
DEFINITION_CONFIDENCE = 0.95
# A signal counts at most this many training standard deviations from the training mean: a linear
# model extrapolates without bound, and one value far outside what it was fitted on (a cosine of 0
# when no passage shown came from that encoder's search) decided a greeting's verdict alone (+38
# log-odds). Training standardises the same way (service.verdict.training).
Z_LIMIT = 4.0


@dataclass(frozen=True)
class Verdict:
    """What the service concludes about one answer, and why when it is not ``answered``."""

    verdict: str
    confidence: float
    reason: str | None = None


@dataclass(frozen=True)
class VerdictModel:
    """A logistic model over standardised signals, and the two cut points of its probability:
    at or above ``answered`` the answer is given outright, below ``not_found`` the reports are
    said not to hold it, between the two it is shown with a caution. With a question head
    (``prior``), its log-odds is one more input, ``question_prior``; a question it cannot read
    counts as one at the training mean."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    answered: float
    not_found: float
    prior: QuestionPrior | None = None

    def with_prior(self, signals: dict[str, float], vector: np.ndarray | None) -> dict[str, float]:
        """The signals with the question head's log-odds for a question with this vector."""
        if PRIOR not in self.features:
            return signals
        odds = self.prior.log_odds(vector) if self.prior is not None else None
        return signals | {PRIOR: self.mean[self.features.index(PRIOR)] if odds is None else odds}

    def contributions(self, signals: dict[str, float]) -> dict[str, float]:
        """Each signal's share of the log-odds, against a question at the training mean (within
        Z_LIMIT standard deviations of it)."""
        return {
            name: w * float(standardised(signals.get(name, 0.0), m, s))
            for name, m, s, w in zip(self.features, self.mean, self.scale, self.weights)
        }

    def log_odds(self, signals: dict[str, float]) -> float:
        """The model's log-odds that the reports answer the question (before the cut to [-30, 30])."""
        return self.bias + sum(self.contributions(signals).values())

    def probability(self, signals: dict[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.log_odds(signals)))))

    def lowered_by(self, signals: dict[str, float], code: str) -> float:
        """How much a fired check (a feature of CHECKS) lowers the log-odds: the check's own weight
        and, when no other check fired, what the DOUBTED signals add with it."""
        return self.log_odds(with_doubts(signals | {code: 0.0})) - self.log_odds(with_doubts(signals))

    def judge(
        self, signals: dict[str, float], fired: list[str], defined: bool = False, vector: np.ndarray | None = None
    ) -> Verdict:
        """The verdict for one answer's signals; ``fired``, the checks that fired (in order);
        ``defined``, the answer is the glossary's definition of the term the question asks about;
        ``vector``, the main encoder's vector of the question (Query.vector)."""
        signals = self.with_prior(signals, vector)
        confidence = max(self.probability(signals), DEFINITION_CONFIDENCE if defined else 0.0)
        verdict = (
            "answered" if confidence >= self.answered else "uncertain" if confidence >= self.not_found else "not_found"
        )
        return Verdict(verdict, round(confidence, 4), None if verdict == "answered" else self.reason(signals, fired))

    def reason(self, signals: dict[str, float], fired: list[str]) -> str:
        """The doubt to show: of the checks that fired, the one that lowered the confidence
        most; when none did, what the weakest numeric signal that applies to this kind of
        question stands for."""
        lowered = {code: self.lowered_by(signals, check_feature(code)) for code in fired}
        lowering = [code for code in fired if lowered[code] > 0]
        if lowering:
            return max(lowering, key=lowered.__getitem__)
        parts = self.contributions(signals)
        numeric = {name: parts[name] for name in NUMERIC_REASONS if name in parts and _applies(name, signals)}
        return NUMERIC_REASONS[min(numeric, key=numeric.get)] if numeric else "few_words"

    def to_dict(self) -> dict:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "answered": self.answered,
            "not_found": self.not_found,
        } | ({"prior": self.prior.to_dict()} if self.prior else {})

    @classmethod
    def from_dict(cls, data: dict) -> VerdictModel:
        return cls(
            tuple(data["features"]),
            tuple(data["mean"]),
            tuple(data["scale"]),
            tuple(data["weights"]),
            float(data["bias"]),
            float(data["answered"]),
            float(data["not_found"]),
            QuestionPrior.from_dict(data["prior"]) if data.get("prior") else None,
        )


def standardised(value: float | np.ndarray, mean, scale) -> np.ndarray:
    """(value - mean) / scale, within ±Z_LIMIT; for a number or, elementwise, arrays."""
    return np.clip((value - mean) / scale, -Z_LIMIT, Z_LIMIT)


# The signals that only vary for one kind of question, and the signal that says it is one: for
# any other question they are zero, a constant that lowers every such question's log-odds alike
# and says nothing of this one (a question asking no figure has no figure "off topic").
_ONLY_FOR = {"figure_coverage": "wants_figure", "focus_coverage": "wants_figure", "english_coverage": "english"}


def _applies(name: str, signals: dict[str, float]) -> bool:
    kind = _ONLY_FOR.get(name)
    return kind is None or bool(signals.get(kind))


_SEARCHABLE = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]{2,}")


def nothing_asked(text: str, dictionary_terms: int) -> bool:
    """Does a question hold nothing to look for: no letters or Chinese characters at all
    (digits, emoji, punctuation, control characters), or no word that a dictionary or the
    reports know (a keyboard row, markup)? ``dictionary_terms``: how many there are
    (service.analysis.terms.dictionary_terms and known_terms)."""
    return not _SEARCHABLE.search(text) or dictionary_terms == 0


@lru_cache(maxsize=4)
def load_model(path: Path | None, encoder: str | None = None) -> VerdictModel | None:
    """The trained verdict model at ``path`` (Config.verdict, ``QA_VERDICT``), or None when
    none is configured or the file is missing: every answer is then given outright. Its
    question head is dropped unless it was made for ``encoder``, the service's main encoder."""
    if path is None or not Path(path).exists():
        return None
    model = VerdictModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    if model.prior is not None and model.prior.encoder != encoder:
        log.warning("verdict: question head made for %s, not %s; left out", model.prior.encoder, encoder)
        return replace(model, prior=None)
    return model
