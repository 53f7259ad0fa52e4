"""What the web page shows of an answer, a passage, a glossary entry and the reports, in the
script its reader reads: the engine's answer JSON turned into the template's values."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from markupsafe import Markup, escape

from index.normalize import in_script, to_traditional
from service.engine import Reader
from service.http.web_text import SCRIPTS

TOP_K = 5
GLOSSARY_EXAMPLES = 2  # without a corpus's own examples, ask what its first glossary terms mean


def highlight(text: str, terms: Iterable[str]) -> Markup:
    """``text`` escaped, with the terms wrapped in ``<mark>`` (longest first, any case, touching
    matches joined so 地区+生产总值 reads as one). Matching runs on the raw text and each
    piece is escaped on its own, so a term never matches inside an entity escaping made."""
    unique = sorted({t for t in terms if t}, key=len, reverse=True)
    if not unique:
        return escape(text)
    spans: list[list[int]] = []
    for match in re.finditer("|".join(re.escape(t) for t in unique), text, re.IGNORECASE):
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


def question_terms(reader: Reader, question: str, script: str) -> list[str]:
    """The question's words as they appear in the passages (single characters are left out:
    they would light up half of every passage). In Traditional both forms match."""
    terms = reader.search_terms(question)
    return terms + [to_traditional(t) for t in terms] if script == "zh-Hant" else terms


def answer_view(result: dict, script: str) -> dict:
    """The answer line (metric, period, value, in the asker's language), then the answer's
    clauses as evidence (a comparison has two), each with the answering figure marked and
    where it stands, and the figures' English renderings."""
    answering = [f for f in result["figures"] if f.get("answers")] or result["figures"]
    figures = [in_script(f["text"], script) for f in answering]  # only the answering figure, when one is known
    renderings = [(f["text"], f["english"], f.get("label_en", "")) for f in result["figures"]] if script == "en" else []
    clauses = "；".join(part["text"] for part in result["answer_parts"])
    line = result["answer_line"] if script == "en" else in_script(result["answer_line"], script)
    parts = [
        {
            "text": highlight(in_script(part["text"], script), figures),  # renderings are listed apart
            "citation": {
                "passage": part["citation"]["passage"],
                "title": in_script(part["citation"]["title"], script),
                "section": in_script(part["citation"]["section"], script),
                "url": part["citation"]["url"],
                "reference": in_script(part["citation"]["reference"], script),
            },
        }
        for part in result["answer_parts"]
    ]
    # the line first, unless it is only the clause again (an answer that is not a figure; an English
    # reader's notes on it repeat the renderings listed below)
    again = in_script(clauses, script) == line or result["answer_line"] in clauses
    shown_line = "" if again or result["answer_line"].startswith(clauses) else line
    chart = bar_chart(result, script)
    asked = result["language"]
    line_lang = "en" if asked == "en" else asked if script == "en" else script
    return {"line": shown_line, "line_lang": line_lang, "parts": parts, "renderings": renderings, "chart": chart}


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


def passage_view(passage: dict, own: bool, script: str, terms: list[str], titles_en: dict[str, str]) -> dict:
    """One passage as shown: text in the reader's script with the question's words marked."""
    text = passage["display_text"] if own else in_script(passage["text"], script)
    sections = [in_script(s.strip(), script) for s in passage["section"].split("›") if s.strip()]
    return {
        "id": passage["id"],
        "title": in_script(passage["title"], script),
        "title_en": titles_en.get(passage["doc"], ""),
        "date": passage["date"],
        "sections": sections,
        "paragraph": passage["paragraph"],
        "text": highlight(text, terms),
        "url": passage["url"],
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


def result_view(reader: Reader, question: str, lang: str) -> dict:
    """Everything the result part of the page shows, in the script the reader reads."""
    result = reader.ask(question, TOP_K)
    script = lang if lang in SCRIPTS else result["language"]
    own = script == result["language"]
    terms = question_terms(reader, question, script)
    reports = reader.reports()
    titles_en = {r["id"]: r.get("title_en") or r.get("kind", "").capitalize() for r in reports}
    shown = _below_the_answer(result)
    return {
        "language": result["language"],
        "script": script,
        "confident": result["confident"],
        "verdict": result["verdict"],
        "doubt": result["doubt"] and result["doubt"]["code"],
        "answer": answer_view(result, script),
        "passages": [passage_view(p, own, script, terms, titles_en) for p in shown],
        "glossary": [glossary_view(g, own, script) for g in _named(result)],
    }


def _below_the_answer(result: dict) -> list[dict]:
    """The passages to list under an answer: not the ones the answer already quotes."""
    if result["verdict"] == "not_found":
        return result["passages"]
    quoted = {part["citation"]["passage"] for part in result["answer_parts"]}
    return [p for p in result["passages"] if p["id"] not in quoted]


def _named(result: dict) -> list[dict]:
    """Glossary cards for the terms the question or the answer names, not every term some
    passage happens to use (a GDP question does not need a card for an unrelated term)."""
    answer = "".join(part["text"] for part in result["answer_parts"]) if result["verdict"] != "not_found" else ""
    return [
        g
        for g in result["glossary"]
        if g["source"] == "question" or any(name and name in answer for name in (g["term"], *g["aliases"]))
    ]
