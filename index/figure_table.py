"""The figure table: every figure of the reports parsed once, at index time, into a record.

A record holds what a reader needs to use a figure without the sentence around it: the
metric it counts (the report's own words before it in its clause, and an English gloss from
the dictionary), its value and unit, the change it states and against what (同比, 较2019年同期),
the period (the passage's periods and the clause's own), the report's level, a qualifier
written around it (超, 以上, 余, 约), and where it stands (report, passage, offsets).

A Chinese clause names its metric first and its figure last ("地区生产总值完成779.43亿元"); a
rate that follows in its own clause ("同比增长22.3%") changes the metric of the figure before
it, so it takes that metric. Verbs and qualifiers at the end of the words before a figure
(完成, 增长, 达到, 超过) are not part of the metric.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.chunking import Chunk
from index.figures import Figure, find_figures
from index.periods import periods
from index.word_for_word import english_gloss

FIGURES_FILE = "figures.jsonl"
FIGURE_TABLE_VERSION = "23"  # raised when records are parsed differently (it is part of the index key)
Gloss = Callable[[str], str]  # a metric in Chinese -> its English name

_CLAUSE = re.compile(r"[^,，;；:：。！？!?]+")
# The lower end of a range written before its upper end, the figure (1-2项, 3至5个, 10—15%).
RANGE_START = re.compile(r"(?P<low>\d+(?:\.\d+)?)\s*[-—–~～至到]")
_CHANGE = re.compile(
    r"""
        (?P<base> 同比 | 比上年 | 比去年 | 较上年 | 较去年 | [较比](?:\d{4}年)?(?:同期|上年同期|上年|去年)
                | [与和较比跟]?(?:\d{4}年)?(?:同期|上年同期|上年|去年)相比
                | \d{4}年(?:上半年)?同期 )?  # run-on text drops the 较: "同比增长69.3%2019年同期增长0.1%"
        (?P<change> 增长 | 下降 | 提高 | 降低 | 减少 | 增加(?!值) | 上涨 | 上升 | 回落 | 下滑 | 增速 | 增幅 | 降幅 )
        了?
    """,
    re.VERBOSE,
)
# Words at the end of a metric that say what happened to it, not what it is: verbs, and the
# prepositions before a value (保持在, 控制在, 从…提高到, 降至, 拟按…安排, 要高于).
_TRAILING = re.compile(
    rf"""
        (?: 完成 | 实现 | 达到 | 达 | 为 | 是 | 突破 | 超过 | 超 | 累计 | 新增 | 共计? | 约 | 近 | 逾 | 总计
          | 同比 | 比上年 | 较上年 | 分别 | 全年 | 预计 | 力争 | 左右 | 以上 | 年均 | 平均 | 合计 | 占 | 的
          | 和 | 及 | 与 | 、 | \s
          | (?:保持|控制|稳定|维持)在 | (?<![存现所正自实])在 | 从 | 由 | 再 | 实际
          | (?:[降增升]|提高|提升|下降|减少|扩大|缩小)?[至到] | 按 | (?<![模虚草])拟 | (?<![纲主需重必摘概只])要
          | {RANGE_START.pattern}  # the lower end of a range (打造1-2项)
          | (?:不|均|略|明显)?[高低]于 )+$
    """,
    re.VERBOSE,
)
# Words at the start that say when or how, not what: the period is the record's own field.
_LEADING = re.compile(
    r"^(?:其中|全年|累计|共|并|和|及|且|同时|预计|力争|完成|实现|截至目前|目前|已经?|[上下]半年|今年|去年|明年|(?:19|20)\d\d年|、|\s"
    r"|(?:19|20)\d\d\s*[-—–~至到]\s*(?:19|20)\d\d年|\d{1,2}\s*[-—–~至到]\s*\d{1,2}月|(?:截至|至|到)(?=(?:19|20)\d\d)"
    r"|拟安排|拟|将)+"
)
# What stands just before a figure and qualifies it: a word (约), or the lower end of a range
# the figure is the upper end of (1-2项, 3至5个, 10—15%).
_BEFORE = re.compile(rf"(?:超过|超|近|约|逾|达)?(?:{RANGE_START.pattern})?$")
_AFTER = re.compile(r"^(?:以上|左右|以内|以下)")
_CHANGE_EN = {
    "增长": "up",
    "增加": "up",
    "提高": "up",
    "上涨": "up",
    "上升": "up",
    "增速": "up",
    "增幅": "up",
    "下降": "down",
    "降低": "down",
    "减少": "down",
    "回落": "down",
    "下滑": "down",
    "降幅": "down",
}


@dataclass(frozen=True)
class FigureRecord:
    """One figure of a report, with what it counts, when, and where it stands."""

    id: str
    report: str
    passage: str
    start: int
    end: int
    text: str
    value: str
    unit: str
    kind: str
    english: str
    metric: str
    metric_en: str
    change: str = ""  # 增长, 下降 …: the figure is a change of its metric
    direction: str = ""  # up or down, for a change
    base: str = ""  # what the change is against: 同比, 较2019年同期
    period: tuple[str, ...] = ()
    level: str = ""
    qualifier: str = ""  # 超, 以上, 余, 约 … written around the figure
    written: str = ""  # the figure with the qualifiers around it, as the report writes them: 6%左右, 约2.5万亿元
    clause: str = ""  # the clause it stands in, as evidence
    related: tuple[str, ...] = field(default=())  # ids of the other figures of its metric in its sentence

    def to_dict(self) -> dict:
        return asdict(self)


# A year named as what a change is measured against (较2019年同期, 2019年同期相比): no period of the clause.
_BASE_YEAR = re.compile(r"(?:19|20)\d\d年?(?:上半年)?同期")


def own_periods(clause: str) -> set[str]:
    """The periods a clause names itself, its figures blanked first (2079万人次 is no year)
    and the years it compares against (较2019年同期)."""
    for figure in find_figures(clause):
        clause = clause[: figure.start] + " " * (figure.end - figure.start) + clause[figure.end :]
    return periods(_BASE_YEAR.sub(" ", clause))


# A rank (排全市第1) ends what came before it: in run-on text the next metric follows at once
# ("规模排全市第1固定资产投资190.59亿元").
_RANK = re.compile(r"第\d+(?:名|位)?")


def _metric(words: str) -> str:
    """The metric a figure counts, from the words before it in its clause (after a rank)."""
    words = _CHANGE.sub("", _RANK.split(words)[-1]).strip()
    previous = None
    while previous != words:
        previous = words
        words = _LEADING.sub("", _TRAILING.sub("", words)).strip()
    return words


def names_metric(words: str) -> bool:
    """Do the words before a figure name what it counts ("固定资产投资190.59亿元")? Words that only
    say how it changed ("同比增长85%") leave the metric to a clause before them."""
    return _is_metric(_metric(words))


def _is_metric(name: str) -> bool:
    """Is a parsed metric a name at all: two or more letters or characters, not a lone 值 or 率?"""
    return len(re.findall(r"[\u4e00-\u9fffA-Za-z]", name)) >= 2


# The kinds of figure a noun right after may name: a count by its measure word names what it
# counts next (新增4个服务业扩大开放综合试点, 3543名医务工作者), an amount or a rate never does; nor
# does a span of time (再延长30年整县试点) or a count of person-times, which names an activity
# (550人次驻村帮扶).
_COUNTED_AFTER = frozenset({"count", "people"})
_NAMES_NOTHING_AFTER = frozenset({"年", "周年", "个月", "月", "天", "日", "小时", "分钟", "秒", "人次"})
# jieba's tags of a noun (n, nr, ns, nt, nz) or an abbreviation (j), which may end the phrase, and
# of the words a noun phrase holds besides: a verb as a noun (vn), a distinguishing word (b), an
# adjective (a): 社区老年服务中心, 民营医院.
_NOUN = re.compile(r"n[a-z]?$|j$")
_NOUN_PHRASE = re.compile(r"n[a-z]?$|j$|vn$|b$|a$")


def _counted_after(text: str) -> str:
    """The noun phrase that follows a count at once, which names what it counts (28家农贸市场标准化
    改造: 农贸市场; 3543名医务工作者), up to a word of change (6项指标增幅: 指标); empty when a verb,
    a particle or a mark comes first (38处, 新增…; 1.2万人受益) or it is one character."""
    from jieba import posseg  # jieba's tagger loads its model on first use: at build time only

    words, last_noun = [], 0
    for word, tag in posseg.cut(text[:24]):
        if not _NOUN_PHRASE.match(tag) or _CHANGE.fullmatch(word):
            break
        words.append(word)
        last_noun = len(words) if _NOUN.match(tag) else last_noun
    phrase = "".join(words[:last_noun])
    return phrase if len(phrase) >= 2 else ""


def _around(clause: str, figure: Figure) -> tuple[str, str]:
    """The qualifying words written just before and just after a figure (约 | 以上)."""
    before = _BEFORE.search(clause[: figure.start])
    after = _AFTER.match(clause[figure.end :])
    return (before.group(0) if before else ""), (after.group(0) if after else "")


def _qualifier(clause: str, figure: Figure) -> str:
    inside = next((q for q in ("余", "多") if q in figure.text), "")
    return "".join(_around(clause, figure)) + inside


def _written(clause: str, figure: Figure) -> str:
    before, after = _around(clause, figure)
    return f"{before}{figure.text}{after}"


def record_id(report: str, start: int) -> str:
    """A figure's id in the table: its report and where it starts there (answers look figures up by it)."""
    return f"{report}:{start}"


def sentence_records(chunk: Chunk, level: str, gloss: Gloss = english_gloss) -> list[FigureRecord]:
    """The figures of a passage's anchor sentence, each with its metric (what a count counts when
    nouns follow it at once, else the words before it), change and period (``gloss``: names a
    metric in English)."""
    sentence = chunk.sentence
    offset = chunk.anchor_start
    records: list[FigureRecord] = []
    metric, metric_en = "", ""
    for clause_match in _CLAUSE.finditer(sentence):
        clause = clause_match.group(0)
        clause_periods = tuple(sorted(set(chunk.periods) | own_periods(clause)))
        cursor = 0
        for figure in find_figures(clause):
            words = clause[cursor : figure.start]
            change = next(reversed(list(_CHANGE.finditer(words))), None)  # the last one, next to the figure
            counts = figure.kind in _COUNTED_AFTER and figure.unit not in _NAMES_NOTHING_AFTER
            own = _counted_after(clause[figure.end :]) if counts else ""
            own = own or _metric(words)
            if _is_metric(own):
                metric, metric_en = own, gloss(own)
            start = offset + clause_match.start() + figure.start
            records.append(
                FigureRecord(
                    id=record_id(chunk.doc, start),
                    report=chunk.doc,
                    passage=chunk.id,
                    start=start,
                    end=start + len(figure.text),
                    text=figure.text,
                    value=f"{figure.value:f}",
                    unit=figure.unit,
                    kind=figure.kind,
                    english=figure.english,
                    metric=metric,
                    metric_en=metric_en,
                    change=change.group("change") if change else "",
                    direction=_CHANGE_EN.get(change.group("change"), "") if change else "",
                    base=(change.group("base") or "") if change else "",
                    period=clause_periods,
                    level=level,
                    qualifier=_qualifier(clause, figure),
                    written=_written(clause, figure),
                    clause=clause.strip(),
                )
            )
            cursor = figure.end
    return _linked(records)


def _linked(records: list[FigureRecord]) -> list[FigureRecord]:
    """Each record with the ids of the other records of its metric in the same sentence (a
    value and its change)."""
    by_metric: dict[str, list[str]] = {}
    for r in records:
        by_metric.setdefault(r.metric, []).append(r.id)
    return [
        FigureRecord(**{**r.to_dict(), "related": tuple(i for i in by_metric[r.metric] if i != r.id)}) for r in records
    ]


def build_table(chunks: list[Chunk], gloss: Gloss = english_gloss) -> list[FigureRecord]:
    """Every figure of every report once (each sentence is the anchor of one passage);
    ``gloss`` names a metric in English (at build time: the dictionary's words with the
    corpus's curated terms and senses chosen by meaning, index.build)."""
    seen: set[str] = set()
    table: list[FigureRecord] = []
    for chunk in chunks:
        for record in sentence_records(chunk, chunk.level, gloss):
            if record.id not in seen:
                seen.add(record.id)
                table.append(record)
    return table


def write_table(folder: Path, table: list[FigureRecord]) -> None:
    with (folder / FIGURES_FILE).open("w", encoding="utf-8") as out:
        for record in table:
            out.write(json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")


def read_table(folder: Path) -> list[FigureRecord]:
    with (folder / FIGURES_FILE).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [FigureRecord(**{**r, "period": tuple(r["period"]), "related": tuple(r["related"])}) for r in rows]
