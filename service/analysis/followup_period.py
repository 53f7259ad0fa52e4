"""The periods a chat turn names, as parts a follow-up can change one at a time: a year
(or one relative to the reports' year), a part of a year (a half, a quarter, the full year)
and a five-year plan, with the spans of text that name them, so that a follow-up's period
can replace the previous question's ("那上半年呢?" after "2021年…": 2021年上半年).

This is the follow-up's view of index.period_mentions, the one recogniser of period words
(plans are named and numbered by index.periods).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.normalize import clean, detect_language, to_simplified
from index.period_mentions import mentions
from index.periods import plan_name

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
RELATIVE_OUT = {
    "+0": ("今年", "this year"),
    "-1": ("去年", "last year"),
    "+1": ("明年", "next year"),
    "-2": ("前年", "the year before last"),
}


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


def _spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, key) of every period phrase component in ``text`` (index.period_mentions;
    the plan just ended, named without its number, is no part a follow-up changes)."""
    return [(m.start, m.end, m.kind, m.key) for m in mentions(text) if m.kind != "past_five"]


def find_period(text: str, english: bool) -> tuple[Period, list[tuple[int, int]]]:
    """The period a text names and the character spans that name it (adjacent parts joined)."""
    values: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for start, end, kind, key in _spans(text):
        values.setdefault(kind, key)
        gap = text[spans[-1][1] : start] if spans else None
        if gap is not None and re.fullmatch(r"\s*(?:of|,)?\s*" if english else r"\s*的?\s*", gap, re.I):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return Period(values.get("year"), values.get("part"), values.get("plan")), spans


def _normal(span: str) -> str:
    return re.sub(r"^the\s+", "", span.strip().lower())


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
    first = _normal(text[spans[0][0] : spans[0][1]])
    out, cursor = [], 0
    for index, (start, end) in enumerate(spans):
        out.append(text[cursor:start])
        if index == 0 or _normal(text[start:end]) == first:  # the same period again (a quoted earlier question)
            out.append(wanted)
        cursor = end
    out.append(text[cursor:])
    joined = re.sub(r"\s{2,}", " ", "".join(out)).strip()
    return re.sub(r"\b(the)\s+the\b", r"\1", joined, flags=re.I)  # "the 2021 target" -> "the first half of 2021 target"
