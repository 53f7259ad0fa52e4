"""A whole report as its page shows it: paragraphs with their headings and offsets, and the
cited span marked, so that every citation of an answer opens where it stands."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from index.corpus import load_reports
from index.sections import split_paragraphs


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph's text, marked when it lies inside the cited span."""

    text: str
    marked: bool


@dataclass(frozen=True)
class Block:
    """One line of the report, or one part of it: a heading (its depth, 1 to 3) or a
    paragraph's text (depth 0). A paragraph that opens with a run-in heading ("(一)着力扩投资、
    增进度,…。") is two blocks, the heading and the text after it, which carries no anchor of
    its own (the paragraph's is the heading's)."""

    number: int
    depth: int
    pieces: tuple[Piece, ...]
    anchor: bool = True


@dataclass(frozen=True)
class ReportPage:
    id: str
    title: str
    date: str
    blocks: tuple[Block, ...]
    cited: bool  # whether a span was marked
    span: tuple[int, int] | None = None  # the span marked, clamped to the text


def report_page(corpus_dir: Path, doc: str, start: int | None = None, end: int | None = None) -> ReportPage | None:
    """The report ``doc`` of the corpus, the span [start, end) marked (clamped to the text);
    None when the corpus has no such report."""
    found = _report(corpus_dir, doc, _stamp(corpus_dir))
    if found is None:
        return None
    title, date, text = found
    span = (max(0, start), min(len(text), end)) if start is not None and end is not None and start < end else None
    blocks = tuple(block for p in split_paragraphs(text) for block in _blocks(text, p, span))
    cited = span is not None and span[0] < span[1] and any(piece.marked for b in blocks for piece in b.pieces)
    return ReportPage(doc, title, date, blocks, cited, span if cited else None)


def _stamp(corpus_dir: Path) -> int:
    """Changes when reports.json does (a report added or removed): the cache key."""
    try:
        return (corpus_dir / "reports.json").stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=16)
def _report(corpus_dir: Path, doc: str, stamp: int) -> tuple[str, str, str] | None:
    try:
        reports = load_reports(corpus_dir)
    except (OSError, ValueError, KeyError):
        return None
    return next(((r.title, r.date, r.text) for r in reports if r.id == doc), None)


def _depth(text: str, paragraph) -> int:
    """1 for a top heading, 2 for a sub-heading, 0 for body text."""
    line = text[paragraph.start : paragraph.end]
    if paragraph.section and line == paragraph.section[0]:
        return 1
    if len(paragraph.section) > 1 and line == paragraph.section[1] and not paragraph.lead:
        return 2
    return 0


def _blocks(text: str, paragraph, span: tuple[int, int] | None) -> tuple[Block, ...]:
    """A paragraph as blocks: a heading line, or body text, or a run-in heading and its text."""
    depth = _depth(text, paragraph)
    cut = _run_in_end(text, paragraph) if depth == 0 else None
    if cut is None:
        return (_block(text, paragraph.number, paragraph.start, paragraph.end, depth, span),)
    heading = _block(text, paragraph.number, paragraph.start, cut, min(len(paragraph.section), MAX_DEPTH), span)
    return heading, replace(_block(text, paragraph.number, cut, paragraph.end, 0, span), anchor=False)


MAX_DEPTH = 3


_NUMBERED = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")


def _run_in_end(text: str, paragraph) -> int | None:
    """Where a paragraph's run-in heading ends, its closing mark included: the paragraph's lead
    as index.sections finds it, when numbered ((一)着力扩投资、增进度,…。) or a phrase without a
    comma (提升总部经济支撑力。), not a short opening sentence (各位代表,风劲好扬帆,…。); None when
    the paragraph has none or is nothing else."""
    lead = paragraph.lead
    if not lead or not text.startswith(lead, paragraph.start):
        return None
    if not _NUMBERED.match(lead) and re.search(r"[,，]", lead):
        return None
    cut = paragraph.start + len(lead) + 1
    return cut if cut < paragraph.end else None


def _block(text: str, number: int, start: int, end: int, depth: int, span: tuple[int, int] | None) -> Block:
    if span is None or span[1] <= start or span[0] >= end:
        return Block(number, depth, (Piece(text[start:end], False),))
    a, b = max(start, span[0]), min(end, span[1])
    pieces = [Piece(text[start:a], False), Piece(text[a:b], True), Piece(text[b:end], False)]
    return Block(number, depth, tuple(p for p in pieces if p.text))
