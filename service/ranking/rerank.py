"""Rerank fused candidates with features that are generic for dated policy reports.

Reports answer "when" questions by where a sentence stands: a figure under 2021年主要工作
is a target, the same kind of figure in a half-year report is a result. So the period a
question names (a year, 上半年, 十三五/十四五) is compared with the period of each
candidate's report title and section path, and figure questions favour sentences that
hold a figure. Weights are in reciprocal-rank units (one first place is 1/61 ≈ 0.016).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from index.chunking import Chunk
from index.figures import find_figures
from index.periods import folded, periods
from service.analysis.query import Query

RRF_K = 60  # reciprocal-rank fusion's constant (service.ranking.pipelines.fuse): a first place is 1/61


@dataclass(frozen=True)
class RerankWeights:
    period: float = 0.012
    period_conflict: float = 0.006
    figure: float = 0.004
    depth: int = 30


def query_periods(query: Query) -> set[str]:
    """The periods a question names, in its words or its translated terms (index.periods); a
    year that only names a report ("per the 2020 report") stands for that report's years."""
    named = periods(query.period_text + " " + " ".join(query.zh_terms), query.reference)
    asked = {p for p in named if p not in query.report_years}
    return folded(asked or set(query.named_report_years))


def chunk_periods(chunk: Chunk) -> frozenset[str]:
    """The periods a passage speaks of, worked out at index time from its headings, its
    paragraph's opening and its report's metadata (index.periods.passage_periods)."""
    return frozenset(chunk.periods)


def adjustment(query: Query, wanted: set[str], chunk: Chunk, weights: RerankWeights) -> float:
    """Bonus for a candidate in the asked-for period (penalty if it names another one)."""
    bonus = 0.0
    if wanted:
        have = chunk_periods(chunk)
        share = len(wanted & have) / len(wanted)
        bonus += weights.period * share
        if have and not (wanted & have):
            bonus -= weights.period_conflict
    if query.wants_figure and find_figures(chunk.sentence):
        bonus += weights.figure
    return bonus


def rerank(
    query: Query, fused: list[tuple[int, float]], chunks: list[Chunk], weights: RerankWeights = RerankWeights()
) -> list[tuple[int, float]]:
    """Adjust the top ``depth`` candidates' scores and re-sort them; the tail keeps its order."""
    wanted = query_periods(query)
    head = [(row, score + adjustment(query, wanted, chunks[row], weights)) for row, score in fused[: weights.depth]]
    head.sort(key=lambda pair: (-pair[1], pair[0]))
    return head + fused[weights.depth :]


def content_first(fused: list[tuple[int, float]], chunks: list[Chunk]) -> list[tuple[int, float]]:
    """The candidates with the reports' front matter (title, date, venue, speaker) after the
    rest, scored below them. A question that names its report by date, venue or speaker finds
    those words there, but the front matter says nothing of what was done or planned. (Put
    second instead of last, it gained nothing: the passage below it rarely answers either.)"""
    return _first(fused, lambda row: not chunks[row].front)


def scoped_first(query: Query, fused: list[tuple[int, float]], chunks: list[Chunk]) -> list[tuple[int, float]]:
    """The candidates from the reports a question names by place or level (Query.scope) before the
    rest, scored above them: a question naming its district asks nothing of the State Council's
    report beside it in the corpus, however alike their words. Unchanged without a scope."""
    return _first(fused, lambda row: chunks[row].doc in query.scope) if query.scope else fused


def _first(fused: list[tuple[int, float]], keep: Callable[[int], bool]) -> list[tuple[int, float]]:
    """The candidates whose row ``keep`` says, in their order, then the rest scored just below them."""
    kept = [pair for pair in fused if keep(pair[0])]
    floor = min((score for _, score in kept), default=math.inf)
    return kept + [(row, min(score, floor - 1e-6)) for row, score in fused if not keep(row)]
