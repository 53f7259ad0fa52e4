"""Reading and checking request bodies before any work is done on them."""

from __future__ import annotations

import json
from typing import TypeVar

from flask import current_app, request
from pydantic import BaseModel

from index.normalize import clean
from service.http.errors import ApiError

M = TypeVar("M", bound=BaseModel)


def json_body() -> object:
    """The parsed JSON body, or a 415 for a body declared as something else, or a 400 that
    says why it could not be read."""
    if not is_json(request.mimetype):
        declared = request.mimetype or "no Content-Type"
        raise ApiError(415, f"request body must be JSON: send Content-Type: application/json (got {declared})")
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise ApiError(400, 'request body is empty: send a JSON object such as {"question": "..."}')
    try:
        body = json.loads(raw.decode("utf-8"))
        json.dumps(body, ensure_ascii=False).encode("utf-8")  # lone surrogates ("\ud800") fail here
        return body
    except UnicodeError:
        raise ApiError(400, "request body is not valid UTF-8 (or holds lone surrogate escapes)") from None
    except RecursionError:
        raise ApiError(400, "request body is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ApiError(400, f"request body is not valid JSON ({exc.msg} at position {exc.pos})") from None
    except ValueError as exc:  # e.g. integers longer than Python converts
        raise ApiError(400, f"request body could not be read: {exc}") from None


def is_json(mimetype: str) -> bool:
    """application/json, or a JSON-based type such as application/merge-patch+json."""
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def parse(model: type[M]) -> M:
    """The body validated against ``model``; 422 with per-field messages otherwise."""
    body = json_body()
    if not isinstance(body, dict):
        raise ApiError(422, f"request body must be a JSON object, not {type(body).__name__}")
    return model.model_validate(body)


def question_problem(question: str) -> tuple[str, dict] | None:
    """Why a question cannot be asked ('too_long' with its length and the limit, or 'empty'),
    or None: the one rule the API, the page and the chat endpoint all apply."""
    limit = current_app.config["QA"].max_question_chars
    if len(question) > limit:
        return "too_long", {"n": len(question), "limit": limit}
    if not clean(question):
        return "empty", {}
    return None


def check_question(question: str) -> str:
    """A question must hold visible text and not exceed the configured length."""
    problem = question_problem(question)
    if problem and problem[0] == "too_long":
        n, limit = problem[1]["n"], problem[1]["limit"]
        raise ApiError(
            422,
            f"question is {n} characters long; at most {limit} are accepted",
            [{"field": "question", "message": f"at most {limit} characters"}],
        )
    if problem:
        raise ApiError(
            422,
            "question is empty: write a question in English or Chinese",
            [{"field": "question", "message": "must not be empty"}],
        )
    return question


def check_top_k(top_k: int) -> int:
    limit = current_app.config["QA"].max_top_k
    if not 1 <= top_k <= limit:
        raise ApiError(
            422, f"top_k must be between 1 and {limit}", [{"field": "top_k", "message": f"between 1 and {limit}"}]
        )
    return top_k
