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

from index.units import UNITS_EN as _UNITS_EN
from index.units import alternation

# English words of scale, largest first: the renderings use them down to millions.
_SCALE_EN = {
    "trillion": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "thousand": Decimal(1000),
}
_MULT = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(1000),
    "百": Decimal(100),
}
_UNIT_RE = alternation(_UNITS_EN)
_NUMERALS = "〇零一二两三四五六七八九十百千"  # a count written in characters: 两次, 十年, 第二届
FIGURE = re.compile(
    rf"""
        (?P<ordinal>第)?
        (?: (?P<num>\d+(?:\.\d+)?) | (?<![{_NUMERALS}])(?P<cn>[{_NUMERALS}]{{1,8}}) )
        (?P<approx>余|多)? (?P<mult>万亿|亿|万|千(?!米))? (?P<approx2>余|多)?  # 千米 is a unit: km
        (?: (?P<unit>{_UNIT_RE}) (?: /(?P<per>{_UNIT_RE}) )? )?  # a unit, or one per another: 千米/平方公里
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
    for word, size in _SCALE_EN.items():
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
    return ((_number(match) or Decimal(0)) * _MULT.get(match.group("mult") or "", Decimal(1))).normalize()


def _ordinal(value: Decimal) -> str:
    """2 → '2nd', 11 → '11th', 23 → '23rd'."""
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _singular(word: str) -> str:
    """An English unit after "per": square kilometres → square kilometre, entities → entity,
    people → person."""
    if word.endswith("people"):
        return word[: -len("people")] + "person"
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def to_english(match: re.Match) -> str:
    """English rendering of one figure match: 779.43亿元 → 'RMB 77.943 billion', 500元/人 →
    'RMB 500 per person' (a unit per another that has no English word is left out)."""
    per = _UNITS_EN.get(match.group("per") or "", "")
    return f"{_rendered(match)} per {_singular(per)}" if per else _rendered(match)


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


# A number as a question writes it (1600余处, 76亿, "7.6 billion", "1,600"; years are not): not
# inside a word or a longer number (PM2.5, the "000" of "4,000"; a comma after a word still opens
# one: 一季度,1600余处), unless a currency sign or code leads it (RMB4,000, US$20bn); with its scale
# in words, in the analysts' abbreviations (20bn, 1.5tn) or in Chinese.
_STATED = re.compile(
    r"""
        (?:(?<=RMB)|(?<=CNY)|(?<=[$¥￥])|(?<![\dA-Za-z.])(?<!\d,))
        (\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:余|多)?
        \s*(trillion|billion|million|thousand|tn\b|bn\b|mn\b|万亿|亿|万|千)?
    """,
    re.I | re.VERBOSE,
)
_SCALE_SHORT = {"tn": "trillion", "bn": "billion", "mn": "million"}


def stated_values(text: str) -> frozenset[Decimal]:
    """The values of the numbers a question itself states ("of the 7.6 billion yuan",
    "1600余处里"), in either language, to tell an answer that only repeats them."""
    values = set()
    for m in _STATED.finditer(text):
        number, scale = Decimal(m.group(1).replace(",", "")), m.group(2) or ""
        scale = _SCALE_SHORT.get(scale.lower(), scale)
        if not scale and number == number.to_integral() and 1900 <= number <= 2100:
            continue  # a year
        values.add((number * (_SCALE_EN.get(scale.lower()) or _MULT.get(scale, Decimal(1)))).normalize())
    return frozenset(values)


# The units of measure a question can name ("多少公里", "how many square metres"), with the
# report's own units they stand for. Counters (个, 项, 家) say nothing: every count has one.
_MEASURES_ZH = ("平方公里", "平方米", "公里", "千米", "公顷", "亩", "吨", "户", "套", "栋")
_ASKED_ZH = re.compile(r"(?:多少|几)(?:万|亿|千)?(" + "|".join(_MEASURES_ZH) + ")")
_MEASURES_EN = (
    ("平方公里", r"square kilomet(?:er|re)s|sq\.? ?km|km2"),
    ("平方米", r"square met(?:er|re)s|sq\.? ?m\b|m2"),
    ("公里", r"kilomet(?:er|re)s|km\b"),
    ("公顷", r"hectares?"),
    ("亩", r"\bmu\b"),
    ("吨", r"tonnes|tons"),
    ("户", r"households"),
)
_SAME_MEASURE = {"公里": "千米", "千米": "公里"}
# A question after an area or a length, in any unit of it.
_AREA, _LENGTH = frozenset({"平方公里", "平方米", "公顷", "亩"}), frozenset({"公里", "千米", "米"})
_DIMENSIONS = (
    (
        _AREA,
        re.compile(r"面积|\b(?:what|how (?:large|big|much)(?: an?)?) (?:total )?area\b|\bfloor (?:area|space)\b", re.I),
    ),
    (_LENGTH, re.compile(r"多长|长度|全长|\bhow long\b|\b(?:what|total) length\b", re.I)),
)


def asked_units(text: str, language: str) -> frozenset[str]:
    """The report units a figure question asks its answer in (多少公里 -> 公里, 千米)."""
    if language == "en":
        units = {
            unit
            for unit, pattern in _MEASURES_EN
            if re.search(rf"\bhow (?:many|much)\b[^?.]*?\b(?:{pattern})", text, re.I)
        }
    else:
        units = set(_ASKED_ZH.findall(text))
    units |= {u for dimension, pattern in _DIMENSIONS if pattern.search(text) for u in dimension}
    return frozenset(units | {_SAME_MEASURE[u] for u in units if u in _SAME_MEASURE})


# 几 asks a number, unless it is "these few" (这几年, 那几天, 近几年, 前几天) or "quite a few" (好几).
ASKS_FEW_ZH = r"(?<![这那好哪近前])几"
# A count of people however it is counted: 多少人, 几名, 几个人 (not 人工智能, 人民, 人才).
PERSON_ZH = r"人(?![工民才])"
PEOPLE_ZH = rf"(?:万)?个?(?:{PERSON_ZH}|名)"
_COUNTER_ZH = re.compile(rf"(?:{ASKS_FEW_ZH}|多少)(?:万|亿|千)?(?P<unit>{_UNIT_RE})(?!{PERSON_ZH})")
_COUNTERS_EN = (
    ("次", r"times"),
    ("年", r"years"),
    ("周年", r"years|anniversary"),
    ("轮", r"rounds"),
    ("届", r"sessions|editions"),
)


# Counters of things, which stand for one another: 多少个项目 is answered by 27项, 多少家企业 by 1万户.
THING_COUNTERS = frozenset("个项家户处座条所批件类种支栋台部间场套辆张")
_SAME_COUNT = {"名": "人"}  # 多少名 is answered by 2000人


def same_count(unit: str) -> str:
    """A counter as the one it stands for (名 → 人); any other unit as itself."""
    return _SAME_COUNT.get(unit, unit)


def other_unit(asked: frozenset[str], figures: list[Figure]) -> bool:
    """Is a count or measure asked in one unit (几天, 多少例, 多少公里: ``asked``, from
    asked_counters and asked_units) given only in another (16.3%, 84天, 30个)? Counters of
    things stand for one another, as 人 and 名 do."""
    units = {same_count(f.unit) for f in figures}
    asked = frozenset(map(same_count, asked))
    if not asked or not units or units & asked:
        return False
    return not (asked <= THING_COUNTERS and units & THING_COUNTERS)


@lru_cache(maxsize=1024)
def asked_counters(text: str, language: str) -> frozenset[str]:
    """The units a question asks a count in (几次 → 次, 第几届 → 届, "how many times" → 次);
    remembered, since every candidate clause of one question asks it again."""
    if language != "en":
        return frozenset(m.group("unit") for m in _COUNTER_ZH.finditer(text))
    return frozenset(
        unit for unit, words in _COUNTERS_EN if re.search(rf"\bhow many\b[^?.]*?\b(?:{words})\b", text, re.I)
    )


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
