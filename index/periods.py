"""The one period model: which years, half-years and five-year plans a text speaks of (the
words that name them are found by index.period_mentions).

A question names its period ("2019年", "上半年", "十四五", "the 13th Five-Year Plan"); a passage
speaks of the period of its section heading or its paragraph's opening, else of the period
its report covers. What a report covers comes from its metadata (``period`` in
reports.json) or, failing that, from its date: a report delivered late in a year reviews
that year and plans the next, one delivered early reviews the last and plans this one.

Five-year plans are named by their number (十三五 is the 13th) and cover fixed years: the
3rd began in 1966, after the adjustment years 1963–65, and each since lasts five. A plan's
first or last year that is not one of its report's own years stands for the plan there:
under a 十三五 review written in December 2020, "2016" means the plan's first year, while
"2020" is the report's own year and means itself. The reports' "过去五年" / "五年来" is the
plan that ended in or just before the report's year.

Relative years (今年, 去年, 明年, "this year", "last year") are years counted from a date: in a
report's text, from the day it was delivered; in a question, from the newest report's (the
asker's "this year" is the reports' this year).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from index.period_mentions import (
    EN_MONTH,
    HALF_NAMES,
    HALF_SPANS,
    PLAN_DIGITS,
    mentions,
    month_number,
    year_runs,
)

HALVES = frozenset({"上半年", "下半年"})
PAST_FIVE = "过去五年"  # the plan just ended, as a report names it without its number
FIRST_PLAN_YEAR, FIRST_PLAN = 1966, 3


def plan_name(number: int) -> str:
    """十三五 for 13 (plans 11 to 19, the ones a report of this century names)."""
    return f"十{PLAN_DIGITS[number - 11]}五" if 11 <= number <= 19 else f"{number}五"


def plan_years(number: int) -> range:
    """The years of the ``number``-th five-year plan (13: 2016–2020)."""
    start = FIRST_PLAN_YEAR + 5 * (number - FIRST_PLAN)
    return range(start, start + 5)


def plan_of(year: int) -> int:
    """The number of the plan a year falls in."""
    return FIRST_PLAN + (year - FIRST_PLAN_YEAR) // 5


def periods(text: str, counted_from: date | None = None) -> set[str]:
    """The years ("2021"), halves (上半年) and plans (十三五) a text names (index.period_mentions),
    in English too ("the 14th Five-Year Plan", "first half", "H1"), and 过去五年 for "the past
    five years"; with ``counted_from``, its relative years too (去年 in a text of 2022: "2021").
    A run of years that is a plan's ("2016-2020", 2016至2020年) is that plan; another run, its
    first and last years ("2020-21": 2020 and 2021)."""
    runs = year_runs(text)
    plans = [(a, b) for a, b in runs if 11 <= plan_of(a) <= 19 and range(a, b + 1) == plan_years(plan_of(a))]
    found = {str(last) for first, last in runs if (first, last) not in plans}  # "2020-21": 2021 too
    for m in mentions(text):
        if m.kind == "year" and m.key[0] in "+-":
            found |= {str(counted_from.year + int(m.key))} if counted_from else set()
        elif m.kind == "year":
            found.add(m.key)
        elif m.kind == "part" and m.key in HALF_NAMES:
            found.add(HALF_NAMES[m.key])
        elif m.kind == "plan" and 11 <= int(m.key) <= 19:
            found.add(plan_name(int(m.key)))
        elif m.kind == "past_five":
            found.add(PAST_FIVE)
    for first, last in plans:
        found = (found - {str(y) for y in range(first, last + 1)}) | {plan_name(plan_of(first))}
    return found


def delivered(meta: dict) -> date | None:
    """The day a report was delivered, from its metadata (None when unknown)."""
    try:
        return date.fromisoformat(str(meta.get("date", ""))[:10])
    except ValueError:
        return None


def folded(found: set[str]) -> set[str]:
    """A question's periods with the years inside a plan it also names folded into that plan
    ("十四五…2025年": one period, not two), and 过去五年 folded into a named plan."""
    plans = [plan_years(plan_number(p)) for p in found if _is_plan(p)]
    if not plans:
        return set(found)
    return {p for p in found if p != PAST_FIVE and not (p.isdigit() and any(int(p) in span for span in plans))}


def _is_plan(period: str) -> bool:
    return len(period) == 3 and period[0] == "十" and period[2] == "五" and period[1] in PLAN_DIGITS


def own_years(meta: dict) -> frozenset[int]:
    """The years a report reviews and plans: those its metadata names (years, and the years of
    plans it names only when nothing else is given), else those its date implies."""
    named = periods(" ".join(map(str, meta.get("period") or ())))
    years = {int(p) for p in named if p.isdigit()}
    if years:
        return frozenset(years)
    day = delivered(meta)
    if day is None:
        return frozenset()
    if day.month >= 10:
        return frozenset({day.year, day.year + 1})
    return frozenset({day.year - 1, day.year}) if day.month <= 6 else frozenset({day.year})


def report_periods(meta: dict) -> frozenset[str]:
    """What a report speaks of where its headings say nothing: its metadata's periods, or
    the years its date implies."""
    named = periods(" ".join(map(str, meta.get("period") or ())))
    return frozenset(named or {str(y) for y in own_years(meta)})


def resolved(found: set[str], own: frozenset[int]) -> frozenset[str]:
    """A passage's periods as a question would name them: each plan also as its edge years
    that are not the report's own, and as 过去五年 when it ended in or just before the
    report's last year; 过去五年 in the text as that plan."""
    out = set(found)
    latest = max(own, default=None)
    if PAST_FIVE in found and latest is not None:
        out.discard(PAST_FIVE)
        ended = plan_of(latest) - (0 if latest == plan_years(plan_of(latest))[-1] else 1)
        out.add(plan_name(ended))
    for name in [p for p in out if _is_plan(p)]:
        number = plan_number(name)
        span = plan_years(number)
        out |= {str(y) for y in (span[0], span[-1]) if y not in own}
        if latest is not None and span[-1] in (latest, latest - 1):
            out.add(PAST_FIVE)
    return frozenset(out)


def passage_periods(heading: str, opening: str, meta: dict) -> frozenset[str]:
    """The periods a passage speaks of: its heading's (report title and section path), narrowed
    to its paragraph opening's when that names a year or plan ("——五年来,…" under "2020年及
    十三五工作回顾" gives the five years' totals, not 2020's), else its report's."""
    day = delivered(meta)
    named, opening_named = periods(heading, day), periods(opening, day) - HALVES
    found = (named & HALVES) | opening_named if opening_named else named
    if not found - HALVES:
        found |= report_periods(meta) - (HALVES if found & HALVES else frozenset())
    return resolved(found, own_years(meta))


def plan_number(name: str) -> int:
    """13 for 十三五 (plan_name, read backwards)."""
    return 11 + PLAN_DIGITS.index(name[1])


def latest_span(found: Iterable[str]) -> tuple[date, date] | None:
    """The first and last day of the latest-ending period named: a year (its first half only
    when 上半年 alone is named, its second when 下半年 is), a plan's five years; None when no
    year or plan is named. A month ends on its 28th here: only the span's middle is used."""
    halves = set(found) & HALVES
    first, last = HALF_SPANS[min(halves)] if len(halves) == 1 else (1, 12)
    spans = [(date(int(p), first, 1), date(int(p), last, 28)) for p in found if p.isdigit()]
    for plan in filter(_is_plan, found):
        years = plan_years(plan_number(plan))
        spans.append((date(years[0], 1, 1), date(years[-1], 12, 28)))
    return max(spans, key=lambda span: span[1], default=None)


_SINCE = "以来"  # 今年以来: from then up to the report's day, all of it behind the report


def _named_before_now(text: str, day: date | None) -> set[str]:
    """The periods a text names, leaving out those it counts up to now (今年以来)."""
    since = tuple(text[m.start : m.end] for m in mentions(text) if text.startswith(_SINCE, m.end))
    return periods(without(text, since), day)


def passage_ahead(near: Sequence[str], title: str, meta: dict, before: bool | None = None) -> bool | None:
    """Does a passage speak of time mostly still to come when its report was delivered (its
    plans and targets), or of time gone by (its review)? ``near``: the words that place it,
    nearest first (its paragraph's opening, its section headings); ``before``: the answer for
    the paragraphs before it. Its period is the years or plan of the nearest level naming one,
    the report's ``title`` last, in the half-year of the nearest naming one (a mid-year report's
    "下半年,…" paragraph under its 上半年 title); it is ahead when that period's middle lies after
    the report's date: a December report's own year is behind it, a March report's ahead, and
    过去五年 behind by its name. A paragraph whose opening and headings name no time goes on with
    the part of the report it stands in (``before``: a report reviews, then plans), else with its
    title. None when nothing names a year or plan, or the report has no date."""
    day = delivered(meta)
    if day is None:
        return None
    named = [_named_before_now(text, day) for text in near]
    if not any(named) and before is not None:
        return before
    named.append(_named_before_now(title, day))
    halves = next((found & HALVES for found in named if found & HALVES), set())
    spans = next((found - HALVES for found in named if found - HALVES), set())
    if spans == {PAST_FIVE}:
        return False
    span = latest_span(spans | halves)
    return None if span is None else span[0] + (span[1] - span[0]) / 2 > day


# A report named by when it was delivered, or by the year its session is named for: "the 2022
# report", "at the May 2020 NPC", "per the mid-2021 report", "2020年政府工作报告". Such a year
# says which report, not which period the question asks about.
_REPORT_NAMED = re.compile(
    rf"""
        (?:\b(?P<month>{EN_MONTH[1:-1]})\s+|\bmid-)?(?<!\d)(?P<year>(?:19|20)\d\d)(?:'s)?\s+
        (?:government\s+)?(?:work\s+)?(?:reports?|npc|national\s+people's\s+congress|two\s+sessions|sessions?)\b
      | \b(?:report|npc|session)\s+(?:of|in|from)\s+(?:(?P<month_after>{EN_MONTH[1:-1]})\s+)?
        (?P<year_after>(?:19|20)\d\d)\b
      | (?<!\d)(?P<year_zh>(?:19|20)\d\d)\s*年\s*(?:(?P<month_zh>1[0-2]|[1-9])\s*月\s*)?的?\s*
        (?:政府工作报告|工作报告|报告|(?:全国)?两会)
    """,
    re.I | re.VERBOSE,
)
LATE_MONTH = 11  # a report delivered in November or December is named for the next year's session


def _names_report(year: int, month: int | None, day: date) -> bool:
    """Does a year (and month) name the report delivered on ``day``: its own year and month,
    or the next year when it was delivered late in its year and no month is said?"""
    if month is not None:
        return (year, month) == (day.year, day.month)
    return year == day.year or (year == day.year + 1 and day.month >= LATE_MONTH)


def report_namings(text: str, reports: dict[date, frozenset[int]]) -> tuple[tuple[str, ...], frozenset[int]]:
    """The spans of a text that name one of the reports by its date (``reports``: each report's
    date and the years it reviews and plans), and the years of the reports they name."""
    spans, years = [], set()
    for m in _REPORT_NAMED.finditer(text):
        year = int(m.group("year") or m.group("year_after") or m.group("year_zh"))
        month_word = m.group("month") or m.group("month_after") or m.group("month_zh")
        month = month_number(month_word) if month_word else None
        named = [own for day, own in reports.items() if _names_report(year, month, day)]
        if named:
            spans.append(m.group(0))
            years.update(y for own in named for y in own)
    return tuple(spans), frozenset(years)


def without(text: str, spans: tuple[str, ...]) -> str:
    """A text with the given spans blanked out."""
    for span in spans:
        text = text.replace(span, " ")
    return text
