"""Wire shapes of the OpenAI-compatible interface under /v1 (errors included), and builders for them.

Why a separate module: OpenAI clients parse these objects strictly by shape, so the
request is validated and the responses are described (for /openapi.json) by the same
pydantic models, and every response object is built in one place.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Literal

from flask import Response, jsonify
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError, field_validator

from service.http.schemas import AnswerPart, Citation, Doubt, FigureItem, GlossaryItem, Passage

MODEL_ID = "wuchang-reports-qa"
OWNER = "wuchang-reports"
# One token per Han character, per run of Latin letters/digits, per other visible symbol: an
# approximation (no tokenizer is involved, nothing is generated) that is stable and cheap.
_TOKEN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+(?:[.,'][A-Za-z0-9]+)*|[^\sA-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


class Lenient(BaseModel):
    """OpenAI keeps adding parameters; clients send them, so unknown ones are ignored."""

    model_config = ConfigDict(extra="ignore")


class ContentPart(Lenient):
    type: StrictStr = Field(description="Only 'text' parts are supported.")
    text: StrictStr | None = None


class ChatMessage(Lenient):
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: StrictStr | list[ContentPart] | None = Field(None, description="A string or a list of text parts.")
    name: StrictStr | None = None

    @field_validator("content", mode="before")
    @classmethod
    def _string_or_parts(cls, value: object) -> object:
        """One clear message instead of pydantic's per-union-member errors."""
        if value is None or isinstance(value, (str, list)):
            return value
        raise ValueError(f"content must be a string or a list of content parts, not {type(value).__name__}")


class StreamOptions(Lenient):
    include_usage: StrictBool | None = Field(None, description="Send a last chunk with usage and no choices.")


class ChatRequest(Lenient):
    """OpenAI's chat completion request; generation parameters are accepted and ignored,
    because answers are extracted from the reports, not generated."""

    model: StrictStr = Field(
        description=f"Any string; the reply names the served model, {MODEL_ID!r}.", examples=[MODEL_ID]
    )
    messages: list[ChatMessage] = Field(
        min_length=1,
        description="The conversation; the last user message is answered, earlier ones resolve follow-ups.",
    )
    stream: StrictBool | None = Field(
        False, description="true: server-sent events (text/event-stream) of chat.completion.chunk objects."
    )
    stream_options: StreamOptions | None = None
    n: StrictInt | None = Field(None, description="Must be 1 (or absent).")
    top_k: StrictInt | None = Field(
        None,
        description="Extension: how many passages to retrieve and cite (default 3; "
        "one that mostly repeats another is left out).",
    )
    temperature: float | None = Field(None, ge=0, le=2, description="Accepted, ignored.")
    top_p: float | None = Field(None, ge=0, le=1, description="Accepted, ignored.")
    max_tokens: StrictInt | None = Field(None, ge=1, description="Accepted, ignored: the answer is never cut.")
    max_completion_tokens: StrictInt | None = Field(None, ge=1, description="Accepted, ignored.")
    presence_penalty: float | None = Field(None, ge=-2, le=2)
    frequency_penalty: float | None = Field(None, ge=-2, le=2)
    stop: StrictStr | list[StrictStr] | None = None
    seed: StrictInt | None = None
    user: StrictStr | None = None


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int
    message: AssistantMessage
    finish_reason: Literal["stop"]
    logprobs: None = None


class Usage(BaseModel):
    prompt_tokens: int = Field(description="Approximate: Han characters, Latin words and symbols of all messages.")
    completion_tokens: int
    total_tokens: int


class FollowUp(BaseModel):
    kind: str = Field(description="period, subject, refer or inherit: how the earlier question completed this one.")
    previous: str = Field(description="The earlier (resolved) question it was combined with.")


class ReportsQA(BaseModel):
    """The structured answer, riding along for clients that want more than text."""

    question: str = Field(description="The question actually asked of the reports (follow-ups resolved).")
    language: str
    confident: bool
    verdict: str = Field(description="answered, uncertain or not_found (see AskResponse).")
    answer_line: str = Field(description="The one-line answer in the asker's language (see AskResponse).")
    confidence: float
    doubt: Doubt | None
    answer: str
    followup: FollowUp | None
    citation: Citation | None
    answer_parts: list[AnswerPart]
    figures: list[FigureItem]
    glossary: list[GlossaryItem]
    passages: list[Passage]


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage
    system_fingerprint: str | None = None
    reports_qa: ReportsQA


def count_tokens(text: str) -> int:
    """Approximate token count (see ``_TOKEN``): clients budget with usage, so it must be there."""
    return len(_TOKEN.findall(text))


def usage(prompt: str, completion: str) -> dict:
    """OpenAI's usage object from the prompt's and the reply's text."""
    prompt_tokens, completion_tokens = count_tokens(prompt), count_tokens(completion)
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def new_id() -> tuple[str, int]:
    """A completion id in OpenAI's form and its creation time."""
    return f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())


def model_card(created: int) -> dict:
    """The one model served, as /v1/models lists it."""
    return {"id": MODEL_ID, "object": "model", "created": created, "owned_by": OWNER}


def completion(cid: str, created: int, content: str, used: dict, extra: dict) -> dict:
    """A whole chat.completion with one choice; ``extra`` is the ``reports_qa`` field."""
    choice = {
        "index": 0,
        "message": {"role": "assistant", "content": content},
        "finish_reason": "stop",
        "logprobs": None,
    }
    return {
        "id": cid,
        "object": "chat.completion",
        "created": created,
        "model": MODEL_ID,
        "choices": [choice],
        "usage": used,
        "system_fingerprint": None,
        "reports_qa": extra,
    }


def chunk(cid: str, created: int, delta: dict | None, finish: str | None = None, **extra: object) -> dict:
    """One chat.completion.chunk; no delta means no choices (the usage chunk); ``extra`` adds
    top-level fields (usage, reports_qa)."""
    choices = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]
    return {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL_ID,
        "choices": choices,
        **extra,
    }


def openai_error(status: int, message: str, param: str | None = None, code: str | None = None) -> Response:
    """OpenAI's error body; its clients raise BadRequestError, NotFoundError… from the status."""
    kind = "invalid_request_error" if status < 500 else "server_error"
    response = jsonify({"error": {"message": message, "type": kind, "param": param, "code": code}})
    response.status_code = status
    return response


def error_param(loc: tuple) -> str:
    """pydantic's error location as OpenAI names parameters ("messages.[0].content"),
    without the union-member tags pydantic inserts ("str", "list[ContentPart]")."""
    names = [
        f"[{p}]" if isinstance(p, int) else str(p)
        for p in loc
        if isinstance(p, int) or re.fullmatch(r"[a-z_]+", str(p))
    ]
    return ".".join(n for n in names if n not in ("str", "list", "int", "float", "bool", "none")) or "body"


def validation_error(exc: ValidationError) -> Response:
    """Every field problem in one message; the first names ``param``, as OpenAI reports one."""
    problems = []
    for err in exc.errors(include_url=False, include_input=False):
        param, message = error_param(err["loc"]), err["msg"].removeprefix("Value error, ")
        problems.append(
            (
                param,
                f"Missing required parameter: '{param}'."
                if err["type"] == "missing"
                else f"Invalid value for '{param}': {message}.",
            )
        )
    code = "missing_required_parameter" if exc.errors()[0]["type"] == "missing" else "invalid_value"
    return openai_error(400, " ".join(dict.fromkeys(m for _, m in problems)), problems[0][0], code)
