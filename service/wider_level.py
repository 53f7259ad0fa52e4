"""Whether a figure question asks about a wider level than the district (the province,
the city, the country) that its answer does not speak of: the reports give the district's
own figures."""
from __future__ import annotations

import re

from service.tagging import tagged, topic

_WIDER = frozenset({"全国", "全省", "全市"})


def other_level(text: str, answer_context: str) -> bool:
    """Does a (Chinese) figure question ask about a province or city (湖北省, 整个武汉市), or
    open on 全国/全省/全市, when its answer's clause and headings never name that level?
    The reports give the district's own figures; the city's or province's are others."""
    words = tagged(text)
    # 湖北省武汉市武昌区 is the district's address, not a wider level
    levels = [w for (w, f), (_, next_flag) in zip(words, words[1:] + (("", ""),))
              if f == "ns" and len(w) > 2 and w[-1] in "省市" and next_flag != "ns"]
    first = topic(text)
    if first is not None and first[0] in _WIDER:
        levels.append(first[0])
    return any(_level_missing(w, answer_context, text) for w in levels)


def _level_missing(level: str, answer_context: str, question: str) -> bool:
    """Does the answer leave the asked level (湖北省, 武汉市, 全国) unnamed? A question
    after the district's rank within it is answered by the rank (全省第1名)."""
    if level in answer_context or level.rstrip("省市") in answer_context:
        return False
    return not (_ASKS_RANK.search(question) and _ranks_within(level, answer_context))


_ASKS_RANK = re.compile(r"排名|排第|第几|名次|\brank", re.I)


def _across(place: str, noun: str) -> re.Pattern:
    """An English question asking across a place: "across (the whole of) Hubei", "Hubei
    province as a whole", "across the province", "province-wide"."""
    return re.compile(rf"\b(?:across|throughout|all of|whole of)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:of\s+)?{place}\b"
                      rf"|\b{place}(?:\s+{noun})?\s+as a whole\b|\b(?:across|throughout) the (?:whole |entire )?{noun}\b|\b{noun}-?wide\b", re.I)


# A wider level in an English question, and its name in the reports' words.
_WIDER_EN = (
    (_across("Hubei", "province"), "湖北省"),
    (_across("Wuhan", "city"), "武汉市"),
    (re.compile(r"\b(?:across|throughout|all of|whole of)\s+(?:the\s+)?(?:whole\s+|entire\s+)?China\b|\b(?:across|throughout) the (?:whole |entire )?country\b"
                r"|\bnation-?wide\b", re.I), "全国"),
)


def other_level_en(text: str, answer_context: str) -> bool:
    """other_level for an English figure question: it asks across Hubei, the whole city or
    the country ("across Hubei province", "Wuhan as a whole", nationwide), and the answer's
    clause and headings never speak of that level."""
    return any(_level_missing(level, answer_context, text) for pattern, level in _WIDER_EN if pattern.search(text))


def _ranks_within(level: str, answer_context: str) -> bool:
    """Does the answer rank the district within the asked province or city (全省第1名 for
    湖北省)? 全市 alone does not: 在全市率先 says nothing of the city's totals."""
    return re.search("全" + level[-1] + r"(?:排名|排|位居|居)?第", answer_context) is not None

