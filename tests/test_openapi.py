"""The OpenAPI document describes every route, from the models the code validates with."""

from service.http.openapi import undocumented
from service.http.schemas import AskRequest


def test_every_route_is_documented(app):
    assert undocumented(app) == []


def test_the_document_lists_every_rule_and_method(app, client):
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.rule.replace("<path:", "{").replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in spec["paths"][path], f"{method} {path} missing"


def test_request_schemas_come_from_the_validating_models(client):
    spec = client.get("/openapi.json").get_json()
    ask = spec["paths"]["/api/ask"]["post"]
    assert ask["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/AskRequest"}
    schema = spec["components"]["schemas"]["AskRequest"]
    assert schema["properties"]["top_k"]["minimum"] == 1 and set(schema["required"]) == {"question"}
    assert set(schema["properties"]) == set(AskRequest.model_fields)
    assert "422" in ask["responses"] and "application/problem+json" in ask["responses"]["422"]["content"]


def test_cors_only_on_api_routes_and_only_for_configured_origins(client):
    allowed = {"Origin": "https://allowed.example"}
    assert (
        client.get("/api/reports", headers=allowed).headers.get("Access-Control-Allow-Origin")
        == "https://allowed.example"
    )
    assert (
        "Access-Control-Allow-Origin"
        not in client.get("/api/reports", headers={"Origin": "https://evil.example"}).headers
    )
    assert "Access-Control-Allow-Origin" not in client.get("/readyz", headers=allowed).headers


def test_reload_needs_the_admin_token(client):
    assert client.post("/admin/reload").status_code == 401
    assert client.post("/admin/reload", headers={"Authorization": "Bearer wrong"}).status_code == 401
    response = client.post("/admin/reload", headers={"Authorization": "Bearer test-token"})
    assert response.status_code == 200 and response.get_json()["ready"] is True


def test_the_document_states_the_limits_the_service_enforces(client, config):
    spec = client.get("/openapi.json").get_json()
    ask = spec["components"]["schemas"]["AskRequest"]["properties"]
    assert ask["question"]["maxLength"] == config.max_question_chars and ask["question"]["minLength"] == 1
    assert ask["top_k"]["maximum"] == config.max_top_k
    responses = spec["paths"]["/api/ask"]["post"]["responses"]
    assert {"413", "415", "422"} <= set(responses)
    chat_top_k = spec["components"]["schemas"]["ChatRequest"]["properties"]["top_k"]
    assert any(option.get("maximum") == config.max_top_k for option in chat_top_k.get("anyOf", [chat_top_k]))
