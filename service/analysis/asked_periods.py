"""What period a question asks about, against what the reports can speak for: outcomes of a
period that had not ended when the latest report was written, a year or plan period the
answer's passage is not about (the periods themselves are index.periods')."""

from __future__ import annotations

import calendar
import re
from datetime import date

from index.chunking import Chunk
from index.period_mentions import EN_MONTH, HALF_SPANS, month_number, year_parts
from index.periods import HALVES, periods
from service.analysis.query import Query
from service.analysis.tense import asks_ahead
from service.ranking.rerank import chunk_periods, query_periods

# A full year or second half tied to its own year ("2021年全年", "full-year GDP for 2021").
_LATE_PERIOD = re.compile(
    r"""
        (20\d\d)\s*年?\s*(?:全年|一整年|整年|下半年|年底|年末)
        | \b(?:full[- ]year|whole[- ]year|second\ half\ of|whole\ of|end\ of)\s+(?:the\s+)?(20\d\d)\b
        | \bfull[- ]year\b[^.?!]{0,30}?\b(?:for|in|of)\s+(20\d\d)\b
        | \b(20\d\d)\s+(?:full[- ]year|second[- ]half|year[- ]end)\b
    """,
    re.I | re.VERBOSE,
)
# "by the end of December 2021", "as of June 2021"; "after June 2021"; "in June 2021 alone", 6月份.
_BY_MONTH = re.compile(
    r"\b(?:by|as of|end of|through|until|till|up to)\s+(?:the\s+end\s+of\s+)?" + EN_MONTH + r",?\s+(20\d\d)\b", re.I
)
_AFTER_MONTH = re.compile(r"\b(?:after|since)\s+(?:the\s+end\s+of\s+)?" + EN_MONTH + r",?\s+(20\d\d)\b", re.I)
GRACE_DAYS = 31  # a report written in a period's last month speaks for the whole period
_OUTCOME = re.compile(
    r"完成了|实现了|达到了|达成|最后|最终|真的|\b(?:met|achieved|reached|hit|hitting|end(?:ed)? up|actually)\b", re.I
)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def asks_after(text: str, reported_until: date | None) -> bool:
    """Does the question ask how the year in progress at the latest report turned out (its
    full year or second half, or up to a month past the report: "by the end of December
    2021", "after June 2021")? Asking for its target or plan is fine. Later years are only
    ever goals: asking whether one was reached in the end (最后, actually) is asking after."""
    if reported_until is None:
        return False
    for end in _asked_ends(text):
        if end.year == reported_until.year and (end - reported_until).days > GRACE_DAYS:
            return not asks_ahead(text) or bool(_OUTCOME.search(text))
    later = [int(y) for y in _YEAR.findall(text) if int(y) > reported_until.year]
    return bool(later) and bool(_OUTCOME.search(text))  # a later year's goal was met?


def _asked_ends(text: str) -> list[date]:
    """The last days of the periods a question asks about: a year's end for its full year or
    second half or for what came after one of its months, a month's end for "by" a month."""
    ends = [date(int(next(g for g in m.groups() if g)), 12, 31) for m in _LATE_PERIOD.finditer(text)]
    ends += [date(int(m.group(2)), 12, 31) for m in _AFTER_MONTH.finditer(text)]
    for m in _BY_MONTH.finditer(text):
        year, month = int(m.group(2)), month_number(m.group(1))
        ends.append(date(year, month, calendar.monthrange(year, month)[1]))
    return ends


def other_period(query: Query, chunk: Chunk, answer_text: str) -> bool:
    """Does the question name a year or plan period that neither the answer's clause nor
    its passage's report and section speak of (asked for 2019, answered from 2020), a half
    of a year named alone that they do not (上半年, answered from a five-year review), or a part
    of a year that they do not (asked for the third quarter or for February, answered with
    the year's or the half-year's figure)?"""
    asked = query_periods(query)
    told = chunk_periods(chunk) | periods(answer_text)
    wanted, halves = asked - HALVES, asked & HALVES
    if (wanted and not wanted & told) or (halves and not wanted and not halves & told):
        return True
    return other_part_of_year(query.period_text, chunk, answer_text)


def other_part_of_year(question: str, chunk: Chunk, answer_text: str) -> bool:
    """Does the question ask for a quarter, a month or a run of months (not a half-year,
    which the reports' titles and headings name and the check above reads) that the answer's
    clause, section and report title do not name?"""
    asked = year_parts(question) - set(HALF_SPANS.values())
    if not asked:
        return False
    told = year_parts(f"{chunk.title} {chunk.section} {answer_text}")
    told |= {HALF_SPANS[h] for h in chunk_periods(chunk) & HALVES}
    return not asked & told
