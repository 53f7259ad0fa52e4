"""Questions that set two sides against each other, and the passages of the other side.

A comparison asks for the plan and the result (2021年计划新建绿道多少公里?上半年实际建成多少?),
one year against another, or what the December report promised against what the mid-year
report says: the reports answer each side in a different report or period, so a single
clause answers only half. service.answering.answer adds the best clause of the other side.
"""

from __future__ import annotations

import re

from index.chunking import Chunk
from index.period_mentions import mentions
from index.periods import HALVES, folded, periods
from service.analysis.query import Query
from service.ranking.rerank import chunk_periods

_QUESTION_MARK = re.compile(r"[?？]")
# Not "against" (the fight against crime); 跟/和/与…比 is "set beside", not 比重, 比例, 比上年.
_COMPARE = re.compile(
    r"相比|对比|(?:跟|和|与|同)[^,，。？?；;]{1,30}?比(?![重例率上去])|\bcompar\w*|\bversus\b|\bvs\.?\s", re.I
)
# A plan or an annual target (beside the mid-year, names_first_half): the two reports' sides.
_PLANNED = re.compile(
    r"计划|目标|年初|去年底|承诺|\b(?:plan|planned|target|pledged?|promised?|work report|annual report)\b",
    re.I,
)
# A figure "against the same period of 2019" is one report's own comparison, not a side; nor is the
# compare word that sets it beside one ("compared with the same period last year").
_SAME_PERIOD = re.compile(
    r"""
        (?:(?:19|20)\d\d年?|上年|去年)同期(?:相比|比)?
      | (?:\b(?:compar(?:ed|es|e|ing)\s+(?:with|to)|against|versus|vs\.?|over|from|than)\s+)?  # its compare word
        (?:the\s+)?\bsame\s+period\s+(?:(?:of|in)\s+(?:19|20)\d\d|(?:of\s+)?last\s+year)\b
    """,
    re.I | re.VERBOSE,
)
# The share of a plan done so far is one side's own figure (完成全年计划的52%): nothing to set beside it.
_SHARE_OF_PLAN = re.compile(
    r"百分之多少 | 百分比 | 完成率 | 进度比例 | \bwhat\ (?:share|percentage|per\ ?cent)\b", re.I | re.VERBOSE
)
_PERIOD_TERM = re.compile(r"十[一二三四五六]五|(?:19|20)\d\d年?")


def named_periods(query: Query) -> set[str]:
    """The years and plan periods a question names (a year inside a plan it names is that
    plan), halves left out: an English question's translated period terms count, not the
    aliases of its other words (Five-Year brings 五年来)."""
    terms = " ".join(t for t in query.zh_terms if _PERIOD_TERM.fullmatch(t))
    return folded(periods(_SAME_PERIOD.sub(" ", f"{query.text} {terms}"), query.reference)) - HALVES


def names_first_half(text: str) -> bool:
    """Does a text name a year's first half, or where it ends (上半年, 年中, "mid-2021", "by the
    end of June"): the mid-year report's side."""
    return any(m.kind == "part" and m.key == "H1" for m in mentions(text))


def two_sided(query: Query) -> bool:
    """Does the question set two sides against each other: a compare word, two years or
    a plan period beside another period (2020年…2021年上半年, 十三五…十四五), two questions
    each with its period, or a plan and the mid-year (计划新建多少?上半年实际建成多少?; 年初说要…,
    到年中进度如何?): what was planned is one side, how far it got the other."""
    text = _SAME_PERIOD.sub(" ", query.text)
    if _COMPARE.search(text):
        return True
    if len(named_periods(query)) >= 2:
        return True
    asked = [periods(q) for q in _QUESTION_MARK.split(text) if periods(q)]
    if len(asked) >= 2 and any(a != asked[0] for a in asked):
        return True  # 2020年完成了多少?到今年上半年又完成了多少?
    return bool(_PLANNED.search(text) and names_first_half(text)) and not _SHARE_OF_PLAN.search(text)


def other_side(primary: Chunk, chunk: Chunk, overlapping: bool = False, scope: frozenset[str] = frozenset()) -> bool:
    """Does a passage speak of another report, or of another period than the primary one
    (十四五 against 十三五 in the same report)? With ``overlapping``, a passage of the same report
    whose periods differ from the primary's only in part counts too: a report whose sections all
    speak of its two years (the past year's results and this year's plan) sets the one against the
    other in passages whose periods overlap. A report's front matter (title, date, venue) is no
    side: it gives nothing to set beside the primary passage; nor is a report outside the ``scope``
    the question names (Query.scope), or when it names none, a report of another level than the
    primary one's: both sides measure one place (a district's 2020 against its first half of 2021,
    not against the country's 2021 in a corpus that holds both)."""
    if chunk.front or (chunk.doc not in scope if scope else chunk.level != primary.level):
        return False
    if chunk.doc != primary.doc:
        return True
    have, mine = chunk_periods(chunk), chunk_periods(primary)
    if not (have and mine):
        return False
    return have != mine if overlapping else not have & mine


def with_other_side(
    fused: list[tuple[int, float]], chunks: list[Chunk], within: int, scope: frozenset[str] = frozenset()
) -> list[tuple[int, float]]:
    """The ranking with the best passage of the other side (within the reports of ``scope``, when
    the question names some) moved up to place ``within`` when none stands above it: the ranker's
    top passages of a comparison often all come from one report, and the answer is taken from the
    first few."""
    if not fused:
        return fused
    top = chunks[fused[0][0]]
    if any(other_side(top, chunks[row], scope=scope) for row, _ in fused[1:within]):
        return fused
    at = next((i for i, (row, _) in enumerate(fused) if other_side(top, chunks[row], scope=scope)), None)
    if at is None:
        return fused
    return fused[: within - 1] + [fused[at]] + fused[within - 1 : at] + fused[at + 1 :]
