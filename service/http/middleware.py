"""Cross-cutting HTTP behaviour: structured request logs with timing, CORS for /api, the
request-line limit, and the security headers every response carries."""

from __future__ import annotations

import json
import logging
import time
import uuid

from flask import Flask, g, request
from werkzeug.exceptions import RequestURITooLarge

log = logging.getLogger("service.http.requests")


def _log_line(response) -> str:
    elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    return json.dumps(
        {
            "request_id": g.get("request_id"),
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round(elapsed, 1),
            "bytes": response.calculate_content_length(),
        }
    )


def _cors(app: Flask, response) -> None:
    """Only API routes, only configured origins: the page and admin stay same-origin."""
    origin = request.headers.get("Origin")
    allowed = app.config["QA"].cors_origins
    api = request.path.startswith(("/api/", "/v1/"))
    if origin and api and (origin in allowed or "*" in allowed):
        response.headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization"
        response.headers["Vary"] = "Origin"


# The page loads only its own stylesheet: no script, no frame, no other origin.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _target_bytes() -> int:
    """Length of the request target as sent (path and query string)."""
    raw = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI")
    if raw:
        return len(raw.encode("latin-1", "replace"))
    return len(request.full_path.encode("utf-8"))


def install(app: Flask) -> None:
    app.url_map.merge_slashes = False  # "//x" is not redirected to a Location built from the Host header

    @app.before_request
    def _start():
        g.started = time.perf_counter()
        g.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex[:16]
        limit = app.config["QA"].max_url_bytes
        if _target_bytes() > limit:
            raise RequestURITooLarge(f"the request target is longer than {limit} bytes: send long input in a POST body")
        app.extensions["qa_engine"].watch()

    @app.after_request
    def _finish(response):
        _cors(app, response)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers["X-Request-Id"] = g.get("request_id", "")
        log.info(_log_line(response))
        return response
