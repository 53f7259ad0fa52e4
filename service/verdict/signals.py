"""The verdict's inputs for one answer, by name (service.verdict.model weighs them).

Retrieval evidence (how close each dense encoder finds the best passages, how far the best stands
above the fifth), what of the question's words the answering clause holds and how close its meaning
is, the kind of question (English, asking a figure), which structured checks of
service.verdict.confidence fired, and when any did, the clause's evidence again (DOUBTED).
"""

from __future__ import annotations

from service.ranking.hits import Hit
from service.ranking.retrieval import CANDIDATE_PASSAGES

# The structured checks of service.verdict.confidence, each a 0/1 signal; the detail checks (a
# name, a phone number, a procedure, a day, opening hours, a time) count as one.
DETAIL_CHECKS = ("no_name", "no_contact", "no_procedure", "no_day", "no_hours", "no_time")
CHECKS = (
    "unknown_term",
    "after_reports",
    "other_period",
    "repeats_question",
    "other_level",
    "asked_detail",
    "other_kind",
    "other_unit",
    "group_figure",
)
NUMERIC = (
    "cos_main",
    "cos_second",
    "cos_gap_main",
    "sim_clause",
    "main_clause",
    "coverage_clause",
    "terms",
    "english",
    "wants_figure",
    "figure_coverage",
    "english_coverage",
    "focus_coverage",
)
# A check that fired, times the evidence it contradicts: added to a sum of signals, a fired check
# (a period or level other than the one asked) was outvoted by a clause that holds every word of the
# question and reads close to it, which is just what such a near miss looks like. These let the
# model weigh a mismatch more the stronger the rest of the evidence. Kept because they raised the
# out-of-sample AUC and lowered the calibration error leaving out a set, a report and a corpus
# alike (see the commit that added them). Each names the evidence of the answering clause it
# repeats: its figure's coverage, its own, its closeness by each encoder.
DOUBTED = {
    "doubted_focus": "focus_coverage",
    "doubted_clause": "coverage_clause",
    "doubted_closeness": "main_clause",
    "doubted_meaning": "sim_clause",
}
FEATURES = NUMERIC + CHECKS + tuple(DOUBTED)  # what an answer's signals hold (service.answering.answer)
GAP_DEPTH = 5  # of the passages an answer sees (ANSWER_DEPTH), the best one's lead is measured over this many


def check_feature(code: str) -> str:
    """The signal a check's code counts under: the detail checks count as one, asked_detail."""
    return "asked_detail" if code in DETAIL_CHECKS else code


def signals(
    hits: list[Hit], fired: list[str], words: dict[str, float], english: bool, wants_figure: bool
) -> dict[str, float]:
    """The model's inputs for one answer: how close the dense encoders find the best passages
    (and how far the best stands above the fifth), what of the question's words the answering
    clause holds and how close its meaning is by each encoder (``words``: coverage_clause,
    terms, sim_clause, main_clause), which structured checks fired, and when any did, that clause
    evidence again (DOUBTED: the figure's coverage, the clause's, its closeness by each encoder)."""
    main = [h.scores["main"] for h in hits[:GAP_DEPTH] if "main" in h.scores]
    out = {
        **{f"cos_{c}": max((_cosine(h, c) for h in hits[:CANDIDATE_PASSAGES]), default=0.0) for c in _ENCODERS},
        "cos_gap_main": main[0] - min(main) if main else 0.0,
        **words,
        "english": float(english),
        "wants_figure": float(wants_figure),
        # how much the clause must hold depends on what is asked: a figure's clause must name what
        # it counts, and an English question's words reach the clause only through translation
        "figure_coverage": float(wants_figure) * words["coverage_clause"],
        "english_coverage": float(english) * words["coverage_clause"],
        "focus_coverage": float(wants_figure) * words.get("coverage_focus", words["coverage_clause"]),
    }
    codes = {check_feature(code) for code in fired}
    return with_doubts(out | {code: float(code in codes) for code in CHECKS})


def with_doubts(evidence: dict[str, float]) -> dict[str, float]:
    """The signals with the DOUBTED ones added: when any check fired, the clause evidence each
    repeats; else zero."""
    doubted = float(any(evidence.get(code, 0.0) for code in CHECKS))
    return evidence | {name: doubted * evidence.get(source, 0.0) for name, source in DOUBTED.items()}


_ENCODERS = ("main", "second")


def _cosine(hit: Hit, channel: str) -> float:
    """An encoder's cosine of the question with the passage, as its search scored it; for a passage
    the main encoder's search did not return, the same cosine read from the index (Hit.closeness
    of its anchor sentence, whose vector is the passage's); else 0."""
    if channel in hit.scores:
        return hit.scores[channel]
    return hit.closeness.get(hit.chunk.anchor_start, 0.0) if channel == "main" else 0.0
