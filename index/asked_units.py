"""What figure a question asks: the units and counters it asks its answer in, and the numbers
it states itself (index.figures finds the figures of the reports' text)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from index.figures import MULT, SCALE_EN, UNIT_RE, Figure

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
        values.add((number * (SCALE_EN.get(scale.lower()) or MULT.get(scale, Decimal(1)))).normalize())
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
_COUNTER_ZH = re.compile(rf"(?:{ASKS_FEW_ZH}|多少)(?:万|亿|千)?(?P<unit>{UNIT_RE})(?!{PERSON_ZH})")
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
