"""Cut reports into retrieval units: one unit per sentence, shown as a window around it.

Single sentences make sharp retrieval targets, while a user wants to read the text around
the answer. So each chunk is anchored on one sentence (what gets embedded and matched) and
carries a window of whole neighbouring sentences of the same paragraph, at most
``max_chars`` long (what gets returned and cited). Offsets always point into the original
text: ``report.text[chunk.start:chunk.end] == chunk.text``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from index.corpus import Report
from index.period_mentions import mentions
from index.periods import HALVES, delivered, passage_ahead, passage_periods, periods
from index.sections import Paragraph, is_bullet, is_salutation, split_paragraphs

DEFAULT_MAX_CHARS = 300
_SENTENCE = re.compile(r"[^。；;！!？?]*[。；;！!？?]+[”’」』)）]?|[^。；;！!？?]+$")
_CLAUSE_END = re.compile(r"[,，、:：]")
_CLAUSE = re.compile(r"[^,，;；:：]+[,，;；:：]?")  # a clause with the comma, semicolon or colon closing it

CHUNK_VERSION = "6"  # raised when chunks are cut or described differently (it is part of the index key)


@dataclass(frozen=True)
class Chunk:
    """A sentence anchor and the window around it, with its place in the report."""

    id: str
    doc: str
    title: str
    section: str
    paragraph: int
    start: int
    end: int
    anchor_start: int
    anchor_end: int
    text: str
    sentence: str
    opening: str = ""  # the words its period is read from: its paragraph's opening, its list's, or its section's years
    periods: tuple[str, ...] = ()  # the years, halves and plans it speaks of (index.periods)
    ahead: bool | None = None  # it speaks past its report's date (a plan) or before it (a review); None: unknown
    level: str = ""  # the level of government its report speaks for (reports.json: country … district)
    front: bool = False  # the report's front matter (title, date, venue, speaker): about the report, not in it

    def to_dict(self) -> dict:
        return asdict(self)


def _split_long(start: int, end: int, text: str, max_chars: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at clause boundaries (hard cuts only inside a huge clause)."""
    pieces, piece_start, last = [], start, start
    for match in _CLAUSE_END.finditer(text, start, end):
        if match.end() - piece_start > max_chars and last > piece_start:
            pieces.append((piece_start, last))
            piece_start = last
        last = match.end()
    pieces.append((piece_start, end))
    out = []
    for lo, hi in pieces:
        out.extend((i, min(i + max_chars, hi)) for i in range(lo, hi, max_chars))
    return out


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """The clauses of a sentence, as spans (each with its closing comma, semicolon or colon): what
    the clause vectors embed (index.clause_vectors) and an answer quotes (service.answering)."""
    return [(m.start(), m.end()) for m in _CLAUSE.finditer(sentence)]


def sentence_spans(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, never longer than ``max_chars``."""
    spans = []
    for match in _SENTENCE.finditer(text, start, end):
        lo, hi = match.start(), match.end()
        while lo < hi and text[lo].isspace():
            lo += 1
        if hi - lo > max_chars:
            spans.extend(_split_long(lo, hi, text, max_chars))
        elif hi > lo:
            spans.append((lo, hi))
    return spans


def _window(spans: list[tuple[int, int]], i: int, max_chars: int) -> tuple[int, int]:
    """Grow a window around sentence ``i``, alternating forward and back, while it fits."""
    lo = hi = i
    grew = True
    while grew:
        grew = False
        if hi + 1 < len(spans) and spans[hi + 1][1] - spans[lo][0] <= max_chars:
            hi, grew = hi + 1, True
        if lo > 0 and spans[hi][1] - spans[lo - 1][0] <= max_chars:
            lo, grew = lo - 1, True
    return spans[lo][0], spans[hi][1]


def _is_content(report: Report, para: Paragraph) -> bool:
    """Headings live on in every chunk's section path; navigation and salutations are noise."""
    line = report.text[para.start : para.end]
    is_heading = bool(para.section) and line == para.section[-1]
    return not (is_heading or ">" in line or is_salutation(line))


def _units(report: Report) -> list[Paragraph]:
    """Content paragraphs, with the front matter (title, date, venue) merged into one. A report
    where nothing ends the front matter (no salutation or heading was recognised) has none:
    every paragraph is content, rather than the whole report being set apart as its title."""
    paragraphs = split_paragraphs(report.text)
    if all(p.front for p in paragraphs):
        paragraphs = [replace(p, front=False) for p in paragraphs]
    front = [p for p in paragraphs if p.front]
    units = [p for p in paragraphs if not p.front and _is_content(report, p)]
    if front:
        merged = Paragraph(front[0].number, front[0].start, front[-1].end, (), "", True)
        units.insert(0, merged)
    return units


def _openings(report: Report, units: list[Paragraph]) -> list[str]:
    """The words each paragraph's period is read from: its own opening when that names a
    period; for a bullet, else, the opening of the prose paragraph that introduced its list in
    the same section ("去年，…" and then "——经济运行总体平稳。…": last year's results); for
    prose standing before the first paragraph of its section that opens with a plan (五年来),
    its headings' years (under "2020年及十三五工作回顾" the year is reviewed first)."""
    day = delivered(report.meta)
    sections = [para.section[:-1] if para.lead else para.section for para in units]
    named = [periods(para.opening, day) - HALVES for para in units]  # what each opening names itself
    first_plan = {}  # per section, where the first paragraph opening with a plan or 五年来 stands
    for i, section in enumerate(sections):
        if any(not p.isdigit() for p in named[i]):
            first_plan.setdefault(section, i)
    out, introduced = [], ((), "")  # the section and opening of the last prose paragraph
    for i, (para, section) in enumerate(zip(units, sections)):
        own = bool(named[i])
        if is_bullet(report.text[para.start : para.end]):
            out.append(para.opening if own or introduced[0] != section else introduced[1])
            continue
        opening = para.opening if own or i >= first_plan.get(section, -1) else _years_of(section)
        introduced = (section, opening)
        out.append(opening)
    return out


def _years_of(section: tuple[str, ...]) -> str:
    """The years a section's headings name, as text ("2020年"): under "2020年及十三五工作回顾"
    the paragraphs before the first that opens with the plan (五年来) review the year."""
    text = " ".join(section)
    return " ".join(text[m.start : m.end] for m in mentions(text) if m.kind == "year" and m.key.isdigit())


def chunk_report(report: Report, max_chars: int = DEFAULT_MAX_CHARS) -> list[Chunk]:
    """All chunks of one report, in reading order, with stable ids."""
    chunks = []
    units = _units(report)
    ahead: bool | None = None
    for para, opening in zip(units, _openings(report, units)):
        section = " › ".join(para.section)
        spoken = tuple(sorted(passage_periods(f"{report.title} {section}", opening, report.meta)))
        ahead = passage_ahead((opening, *reversed(para.section)), report.title, report.meta, ahead)
        spans = sentence_spans(report.text, para.start, para.end, max_chars)
        for n, (s_start, s_end) in enumerate(spans):
            w_start, w_end = _window(spans, n, max_chars)
            chunks.append(
                Chunk(
                    id=f"{report.id}:p{para.number:03d}:s{n + 1:02d}",
                    doc=report.id,
                    title=report.title,
                    section=section,
                    paragraph=para.number,
                    start=w_start,
                    end=w_end,
                    anchor_start=s_start,
                    anchor_end=s_end,
                    text=report.text[w_start:w_end],
                    sentence=report.text[s_start:s_end],
                    opening=opening,
                    periods=spoken,
                    ahead=ahead,
                    front=para.front,
                    level=str(report.meta.get("level", "")),
                )
            )
    return chunks


def chunk_corpus(reports: list[Report], max_chars: int = DEFAULT_MAX_CHARS) -> list[Chunk]:
    """Chunks of every report, report order kept."""
    return [chunk for report in reports for chunk in chunk_report(report, max_chars)]
