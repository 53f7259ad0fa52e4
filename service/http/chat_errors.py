"""Errors under /v1 in OpenAI's ``{"error": {...}}`` shape, which its clients turn into typed
exceptions; the rest of the service keeps problem+json."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Blueprint, Response, current_app, request
from flask.blueprints import BlueprintSetupState
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from service.http.chat_schemas import openai_error, validation_error
from service.http.errors import ApiError, problem

log = logging.getLogger("service.http.chat")
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


def from_exception(exc: Exception) -> Response:
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


def install(bp: Blueprint) -> None:
    """Every error met by ``bp``'s views, and every error of a /v1 path met before routing,
    answered in OpenAI's shape."""
    for kind in (ChatError, ValidationError, ApiError, HTTPException, Exception):
        bp.register_error_handler(kind, from_exception)
    bp.record_once(_errors_outside_views)


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
            return from_exception(exc)
        if original is not None:
            return original(exc)
        return problem(getattr(exc, "code", None) or 500, str(exc))

    return handler
