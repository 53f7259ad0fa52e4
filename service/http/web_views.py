"""What the web page shows of an answer, a passage, a glossary entry and the reports, in the
script its reader reads: the engine's answer JSON turned into the template's values."""

from __future__ import annotations

from decimal import Decimal

from index.normalize import in_script, to_simplified, to_traditional
from service.engine import Reader
from service.http.citations import below_the_answer, citation_view
from service.http.marking import highlight, lang_runs
from service.http.web_text import SCRIPTS, chinese_of

TOP_K = 5
GLOSSARY_EXAMPLES = 2  # without a corpus's own examples, ask what its first glossary terms mean


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


CHART_WIDTH = 240  # px of the longest bar


def bar_chart(result: dict, script: str) -> list[dict]:
    """Bars for a comparison whose sides each give the answering figure in one unit (a plan
    and its result): each bar's label (its report's date and the figure as written, in English
    for an English asker), and its width against the larger; none otherwise (a series of one
    reads better as words)."""
    answering = [f for f in result["figures"] if f.get("answers")]
    if len(answering) != 2 or len(result["answer_parts"]) != 2 or answering[0]["unit"] != answering[1]["unit"]:
        return []
    values = [Decimal(f["value"]) for f in answering]
    top = max(values)
    if top <= 0 or min(values) < 0:
        return []
    dates = [_date_of(result, part) for part in result["answer_parts"]]
    english = result["language"] == "en"
    return [
        {
            "label": f"{date} {f['english'] if english else in_script(f['text'], script)}".strip(),
            "width": max(2, round(CHART_WIDTH * v / top)),
        }
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


def described(choices: list[tuple[str, str]], t: dict[str, str]) -> str:
    """The reports the page answers from, by the names ``report_choices`` gives them."""
    return t["reports_sep"].join(name for _, name in choices) if choices else t["no_reports"]


def report_choices(reader: Reader | None, ui: str, traditional: bool) -> list[tuple[str, str]]:
    """(id, name) of each report the page answers from: its English title for an English page,
    else 《its title》 and year in the reader's script; none before the reports are loaded."""
    reports = reader.reports() if reader else []
    if ui == "en":
        return [(r["id"], r.get("title_en") or r["title"]) for r in reports]
    script = "zh-Hant" if traditional else "zh-Hans"
    return [
        (r["id"], in_script(f"《{r['title']}》" + (f"（{r['date'][:4]}）" if r.get("date") else ""), script))
        for r in reports
    ]


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


def result_view(reader: Reader, question: str, lang: str, ui: str, report: str = "") -> dict:
    """Everything the result part of the page shows, in the script the reader reads (the
    page's own words in ``ui``); with ``report``, that report's passages read first."""
    result = reader.ask(question, TOP_K, report=report or None)
    script = lang if lang in SCRIPTS else result["language"]
    own = script == result["language"]
    terms = question_terms(reader, question, script)
    reports = reader.reports()
    titles_en = {r["id"]: r.get("title_en") or r.get("kind", "").capitalize() for r in reports}
    return {
        "language": result["language"],
        "script": script,
        "text_lang": chinese_of(script),  # the lang of the reports' text as shown
        "confident": result["confident"],
        "verdict": result["verdict"],
        "doubt": result["doubt"] and result["doubt"]["code"],
        "doubt_terms": (result["doubt"] or {}).get("terms", []),
        "answer": answer_view(result, script, ui),
        "passages": [passage_view(p, own, script, terms, titles_en, ui) for p in below_the_answer(result)],
        "glossary": [glossary_view(g, own, script) for g in _named(result)],
    }


def _named(result: dict) -> list[dict]:
    """Glossary cards for the terms the question or the answer names, not every term some
    passage happens to use (a GDP question does not need a card for an unrelated term)."""
    answer = "".join(part["text"] for part in result["answer_parts"]) if result["verdict"] != "not_found" else ""
    return [
        g
        for g in result["glossary"]
        if g["source"] == "question" or any(name and name in answer for name in (g["term"], *g["aliases"]))
    ]
