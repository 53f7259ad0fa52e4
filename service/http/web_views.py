"""What the web page shows of an answer, a passage, a glossary entry and the reports, in the
script its reader reads: the engine's answer JSON turned into the template's values."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from markupsafe import Markup, escape

from index.normalize import in_script, to_simplified, to_traditional
from service.engine import Reader, ReportPage
from service.http.web_text import SCRIPTS, STRINGS

TOP_K = 5
GLOSSARY_EXAMPLES = 2  # without a corpus's own examples, ask what its first glossary terms mean


def highlight(text: str, terms: Iterable[str]) -> Markup:
    """``text`` escaped, with the terms wrapped in ``<mark>`` (longest first, any case, touching
    matches joined so 地区+生产总值 reads as one; a term that opens or ends with a digit never
    inside a longer number, so 7% is not marked in 4.7%, nor 2021 in 20215). Matching runs on
    the raw text and each piece is escaped on its own, so a term never matches inside an entity
    escaping made."""
    unique = sorted({t for t in terms if t}, key=len, reverse=True)
    if not unique:
        return escape(text)
    spans: list[list[int]] = []
    pattern = "|".join(
        (r"(?<![\d.])" if t[0].isdigit() else "") + re.escape(t) + (r"(?![\d.]\d|\d)" if t[-1].isdigit() else "")
        for t in unique
    )
    for match in re.finditer(pattern, text, re.IGNORECASE):
        if spans and spans[-1][1] == match.start():
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    pieces, last = [], 0
    for start, end in spans:
        pieces += [escape(text[last:start]), Markup("<mark>%s</mark>") % text[start:end]]
        last = end
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


_HAN = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e\U00020000-\U0002fa1f]"
# A run of Chinese with what is written inside it: figures (779.43亿元, 7%以上), brackets, ASCII
# marks of run-on text and quotation marks ((二)着力强攻坚、破难题,城市更新; 按下“加速键”).
_HAN_RUN = re.compile(rf"[\d.%(“‘]*{_HAN}(?:[\d.%(),:;“”‘’…·—]*{_HAN})*[)”’]?")


def lang_runs(text: str, script: str) -> Markup:
    """``text`` escaped, each run of Chinese inside it (an English line's 地区生产总值, 779.43亿元)
    wrapped in a span that says its language (Traditional for a reader of ``script`` zh-Hant,
    else Simplified), so that it is read and rendered as Chinese."""
    lang = "zh-Hant" if script == "zh-Hant" else "zh-Hans"
    pieces, last = [], 0
    for match in _HAN_RUN.finditer(text):
        pieces += [escape(text[last : match.start()]), Markup('<span lang="%s">%s</span>') % (lang, match.group())]
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


def question_terms(reader: Reader, question: str, script: str) -> list[str]:
    """The question's words as they appear in the passages (single characters are left out:
    they would light up half of every passage). In Traditional both forms match."""
    terms = reader.search_terms(question)
    return terms + [to_traditional(t) for t in terms] if script == "zh-Hant" else terms


def answer_view(result: dict, script: str, ui: str) -> dict:
    """The answer line (metric, period, value, in the asker's language), then the answer's
    clauses as evidence (a comparison has two), each with the answering figure marked and
    where it stands, and, for an English asker or reader, the figures' English renderings."""
    answering = [f for f in result["figures"] if f.get("answers")] or result["figures"]
    figures = [in_script(f["text"], script) for f in answering]  # only the answering figure, when one is known
    asked = result["language"]
    renderings = (
        [(in_script(f["text"], script), f["english"], f.get("label_en", "")) for f in result["figures"]]
        if "en" in (asked, script)
        else []
    )
    clauses = "；".join(part["text"] for part in result["answer_parts"])
    parts = [
        {
            "text": highlight(in_script(part["text"], script), figures),  # renderings are listed apart
            "citation": citation_view(part["citation"], script, ui),
        }
        for part in result["answer_parts"]
    ]
    # the line first, unless it is only the clause again (an answer that is not a figure; an English
    # reader's notes on it repeat the renderings listed below)
    line, line_lang = line_in_script(result["answer_line"], asked, script)
    again = in_script(clauses, script) == line or result["answer_line"] in clauses
    notes = result["answer_line"][len(clauses) :].strip(" []") if result["answer_line"].startswith(clauses) else ""
    shown_line = "" if again or result["answer_line"].startswith(clauses) else line
    return {
        "line": lang_runs(shown_line, script) if asked == "en" else shown_line,
        # an English reader's notes on a clause that is the answer (改造 = to transform): the line
        # is the clause again, so only its notes are shown, under the clause
        "notes": lang_runs(in_script(notes, script), script) if asked == "en" and notes else "",
        "line_lang": line_lang,
        "parts": parts,
        "renderings": renderings,
        "chart": bar_chart(result, script),
    }


def line_in_script(line: str, asked: str, script: str) -> tuple[str, str]:
    """The answer line and its language: an English line keeps its words (its Chinese in the
    script chosen for the reports' text); a Chinese line is written in the chosen script."""
    if asked == "en":
        return in_script(line, script), "en"
    if script == "en":
        return line, asked
    return (to_traditional(line) if script == "zh-Hant" else to_simplified(line)), script


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


CHART_WIDTH = 240  # px of the longest bar


def bar_chart(result: dict, script: str) -> list[dict]:
    """Bars for a comparison whose sides each give the answering figure in one unit (a plan
    and its result): each bar's label (its report's date and the figure as written), and
    its width against the larger; none otherwise (a series of one reads better as words)."""
    answering = [f for f in result["figures"] if f.get("answers")]
    if len(answering) != 2 or len(result["answer_parts"]) != 2 or answering[0]["unit"] != answering[1]["unit"]:
        return []
    values = [Decimal(f["value"]) for f in answering]
    top = max(values)
    if top <= 0 or min(values) < 0:
        return []
    dates = [_date_of(result, part) for part in result["answer_parts"]]
    return [
        {"label": f"{date} {in_script(f['text'], script)}".strip(), "width": max(2, round(CHART_WIDTH * v / top))}
        for date, f, v in zip(dates, answering, values)
    ]


def _date_of(result: dict, part: dict) -> str:
    """The date of the report an answer part stands in (its passage's)."""
    passage = part["citation"]["passage"]
    return next((p["date"] for p in result["passages"] if p["id"] == passage), "")


def passage_view(passage: dict, own: bool, script: str, terms: list[str], titles_en: dict[str, str], ui: str) -> dict:
    """One passage as shown: text in the reader's script with the question's words marked, and
    where it stands (the report page's address, the citation to copy)."""
    text = passage["display_text"] if own else in_script(passage["text"], script)
    sections = [in_script(s.strip(), script) for s in passage["section"].split("›") if s.strip()]
    where = citation_view(passage, script, ui)
    return {
        "id": passage["id"],
        "title": where["title"],
        "title_en": titles_en.get(passage["doc"], ""),
        "date": passage["date"],
        "sections": sections,
        "paragraph": passage["paragraph"],
        "text": highlight(text, terms),
        "url": where["url"],
        "reference": where["reference"],
    }


def glossary_view(item: dict, own: bool, script: str) -> dict:
    """A glossary card: the term in both scripts, its English names and both definitions."""
    definition = item["display_definition"] if own else in_script(item["definition"], script)
    term, traditional = item["term"], to_traditional(item["term"])
    main, other, other_script = (traditional, term, "Hans") if script == "zh-Hant" else (term, traditional, "Hant")
    return {
        "term": main,
        "other": other if other != main else "",
        "other_script": other_script,
        "english": item["english"],
        "definition": definition,
        "definition_en": item["definition_en"],
        "source": item["source"],
    }


def described(reader: Reader | None, ui: str, traditional: bool, t: dict[str, str]) -> str:
    """The reports the page answers from, by their titles (in English: their English titles)."""
    reports = reader.reports() if reader else []
    if not reports:
        return t["no_reports"]
    if ui == "en":
        return t["reports_sep"].join(r.get("title_en") or r["title"] for r in reports)
    titles = [f"《{r['title']}》" + (f"（{r['date'][:4]}）" if r.get("date") else "") for r in reports]
    return t["reports_sep"].join(in_script(x, "zh-Hant" if traditional else "zh-Hans") for x in titles)


def examples(reader: Reader | None) -> dict[str, list[str]]:
    """Questions to try: the corpus's own (examples.json, kept in the index manifest), else
    what its first glossary terms mean; none before the reports are loaded."""
    if reader is None:
        return {}
    own = reader.examples()
    if own:
        return {script: list(own.get(script, [])) for script in SCRIPTS if own.get(script)}
    terms = reader.glossary_terms(GLOSSARY_EXAMPLES)
    english = [entry["english"][0] for entry in map(reader.glossary_entry, terms) if entry and entry["english"]]
    found = {
        "en": [f"What is {name}?" for name in english],
        "zh-Hans": [f"什么是{term}？" for term in terms],
        "zh-Hant": [f"什麼是{to_traditional(term)}？" for term in terms],
    }
    return {script: questions for script, questions in found.items() if questions}


def result_view(reader: Reader, question: str, lang: str, ui: str) -> dict:
    """Everything the result part of the page shows, in the script the reader reads (the
    page's own words in ``ui``)."""
    result = reader.ask(question, TOP_K)
    script = lang if lang in SCRIPTS else result["language"]
    own = script == result["language"]
    terms = question_terms(reader, question, script)
    reports = reader.reports()
    titles_en = {r["id"]: r.get("title_en") or r.get("kind", "").capitalize() for r in reports}
    return {
        "language": result["language"],
        "script": script,
        "confident": result["confident"],
        "verdict": result["verdict"],
        "doubt": result["doubt"] and result["doubt"]["code"],
        "answer": answer_view(result, script, ui),
        "passages": [passage_view(p, own, script, terms, titles_en, ui) for p in below_the_answer(result)],
        "glossary": [glossary_view(g, own, script) for g in _named(result)],
    }


def below_the_answer(result: dict) -> list[dict]:
    """The passages to list under an answer: not the ones the answer quotes, nor one that mostly
    repeats a passage kept before it (overlapping windows of one paragraph). Not found, the
    closest passages are all listed, overlaps still left out."""
    quoted = set() if result["verdict"] == "not_found" else {p["citation"]["passage"] for p in result["answer_parts"]}
    kept = [p for p in result["passages"] if p["id"] in quoted]
    return [p for p in distinct(result["passages"], kept) if p["id"] not in quoted]


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


def _named(result: dict) -> list[dict]:
    """Glossary cards for the terms the question or the answer names, not every term some
    passage happens to use (a GDP question does not need a card for an unrelated term)."""
    answer = "".join(part["text"] for part in result["answer_parts"]) if result["verdict"] != "not_found" else ""
    return [
        g
        for g in result["glossary"]
        if g["source"] == "question" or any(name and name in answer for name in (g["term"], *g["aliases"]))
    ]
