"""Rerank fused candidates with features that are generic for dated policy reports.

Reports answer "when" questions by where a sentence stands: a figure under 2021年主要工作
is a target, the same kind of figure in a half-year report is a result. So the period a
question names (a year, 上半年, 十三五/十四五) is compared with the period of each
candidate's report title and section path, and figure questions favour sentences that
hold a figure. Weights are in reciprocal-rank units (one first place is 1/61 ≈ 0.016).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from index.chunking import Chunk
from service.figures import find_figures
from service.query import Query

RRF_K = 60  # reciprocal-rank fusion's constant (service.retrieval.fuse): a first place is 1/61
_PERIOD = re.compile(r"(20\d\d)|(上半年|下半年|十[一二三四五六]五)")
HALVES = frozenset({"上半年", "下半年"})  # the periods that are parts of a year, not a year or a plan
ALIASES = {"五年来": "十三五", "过去五年": "十三五", "2025": "十四五", "2035": "十四五", "2016": "十三五"}


@dataclass(frozen=True)
class RerankWeights:
    period: float = 0.012
    period_conflict: float = 0.006
    figure: float = 0.004
    depth: int = 30


def periods(text: str) -> set[str]:
    """Years and named periods in a text, with their common aliases folded in."""
    found = {m.group(0) for m in _PERIOD.finditer(text)}
    found |= {period for alias, period in ALIASES.items() if alias in text}
    return found


def query_periods(query: Query) -> set[str]:
    source = query.text + " " + " ".join(query.zh_terms)
    return periods(source)


def chunk_periods(chunk: Chunk) -> frozenset[str]:
    """The period a chunk speaks of, from its report title and section path; a paragraph
    opening that names a year or plan ("——五年来,…" under "2020年及十三五工作回顾") narrows
    it to that one: those paragraphs give the five years' totals, not 2020's."""
    return _heading_periods(chunk.title, chunk.section, chunk.opening)


@lru_cache(maxsize=4096)
def _heading_periods(title: str, section: str, opening: str = "") -> frozenset[str]:
    """Sections are few and shared by many chunks: work each one out once."""
    named, own = periods(f"{title} {section}"), periods(opening) - HALVES
    return frozenset((named & HALVES) | own if own else named)


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


def rerank(query: Query, fused: list[tuple[int, float]], chunks: list[Chunk], weights: RerankWeights = RerankWeights()) -> list[tuple[int, float]]:
    """Adjust the top ``depth`` candidates' scores and re-sort them; the tail keeps its order."""
    wanted = query_periods(query)
    head = [(row, score + adjustment(query, wanted, chunks[row], weights)) for row, score in fused[: weights.depth]]
    head.sort(key=lambda pair: (-pair[1], pair[0]))
    return head + fused[weights.depth :]
