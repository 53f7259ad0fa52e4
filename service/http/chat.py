"""OpenAI-compatible chat interface under /v1, so that chat front-ends and the official
``openai`` clients can talk to the reports without an adapter.

Nothing is generated: the reply is the extracted answer of ``service.answering.respond.ask`` in the
asker's script, followed by numbered citations (or, when the reports do not seem to say, a
sentence saying so and the closest passages). The structured answer rides along in the
extra top-level field ``reports_qa``. Earlier user turns complete elliptic follow-ups
(``service.analysis.followup``). Errors under /v1 use OpenAI's ``{"error": {...}}`` shape, which its
clients turn into typed exceptions; the rest of the service keeps problem+json.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator

from flask import Blueprint, Response, current_app, jsonify, request
from flask.blueprints import BlueprintSetupState
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from index.normalize import clean, in_script, to_traditional
from service.engine import Resolution
from service.http.api import engine, reader
from service.http.chat_schemas import (
    MODEL_ID,
    ChatCompletion,
    ChatMessage,
    ChatRequest,
    ModelCard,
    ModelList,
    chunk,
    completion,
    model_card,
    new_id,
    openai_error,
    usage,
    validation_error,
)
from service.http.errors import ApiError, problem
from service.http.openapi import documented
from service.http.requests import json_body

log = logging.getLogger("service.http.chat")
bp = Blueprint("chat", __name__, url_prefix="/v1")
CHAT_TOP_K = 3
TEXT = {  # zh-Hant is derived from zh-Hans
    "en": {
        "unsure": "The reports do not clearly say.",
        "closest": "The closest passages are:",
        "sources": "Sources:",
        "read_as": "(Answering: {q})",
        "caution": "This may not answer the question; check the sources.",
    },
    "zh-Hans": {
        "unsure": "报告中没有明确的答案。",
        "closest": "最接近的段落如下:",
        "sources": "来源:",
        "read_as": "(理解为:{q})",
        "caution": "这未必回答了问题,请核对来源。",
    },
}
ERROR_CODES = {
    404: "unknown_url",
    405: "method_not_allowed",
    413: "request_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
}


class ChatError(Exception):
    """A client error in OpenAI's terms: what to fix, and which parameter it concerns."""

    def __init__(
        self, message: str, param: str | None = None, code: str | None = "invalid_value", status: int = 400
    ) -> None:
        super().__init__(message)
        self.message, self.param, self.code, self.status = message, param, code, status


def _from_exception(exc: Exception) -> Response:
    """Any exception met under /v1 as an OpenAI error; input errors are 400 as OpenAI has them."""
    if isinstance(exc, ChatError):
        return openai_error(exc.status, exc.message, exc.param, exc.code)
    if isinstance(exc, ValidationError):
        return validation_error(exc)
    if isinstance(exc, ApiError):
        status = 400 if exc.status == 422 else exc.status
        codes = {503: "index_not_ready", 400: "invalid_json", **ERROR_CODES}
        return openai_error(status, exc.detail, None, codes.get(status, "invalid_value"))
    if isinstance(exc, HTTPException):
        message = exc.description or exc.name
        if exc.code == 404:
            message = (
                f"Invalid URL ({request.method} {request.path}); "
                "this service offers GET /v1/models and POST /v1/chat/completions"
            )
        elif exc.code == 413:
            message = f"request body too large: at most {current_app.config['MAX_CONTENT_LENGTH']} bytes"
        response = openai_error(exc.code or 500, message, None, ERROR_CODES.get(exc.code or 0))
        response.headers.extend([(k, v) for k, v in exc.get_headers() if k.lower() == "allow"])
        return response
    log.exception("unhandled error under /v1")
    return openai_error(500, "internal error; it has been logged", None, None)


for _kind in (ChatError, ValidationError, ApiError, HTTPException, Exception):
    bp.register_error_handler(_kind, _from_exception)


@bp.record_once
def _errors_outside_views(setup: BlueprintSetupState) -> None:
    """404, 405 and errors before routing never reach the blueprint's handlers: wrap the
    app's handlers so that /v1 paths get OpenAI's shape and every other path is unchanged."""
    handlers = setup.app.error_handler_spec.setdefault(None, {}).setdefault(None, {})
    for kind in (HTTPException, Exception):
        handlers[kind] = _for_v1(handlers.get(kind))


def _for_v1(original: Callable | None) -> Callable:
    """``original`` for every path but /v1, whose errors OpenAI clients must be able to parse."""

    def handler(exc: Exception) -> Response:
        if request.path == "/v1" or request.path.startswith("/v1/"):
            return _from_exception(exc)
        if original is not None:
            return original(exc)
        return problem(getattr(exc, "code", None) or 500, str(exc))

    return handler


@bp.get("/models")
@documented("OpenAI-compatible list of the models served (one)", "chat", response=ModelList)
def models_route() -> Response:
    """Chat front-ends list models before they let a user pick one."""
    return jsonify({"object": "list", "data": [model_card(_created())]})


@bp.get("/models/<path:model>")
@documented("One model, OpenAI-compatible (404 in OpenAI's error shape for another id)", "chat", response=ModelCard)
def model_route(model: str) -> Response:
    """Some clients check the configured model exists before the first request."""
    if model != MODEL_ID:
        raise ChatError(
            f"The model '{model}' does not exist; this service serves '{MODEL_ID}'", "model", "model_not_found", 404
        )
    return jsonify(model_card(_created()))


@bp.post("/chat/completions")
@documented(
    "OpenAI-compatible chat completion answering the last user message from the reports; stream: true answers "
    "with text/event-stream chat.completion.chunk events; errors are OpenAI's {error: {message, type, param, code}}",
    "chat",
    request=ChatRequest,
    response=ChatCompletion,
)
def chat_completions_route() -> Response:
    """Answer the last user turn, completed by earlier ones, as one OpenAI completion or stream."""
    req = _read_request()
    top_k, texts = _top_k(req.top_k), _user_texts(req.messages)
    resolution = engine().resolve(texts)
    if len(resolution.question) > current_app.config["QA"].max_question_chars:
        resolution = engine().unresolved(texts[-1])
    result = reader().ask(resolution.question, top_k)
    content = render(result, resolution.question != texts[-1])
    extra = _structured(result, resolution)
    used = usage("\n".join(_text(m, i) for i, m in enumerate(req.messages)), content)
    if req.stream:
        include_usage = bool(req.stream_options and req.stream_options.include_usage)
        return stream(content, extra, used if include_usage else None)
    return jsonify(completion(*new_id(), content, used, extra))


def _structured(result: dict, resolution: Resolution) -> dict:
    """The ``reports_qa`` field: the answer object, and how earlier turns shaped the question."""
    followup = {"kind": resolution.kind, "previous": resolution.previous} if resolution.previous else None
    keys = (
        "question",
        "language",
        "confident",
        "verdict",
        "confidence",
        "doubt",
        "citation",
        "answer_parts",
        "figures",
        "glossary",
        "passages",
    )
    return {**{k: result[k] for k in keys}, "answer": result["answer_display"], "followup": followup}


def _created() -> int:
    """When the index being served was loaded: the "model" is the encoders plus that index."""
    return int(engine().loaded_at)


def _read_request() -> ChatRequest:
    """The validated request; checks whose message pydantic would word poorly are explicit."""
    body = json_body()
    if not isinstance(body, dict):
        raise ChatError(f"request body must be a JSON object, not {type(body).__name__}", None, "invalid_json")
    req = ChatRequest.model_validate(body)
    if req.n not in (None, 1):
        raise ChatError(f"n must be 1: this service returns one answer per question, not {req.n}", "n")
    return req


def _text(message: ChatMessage, index: int) -> str:
    """A message's text; parts other than text cannot be answered from the reports."""
    if message.content is None or isinstance(message.content, str):
        return message.content or ""
    for number, part in enumerate(message.content):
        if part.type != "text":
            raise ChatError(f"only text content parts are supported, not {part.type!r}", f"messages.[{index}].content")
        if part.text is None:
            raise ChatError(
                "a text content part needs a 'text' string",
                f"messages.[{index}].content.[{number}].text",
                "missing_required_parameter",
            )
    return "\n".join(part.text or "" for part in message.content)


def _user_texts(messages: list[ChatMessage]) -> list[str]:
    """The user turns, oldest first; the last must hold a question of an accepted length."""
    limit = current_app.config["QA"].max_question_chars
    users = [(i, _text(m, i)) for i, m in enumerate(messages) if m.role == "user"]
    if not users:
        raise ChatError("messages must include at least one message with role 'user'", "messages")
    for index, text in users:
        if len(text) > limit:
            raise ChatError(
                f"messages.[{index}].content is {len(text)} characters long; at most {limit} are accepted",
                f"messages.[{index}].content",
                "string_above_max_length",
            )
    if not clean(users[-1][1]):
        raise ChatError(
            "the last user message is empty: write a question in English or Chinese",
            f"messages.[{users[-1][0]}].content",
        )
    return [text for _, text in users if clean(text)]


def _top_k(top_k: int | None) -> int:
    """The extension parameter; a chat reply cites fewer passages than the API returns by default."""
    limit = current_app.config["QA"].max_top_k
    if top_k is not None and not 1 <= top_k <= limit:
        raise ChatError(f"top_k must be between 1 and {limit}", "top_k")
    return top_k or CHAT_TOP_K


def _say(language: str, key: str, **values: str) -> str:
    """A fixed sentence in the asker's language (Traditional derived from Simplified)."""
    text = TEXT["en" if language == "en" else "zh-Hans"][key].format(**values)
    return in_script(text, language)


def _english_titles() -> dict[str, str]:
    """English report titles of the index being served (its manifest lists them)."""
    current = engine().reader()
    reports = current.reports() if current else []
    return {r["id"]: r["title_en"] for r in reports if r.get("title_en")}


def _source(passage: dict, language: str) -> str:
    """'报告标题 › section (date)' in the asker's script (English title for English askers)."""
    title, section = passage["title"], passage["section"]
    if language == "en":
        title = _english_titles().get(passage["doc"], title)
    elif language == "zh-Hant":
        title, section = to_traditional(title), to_traditional(section)
    where = f"{title} › {section}" if section else title
    return f"{where} ({passage['date']})" if passage["date"] else where


def render(result: dict, resolved: bool) -> str:
    """The assistant message: answer and citations (an uncertain one after a caution and its
    reason), or 'not in the reports' and the closest passages."""
    language, passages = result["language"], result["passages"]
    lines = [_say(language, "read_as", q=result["question"]), ""] if resolved else []
    why = "" if not result["doubt"] else (" " if language == "en" else "") + result["doubt"]["message"]
    if result["verdict"] != "not_found":
        if result["verdict"] == "uncertain":
            lines += [_say(language, "caution") + why, ""]
        cited = {part["citation"]["passage"] for part in result["answer_parts"]}
        mark = "".join(f" [{n}]" for n, p in enumerate(passages, 1) if p["id"] in cited)
        lines += [result["answer_display"] + mark, "", _say(language, "sources")]
        lines += [f"[{n}] {_source(p, language)}" for n, p in enumerate(passages, 1)]
    else:
        lines += [_say(language, "unsure") + why, _say(language, "closest"), ""]
        for n, passage in enumerate(passages, 1):
            lines += [f"[{n}] {_source(passage, language)}", f"    {_clip(passage['display_text'])}"]
    return "\n".join(lines).strip()


def _clip(text: str, limit: int = 160) -> str:
    """A passage short enough to scan in a chat window; the full text is in ``reports_qa``."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pieces(content: str, size: int = 24) -> list[str]:
    """Content deltas: line by line, long lines in ``size``-character slices."""
    lines = re.findall(r"[^\n]*\n|[^\n]+", content)
    return [line[i : i + size] for line in lines for i in range(0, len(line), size)]


def stream(content: str, extra: dict, used: dict | None) -> Response:
    """Server-sent events in OpenAI's chunk format, ending with ``data: [DONE]``.

    The answer is complete before the first byte, so an error is still an HTTP error and
    never a broken stream."""
    cid, created = new_id()

    def events() -> Iterator[str]:
        yield _sse(chunk(cid, created, {"role": "assistant"}))
        for piece in pieces(content):
            yield _sse(chunk(cid, created, {"content": piece}))
        yield _sse(chunk(cid, created, {}, "stop", reports_qa=extra))
        if used is not None:
            yield _sse(chunk(cid, created, None, usage=used))
        yield "data: [DONE]\n\n"

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return Response(events(), mimetype="text/event-stream", headers=headers)


def _sse(payload: dict) -> str:
    """One server-sent event; compact JSON on one line, as the SSE framing requires."""
    return f"data: {json.dumps(payload, ensure_ascii=False, separators=(',', ':'))}\n\n"
