"""Which figure of the answering sentence answers a figure question: a learned choice.

A sentence of these reports often gives several figures ("军地41支医疗队、3543名医务工作者
进驻驰援", a value and its growth, a plan and what was done). Each figure the answer shows is
described by a few signals that hold in any report and either language:

- ``words_before``: how much of the question's words its clause holds up to it (a clause
  names what it counts first: 新增城镇就业2.25万人), from the clause that names its metric when
  its own words only say how it changed (固定资产投资190.59亿元,同比增长85%);
- ``words_after``: how much the words after it, up to the next figure, hold (what a Chinese
  count counts often follows it: 3543名医务工作者);
- ``unit``: it is in the unit asked (多少公里, "how many square metres");
- ``counter``: it is counted by the counter asked (几次 → 2次, 幾條 → 32条; 名 as 人);
- ``change_mismatch``: it is a change (同比增长22.3%) where none is asked, or the reverse;
- ``kind``: +1 when it is of the kind asked (money, a rate, people), -1 when of another, 0
  when the question says no kind;
- ``stated``: the question itself states it ("besides the 249 cases cracked, how many gangs"):
  its premise, not what it asks.

Their weights are a pairwise logistic regression (the asked figure against each other figure
of its sentence) fitted by ``scripts/train_focus.py`` on the read question sets of both
corpora and stored in ``focus.json`` beside this module; the answer line (and the figure
highlighted in the evidence) is the figure scoring highest, the first of equals.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.asked_units import asked_counters, asked_units, same_count, stated_values
from index.chunking import clause_spans
from index.figure_table import names_metric
from service.analysis.query import Query
from service.analysis.terms import Terms, coverage
from service.answering.figure_clause import fitting

WEIGHTS = Path(__file__).with_name("focus.json")
FEATURES = ("words_before", "words_after", "unit", "counter", "change_mismatch", "kind", "stated")
# The weights the answer used before they were learned (the clause's words up to the figure, a
# bonus for the unit asked, a penalty for a change where none is asked or the reverse; none for the
# later signals): the baseline train_focus.py compares with, and what serves if the fitted file is
# missing.
HAND_WEIGHTS = (1.0, 0.0, 0.2, 0.0, -0.3, 0.0, 0.0)
# A question asking how a figure changed, and a figure given as a change (its words end in a
# verb of change: 同比增长22.3%, 下降了).
ASKS_CHANGE = re.compile(
    r"增长|增加(?!值)|下降|减少|提高|降低|增速|增幅|降幅|涨|跌|\b(?:grow\w*|grew|increase\w*|rise|rose|fall|fell|drop\w*"
    r"|decline\w*|change\w*|rate|percent\w*|by how much)\b",
    re.I,
)
CHANGED = re.compile(r"(?:增长|增加|下降|减少|提高|降低|上涨|回落|增幅|增速|降幅)了?(?:超|近|约|达)?$")


@dataclass(frozen=True)
class FocusCandidate:
    """A figure the answer shows: where it stands in the sentence, as written, and its signals."""

    position: int
    text: str
    signals: tuple[float, ...]


def focus_candidates(query: Query, terms: Terms, sentence: str, shown: tuple[int, int], weight) -> list[FocusCandidate]:
    """Every figure that can answer in the clauses of ``sentence`` the answer shows, with its signals."""
    units = asked_units(query.text, query.language)
    counters = {same_count(u) for u in asked_counters(query.text, query.language)}
    asks_change = query.figure_kind == "percent" or bool(ASKS_CHANGE.search(query.text))
    stated = stated_values(query.text)
    found = []
    spans = clause_spans(sentence)
    for c, (lo, hi) in enumerate(spans):
        if hi <= shown[0] or lo >= shown[1]:
            continue
        clause = sentence[lo:hi]
        figures = fitting(query, clause)
        since = 0
        for i, figure in enumerate(figures):
            upto = figures[i + 1].start if i + 1 < len(figures) else len(clause)
            is_change = figure.kind == "percent" or bool(CHANGED.search(clause[since : figure.start]))
            kind = 0.0 if query.figure_kind is None else 1.0 if figure.kind == query.figure_kind else -1.0
            before = _metric_start(sentence, spans, c, figure.start)
            signals = (
                coverage(terms, sentence[before : lo + figure.end], weight),
                coverage(terms, clause[figure.end : upto], weight),
                float(figure.unit in units),
                float(same_count(figure.unit) in counters),
                float(is_change != asks_change),
                kind,
                float(figure.value in stated),
            )
            found.append(FocusCandidate(lo + figure.start, figure.text, signals))
            since = figure.end
    return found


def _metric_start(sentence: str, spans: list[tuple[int, int]], c: int, at: int) -> int:
    """Where the words that say what a figure counts begin: its clause's start, or an earlier
    clause's while the words before it only say how a figure changed ("固定资产投资190.59亿元,
    同比增长85%": the 85% is the investment's)."""
    start = spans[c][0]
    words = sentence[start : start + at]
    while c > 0 and not names_metric(words):
        c -= 1
        start = spans[c][0]
        words = sentence[start : spans[c][1]]
    return start


def best(candidates: list[FocusCandidate], weights: tuple[float, ...]) -> FocusCandidate | None:
    """The candidate scoring highest under ``weights``, the first of equals."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (round(sum(w * x for w, x in zip(weights, c.signals)), 9), -c.position))


@lru_cache(maxsize=2)
def load_weights(path: Path = WEIGHTS) -> tuple[float, ...]:
    """The fitted weights, in the order of FEATURES; the hand weights when there is no file."""
    if not path.is_file():
        return HAND_WEIGHTS
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path} weighs {data['features']}, not {list(FEATURES)}: retrain with scripts/train_focus.py")
    return tuple(float(w) for w in data["weights"])


def figure_focus(query: Query, terms: Terms, sentence: str, shown: tuple[int, int], weight) -> int | None:
    """Where, in the sentence, the figure that answers stands among those the answer shows."""
    chosen = best(focus_candidates(query, terms, sentence, shown, weight), load_weights())
    return None if chosen is None else chosen.position
