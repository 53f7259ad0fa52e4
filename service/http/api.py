"""JSON API under /api: ask, search, glossary, reports."""

from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify

from service.engine import Engine, Reader
from service.http.errors import ApiError
from service.http.openapi import documented
from service.http.requests import check_question, check_top_k, parse
from service.http.schemas import (
    AskRequest,
    AskResponse,
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
    result = reader().ask(check_question(req.question), check_top_k(req.top_k), qid=req.id)
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
