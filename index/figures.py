"""Figures in Chinese text (779.43亿元, 2.25万人, 12.5%) and their English renderings.

Chinese counts in 万 (10^4) and 亿 (10^8); English readers want millions and billions, so
the value is recomputed exactly with Decimal and printed with the English unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import cn2an

from index.terminology import singular
from index.units import UNITS_EN as _UNITS_EN
from index.units import alternation

# English words of scale, largest first: the renderings use them down to millions.
SCALE_EN = {
    "trillion": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "thousand": Decimal(1000),
}
MULT = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(1000),
    "百": Decimal(100),
}
UNIT_RE = alternation(_UNITS_EN)
_NUMERALS = "〇零一二两三四五六七八九十百千"  # a count written in characters: 两次, 十年, 第二届
FIGURE = re.compile(
    rf"""
        (?P<ordinal>第)?
        (?: (?P<num>\d+(?:\.\d+)?) | (?<![{_NUMERALS}])(?P<cn>[{_NUMERALS}]{{1,8}}) )
        (?P<approx>余|多)? (?P<mult>万亿|亿|万|千(?!米))? (?P<approx2>余|多)?  # 千米 is a unit: km
        (?: (?P<unit>{UNIT_RE}) (?: /(?P<per>{UNIT_RE}) )? )?  # a unit, or one per another: 千米/平方公里
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Figure:
    """A number with its unit as written, and where it stands in the text it came from."""

    text: str
    start: int
    end: int
    english: str
    kind: str = "count"
    unit: str = ""
    value: Decimal = Decimal(0)
    spelled: bool = False  # written in characters (两次, 十年), not digits


def _plain(value: Decimal) -> str:
    """1234567.5 → '1,234,567.5' without float noise or trailing zeros."""
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scaled(value: Decimal) -> str:
    """Large values in English words of scale: 7794300000 → '7.7943 billion'."""
    for word, size in SCALE_EN.items():
        if word != "thousand" and value >= size:
            return f"{_plain(value / size)} {word}"
    return _plain(value)


def _number(match: re.Match) -> Decimal | None:
    """The number a figure match writes, in digits or characters (二十五 → 25); None for
    characters that are no number (百 alone)."""
    return Decimal(match.group("num")) if match.group("num") else _spelled(match.group("cn"))


@lru_cache(maxsize=1024)
def _spelled(numerals: str) -> Decimal | None:
    """A number written in characters (两 → 2, 三百六十五 → 365), read once however often a
    figure's match asks for it; None for characters that are no number."""
    try:
        return Decimal(int(cn2an.cn2an(numerals, "normal")))
    except (ValueError, KeyError, TypeError):
        return None


def _value(match: re.Match) -> Decimal:
    """What a figure match counts, in its unit: 76亿元 → 7600000000."""
    return ((_number(match) or Decimal(0)) * MULT.get(match.group("mult") or "", Decimal(1))).normalize()


def _ordinal(value: Decimal) -> str:
    """2 → '2nd', 11 → '11th', 23 → '23rd'."""
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _per(unit_en: str) -> str:
    """An English unit after "per", its last word singular: square kilometres → square kilometre,
    people → person."""
    *head, last = unit_en.split()
    return " ".join([*head, "person" if last == "people" else singular(last)])


def to_english(match: re.Match) -> str:
    """English rendering of one figure match: 779.43亿元 → 'RMB 77.943 billion', 500元/人 →
    'RMB 500 per person' (a unit per another that has no English word is left out)."""
    per = _UNITS_EN.get(match.group("per") or "", "")
    return f"{_rendered(match)} per {_per(per)}" if per else _rendered(match)


def _rendered(match: re.Match) -> str:
    value = _value(match)
    unit = match.group("unit")
    if match.group("ordinal"):
        return f"the {_ordinal(value)}"
    approx = "more than " if (match.group("approx") or match.group("approx2")) else ""
    if unit in ("%", "个百分点"):
        return f"{approx}{_plain(value)}{'%' if unit == '%' else ' percentage points'}"
    if unit == "元":
        return f"{approx}RMB {_scaled(value)}"
    if unit == "美元":
        return f"{approx}US$ {_scaled(value)}"
    word = _UNITS_EN.get(unit or "", "")  # no unit: a count with a scale (1109万)
    number = _plain(value) if value < 10**6 else _scaled(value)
    return f"{approx}{number} {word}".strip()


def find_figures(text: str, spelled: frozenset[str] = frozenset()) -> list[Figure]:
    """Every figure with a unit in ``text``, in order: written in digits, or in characters
    when its unit is one of ``spelled``. A count in characters is as often part of a name
    (二次供水, 五个中心, 三年行动) as a count, so it is taken only where a question asks for a
    count in that very unit (几次 → 两次; asked_counters)."""
    return [f for f in _figures(text) if not f.spelled or f.unit in spelled]


@lru_cache(maxsize=8192)
def _figures(text: str) -> tuple[Figure, ...]:
    """Remembered (bounded): ranking and extraction ask again and again about the same
    passage sentences, a finite set."""
    return tuple(
        Figure(
            m.group(0),
            m.start(),
            m.end(),
            to_english(m),
            _kind(m),
            m.group("unit") or "",
            _value(m),
            bool(m.group("cn")),
        )
        for m in FIGURE.finditer(text)
        if _number(m) is not None and _counts(m) and not _is_date(m, text) and not _lone_one(m)
    )


def _counts(match: re.Match) -> bool:
    """Does a match say how many of something: it has a unit, or it is a number in digits
    with a scale and nothing after (农村贫困人口减少1109万, 惠及500多万在校生): the people or
    things counted stand around it."""
    return bool(match.group("unit") or (match.group("num") and match.group("mult") in ("万", "亿", "万亿")))


def _kind(match: re.Match) -> str:
    """What a figure measures, to compare with what a question asks for: a place in an order
    (第二届) is no amount."""
    unit = match.group("unit")
    if match.group("ordinal"):
        return "ordinal"
    if unit in ("%", "个百分点", "倍"):
        return "percent"
    if unit in ("元", "美元"):
        return "money"
    if unit in ("人", "名", "人次"):
        return "people"
    return "count"


def may_be(figure: Figure, kind: str) -> bool:
    """Can the figure be of the ``kind`` a question asks for? Of its own kind, always. A figure
    written with no unit or counter (2.9亿, 1109万) names no kind of its own: what it counts stands
    around it (3700多万学生, 在校学生2.9亿), so it may be people, a count or an amount, though
    never a rate or a place in an order."""
    if figure.kind == kind:
        return True
    return figure.kind == "count" and not figure.unit and kind not in ("percent", "ordinal")


def _is_date(match: re.Match, text: str) -> bool:
    """'2020年', '二〇二〇年', '2021年8月' and '十三五' periods are dates, not figures."""
    written = match.group("num") or match.group("cn")
    if match.group("unit") == "年" and len(written) == 4 and not match.group("mult"):
        return True
    return text[match.end() : match.end() + 1] in ("月", "日") and match.group("unit") == "年"


def _lone_one(match: re.Match) -> bool:
    """一 alone before a counter is mostly no count at all (一批, 一个, 一次性, 一场): only
    written with a scale (一万人) or in digits does it count."""
    return match.group("cn") == "一" and not match.group("mult")
