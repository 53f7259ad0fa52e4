"""The OpenAI-compatible /v1 interface, driven by the official ``openai`` client against the
real app served on a local port (the model and index of the session fixtures)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import openai
import pytest
from werkzeug.serving import make_server

from service.http.chat_schemas import MODEL_ID


@pytest.fixture(scope="module")
def base_url(config, state):
    """The real app on 127.0.0.1 and a free port, in a background thread."""
    from service import create_app

    server = make_server("127.0.0.1", 0, create_app(config, state), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def oai(base_url) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key="unused", max_retries=0, timeout=120)


def raw(base_url: str, path: str, body: bytes | None = None, method: str = "POST") -> tuple[int, str, bytes]:
    """(status, content type, body) of one plain HTTP request, for what the client hides."""
    req = urllib.request.Request(
        base_url + path, data=body, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def ask(oai: openai.OpenAI, *turns: str, **params):
    """A conversation of user turns (earlier answers as the assistant turns in between)."""
    messages: list[dict] = [{"role": "system", "content": "Answer from the reports."}]
    for turn in turns[:-1]:
        messages.append({"role": "user", "content": turn})
        answer = oai.chat.completions.create(model=MODEL_ID, messages=messages)
        messages.append({"role": "assistant", "content": answer.choices[0].message.content})
    messages.append({"role": "user", "content": turns[-1]})
    return oai.chat.completions.create(model=MODEL_ID, messages=messages, **params)


def test_models_list_has_openais_exact_shape(oai, base_url):
    models = oai.models.list()
    assert [m.id for m in models.data] == [MODEL_ID]
    status, kind, body = raw(base_url, "/v1/models", method="GET")
    listing = json.loads(body)
    assert status == 200 and kind.startswith("application/json") and listing["object"] == "list"
    assert set(listing["data"][0]) == {"id", "object", "created", "owned_by"} and isinstance(
        listing["data"][0]["created"], int
    )
    assert oai.models.retrieve(MODEL_ID).id == MODEL_ID
    with pytest.raises(openai.NotFoundError):
        oai.models.retrieve("gpt-4o")


@pytest.mark.parametrize(
    "question, language, expected, sources",
    [
        ("2021年地区生产总值预期增长多少?", "zh-Hans", ["7%"], "来源："),
        ("What was the GDP of the first half of 2021?", "en", ["779.43亿元", "RMB 77.943 billion"], "Sources:"),
        ("2021年上半年地區生產總值是多少?", "zh-Hant", ["779.43億元"], "來源："),
    ],
)
def test_a_completion_answers_with_the_figure_and_citations(oai, question, language, expected, sources):
    reply = oai.chat.completions.create(
        model="any-model-name",
        messages=[{"role": "user", "content": question}],
        temperature=0.2,
        top_p=1,
        max_tokens=16,
        n=1,
        user="tester",
        seed=1,
    )
    assert reply.id.startswith("chatcmpl-") and reply.object == "chat.completion" and reply.model == MODEL_ID
    choice = reply.choices[0]
    assert choice.index == 0 and choice.finish_reason == "stop" and choice.message.role == "assistant"
    content = choice.message.content
    assert all(figure in content for figure in expected), content
    assert sources in content and "\n[1] " in content and "(20" in content
    assert content.splitlines()[0] == reply.model_extra["reports_qa"]["answer_line"]  # the answer line first
    assert "/reports/" in content.split(sources)[1] and "http" in content.split(sources)[1]  # citations that open
    assert (
        reply.usage.prompt_tokens > 0
        and reply.usage.total_tokens == reply.usage.prompt_tokens + reply.usage.completion_tokens
    )
    extra = reply.model_extra["reports_qa"]
    assert extra["language"] == language and extra["confident"] is True and extra["followup"] is None
    assert len(extra["passages"]) == 3 and {"id", "doc", "title", "section", "text", "display_text", "date"} <= set(
        extra["passages"][0]
    )


def test_top_k_extension_sets_the_number_of_cited_passages(oai):
    reply = oai.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": "什么是两湖隧道?"}], extra_body={"top_k": 5}
    )
    extra = reply.model_extra["reports_qa"]
    content = reply.choices[0].message.content
    spans = [(p["doc"], p["start"], p["end"]) for p in extra["passages"]]
    assert 3 <= len(spans) <= 5 and f"\n[{len(spans)}] " in content and f"\n[{len(spans) + 1}] " not in content
    for i, (d, a, b) in enumerate(spans):  # [n] is the n-th passage, and none mostly repeats one before it
        assert extra["passages"][i]["url"] in content.split(f"\n[{i + 1}] ")[1].split("\n")[0]
        assert not any(d == e and min(b, y) - max(a, x) > min(b - a, y - x) / 2 for e, x, y in spans[:i])
    assert extra["glossary"][0]["term"] == "两湖隧道"
    assert content.count("下穿东湖、南湖的隧道") == 1  # the answer is said once


def test_each_side_of_a_comparison_is_cited_with_a_listed_passage_even_below_the_first_few(oai):
    """Chat lists 3 passages, but a comparison's other side may come from a lower one: that
    passage is listed too, so every clause of the answer has its [n] and source line."""
    question = (
        "The 2020 report says foreign trade growth turned positive that year. What does the mid-2021 report say "
        "about keeping it growing?"
    )
    reply = oai.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": question}])
    extra = reply.model_extra["reports_qa"]
    content = reply.choices[0].message.content
    listed = [p["id"] for p in extra["passages"]]
    cited = [part["citation"]["passage"] for part in extra["answer_parts"]]
    assert len(cited) == 2 and set(cited) <= set(listed)
    answer_line = next(line for line in content.split("\n") if line.startswith(extra["answer"][:20]))
    assert all(f"[{listed.index(c) + 1}]" in answer_line for c in cited)


def test_when_the_reports_do_not_say_the_reply_says_so_and_why_and_shows_the_closest_passages(oai):
    reply = oai.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": "武昌区2021年的房价涨了多少?"}]
    )
    content = reply.choices[0].message.content
    extra = reply.model_extra["reports_qa"]
    assert extra["verdict"] == "not_found" and extra["confident"] is False
    assert (
        content.startswith("报告中没有明确的答案。" + extra["doubt"]["message"])
        and "\n[1] " in content
        and "\n    " in content
    )


def test_streaming_reassembles_into_the_same_reply(oai):
    messages = [{"role": "user", "content": "What was the GDP of the first half of 2021?"}]
    whole = oai.chat.completions.create(model=MODEL_ID, messages=messages).choices[0].message.content
    chunks = list(
        oai.chat.completions.create(
            model=MODEL_ID, messages=messages, stream=True, stream_options={"include_usage": True}
        )
    )
    assert all(c.object == "chat.completion.chunk" and c.id == chunks[0].id for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == whole
    finals = [c for c in chunks if c.choices and c.choices[0].finish_reason]
    assert (
        len(finals) == 1
        and finals[0].choices[0].finish_reason == "stop"
        and finals[0].model_extra["reports_qa"]["confident"] is True
    )
    assert chunks[-1].choices == [] and chunks[-1].usage.total_tokens > 0


def test_the_stream_is_server_sent_events_ending_with_done(base_url):
    body = json.dumps(
        {
            "model": MODEL_ID,
            "stream": True,
            "messages": [{"role": "user", "content": "2021年地区生产总值预期增长多少?"}],
        }
    )
    status, kind, data = raw(base_url, "/v1/chat/completions", body.encode())
    events = data.decode().split("\n\n")
    assert status == 200 and kind.startswith("text/event-stream")
    assert events[-2:] == ["data: [DONE]", ""] and all(e.startswith("data: ") for e in events[:-1])
    final = json.loads(events[-3][len("data: ") :])
    assert final["choices"][0] == {"index": 0, "delta": {}, "finish_reason": "stop", "logprobs": None}


@pytest.mark.parametrize(
    "turns, expected, kind",
    [
        (["2021年地区生产总值预期增长多少?", "那上半年呢?"], "779.43亿元", "period"),
        (["2020年新增城镇就业多少人?", "那2021年上半年呢?"], "15043", "period"),
        (["How many new urban jobs were created in 2020?", "And in the first half of 2021?"], "15043", "period"),
        (["2021年上半年武昌区服务业增加值是多少?", "那固定资产投资呢?"], "190.59亿元", "subject"),
        (
            ["How big does Wuchang want its GDP to be by 2025?", "What about retail sales of consumer goods?"],
            "1000亿元",
            "subject",
        ),
        (["What was the GDP of the first half of 2021?", "How much did it grow year on year?"], "22.3%", "refer"),
    ],
)
def test_a_follow_up_is_resolved_with_the_earlier_turns(oai, turns, expected, kind):
    reply = ask(oai, *turns)
    extra = reply.model_extra["reports_qa"]
    assert expected in reply.choices[0].message.content, (extra["question"], reply.choices[0].message.content)
    assert extra["followup"]["kind"] == kind and extra["followup"]["previous"] == turns[0]


def test_a_self_contained_question_ignores_earlier_turns(oai):
    reply = ask(oai, "2021年地区生产总值预期增长多少?", "2020年新增城镇就业多少人?")
    assert "2.25万人" in reply.choices[0].message.content and reply.model_extra["reports_qa"]["followup"] is None


def error_of(exc: openai.APIStatusError) -> dict:
    return exc.response.json()["error"]


@pytest.mark.parametrize(
    "messages, extra, phrase, param",
    [
        ([], {}, "at least 1", "messages"),
        ([{"role": "system", "content": "hi"}], {}, "role 'user'", "messages"),
        ([{"role": "user", "content": 42}], {}, "string or a list", "messages.[0].content"),
        ([{"role": "robot", "content": "hi"}], {}, "role", "messages.[0].role"),
        ([{"content": "hi"}], {}, "Missing required parameter", "messages.[0].role"),
        ([{"role": "user", "content": "  "}], {}, "empty", "messages.[0].content"),
        ([{"role": "user", "content": "问" * 2001}], {}, "at most 2000", "messages.[0].content"),
        (
            [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}],
            {},
            "text content",
            "messages.[0].content",
        ),
        ([{"role": "user", "content": "GDP?"}], {"n": 2}, "n must be 1", "n"),
        ([{"role": "user", "content": "GDP?"}], {"temperature": "hot"}, "temperature", "temperature"),
        ([{"role": "user", "content": "GDP?"}], {"extra_body": {"top_k": 0}}, "top_k", "top_k"),
    ],
)
def test_bad_requests_are_openai_errors_that_say_what_is_wrong(oai, messages, extra, phrase, param):
    with pytest.raises(openai.BadRequestError) as caught:
        oai.chat.completions.create(model=MODEL_ID, messages=messages, **extra)
    error = error_of(caught.value)
    assert caught.value.status_code == 400 and error["type"] == "invalid_request_error"
    assert phrase in error["message"] and error["param"] == param


@pytest.mark.parametrize(
    "path, method, body, status, phrase",
    [
        ("/v1/chat/completions", "POST", b"{not json", 400, "not valid JSON"),
        ("/v1/chat/completions", "POST", b"", 400, "empty"),
        ("/v1/chat/completions", "POST", b"[1]", 400, "JSON object"),
        ("/v1/chat/completions", "POST", b'{"messages": [{"role": "user", "content": "hi"}]}', 400, "'model'"),
        ("/v1/chat/completions", "POST", b'{"model": "m"}', 400, "'messages'"),
        ("/v1/chat/completions", "POST", b'{"model": "m", "messages": "hi"}', 400, "valid list"),
        (
            "/v1/chat/completions",
            "POST",
            b'{"model": "m", "messages": [{"role": "user", "content": "' + b"a" * 70000 + b'"}]}',
            413,
            "too large",
        ),
        (
            "/v1/chat/completions",
            "POST",
            b'{"model": "m", "messages": [{"role": "user", "content": "\\ud800 GDP?"}]}',
            400,
            "surrogate",
        ),
        (
            "/v1/chat/completions",
            "POST",
            b'{"model": "m", "messages": [], "top_k": ' + b"9" * 5000 + b"}",
            400,
            "digits",
        ),
        (
            "/v1/chat/completions",
            "POST",
            b'{"model": "m", "messages": ' + b"[" * 5000 + b"]" * 5000 + b"}",
            400,
            "nested",
        ),
        ("/v1/chat/completions", "GET", None, 405, "method"),
        ("/v1/completions", "POST", b"{}", 404, "Invalid URL"),
    ],
)
def test_every_v1_error_has_openais_shape(base_url, path, method, body, status, phrase):
    code, kind, data = raw(base_url, path, body, method)
    error = json.loads(data)["error"]
    assert code == status and kind.startswith("application/json")
    assert set(error) == {"message", "type", "param", "code"} and phrase.lower() in error["message"].lower()


def test_other_paths_keep_problem_details(base_url):
    for path, method in (("/api/nope", "GET"), ("/api/ask", "GET")):
        code, kind, data = raw(base_url, path, None, method)
        assert code in (404, 405) and kind.startswith("application/problem+json") and json.loads(data)["status"] == code


def test_chat_routes_are_documented(base_url, app):
    from service.http.openapi import undocumented

    assert undocumented(app) == []
    _, _, data = raw(base_url, "/openapi.json", None, "GET")
    paths = json.loads(data)["paths"]
    assert "post" in paths["/v1/chat/completions"] and "get" in paths["/v1/models"]
    assert "ChatRequest" in json.dumps(paths["/v1/chat/completions"])


def test_text_parts_are_read_like_a_string(oai):
    parts = [{"type": "text", "text": "2021年地区生产总值"}, {"type": "text", "text": "预期增长多少?"}]
    reply = oai.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": parts}])
    assert "7%" in reply.choices[0].message.content


def test_an_unexpected_failure_is_a_500_in_openais_shape(app, monkeypatch):
    from service.engine import Reader

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Reader, "ask", broken)
    response = app.test_client().post(
        "/v1/chat/completions", json={"model": MODEL_ID, "messages": [{"role": "user", "content": "GDP?"}]}
    )
    assert response.status_code == 500 and response.get_json()["error"]["type"] == "server_error"
    assert "boom" not in response.get_data(as_text=True)


def test_without_an_index_the_chat_says_so_with_503(config):
    from service import create_app
    from service.state import QAState

    client = create_app(config, QAState(config, error="no index")).test_client()
    response = client.post(
        "/v1/chat/completions", json={"model": MODEL_ID, "messages": [{"role": "user", "content": "GDP?"}]}
    )
    error = response.get_json()["error"]
    assert response.status_code == 503 and error["code"] == "index_not_ready" and "not loaded" in error["message"]


def test_an_uncertain_answer_comes_with_a_caution_before_it(oai, state, monkeypatch):
    from dataclasses import replace

    monkeypatch.setattr(state.retriever, "verdict", replace(state.retriever.verdict, answered=1.0, not_found=0.0))
    reply = oai.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": "What was the GDP of the first half of 2021?"}]
    )
    content, extra = reply.choices[0].message.content, reply.model_extra["reports_qa"]
    assert content.startswith("This may not answer the question") and "779.43" in content and "[1]" in content
    assert extra["verdict"] == "uncertain" and extra["confident"] is False and 0 < extra["confidence"] < 1


def test_v1_edges_answer_in_openais_shape_with_their_headers(base_url):
    def send(path: str, method: str, body: bytes | None, content_type: str = "application/json"):
        req = urllib.request.Request(base_url + path, data=body, method=method, headers={"Content-Type": content_type})
        try:
            with urllib.request.urlopen(req, timeout=120) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    status, headers, data = send("/v1/chat/completions", "GET", None)
    assert status == 405 and "POST" in headers["Allow"] and json.loads(data)["error"]["code"] == "method_not_allowed"
    status, headers, data = send("/v1/chat/completions", "POST", b'{"model": "m", "messages": []}', "text/plain")
    assert status == 415 and json.loads(data)["error"]["code"] == "unsupported_media_type"
    status, headers, data = send("/v1/models/" + "m" * 40_000, "GET", None)
    assert status == 414 and json.loads(data)["error"]["code"] == "uri_too_long"
