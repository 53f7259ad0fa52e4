"""Cross-cutting HTTP behaviour: structured request logs with timing, and CORS for /api."""
from __future__ import annotations

import json
import logging
import time
import uuid

from flask import Flask, g, request

log = logging.getLogger("service.requests")


def _log_line(response) -> str:
    elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    return json.dumps({"request_id": g.get("request_id"), "method": request.method, "path": request.path,
                       "status": response.status_code, "ms": round(elapsed, 1), "bytes": response.calculate_content_length()})


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


def install(app: Flask) -> None:
    @app.before_request
    def _start():
        g.started = time.perf_counter()
        g.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex[:16]
        app.extensions["qa_state"].watch()

    @app.after_request
    def _finish(response):
        _cors(app, response)
        response.headers["X-Request-Id"] = g.get("request_id", "")
        log.info(_log_line(response))
        return response
