"""The HTTP layer: ``create_app`` wires configuration, the engine and the blueprints (the JSON
API, the web page, the OpenAI-compatible chat, operations).

Nothing happens at import time. Configuration comes from code defaults, then the
environment, then ``overrides`` (tests); a ready ``state`` can be passed in so that tests
reuse loaded encoders instead of loading the model for every app.
"""

from __future__ import annotations

from flask import Flask

from service.config import Config
from service.engine import Engine, QAState


def create_app(config: Config | None = None, state: QAState | None = None) -> Flask:
    """Build the app; loads encoders and the current index unless a state is given. Every
    route reaches the question answering through the one Engine kept in the app."""
    from service.http import api, errors, middleware, ops

    config = config or Config.from_env()
    app = Flask(__name__)
    app.config["QA"] = config
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["qa_engine"] = Engine(state) if state is not None else Engine.start(config)
    errors.register(app)
    middleware.install(app)
    app.register_blueprint(ops.bp)
    app.register_blueprint(api.bp)
    _register_optional(app)
    return app


def _register_optional(app: Flask) -> None:
    """Audience blueprints that live in their own modules (web page, OpenAI-compatible)."""
    from service.http import chat, web

    for module in (web, chat):
        app.register_blueprint(module.bp)
