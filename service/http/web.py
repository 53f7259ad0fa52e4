"""The web pages' routes: ``/`` (ask in a plain form, read the answer, its passages and
glossary) and ``/reports/<id>`` (a report, whole, a cited span marked). Their words are in
``web_text``, what they show of an answer in ``web_views``.

Rendered on the server so it works with JavaScript disabled and on any phone: the form is a
GET to ``/`` (``q``, optional ``lang``), so every answer has a URL that can be shared. The
page speaks the browser's language (English or Chinese, ``?ui=`` switches) and shows the
reports' text in the asker's script. Everything shown is escaped: highlights are built from
escaped pieces with ``<mark>`` around them, never by pasting raw text into markup.
"""

from __future__ import annotations

import logging
from functools import partial

from flask import Blueprint, current_app, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from index.normalize import in_script
from service.engine import Engine
from service.http.api import engine
from service.http.citations import cited_reference
from service.http.openapi import documented
from service.http.requests import question_problem
from service.http.web_text import LANG_NAMES, REPORT_SCRIPTS, SCRIPTS, strings, ui_choice
from service.http.web_views import described, examples, report_choices, result_view

bp = Blueprint("web", __name__)
log = logging.getLogger("service.http.web")


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
    asked = {"q": page.get("question"), "lang": page.get("lang"), "report": page.get("report")}
    args = {k: v for k, v in asked.items() if v}  # kept by the switch to the other page language
    html_lang = "en" if ui == "en" else ("zh-Hant" if traditional else "zh-Hans")
    t = strings(ui, traditional)
    if result and result["doubt"]:
        result["doubt_message"] = Engine.doubt_message(result["doubt"], html_lang, result["doubt_terms"])
    if "error" in page:
        key, values = page["error"]
        page["message"] = t[key].format(**values)
    current = engine().reader()
    reports = report_choices(current, ui, traditional)
    lead = t["lead"].format(reports=described(reports, t))
    html = render_template(
        "index.html",
        ui=ui,
        html_lang=html_lang,
        t={**t, "lead": lead},
        page=page,
        report_scripts=REPORT_SCRIPTS,
        reports=reports,
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
        "report": "a report id (GET /api/reports lists them) whose passages are read first (404 page if unknown)",
        "ui": "page language, en or zh (default: from Accept-Language)",
    },
)
def page() -> tuple[str, int]:
    """Show the form, or answer ``q``; bad input gets a friendly page with a 4xx status."""
    question = request.args.get("q")
    lang = request.args.get("lang", "")
    asked = {"question": question, "lang": lang if lang in SCRIPTS else "", "report": request.args.get("report", "")}
    if question is None:
        return render(**asked)
    problem = page_problem(question)
    if problem:
        status, key, values = problem
        return render(status, **asked, error=(key, values))
    current = engine().reader()
    if current is None:
        return render(503, **asked, error=("unavailable", {}))
    if asked["report"] and asked["report"] not in {r.get("id") for r in current.reports()}:
        return render(404, **asked, error=("no_report", {}))
    return render(**asked, result=result_view(current, question, asked["lang"], ui_choice()[0], asked["report"]))


@bp.get("/reports/<doc>")
@documented(
    "A report, whole, with its headings; start and end mark a cited span (every citation's url)",
    "web",
    content_type="text/html",
    query={
        "start": "first character of the cited span",
        "end": "character after it",
        "lang": "show the report in zh-Hans or zh-Hant (default: the reader's script)",
        "ui": "page language, en or zh",
    },
    errors=(404,),
)
def report(doc: str) -> tuple[str, int]:
    """The report page a citation opens: the cited span marked and scrolled into view
    (the link's #cited fragment; the page needs no script), in the script the reader reads."""
    ui, traditional = ui_choice()
    wanted = request.args.get("lang", "")
    script = wanted if wanted in REPORT_SCRIPTS else "zh-Hant" if traditional else "zh-Hans"
    t = strings(ui, script == "zh-Hant")
    current = engine().reader()
    if current is None:
        return render(503, error=("unavailable", {}))
    start, end = _offset("start"), _offset("end")
    page = current.report(doc, start, end)
    if page is None:
        return render(404, error=("no_report", {}))
    kept = {**_span_args(start, end), **({"lang": wanted} if wanted in REPORT_SCRIPTS else {})}
    html = render_template(
        "report.html",
        ui=ui,
        html_lang="en" if ui == "en" else script,
        t=t,
        report=page,
        script=script,
        shown=partial(in_script, script=script),
        cite_as=cited_reference(page, script, ui),
        asked_span=start is not None and end is not None,
        switch_url=url_for("web.report", doc=doc, ui="zh" if ui == "en" else "en", **kept),
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
