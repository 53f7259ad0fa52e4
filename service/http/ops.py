"""Operations routes: liveness, readiness, the OpenAPI document, and index reload."""

from __future__ import annotations

import hmac

from flask import Blueprint, current_app, jsonify, request

from service.http.errors import ApiError
from service.http.openapi import build_spec, documented
from service.http.schemas import Health

bp = Blueprint("ops", __name__)


@bp.get("/livez")
@documented("The process is up", "ops", response=Health)
def livez():
    return jsonify({"status": "ok"})


@bp.get("/readyz")
@documented(
    "Ready when index, model and manifest agree (503 with the reason otherwise)", "ops", response=Health, errors=(503,)
)
def readyz():
    ready, info = current_app.extensions["qa_engine"].readiness()
    return jsonify(info), (200 if ready else 503)


@bp.get("/openapi.json")
@documented("This OpenAPI document", "ops")
def openapi():
    return jsonify(build_spec(current_app))


@bp.post("/admin/reload")
@documented(
    "Load the index CURRENT points at (Bearer token from QA_ADMIN_TOKEN)",
    "ops",
    response=Health,
    errors=(401, 403, 503),
)
def reload():
    token = current_app.config["QA"].admin_token
    if not token:
        raise ApiError(403, "reload is disabled: set QA_ADMIN_TOKEN to enable it")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(
            401,
            "missing or wrong bearer token: send Authorization: Bearer <QA_ADMIN_TOKEN>",
            headers={"WWW-Authenticate": 'Bearer realm="admin"'},
        )
    state = current_app.extensions["qa_engine"]
    if not state.reload():
        raise ApiError(503, f"reload failed, still serving the previous index: {state.error}")
    return jsonify(state.readiness()[1])
