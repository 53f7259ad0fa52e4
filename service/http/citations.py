"""Where an answer and its passages stand, as the page and chat show it: the report page's
address, the citation to copy in the reader's language, and the passages listed without
repeating each other or the answer."""

from __future__ import annotations

from markupsafe import Markup, escape

from index.normalize import in_script
from service.engine import ReportPage
from service.http.marking import lang_runs
from service.http.web_text import STRINGS


def citation_view(citation: dict, script: str, ui: str) -> dict:
    """Where an answer part or a passage stands, as the page shows it: the report's title and
    section in the reader's script, the report page's address (showing that script), and the
    citation to copy in the page's language."""
    title, section = in_script(citation["title"], script), in_script(citation["section"], script)
    return {
        "passage": citation.get("passage", citation.get("id")),
        "title": title,
        "section": section,
        "url": report_url(citation["url"], script),
        "reference": reference_text(citation, title, section, script, ui),
    }


def reference_text(citation: dict, title: str, section: str, script: str, ui: str) -> Markup:
    """'title › section, paragraph n, characters a–b' in the page's language (Chinese:
    《title》 › section，第n段，第a–b字), its Chinese marked as such on an English page."""
    values = {"n": citation["paragraph"], "start": citation["start"], "end": citation["end"]}
    if ui == "en":
        where = f"{title} › {section}" if section else title
        return lang_runs(STRINGS["en"]["reference"].format(where=where, **values), script)
    where = f"《{title}》 › {section}" if section else f"《{title}》"
    return escape(in_script(STRINGS["zh"]["reference"].format(where=where, **values), script))


def cited_reference(page: ReportPage, script: str, ui: str) -> Markup | str:
    """The citation to copy for the span a report page marks (its report, the paragraph it
    opens in, its offsets as marked); "" when nothing is marked."""
    first = next((b for b in page.blocks if any(piece.marked for piece in b.pieces)), None)
    if first is None or page.span is None:
        return ""
    citation = {"paragraph": first.number, "start": page.span[0], "end": page.span[1]}
    return reference_text(citation, in_script(page.title, script), "", script, ui)


def report_url(url: str, script: str) -> str:
    """A report page's address that shows the report in Traditional for a reader of Traditional."""
    if script != "zh-Hant":
        return url
    path, hash_mark, fragment = url.partition("#")
    return f"{path}{'&' if '?' in path else '?'}lang=zh-Hant{hash_mark}{fragment}"


def quoted(result: dict) -> list[dict]:
    """The passages the answer quotes (none when the reports are said not to hold it)."""
    if result["verdict"] == "not_found":
        return []
    cited = {part["citation"]["passage"] for part in result["answer_parts"]}
    return [p for p in result["passages"] if p["id"] in cited]


def below_the_answer(result: dict) -> list[dict]:
    """The passages to list under an answer: not the ones the answer quotes, nor one that mostly
    repeats a passage kept before it (overlapping windows of one paragraph). Not found, the
    closest passages are all listed, overlaps still left out."""
    shown = quoted(result)
    return [p for p in distinct(result["passages"], shown) if p not in shown]


def distinct(passages: list[dict], first: list[dict] | None = None) -> list[dict]:
    """The passages in order, leaving out each one that mostly repeats (_mostly_overlap) a
    passage of ``first`` (always kept: what the answer quotes) or one kept before it."""
    kept = list(first or [])
    out = []
    for p in passages:
        if p in kept:
            out.append(p)
        elif not any(_mostly_overlap(p, k) for k in kept):
            kept.append(p)
            out.append(p)
    return out


def _mostly_overlap(a: dict, b: dict) -> bool:
    """Do two passages of one report share more than half of the shorter one's characters?"""
    if a["doc"] != b["doc"] or a is b:
        return False
    shared = min(a["end"], b["end"]) - max(a["start"], b["start"])
    return shared > min(a["end"] - a["start"], b["end"] - b["start"]) / 2
