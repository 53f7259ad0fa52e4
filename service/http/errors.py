"""Errors as RFC 9457 ``application/problem+json`` with a message that says what to fix.

Every failure a client can cause is a 4xx with such a body; anything unexpected is a 500
in the same shape (logged with its traceback), never an HTML page.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, json
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

log = logging.getLogger("service.http.errors")
PROBLEM = "application/problem+json"


class ApiError(Exception):
    """A client error with its status and a human sentence saying what to change."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: list[dict] | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status, self.detail, self.errors, self.title = status, detail, errors, title
        self.headers = headers or {}


def problem(status: int, detail: str, title: str | None = None, errors: list[dict] | None = None) -> Response:
    from http import HTTPStatus

    body = {"type": "about:blank", "title": title or HTTPStatus(status).phrase, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM)


def front_loop_problem(error, ident: str | None = None) -> tuple[str, list[tuple[str, str]], bytes]:
    """A refusal of the server's front loop (waitress: headers or body over its backstops,
    broken framing) as problem+json, like every answer of the app, instead of plain text.
    scripts/serve.py installs it as waitress's ``Error.to_response``."""
    body = {"type": "about:blank", "title": error.reason, "status": error.code, "detail": str(error.body)}
    return f"{error.code} {error.reason}", [("Content-Type", PROBLEM)], json.dumps(body).encode()


def validation_errors(exc: ValidationError) -> list[dict]:
    """Pydantic's errors as {field, message} pairs a person can act on."""
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        field = ".".join(str(p) for p in err["loc"]) or "body"
        message = "unknown field (check its spelling)" if err["type"] == "extra_forbidden" else err["msg"]
        out.append({"field": field, "message": message})
    return out


def register(app: Flask) -> None:
    """Install handlers that turn every error into problem+json."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        response = problem(exc.status, exc.detail, exc.title, exc.errors)
        response.headers.update(exc.headers)
        return response

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError):
        errors = validation_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem(422, detail, "Invalid request", errors)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        detail = exc.description or exc.name
        if exc.code == 413:
            detail = f"request body too large: at most {app.config['MAX_CONTENT_LENGTH']} bytes"
        response = problem(exc.code or 500, detail)
        for name, value in exc.get_headers():
            if name.lower() == "allow":  # a 405 must say which methods are allowed
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return problem(500, "internal error; it has been logged")
