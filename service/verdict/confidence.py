"""Whether the retrieved passages hold what was asked: the structured checks the verdict weighs.

Dense similarity cannot tell alone: questions the reports cannot answer are mostly near
misses (the right topic, another place, year or measure), and they score as high as
answerable ones. What tells is the question's own constraints, so each check looks for one
the answer does not meet, and service.verdict.model weighs the ones that fire, with the retrieval
and coverage signals, in one learned model (no check decides alone):

- unknown_term: a year, quarter, name or place the reports never use;
- after_reports: an outcome of a period that had not ended when the latest report was written;
- other_period: a figure asked for one year, plan period, quarter or month, answered from a
  passage about another (the one period model of index.periods);
- other_level: a figure asked for another level of government or another place than the
  answer's report speaks for (service.analysis.wider_level, the report's level and place
  from its metadata);
- no_name, no_contact, no_procedure, no_day, no_hours, no_time: a detail asked (a person's
  name, a phone number or address, how to apply, the day, opening hours, when) that the
  answering clause does not give;
- repeats_question: the clause only gives back a figure the question states;
- other_kind: an amount asked, only a rate given (or the reverse); a figure written with no
  unit or counter (2.9亿) can be any amount (index.figures.may_be);
- other_unit: a count or measure asked in one unit (几天, 多少例, 多少公里), given only in
  another (counters of things, 个, 项, 家, stand for one another);
- group_figure: one item's amount asked, the clause giving the total of a list it is in.

Each earns its place out of sample on both corpora, the shipped reports and the unseen
ones (leave one question set or one report out, and the per-check audit of
scripts/train_verdict.py); the coverage of the question by the answering clause
(clause_coverage) is a numeric signal beside them.
"""

from __future__ import annotations

import re
from datetime import date

from jieba import posseg

from index.asked_units import asked_counters, asked_units, other_unit, stated_values
from index.chunking import Chunk
from index.figures import Figure, may_be
from service.analysis.asked_periods import asks_after, other_period
from service.analysis.query import Query
from service.analysis.terms import Terms, asked_terms, coverage, query_terms, rarity, scene_weight
from service.analysis.unknown_words import unknown_terms
from service.analysis.wider_level import other_level, other_level_en
from service.ranking.hits import Hit

# A question asking when, and the time expressions an answer to it names.
# "When beds ran short, how many…" sets a scene: an English "when" asks a time only before
# a verb of the question ("when did", "when will") or at its end ("…open when?").
_WHEN = re.compile(
    r"""
        什么时候 | 何时 | 哪一年 | 哪年 | 几月 | 几时 | \b(?:what|which)\ year\b | \bby\ when\b | \bwhen\s*\?
        | \bwhen\ (?:did|will|was|were|is|are|does|do|has|have|had|can|could|should|would|might|must)\b
    """,
    re.I | re.VERBOSE,
)
# Asking which ones (哪几个社区, 分别是哪些): a clause that only gives back the count the
# question states (60个智慧平安小区) does not name them.
_WHICH_ONES = re.compile(r"哪几|哪些|分别是|\bwhich (?:ones|of (?:them|these|those))\b", re.I)
# Asking for a way to reach something (a phone number, a web or street address; not a word
# that only names calls, 诈骗电话),
# and what a clause giving one would hold: a link, an e-mail, a long number, a house number.
_ASKS_CONTACT = re.compile(
    r"""
        (?:联系|咨询|服务|办公|投诉|举报|求助|报名|预约)电话 | 电话(?:号码|是多少|多少|是什么|是几) | 电话\s*[?？]?$
        | 打(?:什么|哪个|几号)电话 | 热线 | 网址 | 网站 | 邮箱 | 门牌 | (?:具体|详细|办公|联系)地址 | 地址是
        | \bphone\ number\b | \btelephone\b | \bhotline\b | \bwebsite\b | \bURL\b | \be-?mail\b
        | \b(?:web|street|postal|email|exact|full|office)\ address\b | \bthe\ address\b
    """,
    re.I | re.VERBOSE,
)
_CONTACT = re.compile(r"https?://|www\.|\w@\w|\d{7,}|\d+号")
# Asking how or where a person goes about something (signs up, applies, registers, what to
# bring), and what a clause telling it would hold: a counter or service hall, the documents,
# a booking, an online service, a number to call. A report of the government's work says
# what was done, rarely how a resident does it.
_ASKS_PROCEDURE = re.compile(
    r"""
        \b(?:how|where)\b[^?,.]{0,30}?\b(?:do|can|should|must)\ (?:i|we)\b
        | \bwhat\ (?:documents|papers|materials)\b
        | \bhow\ to\ (?:apply|register|sign\ up|enrol|renew|book)\b
        | (?:怎么|怎样|如何|去哪里?|到哪里?|在哪里?|哪里可以)(?:办理|报名|申请|登记|预约|补办)
        | (?:去哪里?|到哪里?|在哪里?|哪里可以)办
        | (?:怎么|怎样|如何)办(?![好才的了成得完啦呢啊吧呀嘛])(?=[\u4e00-\u9fff])  # 怎么办证, not 怎么办才好
        | (?:带|准备|提交)(?:什么|哪些)(?:材料|证件)
    """,
    re.I | re.VERBOSE,
)
_PROCEDURE = re.compile(
    r"窗口|大厅|政务服务中心|材料|证件|携带|预约|登录|(?:网上|线上|掌上)(?:办|申|预|报|登)|小程序|APP|拨打|热线|地址|\d+号",
    re.I,
)
# A question asking for a person's name: the head of an office, the district mayor.
_ASKS_NAME = re.compile(
    r"""
        (?:区长|市长|主任|书记|局长|负责人|院长|校长|主席|领导|他|她)的?(?:叫什么名字|什么名字|姓名|姓什么|是谁)
        | \b(?:name\ of\ the|who\ (?:is|was|will\ be)\ the)\s+(?:new\s+)?(?:district\s+)?
          (?:head|director|mayor|chief|leader|chair\w*|secretary|president|governor)\b
    """,
    re.I | re.VERBOSE,
)
# Asking the day (哪天, 几月几号, on what date): a month or a half-year does not tell it.
_ASKS_DAY = re.compile(r"哪一?天|几月几[日号]|几号(?!线)|\b(?:what|which|exact) (?:date|day)\b|\bon what day\b", re.I)
_DAY = re.compile(r"\d{1,2}\s*[日号](?!线)|\d{4}-\d{1,2}-\d{1,2}")
# Asking when a place is open (开放时间, 几点, opening hours): a clause saying it opened, or
# in which month, does not tell its hours; one that does names a clock time or the day's part.
_ASKS_HOURS = re.compile(
    r"""
        (?:营业|开放|开门|办公|服务)时间 | 几点(?:钟|开|关|到|营业|上班|下班)
        | \b(?:opening|business|office|visiting)\ hours\b | \bopening\ times?\b
        | \bhours\ of\ operation\b | \bwhat\ time\ does\b
    """,
    re.I | re.VERBOSE,
)
_HOURS = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*点(?!\d)|[上下]午|全天|24小时|昼夜")
_TIME = re.compile(
    r"(?:19|20)\d\d|\d{1,2}\s*月|[年月]底|年末|年内|年初|年中|[上下]半年|季度|[今明去前]年|十[一二三四五六]五"
)
# A detail asked for, what a clause giving it would hold, and the doubt when it holds none, in
# the order checked: a phone number or an address, how or where to apply, the day, a place's
# opening hours, a time at all.
_ASKED_DETAILS = (
    (_ASKS_CONTACT, _CONTACT, "no_contact"),
    (_ASKS_PROCEDURE, _PROCEDURE, "no_procedure"),
    (_ASKS_DAY, _DAY, "no_day"),
    (_ASKS_HOURS, _HOURS, "no_hours"),
    (_WHEN, _TIME, "no_time"),
)


def names_person(text: str) -> bool:
    """Does a text hold a person's name (jieba's ``nr`` words of three characters or two,
    such as 孙春兰)?"""
    return any(flag == "nr" and 2 <= len(word) <= 3 for word, flag in posseg.cut(text))


def checks(
    query: Query,
    hits: list[Hit],
    figures: list[Figure],
    answer_text: str,
    lexical,
    reported_until: date | None = None,
    chunk: Chunk | None = None,
    searched: Terms | None = None,
    told: list[Figure] | None = None,
    clause: str | None = None,
) -> list[str]:
    """Every structured reason why the top passages may not hold what was asked (codes of
    service.verdict.doubts), in the order above; empty when none fires. A question about a glossary
    term, asking what it means, never fails one. ``chunk`` is the passage the answer was
    taken from; ``searched`` the question's search terms when the caller already has them;
    ``told`` the figures of the clause that answers a figure question (all by default) and
    ``clause`` that clause, which says the level its figure is of (the whole answer by default;
    a place asked may be named anywhere in the answer).
    These are evidence for service.verdict.model, which weighs them with the retrieval and
    coverage signals in one learned model: no single check decides."""
    if query.glossary and query.wants_definition and not query.wants_figure:
        return []
    if not hits:
        return ["no_passage"]
    searched = query_terms(query) if searched is None else searched
    context = in_context(clause or answer_text, chunk)
    asks_items = query.wants_figure or _WHICH_ONES.search(query.text)
    terms = asked_terms(query)
    found = {
        "unknown_term": bool(unknown_terms(query, searched, lexical.vocabulary)),
        "after_reports": asks_after(query.period_text, reported_until),
        "other_period": query.wants_figure and chunk is not None and other_period(query, chunk, answer_text),
        "repeats_question": bool(asks_items)
        and not _WHEN.search(query.text)
        and repeats_question(query, figures if told is None else told),
        "other_level": query.wants_figure
        and chunk is not None
        and (
            other_level_en(query.text, context, chunk.level, query.places, answer_text, query.home, query.names_home)
            if query.language == "en"
            else other_level(query.text, context, chunk.level, query.home, answer_text)
        ),
        "no_name": bool(_ASKS_NAME.search(query.text)) and not names_person(answer_text),
        **{
            code: bool(asks.search(query.text)) and not gives.search(answer_text)
            for asks, gives, code in _ASKED_DETAILS
        },
        "other_kind": bool(query.figure_kind)
        and bool(figures)
        and not any(may_be(f, query.figure_kind) for f in figures),
        "other_unit": query.wants_figure
        and query.figure_kind != "percent"  # a rate asked of an area or a length (面积增长了多少) has no unit
        and other_unit(asked_counters(query.text, query.language) | asked_units(query.text, query.language), figures),
        "group_figure": bool(query.figure_kind) and group_figure(terms, rarity(lexical), answer_text),
    }
    return [code for code, fired in found.items() if fired]


def clause_coverage(query: Query, answer_text: str, chunk: Chunk | None, lexical) -> float:
    """How much of the question's words the answering clause holds, read under its report
    title and section heading (pieces of reworded compounds counting in part, the words of a
    scene-setting clause weighing half)."""
    terms = asked_terms(query)
    weight = scene_weight(query, rarity(lexical))
    return coverage(terms, in_context(answer_text, chunk), weight, partial=True) if terms else 0.0


def repeats_question(query: Query, told: list[Figure]) -> bool:
    """Does the answering clause only give back figures the question itself states? A
    question that quotes a total and asks how it splits ("of the 7.6 billion yuan, how much
    came from each", "166公里管网里雨水管各占多少") is answered by the total's own clause when
    the reports give no parts. (Asking when the total was reached is another matter.)"""
    stated = stated_values(query.text)
    return bool(told) and bool(stated) and all(f.value in stated for f in told)


def in_context(answer_text: str, chunk: Chunk | None) -> str:
    """The answer's clause as a reader meets it: under its report's title and its section
    heading, which say the place and period ("上半年", "十三五") the clause leaves out."""
    return answer_text if chunk is None else f"{chunk.title} {chunk.section} {answer_text}"


# A list closed by 等 and counted ("某某中心、某某广场等23个重大项目", "…等亿元以上重大项目27项").
_LISTED = re.compile(r"^[^,，;；。:：]*?等[^,，;；。:：]{0,12}?\d+(?:\.\d+)?\s*[个项家所条栋座处]")


def group_figure(terms: Terms, weight, answer_text: str) -> bool:
    """Does the question's rarest word name one item of a list the clause closes with 等
    and a count ("新开工某某天街、某某公司华中总部…等亿元以上重大项目27项,总投资307亿元")?
    Then the clause's amount or rate is the group's, and a question asking one item's own
    (某某公司华中总部的总投资) is not answered by it. Questions asking a count are not checked:
    how many projects such a list holds is what it tells."""
    found = [
        (weight(g), g) for g in terms if weight(g) > 0 and max(map(len, g)) > 1 and any(a in answer_text for a in g)
    ]
    if not found:
        return False
    rarest = max(found)[1]
    at = min(answer_text.find(a) for a in rarest if a in answer_text)
    listed = "、" in answer_text[max(0, at - 1) : at] or bool(re.match(r"^[^,，;；。]*、", answer_text[at:]))
    return listed and bool(_LISTED.match(answer_text[at:]))
