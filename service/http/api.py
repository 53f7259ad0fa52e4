"""JSON API under /api: ask, search, glossary, reports, figures."""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, g, jsonify, request

from service.engine import Engine, Reader
from service.http.errors import ApiError
from service.http.openapi import documented
from service.http.requests import check_question, check_top_k, parse
from service.http.schemas import (
    AskRequest,
    AskResponse,
    FiguresResponse,
    GlossaryItem,
    GlossaryResponse,
    ReportsResponse,
    SearchRequest,
    SearchResponse,
)

bp = Blueprint("api", __name__, url_prefix="/api")
INPUT_ERRORS = (400, 413, 415, 422, 503)


def engine() -> Engine:
    return current_app.extensions["qa_engine"]


def reader() -> Reader:
    """The index being served, for this request, or 503 while there is none."""
    current = engine().reader()
    if current is None:
        raise ApiError(503, f"the index is not loaded: {engine().error or 'still starting'}")
    g.index_version = current.version
    return current


@bp.after_request
def _index_header(response):
    """Name the index that answered, so a client (or a soak test) can tell which build it saw
    while a reload swaps them: the version of the retriever this request used, not the newest."""
    version = g.get("index_version")
    if version:
        response.headers["X-Index-Version"] = version
    return response


@bp.post("/ask")
@documented(
    "Answer a question with an extracted answer, passages, glossary and citations",
    "ask",
    request=AskRequest,
    response=AskResponse,
    errors=INPUT_ERRORS,
)
def ask_route():
    req = parse(AskRequest)
    current = reader()
    _check_report(current, req.report)
    result = current.ask(check_question(req.question), check_top_k(req.top_k), qid=req.id, report=req.report)
    return jsonify(result)


@bp.post("/search")
@documented(
    "Ranked passages only, for evaluation tools",
    "search",
    request=SearchRequest,
    response=SearchResponse,
    errors=INPUT_ERRORS,
)
def search_route():
    req = parse(SearchRequest)
    return jsonify(
        reader().search(check_question(req.question), check_top_k(req.top_k), qid=req.id, pipeline=req.pipeline)
    )


@bp.get("/glossary")
@documented(
    "Every glossary term with definitions, Traditional forms and English names",
    "glossary",
    response=GlossaryResponse,
    errors=(503,),
)
def glossary_route():
    return jsonify({"entries": reader().glossary()})


@bp.get("/glossary/<path:term>")
@documented(
    "One glossary term, named in Simplified, Traditional or English",
    "glossary",
    response=GlossaryItem,
    errors=(404, 503),
)
def glossary_term_route(term: str):
    entry = reader().glossary_entry(term)
    if entry is None:
        raise ApiError(404, f"no glossary term matches {term!r}; GET /api/glossary lists them all")
    return jsonify(entry)


@bp.get("/reports")
@documented("The reports in the index being served", "reports", response=ReportsResponse, errors=(503,))
def reports_route():
    return jsonify(reader().summary())


MAX_FIGURES = 1000
MAX_FILTER_CHARS = 100  # a metric or period longer than this names none: refused, not analysed
FIGURE_FILTERS = {
    "metric": "Part of the metric, in Chinese (either script) or in its English gloss, or its English name: "
    "生产总值, investment, GDP.",
    "period": "A period the figure speaks of: 2021, 上半年, first half of 2021, 十四五, 14th Five-Year Plan.",
    "report": "A report id (GET /api/reports lists them).",
    "limit": f"At most this many records (1–{MAX_FIGURES}, default 200).",
    "offset": "Skip this many matching records first (default 0): with limit, pages through them.",
    "format": "json (default) or csv; Accept: text/csv asks for CSV too.",
}


@bp.get("/figures")
@documented(
    "Figures of the reports, parsed at index time: filter by metric, period and report; JSON or CSV",
    "figures",
    response=FiguresResponse,
    errors=(400, 404, 503),
    query=FIGURE_FILTERS,
)
def figures_route():
    current = reader()
    args = {name: request.args.get(name, "") for name in FIGURE_FILTERS}
    limit, offset = _limit(args["limit"]), _offset(args["offset"])
    for name in ("metric", "period"):
        if len(args[name]) > MAX_FILTER_CHARS:
            raise ApiError(400, f"{name} is {len(args[name])} characters long; at most {MAX_FILTER_CHARS}")
    wanted = args["format"].lower() or ("csv" if request.accept_mimetypes.best == "text/csv" else "json")
    if wanted not in ("json", "csv"):
        raise ApiError(400, f"format must be json or csv, not {args['format']!r}")
    _check_report(current, args["report"])
    if not current.readable_period(args["period"]):
        raise ApiError(400, f"period {args['period']!r} names no year, half-year or plan period (e.g. 2021, 上半年)")
    records, total = current.figures(args["metric"], args["period"], args["report"], limit, offset)
    if wanted == "csv":
        return Response(current.figures_csv(records), mimetype="text/csv", headers={"X-Total-Count": str(total)})
    return jsonify({"index": current.version, "total": total, "figures": records})


def _offset(raw: str) -> int:
    if not raw:
        return 0
    if not re.fullmatch(r"[0-9]{1,7}", raw):
        raise ApiError(400, f"offset must be a whole number from 0, not {raw!r}")
    return int(raw)


def _limit(raw: str) -> int:
    if not raw:
        return 200
    if not re.fullmatch(r"[0-9]{1,4}", raw) or not 1 <= int(raw) <= MAX_FIGURES:
        raise ApiError(400, f"limit must be a whole number from 1 to {MAX_FIGURES}, not {raw!r}")
    return int(raw)


def _check_report(current, report: str | None) -> None:
    """A 404 for a report id the index being served does not hold."""
    if report and report not in {r.get("id") for r in current.reports()}:
        raise ApiError(404, f"no report {report!r} in this index; GET /api/reports lists them")
