"""A whole report as its page shows it: paragraphs with their headings and offsets, and the
cited span marked, so that every citation of an answer opens where it stands."""

from __future__ import annotations

from dataclasses import dataclass
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
    """One line of the report: a heading (its depth, 1 or 2) or a paragraph (depth 0)."""

    number: int
    depth: int
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class ReportPage:
    id: str
    title: str
    date: str
    blocks: tuple[Block, ...]
    cited: bool  # whether a span was marked


def report_page(corpus_dir: Path, doc: str, start: int | None = None, end: int | None = None) -> ReportPage | None:
    """The report ``doc`` of the corpus, the span [start, end) marked (clamped to the text);
    None when the corpus has no such report."""
    found = _report(corpus_dir, doc, _stamp(corpus_dir))
    if found is None:
        return None
    title, date, text = found
    span = (max(0, start), min(len(text), end)) if start is not None and end is not None and start < end else None
    blocks = tuple(_block(text, p.number, p.start, p.end, _depth(text, p), span) for p in split_paragraphs(text))
    cited = span is not None and span[0] < span[1] and any(piece.marked for b in blocks for piece in b.pieces)
    return ReportPage(doc, title, date, blocks, cited)


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


def _block(text: str, number: int, start: int, end: int, depth: int, span: tuple[int, int] | None) -> Block:
    if span is None or span[1] <= start or span[0] >= end:
        return Block(number, depth, (Piece(text[start:end], False),))
    a, b = max(start, span[0]), min(end, span[1])
    pieces = [Piece(text[start:a], False), Piece(text[a:b], True), Piece(text[b:end], False)]
    return Block(number, depth, tuple(p for p in pieces if p.text))
