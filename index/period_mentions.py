"""Where a text names a period, and which: the one recogniser of period words that
index.periods (what a passage or question speaks of) and the chat's follow-ups (which words
to replace) both read.

A mention is a year (2021年, "in 2021"; a year is not a figure: 2079万人次, 2021.5), a year
relative to a date (今年, 去年, "last year"), a part of a year (上半年, 三季度, 前三季度, 全年,
"the first half", Q3), a five-year plan (十四五, "the 14th Five-Year Plan") or the plan just
ended as reports name it without its number (五年来, "the past five years"), in Chinese or
English, with where it stands in the text. Months and runs of months are parts of a year too,
read as month spans by ``year_parts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.units import UNITS_EN, alternation

PLAN_DIGITS = "一二三四五六七八九"
_ORDINAL_PLANS = "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
# A year: four digits not inside a longer number, a decimal or a percentage, nor followed by
# a scale or a unit as a figure is (2079万人次, 2012个), nor by 年代 ("the 1990s").
_NOT_A_YEAR = alternation(u for u in UNITS_EN if u != "年")
_MENTION = re.compile(
    rf"""
        (?<![\d.])(?P<year>(?:19|20)\d\d)(?!\d|%|[.,]\d)(?!\s*(?:[万亿千百余多]|年代|{_NOT_A_YEAR}))(?:\s*年)?
      | (?P<half_zh>[上下])半年
      | \b(?:the\s+)?(?P<half_en>first|second)\s+half(?:\s+of\s+the\s+year)?\b
      | (?<![A-Za-z0-9])H(?P<half_short>[12])(?![A-Za-z0-9])
      | (?P<mid>  # the middle of a year: where its first half ends
            (?:(?<=[到至止于了年，,。；;、\s])|^)年中(?![国华央共期心标考小])  # 到年中, 2021年年中; not 当年中标
          | \bmid-?year\b
          | \bmid-(?=(?:19|20)\d\d)  # mid-2021 (the year is a mention of its own)
          | \b(?:the\s+)?middle\s+of\s+(?=the\s+year\b|(?:19|20)\d\d) )
      | (?P<full>全年|\b(?:the\s+)?(?:full|whole)\s+year\b)
      | [\"“]?十(?P<plan_zh>[{PLAN_DIGITS}])五[\"”]?(?:时期|期间|规划期)?
      | \b(?:the\s+)?(?P<plan_en>1[0-9]|{"|".join(_ORDINAL_PLANS)})(?:th|st|nd|rd)?\s+five[-\s]year\s+plan
            (?:\s+period)?\b
      | (?P<past_five>五年来|过去五年|\b(?:past|last)\s+five\s+years\b)
      | (?P<before_last>前年|\bthe\s+year\s+before\s+last\b)
      | (?P<last>去年|上年|\blast\s+year\b|\bprevious\s+year\b|\ba\s+year\s+(?:earlier|ago)\b)
      | (?P<this>今年|本年|\bthis\s+year\b|\bcurrent\s+year\b)
      | (?P<next>明年|\bnext\s+year\b|\bcoming\s+year\b)
    """,
    re.I | re.VERBOSE,
)
RELATIVE_OFFSETS = {"before_last": "-2", "last": "-1", "this": "+0", "next": "+1"}
HALF_NAMES = {"H1": "上半年", "H2": "下半年"}


@dataclass(frozen=True)
class Mention:
    """Where a period is named, and which: ``kind`` year (``key`` "2021", or "-1", "+0", "+1"
    relative to a date), part (H1, H2, Q1–Q4, Q1-3, FY), plan (its number: "14") or
    past_five (no key)."""

    start: int
    end: int
    kind: str
    key: str


def mentions(text: str) -> list[Mention]:
    """Every period a text names, in order of where it stands."""
    found = [_mention(m) for m in _MENTION.finditer(text)]
    found += [m for m in map(_quarter_mention, _ZH_SPANS.finditer(text)) if m]
    found += [m for m in map(_quarter_mention, _EN_SPANS.finditer(text)) if m]
    return sorted(found, key=lambda m: (m.start, m.end))


def _mention(m: re.Match) -> Mention:
    group = m.lastgroup or ""
    value = m.group(group)
    if group == "year":
        kind, key = "year", value
    elif group in RELATIVE_OFFSETS:
        kind, key = "year", RELATIVE_OFFSETS[group]
    elif group in ("half_zh", "half_en", "half_short"):
        kind, key = "part", "H1" if value.lower() in ("上", "first", "1") else "H2"
    elif group == "mid":
        kind, key = "part", "H1"  # the middle of a year is where its first half ends
    elif group == "full":
        kind, key = "part", "FY"
    elif group == "plan_zh":
        kind, key = "plan", str(11 + PLAN_DIGITS.index(value))
    elif group == "plan_en":
        kind, key = "plan", value if value.isdigit() else str(11 + _ORDINAL_PLANS.index(value.lower()))
    else:
        kind, key = "past_five", ""
    return Mention(m.start(), m.end(), kind, key)


# A run of months that makes a named part of the year: 1-6月 and "by the end of June" are the first half.
_SPAN_PARTS = {(1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4", (1, 6): "H1", (7, 12): "H2", (1, 9): "Q1-3"}


def _quarter_mention(m: re.Match) -> Mention | None:
    """A quarter, a run of quarters, or a run of months that makes a half, a quarter or the
    first three quarters, as a part of the year (single months are left to year_parts)."""
    if m.lastgroup == "month":
        return None
    key = _SPAN_PARTS.get(_month_span(m))
    return Mention(m.start(), m.end(), "part", key) if key else None


def _month_span(m: re.Match) -> tuple[int, int]:
    """The (first, last) month a match of _ZH_SPANS or _EN_SPANS covers."""
    kind, word = next((k, v) for k, v in m.groupdict().items() if v)
    n = month_number(word)
    if kind == "first_quarters":
        return 1, 3 * n
    if kind in ("quarter", "quarter_short"):
        return 3 * n - 2, 3 * n
    if kind == "from_quarter":
        return 3 * n - 2, 3 * month_number(m.group("to_quarter"))
    if kind == "from_month":
        return n, month_number(m.group("to_month"))
    if kind == "until_month":
        return 1, n
    return n, n


# Parts of a year, as spans of months. Quarters (一季度, 第三季, 前三季度, Q3, "the third
# quarter", "the first three quarters"), months and month ranges (2月份, 1-5月, 1—6月, 截至6月底,
# "in June 2021", "January to May", "by the end of June") and halves all become (first, last)
# month, so that 上半年, "1—6月" and "by the end of June" are one span, and a question about the
# third quarter is not answered by a passage about the first half or the whole year.
_ZH_NUMBER = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")} | {"十一": 11, "十二": 12, "首": 1}
_ZH_MONTH = r"(1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])"
_ZH_SPANS = re.compile(
    rf"""
        前(?P<first_quarters>[一二三四1-4])季度?
      | (?P<from_quarter>[一二三四1-4])\s*[\-—–~～至到]\s*(?P<to_quarter>[一二三四1-4])季度
      | (?:第)?(?P<quarter>[一二三四1-4首])季度 | 第(?P<quarter_short>[一二三四1-4])季(?!度)
      | (?P<from_month>{_ZH_MONTH})\s*[\-—–~～至到]\s*(?P<to_month>{_ZH_MONTH})\s*月
      | (?:截[至止]|到)\s*(?P<until_month>{_ZH_MONTH})\s*月(?:底|末|份)?
      | (?<![\d\-—–~～至到])(?P<month>{_ZH_MONTH})\s*月(?:份)?(?![\d日号底末初中上下])
    """,
    re.VERBOSE,
)
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# A month's English name, whole or cut to three letters as analysts write it ("Jan-May 2021", "Sept").
MONTH_ABBREVIATIONS = (*(m[:3] for m in MONTHS), "sept")
EN_MONTH = "(" + "|".join([*(f"{m[:3]}(?:{m[3:]})?" for m in MONTHS), *MONTH_ABBREVIATIONS[12:]]) + ")"
_EN_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_EN_SPANS = re.compile(
    rf"""
        \b(?:the\ )?first\ (?P<first_quarters>two|three)\ quarters\b
      | \b(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th)[\ -]quarter\b
      | (?<![A-Za-z0-9])Q(?P<quarter_short>[1-4])(?![A-Za-z0-9])
      | \b(?P<from_month>{EN_MONTH})\s*(?:to|through|\-|–)\s*(?P<to_month>{EN_MONTH})\b
      | \b(?:by|as\ of|through|until|up\ to)\ (?:the\ )?end\ of\ (?P<until_month>{EN_MONTH})\b
      | \b(?:in|during|for|of)\ (?P<month>{EN_MONTH})\b
    """,
    re.VERBOSE | re.I,
)
HALF_SPANS = {"上半年": (1, 6), "下半年": (7, 12)}


# A run of years ("2016-2020", "2016–20", 2016至2020年, 2016年到2020年, "from 2016 to 2020", "between
# 2016 and 2020"); two years joined by a plain "and" are two years, not a run. A two-digit end
# ("2016-20") is a year of the first one's century.
_YEAR_RUN = re.compile(
    r"""
        (?<![\d.])(?P<first>(?:19|20)\d\d)\s*(?:年\s*)?(?:-|–|—|~|～|至|到|\bto\b|\bthrough\b)\s*
            (?:(?P<last>(?:19|20)\d\d)|(?P<short>\d\d)(?!\s*[万亿千百余多个项家人]))(?!\d|%|\.\d)
      | \bbetween\s+(?P<first_en>(?:19|20)\d\d)\s+and\s+(?P<last_en>(?:19|20)\d\d)\b
    """,
    re.I | re.VERBOSE,
)


def year_runs(text: str) -> list[tuple[int, int]]:
    """The runs of years a text names, as (first year, last year), each ending later than it
    starts ("2016-20": (2016, 2020); "2020-2021": (2020, 2021))."""
    runs = []
    for m in _YEAR_RUN.finditer(text):
        first, last = m.group("first") or m.group("first_en"), m.group("last") or m.group("short") or m.group("last_en")
        end = int(last) if len(last) == 4 else int(first[:2] + last)
        if int(first) < end:
            runs.append((int(first), end))
    return runs


def month_number(word: str) -> int:
    """A month or quarter number from its word (3, 三, March, third)."""
    if word.isdigit():
        return int(word)
    if word.lower() in MONTHS or word.lower() in MONTH_ABBREVIATIONS:
        return [m[:3] for m in MONTHS].index(word.lower()[:3]) + 1
    return _ZH_NUMBER.get(word) or _EN_ORDINAL.get(word.lower()) or {"two": 2, "three": 3}.get(word.lower(), 0)


def year_parts(text: str) -> set[tuple[int, int]]:
    """The parts of a year a text names, as (first month, last month): 三季度 (7, 9), 1-5月
    (1, 5), 上半年 and "by the end of June" (1, 6), 2月份 (2, 2)."""
    found = {HALF_SPANS[HALF_NAMES[m.key]] for m in mentions(text) if m.key in HALF_NAMES}
    for pattern in (_ZH_SPANS, _EN_SPANS):
        found |= {_month_span(m) for m in pattern.finditer(text)}
    return {(a, b) for a, b in found if 1 <= a <= b <= 12}
