"""What a report is, read from its own text: title, date, kind, issuing body, level, place, periods.

A government report names all of this in its first lines and headings: the title, the day
and meeting it was delivered at ("——2022年3月5日在第十三届全国人民代表大会第五次会议上"), the
body that issued it (国务院, 广东省人民政府, 西湖区人民政府) and the years its parts review
and plan ("一、2021年工作回顾", "三、2022年政府工作任务"). Whatever the caller states wins;
what nobody states and the text does not say stays empty rather than guessed.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from pypinyin import lazy_pinyin

from index.glossary import GLOSSARY_HEADINGS
from index.normalize import detect_language
from index.periods import own_years, periods
from index.sections import split_paragraphs

HEAD_CHARS = 1500  # the title block: title, date line, speaker
MAX_TITLE_CHARS = 60
# 2022年3月5日, and as scraped pages lose the 年 and 月 of a date line: 20201229日 (12-29), 2021年827日
_DATE = re.compile(r"((?:19|20)\d\d)\s*年?\s*(\d{1,2}?)\s*月?\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})")  # a page's publication date: the last resort
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_BODY = re.compile(
    r"""
    (?P<country> 国务院 )
  | (?P<place> [\u4e00-\u9fff]{2,20}? (?P<unit> 自治区 | 特别行政区 | 省 | 市 | 区 | 县 | 旗 | 州 ) ) 人民政府
""",
    re.X,
)
LEVELS = {
    "自治区": "province",
    "特别行政区": "province",
    "省": "province",
    "市": "city",
    "州": "city",
    "区": "district",
    "县": "county",
    "旗": "county",
}
LEVEL_EN = {
    "country": "State Council",
    "province": "Province",
    "city": "City",
    "district": "District",
    "county": "County",
}
# Kinds of report by the words of their titles, most particular first.
KINDS = (
    ("上半年", "half-year work report"),
    ("政府工作报告", "government work report"),
    ("预算", "budget report"),
    ("统计公报", "statistical communiqué"),
    ("规划纲要", "plan outline"),
    ("工作报告", "work report"),
)


def infer(text: str, stated: dict[str, str]) -> dict:
    """Metadata for a report's text; ``stated`` (title, date, kind, id …) overrides what is read."""
    head = text[:HEAD_CHARS]
    title = stated.get("title") or first_line(text)
    found = issued_by(f"{title}\n{head}")
    meta = {
        "title": title,
        "date": stated.get("date") or delivered_on(head),
        "kind": stated.get("kind") or kind_of(title),
        **found,
        "language": "zh-Hant" if detect_language(text[:2000]) == "zh-Hant" else "zh-Hans",
        "has_glossary": any(h in text for h in GLOSSARY_HEADINGS),
    }
    meta["period"] = covered(title, text, meta["date"])
    meta["title_en"] = stated.get("title_en") or english_title(meta)
    meta["id"] = stated.get("id") or report_id(meta, text)
    return meta


def first_line(text: str) -> str:
    """The first line that reads as a title: not a page's breadcrumb trail (首页 > …)."""
    lines = (line.strip() for line in text.splitlines())
    return next((line for line in lines if line and not re.search(r"[>›»]", line)), "")[:MAX_TITLE_CHARS]


def delivered_on(head: str) -> str:
    """The day the title block says the report was delivered, ISO (2022-03-05): the first valid
    date in figures or in Chinese numerals, else the page's publication date; "" when none."""
    found = [tuple(map(int, m.groups())) for m in _DATE.finditer(head)]
    found += [
        (int("".join(_CN_DIGITS[c] for c in m.group(1))), _cn_number(m.group(2)), _cn_number(m.group(3)))
        for m in _CN_DATE.finditer(head)
    ]
    found += [tuple(map(int, m.groups())) for m in _ISO_DATE.finditer(head)]
    for year, month, day in found:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return ""


def _cn_number(text: str) -> int:
    """一 … 三十一 as a number."""
    if "十" not in text:
        return int(_CN_DIGITS[text])
    tens, _, ones = text.partition("十")
    return (int(_CN_DIGITS[tens]) if tens else 1) * 10 + (int(_CN_DIGITS[ones]) if ones else 0)


def kind_of(title: str) -> str:
    return next((kind for words, kind in KINDS if words in title), "report")


def issued_by(head: str) -> dict[str, str]:
    """The body that issued the report, its level and its place, from the first that the title
    block names; empty when it names none."""
    match = _BODY.search(head)
    if not match:
        return {}
    if match.group("country"):
        return {"body": "国务院", "level": "country", "place": "中国"}
    place = match.group("place")
    return {"body": f"{place}人民政府", "level": LEVELS[match.group("unit")], "place": place}


def covered(title: str, text: str, delivered: str) -> list[str]:
    """The years, halves and plans the title and the outline's headings name (今年 counted
    from the day it was delivered); else the years the date implies (index.periods.own_years)."""
    headings = {part for paragraph in split_paragraphs(text) for part in paragraph.section[:2]}
    day = date.fromisoformat(delivered) if delivered else None
    named = periods(" ".join([title, *sorted(headings)]), day)
    if not any(p.isdigit() for p in named):
        named |= {str(y) for y in own_years({"date": delivered})}
    return sorted(named)


def english_title(meta: dict) -> str:
    """A plain English title: the place in pinyin, its level, the kind and the year."""
    level = meta.get("level", "")
    place = re.sub(r"(?:自治区|特别行政区|省|市|区|县|旗|州)$", "", meta.get("place", ""))
    who = LEVEL_EN.get(level, "")
    if level != "country":
        who = f"{''.join(lazy_pinyin(place)).title()} {who}"
    year = meta.get("date", "")[:4]
    return " ".join(part for part in (who.strip(), meta.get("kind", "report").title(), year) if part)


def report_id(meta: dict, text: str) -> str:
    """A short stable id: level, year and a digest of the text (country-2022-1a2b3c4d)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return "-".join(part for part in (meta.get("level") or "report", meta.get("date", "")[:4], digest) if part)
