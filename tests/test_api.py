"""HTTP-level behaviour of the JSON API and the operations routes."""

import pytest

PASSAGE_KEYS = {"id", "doc", "title", "section", "text", "start", "end", "score"}


def test_ask_returns_the_documented_shape(client):
    response = client.post("/api/ask", json={"question": "2021年地区生产总值预期增长多少?", "top_k": 3, "id": "q1"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert {"id", "question", "language", "answer", "confident", "glossary", "passages"} <= set(body)
    assert body["id"] == "q1" and body["language"] == "zh-Hans" and "7%" in body["answer"]
    assert len(body["passages"]) == 3 and all(PASSAGE_KEYS <= set(p) for p in body["passages"])


def test_ask_can_read_one_report_first(client):
    """Both reports give new urban jobs (2020's and the first half of 2021's): naming a report
    answers from it, whichever the question alone would have drawn on; an unknown one is a 404."""
    question = "新增城镇就业多少人?"
    for report in ("gwr2021", "h1_2021"):
        body = client.post("/api/ask", json={"question": question, "report": report}).get_json()
        assert body["citation"]["doc"] == report and body["passages"][0]["doc"] == report
    response = client.post("/api/ask", json={"question": question, "report": "nowhere"})
    assert response.status_code == 404 and "no report" in response.get_json()["detail"]


def test_glossary_question_returns_the_entry(client):
    body = client.post("/api/ask", json={"question": "What is the Two Lakes Tunnel?"}).get_json()
    assert body["glossary"][0]["term"] == "两湖隧道" and body["glossary"][0]["source"] == "question"
    assert body["glossary"][0]["definition"] == "下穿东湖、南湖的隧道。"


@pytest.mark.parametrize(
    "body, status, phrase",
    [
        (b"", 400, "empty"),
        (b"{not json", 400, "not valid JSON"),
        (b"\xff\xfe\x00", 400, "UTF-8"),
        (b"[1, 2]", 422, "JSON object"),
        (b'{"question": 42}', 422, "question"),
        (b'{"question": ""}', 422, "empty"),
        (b'{"question": "\\u200b\\u200b "}', 422, "empty"),
        (b'{"question": "ok?", "top_k": 0}', 422, "top_k"),
        (b'{"question": "ok?", "top_k": 500}', 422, "top_k"),
        (b'{"question": "ok?", "top_k": "5"}', 422, "top_k"),
        (b'{"question": "ok?", "topk": 5}', 422, "unknown field"),
        (b"[" * 5000 + b"]" * 5000, 400, "nested"),
    ],
)
def test_bad_input_gets_a_problem_that_says_what_is_wrong(client, body, status, phrase):
    response = client.post("/api/ask", data=body, content_type="application/json")
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == status and phrase in problem["detail"]


def test_overlong_questions_and_bodies_are_refused(client, config):
    response = client.post("/api/ask", json={"question": "问" * (config.max_question_chars + 1)})
    assert response.status_code == 422 and "at most" in response.get_json()["detail"]
    response = client.post(
        "/api/ask",
        data=b'{"question": "' + b"a" * (config.max_body_bytes + 10) + b'"}',
        content_type="application/json",
    )
    assert response.status_code == 413 and response.mimetype == "application/problem+json"


def test_health_routes(client):
    assert client.get("/livez").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["ready"] is True and ready.get_json()["chunks"] > 250


def test_unknown_routes_and_methods_are_problems_too(client):
    assert client.get("/api/nope").status_code == 404
    response = client.get("/api/ask")
    assert response.status_code == 405 and response.mimetype == "application/problem+json"
    assert "POST" in response.headers["Allow"]


def test_search_returns_ranked_passages_for_a_named_pipeline(client):
    body = client.post("/api/search", json={"question": "老旧小区改造", "top_k": 4, "pipeline": "lexical"}).get_json()
    assert body["pipeline"] == "lexical" and len(body["passages"]) == 4 and "answer" not in body
    response = client.post("/api/search", json={"question": "老旧小区改造", "pipeline": "magic"})
    assert response.status_code == 422 and response.get_json()["errors"][0]["field"] == "pipeline"


def test_a_body_that_is_not_declared_json_is_refused_with_415(client):
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "text/html"):
        response = client.post("/api/ask", data=b'{"question": "GDP?"}', content_type=content_type)
        assert response.status_code == 415 and response.mimetype == "application/problem+json"
        assert "application/json" in response.get_json()["detail"]
    assert (
        client.post(
            "/api/ask", data=b'{"question": "GDP?"}', content_type="application/json; charset=utf-8"
        ).status_code
        == 200
    )


def test_an_over_long_request_target_is_refused_with_414(client, config):
    response = client.get("/api/glossary/" + "x" * (config.max_url_bytes + 1))
    assert response.status_code == 414 and response.mimetype == "application/problem+json"
    assert str(config.max_url_bytes) in response.get_json()["detail"]


def test_every_response_carries_the_security_headers(client):
    for response in (client.get("/"), client.get("/?q=GDP%3F"), client.get("/api/reports"), client.get("/api/nope")):
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_doubled_slashes_are_not_redirected_anywhere(client):
    response = client.get("/static//evil.example/x", headers={"Host": "evil.example"})
    assert response.status_code == 404 and "Location" not in response.headers


def test_admin_reload_takes_only_a_bearer_token_and_says_how_to_send_it(client):
    for header in ("test-token", "Token test-token", "Basic test-token", "Bearer", "Bearertest-token"):
        response = client.post("/admin/reload", headers={"Authorization": header})
        assert response.status_code == 401 and response.mimetype == "application/problem+json", header
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.post("/admin/reload", headers={"Authorization": "bearer test-token"}).status_code == 200


def test_figures_are_filtered_and_served_as_json_or_csv(client):
    body = client.get("/api/figures?metric=地區生產總值&period=上半年").get_json()
    assert body["total"] >= 1 and all(
        "地区生产总值" in f["metric"] and "上半年" in f["period"] for f in body["figures"]
    )
    assert {"metric", "metric_en", "value", "unit", "change", "base", "period", "level", "start", "end"} <= set(
        body["figures"][0]
    )
    response = client.get("/api/figures?metric=生产总值&format=csv")
    assert response.mimetype == "text/csv" and response.get_data(as_text=True).startswith("id,report,metric")
    assert int(response.headers["X-Total-Count"]) >= 1
    accepted = client.get("/api/figures?limit=2", headers={"Accept": "text/csv"})
    assert accepted.mimetype == "text/csv" and len(accepted.get_data(as_text=True).splitlines()) == 3
    english = client.get("/api/figures?metric=GDP").get_json()
    assert english["total"] >= body["total"]
    assert all("地区生产总值" in f["metric"] or "GDP" in f["metric"] for f in english["figures"])
    second = client.get("/api/figures?metric=GDP&limit=1&offset=1").get_json()["figures"]
    assert second == english["figures"][1:2]  # offset pages through what matched


@pytest.mark.parametrize(
    "query, status, phrase",
    [
        ("limit=0", 400, "limit"),
        ("limit=many", 400, "limit"),
        ("limit=²", 400, "limit"),  # a digit to str.isdigit, not to int
        ("limit=" + "9" * 5000, 400, "limit"),
        ("format=xml", 400, "format"),
        ("period=soon", 400, "period"),
        ("report=nowhere", 404, "no report"),
        ("offset=-1", 400, "offset"),
        ("metric=" + "生产" * 60, 400, "metric"),
    ],
)
def test_bad_figure_filters_are_refused_with_a_reason(client, query, status, phrase):
    response = client.get(f"/api/figures?{query}")
    assert response.status_code == status and response.mimetype == "application/problem+json"
    assert phrase in response.get_json()["detail"]
