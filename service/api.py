"""JSON API under /api: ask, search, glossary, reports."""

from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify

from service.errors import ApiError
from service.openapi import documented
from service.requests import check_question, check_top_k, parse
from service.respond import ask, glossary_item, search
from service.retrieval import Retriever
from service.schemas import (
    AskRequest,
    AskResponse,
    GlossaryItem,
    GlossaryResponse,
    ReportsResponse,
    SearchRequest,
    SearchResponse,
)
from service.state import QAState

bp = Blueprint("api", __name__, url_prefix="/api")
INPUT_ERRORS = (400, 413, 415, 422, 503)


def qa_state() -> QAState:
    return current_app.extensions["qa_state"]


def retriever() -> Retriever:
    """The index being served, or 503 while there is none."""
    state = qa_state()
    current = state.retriever
    if current is None:
        raise ApiError(503, f"the index is not loaded: {state.error or 'still starting'}")
    g.index_version = current.bundle.version
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
    result = ask(retriever(), check_question(req.question), check_top_k(req.top_k), qid=req.id)
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
        search(retriever(), check_question(req.question), check_top_k(req.top_k), qid=req.id, pipeline=req.pipeline)
    )


@bp.get("/glossary")
@documented(
    "Every glossary term with definitions, Traditional forms and English names",
    "glossary",
    response=GlossaryResponse,
    errors=(503,),
)
def glossary_route():
    return jsonify({"entries": [glossary_item(e) for e in retriever().bundle.glossary]})


@bp.get("/glossary/<path:term>")
@documented(
    "One glossary term, named in Simplified, Traditional or English",
    "glossary",
    response=GlossaryItem,
    errors=(404, 503),
)
def glossary_term_route(term: str):
    entry = retriever().matcher.get(term)
    if entry is None:
        raise ApiError(404, f"no glossary term matches {term!r}; GET /api/glossary lists them all")
    return jsonify(glossary_item(entry))


@bp.get("/reports")
@documented("The reports in the index being served", "reports", response=ReportsResponse, errors=(503,))
def reports_route():
    bundle = retriever().bundle
    return jsonify(
        {"index": bundle.version, "chunks": len(bundle.chunks), "reports": bundle.manifest.get("reports", [])}
    )
