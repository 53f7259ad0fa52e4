"""The periods a chat turn names, as parts a follow-up can change one at a time: a year
(or one relative to the reports' year), a part of a year (a half, a quarter, the full year)
and a five-year plan, with the spans of text that name them, so that a follow-up's period
can replace the previous question's ("那上半年呢?" after "2021年…": 2021年上半年).

This is the follow-up's view of index.periods (plans are named and numbered by it); what it
adds is where in the text a period stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.normalize import clean, detect_language, to_simplified
from index.periods import PLAN_DIGITS, plan_name

PARTS = {
    "H1": ("上半年", "the first half"),
    "H2": ("下半年", "the second half"),
    "Q1-3": ("前三季度", "the first three quarters"),
    "Q1": ("一季度", "the first quarter"),
    "Q2": ("二季度", "the second quarter"),
    "Q3": ("三季度", "the third quarter"),
    "Q4": ("四季度", "the fourth quarter"),
    "FY": ("全年", "the full year"),
}
RELATIVE = {
    "今年": "+0",
    "本年": "+0",
    "去年": "-1",
    "上年": "-1",
    "明年": "+1",
    "this year": "+0",
    "last year": "-1",
    "next year": "+1",
}
RELATIVE_OUT = {"+0": ("今年", "this year"), "-1": ("去年", "last year"), "+1": ("明年", "next year")}
_NUMBERS = {"一": "1", "二": "2", "三": "3", "四": "4", "first": "1", "second": "2", "third": "3", "fourth": "4"}

# A year is four digits followed by 年, by a part of the year, or by nothing more (not 2079万人次).
_YEAR_ZH = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})(?:\s*年(?!代)|(?=上半年|下半年|全年|前三季度|第?[一二三四1-4]季度|[\s,,。??、)]|$))"
    r"|今年|本年|去年|上年|明年"
)
_PART_ZH = re.compile(r"上半年|下半年|前三季度|全年|第?([一二三四1-4])季度")
_PLAN_ZH = re.compile(r"[\"“]?十([" + PLAN_DIGITS + r"])五[\"”]?(?:时期|期间|规划期)?")
_YEAR_EN = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d.,%])|\b(?:this|last|next) year\b", re.I)
_PART_EN = re.compile(
    r"""
        \b(?:the\s+)?(first|second)\s+half(?:\s+of\s+the\s+year)?\b | \bH([12])\b
        | \b(?:the\s+)?(first|second|third|fourth)\s+quarter\b | \bQ([1-4])\b
        | \b(?:the\s+)?first\s+three\s+quarters\b
        | \b(?:the\s+)?(?:full|whole)\s+year\b
    """,
    re.I | re.VERBOSE,
)
_ORDINALS = {w: str(11 + i) for i, w in enumerate("eleventh twelfth thirteenth fourteenth fifteenth sixteenth".split())}
_PLAN_EN = re.compile(
    r"\b(?:the\s+)?(1[1-9]|" + "|".join(_ORDINALS) + r")(?:th|st|nd|rd)?\s+five[-\s]year\s+plan(?:\s+period)?\b",
    re.I,
)


@dataclass(frozen=True)
class Period:
    """A period split into parts a follow-up can change one at a time."""

    year: str | None = None  # "2021", or "+0"/"-1"/"+1" relative to the report year
    part: str | None = None  # a key of PARTS
    plan: str | None = None  # the plan's number: "13" for 十三五

    def merged(self, new: Period) -> Period:
        """The follow-up's parts override; a part without a year keeps the previous year."""
        if new.plan:
            return Period(plan=new.plan)
        if new.year:
            return Period(year=new.year, part=new.part)
        return Period(year=self.year, part=new.part) if new.part else self

    def render(self, english: bool) -> str:
        """The period in words of the question's language ("2021年上半年", "the first half of 2021")."""
        if self.plan:
            number = int(self.plan)
            return f"the {number}th Five-Year Plan period" if english else f"{plan_name(number)}期间"
        part = PARTS[self.part][english] if self.part else ""
        year = RELATIVE_OUT[self.year][english] if self.year in RELATIVE_OUT else (self.year or "")
        if english:
            return f"{part} of {year}" if part and year else part or year
        return (f"{year}年" if year.isdigit() else year) + part


def _part_key(match: re.Match) -> str:
    """The PARTS key of a matched part of the year, whichever language named it."""
    text = match.group(0).lower()
    if "三季度" in text and "前" in text or "three quarters" in text:
        return "Q1-3"
    if "half" in text or "半年" in text or text in ("h1", "h2"):
        return "H1" if ("上" in text or "first" in text or text == "h1") else "H2"
    if "全年" in text or "year" in text:
        return "FY"
    number = next(g for g in match.groups() if g)
    return "Q" + _NUMBERS.get(number.lower(), number)


def _spans(text: str, english: bool) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, key) of every period phrase component in ``text``."""
    year_re, part_re, plan_re = (_YEAR_EN, _PART_EN, _PLAN_EN) if english else (_YEAR_ZH, _PART_ZH, _PLAN_ZH)
    found = []
    for m in year_re.finditer(text):
        key = RELATIVE.get(m.group(0).lower().strip(), m.group(1))
        found.append((m.start(), m.end(), "year", key))
    found += [(m.start(), m.end(), "part", _part_key(m)) for m in part_re.finditer(text)]
    for m in plan_re.finditer(text):
        number = m.group(1).lower()
        key = number if number.isdigit() else _ORDINALS.get(number) or str(11 + PLAN_DIGITS.index(number))
        found.append((m.start(), m.end(), "plan", key))
    return sorted(found)


def find_period(text: str, english: bool) -> tuple[Period, list[tuple[int, int]]]:
    """The period a text names and the character spans that name it (adjacent parts joined)."""
    values: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for start, end, kind, key in _spans(text, english):
        values.setdefault(kind, key)
        gap = text[spans[-1][1] : start] if spans else None
        if gap is not None and re.fullmatch(r"\s*(?:of|,)?\s*" if english else r"\s*的?\s*", gap, re.I):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return Period(values.get("year"), values.get("part"), values.get("plan")), spans


def replace_period(question: str, new: Period) -> str:
    """``question`` asked about ``new`` merged into its own period, in its own language."""
    english = detect_language(question) == "en"
    text = question if english else to_simplified(clean(question))
    old, spans = find_period(text, english)
    wanted = old.merged(new).render(english)
    if not spans:
        if not wanted:
            return text
        if english:
            stem = text.rstrip(" ?.!")
            return f"{stem} in {wanted}{text[len(stem) :]}"
        return wanted + text
    out, cursor = [], 0
    for index, (start, end) in enumerate(spans):
        out.append(text[cursor:start])
        if index == 0:
            out.append(wanted)
        cursor = end
    out.append(text[cursor:])
    joined = re.sub(r"\s{2,}", " ", "".join(out)).strip()
    return re.sub(r"\b(the)\s+the\b", r"\1", joined, flags=re.I)  # "the 2021 target" -> "the first half of 2021 target"
