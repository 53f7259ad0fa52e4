"""Split a report into paragraphs that know their place in the report's own outline.

The reports are scraped web pages: one paragraph per line, headings as short lines, and
two kinds of inline headings — a numbered lead ("(一)稳投资、促发展,…。") or a short lead
sentence ("提升总部经济支撑力。"). Recognising them gives every passage a section path
such as 2021年主要工作 › 一、突出创新引领… › 提升总部经济支撑力. Parts numbered 第一部分 (or
第一章, 第一篇) are the top of the outline; 一、 the level under it. The body starts after the
salutation (各位代表:), or at the first numbered part of a report that has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAD = " \t\u00a0\u3000\r"
_TOP_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")
_SUB_NUMBERED = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
_PART = re.compile(r"^第[一二三四五六七八九十]+(?:部分|章|篇)")
_LEAD_END = re.compile(r"[。;；:：]")
MAX_HEADING_CHARS = 30
MAX_LEAD_CHARS = 20
MAX_TIME_LEAD = 8  # characters of an opening phrase that sets a time ("去年", "今年以来", "过去五年")
_PHRASE_END = re.compile(r"[,，。;；:：]")
_DASH = "—"


@dataclass(frozen=True)
class Paragraph:
    """A non-empty line of a report with its outline position and character span."""

    number: int
    start: int
    end: int
    section: tuple[str, ...]
    lead: str
    front: bool = False
    opening: str = ""


def _is_heading(line: str) -> bool:
    """A heading is a short line with no sentence punctuation that is not a salutation."""
    if len(line) > MAX_HEADING_CHARS or ">" in line or line[0] in "(（—":
        return False
    return not re.search(r"[。,，;；:：!！?？]", line)


def _lead_of(line: str) -> str:
    """The inline heading of a paragraph, or '' when the paragraph opens with prose."""
    match = _LEAD_END.search(line)
    if not match:
        return ""
    head = line[: match.start()]
    if _SUB_NUMBERED.match(line) or (len(head) <= MAX_LEAD_CHARS and match.group() == "。"):
        return head
    return ""


def is_bullet(line: str) -> bool:
    """A dash-led paragraph ("——经济运行总体平稳。…"): one item of a list that the paragraph
    before it introduces."""
    return line.startswith(_DASH)


def _opening_of(line: str) -> str:
    """What a paragraph opens with that may say which period it is about: a bullet's opening
    sentence ("——五年来,我们坚持…。": the review's paragraphs that sum up the five years under
    a heading that also names the last year), or prose's opening phrase of at most
    MAX_TIME_LEAD characters ("去年，…", "今年以来，…"). It is not made a heading (passages
    keep their section path); it only says which period they are about."""
    if is_bullet(line):
        match = _LEAD_END.search(line)
        return line[: match.start()].lstrip(_DASH) if match and match.group() == "。" else ""
    match = _PHRASE_END.search(line)
    return line[: match.start()] if match and match.start() <= MAX_TIME_LEAD and match.group() in ",，" else ""


def _spans(text: str):
    """Yield (start, end) of each line with its padding (spaces, NBSP) trimmed."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(_PAD)
        if stripped:
            start = pos + len(raw) - len(raw.lstrip(_PAD))
            yield start, start + len(stripped)
        pos += len(raw) + 1


def is_part_heading(line: str) -> bool:
    """A numbered heading of the outline's top levels (第一部分 …, 一、… without a sentence)."""
    if _PART.match(line):
        return len(line) <= 2 * MAX_HEADING_CHARS
    return bool(_TOP_NUMBERED.match(line)) and not _LEAD_END.search(line)


def is_salutation(line: str) -> bool:
    """'各位代表:' / '区人大常委会:' ends the front matter (title, date, venue lines)."""
    return len(line) <= MAX_LEAD_CHARS and line[-1] in ":："


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of ``text`` in order, headings included as their own paragraphs.

    Lines before the salutation are front matter (publication and delivery details), so
    they never open a section.
    """
    top, mid, in_body = "", "", False
    paragraphs: list[Paragraph] = []
    for start, end in _spans(text):
        line = text[start:end]
        if not in_body and not is_part_heading(line):
            in_body = is_salutation(line)
        elif _PART.match(line):
            in_body, top, mid = True, line, ""
        elif _TOP_NUMBERED.match(line) and not _LEAD_END.search(line):
            in_body, mid = True, line
        elif _is_heading(line):
            top, mid = line, ""
        lead = _lead_of(line) if in_body else ""
        section = tuple(part for part in (top, mid, lead) if part)
        front = not in_body and ">" not in line
        opening = _opening_of(line) if in_body else ""
        paragraphs.append(Paragraph(len(paragraphs) + 1, start, end, section, lead, front, opening))
    return paragraphs
