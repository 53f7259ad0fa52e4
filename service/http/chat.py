"""OpenAI-compatible chat interface under /v1, so that chat front-ends and the official
``openai`` clients can talk to the reports without an adapter: the routes, and reading and
checking a request. Earlier user turns complete elliptic follow-ups (the engine's
``resolve``); the reply is built in ``chat_reply`` and errors take OpenAI's shape in
``chat_errors``.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from index.normalize import clean
from service.http import chat_errors
from service.http.api import engine, reader
from service.http.chat_errors import ChatError
from service.http.chat_reply import render, stream, structured, without_repeats
from service.http.chat_schemas import (
    MODEL_ID,
    ChatCompletion,
    ChatMessage,
    ChatRequest,
    ModelCard,
    ModelList,
    completion,
    model_card,
    new_id,
    usage,
)
from service.http.openapi import documented
from service.http.requests import json_body

bp = Blueprint("chat", __name__, url_prefix="/v1")
chat_errors.install(bp)
CHAT_TOP_K = 3


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
    result = without_repeats(reader().ask(resolution.question, top_k))
    content = render(result, resolution.question != texts[-1])
    extra = structured(result, resolution)
    used = usage("\n".join(_text(m, i) for i, m in enumerate(req.messages)), content)
    if req.stream:
        include_usage = bool(req.stream_options and req.stream_options.include_usage)
        return stream(content, extra, used if include_usage else None)
    return jsonify(completion(*new_id(), content, used, extra))


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
