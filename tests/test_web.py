"""The web page at ``/``: server-rendered form and answers, on the real model and index."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from tests.harness.pages import EN, TW, ZH, FormFields, page, section


def test_form_renders_in_english_for_an_english_browser(client):
    status, html = page(client)
    assert status == 200 and '<html lang="en">' in html
    assert (
        '<meta name="viewport"' in html
        and "Ask the government reports" in html
        and "Wuchang District Government Work Report" in html
    )
    assert (
        re.search(r'<form class="ask" method="get" action="/"', html) and 'name="q"' in html and 'name="lang"' in html
    )
    assert (
        "What is the Two Lakes Tunnel?" in html
        and "2021年地区生产总值预期增长多少?" in html
        and "2021年地區生產總值預期增長多少?" in html
    )
    assert 'href="/?ui=zh"' in html  # the switch to Chinese


def test_form_renders_in_chinese_for_a_chinese_browser(client):
    status, html = page(client, headers=ZH)
    assert status == 200 and '<html lang="zh-Hans">' in html and "你的问题" in html and "试试这些问题" in html
    assert 'href="/?ui=en"' in html
    _, traditional = page(client, headers=TW)
    assert '<html lang="zh-Hant">' in traditional and "你的問題" in traditional


def test_ui_param_overrides_the_browser_language(client):
    _, html = page(client, headers=ZH, ui="en")
    assert '<html lang="en">' in html and "Your question" in html
    _, html = page(client, headers=EN, ui="zh")
    assert "你的问题" in html


def test_the_form_works_without_javascript(client):
    _, html = page(client)
    assert "<script" not in html.lower()  # nothing on the page needs JavaScript
    form = FormFields()
    form.feed(html)
    assert form.form["method"] == "get" and form.form["action"] == "/"
    fields = {**form.fields, "q": "How many new urban jobs were created in 2020?"}
    response = client.get(form.form["action"] + "?" + urlencode(fields), headers=EN)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<mark>2.25万人</mark>" in body and 'value="How many new urban jobs' in body


@pytest.mark.parametrize(
    "question, status, phrase",
    [
        ("", 400, "Please type a question"),
        ("  \u200b ", 400, "Please type a question"),
    ],
)
def test_empty_question_gets_a_friendly_400_page(client, question, status, phrase):
    code, html = page(client, question)
    assert code == status and phrase in html and 'name="q"' in html


def test_overlong_question_gets_a_422_page(client, config):
    code, html = page(client, "问" * (config.max_question_chars + 1), headers=ZH)
    assert code == 422 and f"最多可输入 {config.max_question_chars} 个字符" in html


def test_page_without_an_index_says_so_with_503(config):
    from service import create_app
    from service.state import QAState

    client = create_app(config, QAState(config, error="no index")).test_client()
    code, html = page(client, "2021年地区生产总值预期增长多少?")
    assert code == 503 and "not loaded yet" in html


def test_an_unexpected_failure_is_a_logged_html_page(client, monkeypatch, caplog):
    from service.engine import Reader

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Reader, "ask", broken)
    code, html = page(client, "2021年地区生产总值预期增长多少?")
    assert code == 500 and "Something went wrong on our side" in html and 'name="q"' in html
    assert "web page failed" in caplog.text


def test_page_is_documented_as_html(client):
    spec = client.get("/openapi.json").get_json()
    get = spec["paths"]["/"]["get"]
    assert "text/html" in get["responses"]["200"]["content"]
    assert {p["name"] for p in get["parameters"]} == {"q", "lang", "report", "ui"}


def _marked(html: str) -> str:
    return "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", html, flags=re.S))


@pytest.mark.parametrize(
    "question",
    ["2021年地区生产总值预期增长多少?", "How did new urban jobs in 2020 compare with the first half of 2021?"],
)
def test_every_citation_opens_its_report_with_the_cited_words_marked(client, question):
    answer = client.post("/api/ask", json={"question": question}).get_json()
    cited = [part["citation"] for part in answer["answer_parts"]] + [p for p in answer["passages"]]
    assert all(c["url"].startswith(f"/reports/{c['doc']}?") and c["url"].endswith("#cited") for c in cited)
    for part in answer["answer_parts"]:
        response = client.get(part["citation"]["url"].split("#")[0], headers=EN)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and html.count('id="cited"') == 1
        assert _marked(html) == part["text"]  # the page marks exactly the words the answer quotes
        assert "<h1" in html and part["citation"]["section"].split(" › ")[0] in html  # the whole report
        cite_as = section(html, "cite-as").split("</p>")[0]  # the span's citation to copy, on the page too
        assert f"paragraph {part['citation']['paragraph']}," in cite_as and str(part["citation"]["start"]) in cite_as
        assert str(part["citation"]["paragraph"]) in part["citation"]["reference"]
    status, html = page(client, question, headers=EN)
    assert answer["answer_parts"][0]["citation"]["url"].replace("&", "&amp;") in html  # the page's Source link


def test_chinese_ui_text_uses_full_width_punctuation():
    from service.http.chat_reply import TEXT
    from service.http.web_text import STRINGS
    from service.verdict.doubts import MESSAGES

    chinese = [*STRINGS["zh"].values(), *TEXT["zh-Hans"].values(), *(zh for _, zh in MESSAGES.values())]
    half_width = [s for s in chinese if re.search(r"[\u4e00-\u9fff][,:;?!()]|[,:;?!()][\u4e00-\u9fff]", s)]
    assert not half_width


def test_the_report_text_option_offers_only_what_it_can_show(client):
    status, html = page(client, headers=EN)
    options = re.findall(r'<option value="([^"]*)"', html.split('id="lang"')[1].split("</select>")[0])
    assert options == ["", "zh-Hans", "zh-Hant"]  # the reports are Chinese: no "English" that shows Chinese


def test_the_form_offers_each_report_to_read_first_and_keeps_the_choice(client):
    reports = [r["id"] for r in client.get("/api/reports").get_json()["reports"]]
    assert len(reports) > 1
    status, html = page(client)
    offered = re.findall(r'<option value="([^"]*)"', html.split('id="report"')[1].split("</select>")[0])
    assert offered == ["", *reports]  # "all reports" first, then each report by its id
    for chosen in reports:
        status, html = page(client, "新增城镇就业多少人?", report=chosen)
        assert status == 200 and f'<option value="{chosen}" selected>' in html
        result = html[html.index('class="result"') :]
        first = re.search(r'href="/reports/([^"?]+)\?', result).group(1)
        assert first == chosen  # the answer's source stands in the report chosen
        assert f"report={chosen}" in re.search(r'href="(/\?[^"]*ui=zh[^"]*)"', html).group(1)  # kept across a switch


def test_an_unknown_report_gets_a_404_page_that_keeps_the_question(client):
    status, html = page(client, "新增城镇就业多少人?", report="no-such-report")
    assert status == 404 and "There is no such report." in html
    assert 'value="新增城镇就业多少人?"' in html and 'class="result"' not in html
