"""OpenAPI 3 document built from the Flask routes and the pydantic models they use.

A view declares its contract with ``@documented(...)``; :func:`build_spec` walks the URL
map, so a route without a declaration shows up as undocumented (and a test fails).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask
from pydantic import BaseModel

from service.http.schemas import Problem

REF = "#/components/schemas/{model}"
BODY_ERRORS = (413, 415)  # every operation that reads a body refuses one too large or not JSON


@dataclass(frozen=True)
class RouteDoc:
    summary: str
    tag: str
    request: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    content_type: str = "application/json"
    errors: tuple[int, ...] = ()
    query: dict[str, str] = field(default_factory=dict)


def documented(summary: str, tag: str, **kwargs) -> Callable:
    """Attach the route's contract to its view function."""

    def mark(view: Callable) -> Callable:
        view.openapi = RouteDoc(summary, tag, **kwargs)
        return view

    return mark


def _schema(model: type[BaseModel], components: dict) -> dict:
    schema = model.model_json_schema(ref_template=REF)
    components.update(schema.pop("$defs", {}))
    components[model.__name__] = schema
    return {"$ref": REF.format(model=model.__name__)}


def _operation(doc: RouteDoc, params: list[str], components: dict) -> dict:
    op: dict = {"summary": doc.summary, "tags": [doc.tag], "responses": {}}
    parameters = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in params]
    parameters += [
        {"name": n, "in": "query", "required": False, "schema": {"type": "string"}, "description": d}
        for n, d in doc.query.items()
    ]
    if parameters:
        op["parameters"] = parameters
    errors = list(doc.errors)
    if doc.request:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _schema(doc.request, components)}},
        }
        errors += [status for status in BODY_ERRORS if status not in errors]
    ok = {"schema": _schema(doc.response, components)} if doc.response else {"schema": {"type": "string"}}
    op["responses"]["200"] = {"description": "OK", "content": {doc.content_type: ok}}
    problem = {"application/problem+json": {"schema": _schema(Problem, components)}}
    for status in sorted(errors):
        op["responses"][str(status)] = {"description": "Problem details (RFC 9457)", "content": problem}
    return op


def undocumented(app: Flask) -> list[str]:
    """Rules whose view has no contract (static files excepted)."""
    return [
        r.rule
        for r in app.url_map.iter_rules()
        if r.endpoint != "static" and not hasattr(app.view_functions[r.endpoint], "openapi")
    ]


def build_spec(app: Flask) -> dict:
    """The OpenAPI 3.1 document of every documented route."""
    paths: dict = {}
    components: dict = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        doc = getattr(app.view_functions[rule.endpoint], "openapi", None)
        if doc is None:
            continue
        path = rule.rule.replace("<", "{").replace(">", "}")
        for prefix in ("{path:", "{string:"):
            path = path.replace(prefix, "{")
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(doc, list(rule.arguments), components)
    _configured_limits(components, app.config["QA"])
    info = {
        "title": "Government reports Q&A",
        "version": "1.0.0",
        "description": "Bilingual question answering over Chinese policy reports.",
    }
    return {"openapi": "3.1.0", "info": info, "paths": paths, "components": {"schemas": components}}


def _configured_limits(components: dict, config) -> None:
    """Write the limits the service enforces from its configuration into the request schemas
    (a question's length, top_k), so that the document says what a request is refused for."""
    limits = {
        "question": {"minLength": 1, "maxLength": config.max_question_chars},
        "top_k": {"minimum": 1, "maximum": config.max_top_k},
    }
    for schema in components.values():
        for name, bounds in limits.items():
            prop = schema.get("properties", {}).get(name)
            if prop is None:
                continue
            target = next((option for option in prop.get("anyOf", [prop]) if option.get("type") != "null"), prop)
            target.update(bounds)
