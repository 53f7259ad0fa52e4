"""The answer line: one line in the asker's language that says the answer before the evidence.

For a figure, it names the metric, the period and the value, and the change the same
sentence gives of that metric: "地区生产总值（2021年上半年）：779.43亿元，同比增长22.3%", and to an
English reader "local gross domestic production (地区生产总值), first half of 2021: RMB 77.943
billion (779.43亿元); up 22.3% year on year". Every English word comes from the figure table
(its dictionary gloss of the metric, its English rendering of the value) or from the fixed words
of service.answering.figure_words; the Chinese words stand beside them. A comparison of two figures of one
unit adds what follows from them, marked as computed from the cited figures. A glossary
term's line is the term and its definition. Any other answer's line is its clause (the
reports are in Chinese; nothing is translated by guess), for an English reader followed by
notes from the dictionary and the figure renderings.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from index.cedict import english_names, is_name
from index.figure_table import FigureRecord, record_id
from index.figures import find_figures
from index.glossary import GlossaryEntry
from index.name_gloss import dictionary_names
from index.normalize import in_script
from index.terminology import content_stems
from service.answering.figure_words import (
    as_written,
    beside_en,
    change_en,
    changed_as_written,
    period_label,
    qualified_en,
)


def figure_line(
    value: FigureRecord, changes: list[FigureRecord], english: bool, asked: frozenset[str] = frozenset()
) -> str:
    """The line for one figure and the changes of its metric given beside it (``asked``: the
    periods the question names)."""
    period = period_label(value, english, asked)
    if english:
        metric = f"{value.metric_en} ({value.metric})" if value.metric_en else value.metric
        head = ", ".join(p for p in (metric, period) if p)
        said = change_en(value) if value.change else qualified_en(value)
        line = f"{head}: {said} ({as_written(value)})"
        return "; ".join([line] + [beside_en(c) for c in changes]).replace(": ;", ":")
    head = f"{value.metric}（{period}）" if period else value.metric
    tail = "".join(f"，{changed_as_written(c)}" for c in changes)
    return f"{head}：{changed_as_written(value)}{tail}"


def _alike(
    first: tuple[FigureRecord, list[FigureRecord]], second: tuple[FigureRecord, list[FigureRecord]]
) -> tuple[FigureRecord, FigureRecord]:
    """The two sides' figures to weigh against each other: their values, unless the first is
    a change in per cent (a growth target) and the second an amount given with its changes
    (779.43亿元，同比增长22.3%): then the second's first change in per cent on the year before."""
    (a, _), (b, changes) = first, second
    if a.change and a.unit == "%" and not b.change:
        b = next((c for c in changes if c.unit == "%" and _yearly(c)), b)
    return a, b


def _focus(table: dict[str, FigureRecord], doc: str, focus: int | None) -> FigureRecord | None:
    return table.get(record_id(doc, focus)) if focus is not None else None


def _value_and_changes(table: dict[str, FigureRecord], record: FigureRecord) -> tuple[FigureRecord, list[FigureRecord]]:
    """The value a figure belongs to (the amount before it that its change is of, or
    itself) and the changes given of that value in the same sentence, the figure itself
    always among them when it is a change."""
    related = [table[i] for i in record.related if i in table]
    values = [r for r in related if not r.change and r.start < record.start] if record.change else []
    value = values[-1] if values else record
    family = [table[i] for i in value.related if i in table] + [record]
    changes = sorted(
        {r.id: r for r in family if r.change and r is not value and r.start > value.start}.values(),
        key=lambda r: (r is not record, r.start),  # the asked change first
    )
    return value, changes[:2]


def computed(first: FigureRecord, second: FigureRecord, english: bool) -> str:
    """What follows from two figures of one metric and unit (the earlier report's first: a
    plan, then its result), marked as computed: the share the second is of the first, or, for
    two rates or two changes in per cent (a growth target and the growth reached), how many
    percentage points the second lies above or below the first."""
    same_metric = bool(first.metric and second.metric) and (
        first.metric in second.metric or second.metric in first.metric
    )
    if not same_metric or first.unit != second.unit:
        return ""
    if first.unit == "%" and bool(first.change) == bool(second.change):
        return _points(first, second, english)
    a, b = Decimal(first.value), Decimal(second.value)
    if first.kind == "percent" or a == 0 or first.change or second.change:
        return ""
    share = (b / a * 100).quantize(Decimal("0.1"))
    if english:
        return f"computed from the cited figures: {second.english} is {share}% of {first.english}"
    return f"据所引数字计算：{second.text}为{first.text}的{share}%"


def _points(first: FigureRecord, second: FigureRecord, english: bool) -> str:
    """The second of two per-cent figures against the first, in percentage points; none when
    either is a fall (its figure as written, "下降1.2%", carries no sign to read a gap from) or
    when their changes are not measured alike (a year-on-year target against growth on 2019's
    same period, or an average yearly rate)."""
    if "down" in (first.direction, second.direction) or not (_yearly(first) and _yearly(second)):
        return ""
    gap = Decimal(second.value) - Decimal(first.value)
    points = f"{abs(gap).normalize():f}"
    if english:
        unit = "percentage point" if abs(gap) == 1 else "percentage points"
        how = "the same as" if gap == 0 else f"{points} {unit} {'above' if gap > 0 else 'below'}"
        return f"computed from the cited figures: {second.english} is {how} {first.english}"
    if gap == 0:
        return f"据所引数字计算：{second.text}与{first.text}持平"
    return f"据所引数字计算：{second.text}比{first.text}{'高' if gap > 0 else '低'}{points}个百分点"


_YEARLY_BASES = ("", "同比", "比上年", "比去年", "较上年", "较去年")


def _yearly(record: FigureRecord) -> bool:
    """Is a per-cent figure a level or a change on the year before (not on an earlier year's
    same period, nor an average over years, 年均)?"""
    return record.base in _YEARLY_BASES and "年均" not in record.clause


def definition_line(entry: GlossaryEntry, language: str) -> str:
    """The line for what a glossary term means: the term (with its English names for an
    English reader, and the glossary's English definition when it has one) and its definition."""
    if language == "en":
        english = [name for name in entry.english if name != entry.term][:2]
        names = f" ({'; '.join(english)})" if english else ""
        return f"{entry.term}{names}: {entry.definition_en or entry.definition}"
    return in_script(f"{entry.term}：{entry.definition}", language)


MAX_NOTES = 6  # the words and figures an English reader gets glossed beside a Chinese clause
NOTE_SENSES = 6  # the dictionary names of a word a note chooses among


def english_notes(text: str, terms: Iterable[str], question: str = "") -> str:
    """What an English reader needs to read a Chinese clause against the question: the
    question's own Chinese words the clause holds (the longest where they overlap), each with
    the dictionary's name for it, the one in the asker's words where a sense shares one (规划:
    "to plan" for "What does the plan say", not "to draw up a plan"), a name as a name
    (index.name_gloss.dictionary_names: "X", not "X city on Y river"), and the clause's figures in
    English (60岁 = 60 years old). Only the dictionary's and the figure renderings' words."""
    asked = set(content_stems(question))
    found = sorted((text.find(t), -len(t), t) for t in set(terms) if len(t) >= 2 and t in text)
    notes, covered = [], []
    for at, _, term in found:
        names = english_names(term, most=NOTE_SENSES)
        names = (dictionary_names(term) or names) if names and is_name(term) else names
        if names and not any(lo <= at < hi for lo, hi in covered):
            notes.append(f"{term} = {next((n for n in names if asked & set(content_stems(n))), names[0])}")
            covered.append((at, at + len(term)))
    notes += [f"{f.text} = {f.english}" for f in find_figures(text) if f.english != f.text]  # not "90% = 90%"
    return "; ".join(dict.fromkeys(notes[:MAX_NOTES]))


def answer_line(
    parts: list[tuple[str, int | None, str]],
    table: dict[str, FigureRecord],
    language: str,
    fallback: str,
    terms: Iterable[str] = (),
    asked: frozenset[str] = frozenset(),
    question: str = "",
) -> str:
    """The line for an answer's parts (each: report, where its answering figure stands,
    its clause), in the asker's language and script; ``fallback`` (the clause as shown)
    when no part's figure is in the figure table, for an English reader with the notes of
    english_notes (``terms``: the question's Chinese words; ``asked``: the periods it names;
    ``question``: its words, which pick the dictionary's name for each of them)."""
    english = language == "en"
    records = [_focus(table, doc, focus) for doc, focus, _ in parts]
    if not any(records):
        notes = english_notes(fallback, terms, question) if english else ""
        return f"{fallback} [{notes}]" if notes else fallback
    lines = []
    for record, (_, _, clause) in zip(records, parts):
        if record is None:
            lines.append(clause)
            continue
        lines.append(figure_line(*_value_and_changes(table, record), english, asked))
    found = [r for r in records if r is not None]
    if len(found) == 2:
        lines.append(computed(*_alike(*(_value_and_changes(table, r) for r in found)), english))
    line = ("; " if english else "；").join(p for p in lines if p)
    return line if english else in_script(line, language)
