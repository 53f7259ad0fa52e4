"""The web page at ``/``: ask in a plain form, read the answer, its passages and glossary.

Rendered on the server so it works with JavaScript disabled and on any phone: the form is a
GET to ``/`` (``q``, optional ``lang``), so every answer has a URL that can be shared. The
page speaks the browser's language (English or Chinese, ``?ui=`` switches) and shows the
reports' text in the asker's script. Everything shown is escaped: highlights are built from
escaped pieces with ``<mark>`` around them, never by pasting raw text into markup.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

from flask import Blueprint, current_app, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from index.normalize import in_script, to_traditional
from service.engine import Engine, Reader
from service.http.api import engine
from service.http.openapi import documented
from service.http.requests import question_problem

bp = Blueprint("web", __name__)
log = logging.getLogger("service.http.web")
TOP_K = 5
SCRIPTS = ("en", "zh-Hans", "zh-Hant")
TRADITIONAL_REGIONS = ("tw", "hk", "mo", "hant")

GLOSSARY_EXAMPLES = 2  # without a corpus's own examples, ask what its first glossary terms mean

STRINGS = {
    "en": {
        "title": "Ask the government reports",
        "switch": "中文",
        "switch_label": "切换到中文",
        "lead": "Ask in English or Chinese about {reports}. "
        "Answers are quoted from the reports, with the passages they come from.",
        "reports_sep": "; ",
        "no_reports": "the reports (not loaded yet)",
        "label": "Your question",
        "placeholder": "e.g. GDP growth target for 2021?",
        "ask": "Ask",
        "lang": "Show report text in",
        "auto": "the question's language",
        "examples": "Try an example",
        "answer": "Answer",
        "english": "Figures in English",
        "source": "Source",
        "passages": "Passages",
        "closest": "Closest passages (they may not answer the question)",
        "glossary": "Glossary",
        "not_found": "The reports do not say",
        "not_found_detail": "No passage of the reports answers this question with confidence.",
        "uncertain": "This may not answer the question: check the passage.",
        "dated": "Report dated",
        "paragraph": "paragraph {n}",
        "open": "Open in the report",
        "cite_as": "Cite as",
        "back": "Back to the questions",
        "no_report": "There is no such report.",
        "cited_missing": "The cited span is not in this report's text.",
        "Hant": "Traditional",
        "Hans": "Simplified",
        "en_names": "English",
        "definition_en": "In English",
        "source_question": "named in your question",
        "source_passages": "used in the passages",
        "empty": "Please type a question, in English or Chinese.",
        "too_long": "That question is {n} characters long; please keep it to {limit} characters.",
        "unavailable": "The reports are not loaded yet; please try again in a minute.",
        "failed": "Something went wrong on our side (it has been logged). Please try again.",
        "refused": "That request could not be handled (HTTP {code}); please ask again with the form.",
        "footer": "Answers are extracted from the reports, never written by a model. API:",
    },
    "zh": {
        "title": "政府报告问答",
        "switch": "English",
        "switch_label": "Switch to English",
        "lead": "用中文或英文提问，内容来自{reports}。答案摘自报告原文，并附出处段落。",
        "reports_sep": "、",
        "no_reports": "报告（尚未加载）",
        "label": "你的问题",
        "placeholder": "例如:2021年GDP预期增长多少?",
        "ask": "提问",
        "lang": "报告原文显示",
        "auto": "与问题相同",
        "examples": "试试这些问题",
        "answer": "答案",
        "english": "数字的英文表达",
        "source": "出处",
        "passages": "相关段落",
        "closest": "最接近的段落(未必回答了这个问题)",
        "glossary": "名词注释",
        "not_found": "报告中没有找到答案",
        "not_found_detail": "报告中没有能可靠回答这个问题的段落。",
        "uncertain": "这未必回答了问题,请核对原文段落。",
        "dated": "报告日期",
        "paragraph": "第 {n} 段",
        "open": "在报告中查看",
        "cite_as": "引用",
        "back": "返回提问",
        "no_report": "没有这份报告。",
        "cited_missing": "报告原文中没有引用的这一段。",
        "Hant": "繁体",
        "Hans": "简体",
        "en_names": "英文",
        "definition_en": "英文释义",
        "source_question": "问题中提到",
        "source_passages": "段落中用到",
        "empty": "请输入问题(中文或英文均可)。",
        "too_long": "问题共 {n} 个字符,最多可输入 {limit} 个字符,请缩短后再试。",
        "unavailable": "报告索引尚未加载,请稍后再试。",
        "failed": "服务出错了(已记录),请稍后再试。",
        "refused": "无法处理这个请求(HTTP {code}),请用上面的表单重新提问。",
        "footer": "答案均摘自报告原文,不由模型生成。接口文档:",
    },
}
LANG_NAMES = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}


@lru_cache(maxsize=2)
def _strings_traditional() -> dict[str, str]:
    """Chinese UI strings in Traditional, for readers who write Traditional."""
    return {key: to_traditional(value) for key, value in STRINGS["zh"].items()}


def ui_choice() -> tuple[str, bool]:
    """(page language, prefers Traditional): ``?ui=`` wins, else the first English or Chinese
    tag of Accept-Language (in quality order), else English. zh-TW/HK/MO/Hant read Traditional."""
    tags = (tag.lower() for tag, _quality in request.accept_languages)
    first = next((tag for tag in tags if tag.startswith(("en", "zh"))), "en")
    traditional = first.startswith("zh") and first.split("-")[-1] in TRADITIONAL_REGIONS
    wanted = request.args.get("ui", "")
    return (wanted if wanted in STRINGS else first[:2]), traditional


def strings(ui: str, traditional: bool) -> dict[str, str]:
    """The page's words; Chinese in Traditional for readers who read Traditional."""
    return _strings_traditional() if ui == "zh" and traditional else STRINGS[ui]


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
    """The answer's clauses (a comparison has two), each with its figures marked and where
    it stands, and the figures' English renderings."""
    figures = [in_script(f["text"], script) for f in result["figures"]]
    renderings = [(f["text"], f["english"]) for f in result["figures"]] if script == "en" else []
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
    return {"parts": parts, "renderings": renderings}


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


def page_problem(question: str) -> tuple[int, str, dict] | None:
    """Why a question cannot be asked, as the API decides it, with the page's status: an
    empty form is a 400, an overlong question a 422."""
    problem = question_problem(question)
    return (422 if problem[0] == "too_long" else 400, *problem) if problem else None


def render(status: int = 200, **page) -> tuple[str, int]:
    """The page in the reader's language; ``page`` holds the question, result or error."""
    ui, traditional = ui_choice()
    result = page.get("result")
    traditional = traditional or bool(result and result["script"] == "zh-Hant")
    other = "zh" if ui == "en" else "en"
    args = {k: v for k, v in (("q", page.get("question")), ("lang", page.get("lang"))) if v}
    html_lang = "en" if ui == "en" else ("zh-Hant" if traditional else "zh-Hans")
    t = strings(ui, traditional)
    if result and result["doubt"]:
        result["doubt_message"] = Engine.doubt_message(result["doubt"], html_lang)
    if "error" in page:
        key, values = page["error"]
        page["message"] = t[key].format(**values)
    current = engine().reader()
    lead = t["lead"].format(reports=described(current, ui, traditional, t))
    html = render_template(
        "index.html",
        ui=ui,
        html_lang=html_lang,
        t={**t, "lead": lead},
        page=page,
        scripts=SCRIPTS,
        lang_names=LANG_NAMES,
        examples=examples(current),
        switch_url=url_for("web.page", ui=other, **args),
        max_chars=current_app.config["QA"].max_question_chars,
    )
    return html, status


@bp.get("/")
@documented(
    "The web page: a question form (works without JavaScript) and, with q, the answer, passages and glossary",
    "web",
    content_type="text/html",
    query={
        "q": "the question, in English, Simplified or Traditional Chinese (400 page if empty, 422 if too long)",
        "lang": "show report text in en, zh-Hans or zh-Hant (default: the question's script)",
        "ui": "page language, en or zh (default: from Accept-Language)",
    },
)
def page() -> tuple[str, int]:
    """Show the form, or answer ``q``; bad input gets a friendly page with a 4xx status."""
    question = request.args.get("q")
    lang = request.args.get("lang", "")
    lang = lang if lang in SCRIPTS else ""
    if question is None:
        return render()
    problem = page_problem(question)
    if problem:
        status, key, values = problem
        return render(status, question=question, lang=lang, error=(key, values))
    current = engine().reader()
    if current is None:
        return render(503, question=question, lang=lang, error=("unavailable", {}))
    return render(question=question, lang=lang, result=result_view(current, question, lang))


@bp.get("/reports/<doc>")
@documented(
    "A report, whole, with its headings; start and end mark a cited span (every citation's url)",
    "web",
    content_type="text/html",
    query={"start": "first character of the cited span", "end": "character after it", "ui": "page language, en or zh"},
    errors=(404,),
)
def report(doc: str) -> tuple[str, int]:
    """The report page a citation opens: the cited span marked and scrolled into view
    (the link's #cited fragment; the page needs no script)."""
    ui, traditional = ui_choice()
    t = strings(ui, traditional)
    current = engine().reader()
    if current is None:
        return render(503, error=("unavailable", {}))
    start, end = _offset("start"), _offset("end")
    page = current.report(doc, start, end)
    if page is None:
        return render(404, error=("no_report", {}))
    html = render_template(
        "report.html",
        ui=ui,
        html_lang="en" if ui == "en" else "zh-Hans",
        t=t,
        report=page,
        asked_span=start is not None and end is not None,
        switch_url=url_for("web.report", doc=doc, ui="zh" if ui == "en" else "en", **_span_args(start, end)),
    )
    return html, 200


def _offset(name: str) -> int | None:
    """A character offset from the query string; None when absent or not a whole number."""
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) <= 9 else None


def _span_args(start: int | None, end: int | None) -> dict[str, int]:
    return {"start": start, "end": end} if start is not None and end is not None else {}


@bp.errorhandler(Exception)
def failed(exc: Exception) -> tuple[str, int]:
    """An error inside the page is shown as a page (the app's handlers answer in JSON)."""
    if isinstance(exc, HTTPException) and (exc.code or 500) < 500:
        return render(exc.code or 400, error=("refused", {"code": exc.code}))
    log.exception("web page failed")
    return render(500, error=("failed", {}))
