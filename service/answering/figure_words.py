"""How one figure of the figure table reads in an answer line (service.answering.answer_line): its
period as a reader names it, the figure with the words that qualify it as the report writes them
(约2.5万亿元, 6%左右), and in English its qualifier, range, change and base in fixed words beside the
table's rendering of the value ("about RMB 2.5 trillion", "up 22.3% year on year").
"""

from __future__ import annotations

import re

from index.figure_table import RANGE_START, FigureRecord, own_periods
from index.figures import find_figures
from index.periods import HALVES, plan_number, plan_years

_BASES_EN = {
    "同比": "year on year",
    **dict.fromkeys(("比上年", "较上年", "比去年", "较去年"), "on the previous year"),
}
_SAME_PERIOD_OF = re.compile(r"((?:19|20)\d\d)年同期")  # 较2019年同期, 2019年同期相比: "on the same period of 2019"


def _base_en(base: str) -> str:
    """A change's base in English: the fixed words for a few, "on the same period of 2019" for
    a year's same period, else nothing (the Chinese beside the line still says it)."""
    if base in _BASES_EN:
        return _BASES_EN[base]
    year = _SAME_PERIOD_OF.search(base)
    return f"on the same period of {year.group(1)}" if year else ""


# The words the reports qualify a figure by (index.figure_table), in an English line: before
# the figure ("about RMB 2.5 trillion") or after it ("11 million or more").
_BEFORE_EN = {"超过": "over", "超": "over", "逾": "over", "近": "nearly", "约": "about", "达": ""}
_AFTER_EN = {"以上": ("", "or more"), "左右": ("about", ""), "以内": ("at most", ""), "以下": ("under", "")}


def period_label(record: FigureRecord, english: bool, asked: frozenset[str] = frozenset()) -> str:
    """The record's period as a reader would name it: the periods its own clause names
    first (a 2020 figure under a 十三五 heading is 2020's), else those of its passage that
    the question asks (a passage of the 2020 and 十三五 review answers a 2020 question with
    2020's figure), else its passage's; a plan, a half-year, or a year."""
    own = own_periods(record.clause)
    named = own or (asked & set(record.period)) or set(record.period)
    plans = sorted(p for p in named if len(p) == 3 and p[0] == "十" and p[2] == "五")
    spans = [plan_years(plan_number(p)) for p in plans]
    # a plan's edge years stand for the plan (index.periods.resolved), unless the clause names them
    inside = set() if own else {str(y) for span in spans for y in span}
    years = sorted(p for p in named if p.isdigit() and p not in record.base and p not in inside)
    if not years and not plans:
        years = sorted(p for p in record.period if p.isdigit() and p not in record.base)
    halves = sorted((named | set(record.period)) & HALVES) if not plans else []
    if plans and not years:
        number = plan_number(plans[-1])
        span = plan_years(number)
        return f"{number}th Five-Year Plan ({span[0]}–{span[-1]})" if english else f"{plans[-1]}时期"
    year = years[-1] if years else ""
    if halves:
        half = halves[0]
        if english:
            words = f"{'first' if half == '上半年' else 'second'} half"
            return f"{words} of {year}" if year else words
        return f"{year}年{half}" if year else half
    return (year if english else f"{year}年") if year else ""


def _qualifier_parts(record: FigureRecord) -> tuple[str, str]:
    """The qualifying words the report writes before and after the figure (约 | 以上), from the
    figure as the table records it written (index.figure_table)."""
    before, _, after = (record.written or record.text).partition(record.text)
    return before, after


def as_written(record: FigureRecord) -> str:
    """The figure with the words that qualify it, as the report writes them: 6%左右, 约2.5万亿元,
    1100万人以上. A target of "about 6%" is not one of 6%."""
    before, after = _qualifier_parts(record)
    return f"{before}{record.text}{after}"


def changed_as_written(record: FigureRecord) -> str:
    """A figure with its base and way of change, as the report writes them: 比去年增加1.6万亿元,
    同比增长22.3%; a figure given as no change is as_written alone."""
    return f"{record.base}{record.change}{as_written(record)}"


def qualified_en(record: FigureRecord) -> str:
    """The figure's English rendering with its qualifier in fixed words ("about 6%"), and a range
    from its lower end: "1 to 2 items", "about 5 to 6%", "RMB 300 million to RMB 500 million"."""
    before, after = _qualifier_parts(record)
    lead, tail = _AFTER_EN.get(after, ("", ""))
    low = RANGE_START.search(before)
    if low:
        before = before[: low.start()]
        lead = " ".join(p for p in (lead, _lower_end_en(low.group("low"), record)) if p)
    return " ".join(p for p in (_BEFORE_EN.get(before, ""), lead, record.english, tail) if p)


def _lower_end_en(low: str, record: FigureRecord) -> str:
    """A range's lower end in English, before "to": its digits alone when the figure has no scale
    for it to share (1-2项: "1 to"), else rendered with the figure's scale and unit (3至5亿元:
    "RMB 300 million to")."""
    scale_and_unit = re.sub(r"^\d+(?:\.\d+)?", "", record.text)
    found = find_figures(low + scale_and_unit) if any(s in scale_and_unit for s in "万亿") else []
    return f"{found[0].english if found else low} to"


def figure_label_en(record: FigureRecord | None) -> str:
    """What a figure counts, in English, to label its rendering: its metric and, for a change,
    which way and against what ("GDP, up year on year"); empty when the table has no metric."""
    if record is None or not record.metric_en:
        return ""
    change = " ".join(p for p in (record.direction, _base_en(record.base)) if p) if record.change else ""
    return ", ".join(p for p in (record.metric_en, change) if p)


def change_en(record: FigureRecord, chinese_base: bool = True) -> str:
    """A change in English: its way, its figure and its base ("up 22.3% year on year"); a base with
    no fixed English words in Chinese, in brackets, unless ``chinese_base`` is off."""
    base = _base_en(record.base) or (f"({record.base})" if record.base and chinese_base else "")
    return " ".join(p for p in (record.direction or record.change, qualified_en(record), base) if p)


def beside_en(record: FigureRecord) -> str:
    """A change given beside its value, in English and then as the report writes it, which the
    reader finds in the cited text: "up RMB 1.6 trillion on the previous year (比去年增加1.6万亿元)"."""
    return f"{change_en(record, chinese_base=False)} ({changed_as_written(record)})"
