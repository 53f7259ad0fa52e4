"""The web page at ``/``: server-rendered form and answers, on the real model and index."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest

from service.http.citations import below_the_answer
from service.verdict.doubts import doubt_item

EN = {"Accept-Language": "en-US,en;q=0.9"}
ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}
TW = {"Accept-Language": "zh-TW,zh;q=0.9"}
UNANSWERABLE = "武昌区2021年的房价涨了多少?"


def page(client, question: str | None = None, headers=EN, **params) -> tuple[int, str]:
    """GET / with the question (if any) and extra params, as a browser without JS would."""
    args = {"q": question, **params} if question is not None else params
    response = client.get("/?" + urlencode(args), headers=headers)
    assert response.mimetype == "text/html"
    return response.status_code, response.get_data(as_text=True)


def section(html: str, cls: str) -> str:
    """The HTML from the first element with the class to the end of its block (roughly)."""
    start = html.index(f'class="{cls}')
    return html[start : start + 4000]


class FormFields(HTMLParser):
    """The form's action and its named fields with their default values."""

    def __init__(self):
        super().__init__()
        self.form: dict = {}
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = attrs
        elif tag in ("input", "select") and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""


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


def test_english_question_shows_answer_figure_in_english_and_passages(client):
    status, html = page(client, "What was Wuchang's GDP in the first half of 2021?")
    assert status == 200
    answer = section(html, "answer")
    assert "<mark>779.43亿元</mark>" in answer and "RMB 77.943 billion" in answer
    assert "= RMB" not in answer.split("renderings")[0]  # the API's bracketed suffix is not repeated
    marked_up = answer.split('class="answer-line" lang="en">')[1].split("</p>")[0]
    assert re.search(r'<span lang="zh-Hans">\(?779.43亿元\)?</span>', marked_up)  # its Chinese says it is Chinese
    line = re.sub(r"<[^>]+>", "", marked_up)
    assert "first half of 2021" in line and "RMB 77.943 billion (779.43亿元)" in line  # the line comes first
    assert answer.index("answer-line") < answer.index("answer-text")
    assert "<mark>22.3%</mark>" not in answer  # only the answering figure is marked in the evidence
    passages = section(html, "passages")
    assert "武昌区人民政府2021年上半年工作情况报告" in passages and "2021-08-27" in passages
    assert "<mark>上半年</mark>" in passages  # the question's Chinese terms are highlighted


def test_simplified_question_shows_answer_section_path_and_highlights(client):
    status, html = page(client, "2021年地区生产总值预期增长多少?", headers=ZH)
    assert status == 200 and "答案" in html
    assert "<mark>7%</mark>" in section(html, "answer-text")
    passages = html[html.index('class="passages"') :]
    passages = passages[: passages.index("</section>")]
    result = client.post("/api/ask", json={"question": "2021年地区生产总值预期增长多少?"}).get_json()
    listed = next(p for p in below_the_answer(result) if p["section"])
    assert listed["title"] in passages and listed["date"] in passages
    assert all(part.strip() in passages for part in listed["section"].split("›"))
    assert "<mark>地区生产总值</mark>" in passages and "RMB" not in section(html, "answer")


@pytest.mark.parametrize(
    "question, headers, names",
    [
        ("What is the Two Lakes Tunnel?", EN, "Two Lakes Tunnel"),
        ("什么是两湖隧道?", ZH, "英文"),
    ],
)
def test_glossary_question_shows_a_glossary_card(client, question, headers, names):
    status, html = page(client, question, headers=headers)
    card = section(html, "term")
    assert status == 200 and "两湖隧道" in card and "兩湖隧道" in card and names in card
    assert "下穿东湖、南湖的隧道。" in card and "A tunnel running beneath East Lake and South Lake." in card


def test_traditional_question_gets_traditional_text(client):
    status, html = page(client, "2021年地區生產總值預期增長多少?", headers=ZH)
    assert status == 200 and '<html lang="zh-Hant">' in html and "報告日期" in html
    answer = section(html, "answer-text")
    assert "地區生產總值增長<mark>7%</mark>" in answer and "地区生产总值" not in answer
    passages = section(html, "passages")
    assert "武昌區人民政府政府工作報告" in passages and "<mark>地區生產總值</mark>" in passages and "經濟" in passages
    _, glossary = page(client, "什麼是兩湖隧道?", headers=TW)
    card = section(glossary, "term")
    assert "下穿東湖、南湖的隧道。" in card and "两湖隧道" in card
    assert '<h3><span class="zh" lang="zh-Hant">兩湖隧道</span>' in card


def test_lang_param_chooses_the_script_of_the_report_text(client):
    _, html = page(client, "2021年地区生产总值预期增长多少?", headers=ZH, lang="zh-Hant")
    assert "地區生產總值增長<mark>7%</mark>" in section(html, "answer-text")
    _, html = page(client, "2021年地区生产总值预期增长多少?", headers=EN, lang="en")
    assert "RMB 30 billion" in section(html, "answer")
    _, html = page(client, "2021年地区生产总值预期增长多少?", headers=EN, lang="klingon")
    assert "地区生产总值增长<mark>7%</mark>" in section(html, "answer-text")


def test_script_in_a_question_is_shown_as_text(client):
    status, html = page(client, "<script>alert(1)</script>")
    assert status == 200 and "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


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
    "headers, notice, language, label",
    [
        (ZH, "报告中没有找到答案", "zh-Hans", "最接近的段落"),
        (EN, "The reports do not say", "en", "Closest passages"),
    ],
)
def test_unanswerable_question_says_so_and_why_and_shows_the_closest_passages(client, headers, notice, language, label):
    code = client.post("/api/ask", json={"question": UNANSWERABLE}).get_json()["doubt"]["code"]
    why = doubt_item(code, language)["message"]
    status, html = page(client, UNANSWERABLE, headers=headers)
    assert status == 200 and notice in html and why in unescape(html) and label in html
    assert 'class="answer-text"' not in html and html.count('class="passage"') >= 1


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
    assert {p["name"] for p in get["parameters"]} == {"q", "lang", "ui"}


def test_a_comparison_shows_each_side_with_where_it_stands(client):
    status, html = page(client, "How did new urban jobs in 2020 compare with the first half of 2021?", headers=EN)
    assert status == 200 and html.count('class="answer-text"') == 2 and html.count('class="cite"') == 2
    assert html.index("2.25万人") < html.index("15043人")  # the December report first


@pytest.fixture()
def always_uncertain(state, monkeypatch):
    """The live retriever judged by a model whose cut points make every answer uncertain."""
    from dataclasses import replace

    monkeypatch.setattr(state.retriever, "verdict", replace(state.retriever.verdict, answered=1.0, not_found=0.0))


@pytest.mark.parametrize("headers, caution", [(EN, "This may not answer the question"), (ZH, "这未必回答了问题")])
def test_an_uncertain_answer_is_shown_with_a_caution_and_its_reason(client, always_uncertain, headers, caution):
    status, html = page(client, "What was the GDP of the first half of 2021?", headers=headers)
    assert status == 200 and caution in html and 'class="answer-text"' in html
    assert html.index(caution) < html.index('class="answer-text"')  # the caution comes before the answer
    assert "The reports do not say" not in html and "报告中没有找到答案" not in html


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


def test_the_page_shows_one_title_cards_for_named_terms_and_no_passage_twice(client):
    question = "How many new urban jobs were created in 2020?"  # its passages use several glossary terms
    status, html = page(client, question)
    assert status == 200 and html.count("<h1") == 1
    answer = client.post("/api/ask", json={"question": question}).get_json()
    assert any(g["source"] == "passages" for g in answer["glossary"])  # the API still lists them all
    quoted = answer["answer_parts"][0]["citation"]["passage"]
    assert f'id="p-{quoted}"' not in html  # the answer's own passage is not listed again below it
    shown = re.findall(r'<h3><span class="zh"[^>]*>([^<]+)</span>', html)
    answer_text = "".join(part["text"] for part in answer["answer_parts"])
    assert all(term in answer_text for term in shown)  # no card for a term neither question nor answer names
    status, html = page(client, "What is the Two Lakes Tunnel?")
    assert "两湖隧道" in re.findall(r'<h3><span class="zh"[^>]*>([^<]+)</span>', html)  # a term the question names


def test_chinese_ui_text_uses_full_width_punctuation():
    from service.http.chat_reply import TEXT
    from service.http.web_text import STRINGS
    from service.verdict.doubts import MESSAGES

    chinese = [*STRINGS["zh"].values(), *TEXT["zh-Hans"].values(), *(zh for _, zh in MESSAGES.values())]
    half_width = [s for s in chinese if re.search(r"[\u4e00-\u9fff][,:;?!()]|[,:;?!()][\u4e00-\u9fff]", s)]
    assert not half_width


def test_the_report_text_option_offers_only_what_it_can_show(client):
    status, html = page(client, headers=EN)
    options = re.findall(r'<option value="([^"]*)"', html)
    assert options == ["", "zh-Hans", "zh-Hant"]  # the reports are Chinese: no "English" that shows Chinese


def test_a_comparison_of_two_figures_of_one_unit_gets_a_small_chart(client):
    status, html = page(client, "2021年固定资产投资目标是多少，上半年完成了多少？", headers=ZH)
    chart = section(html, "answer").split('<svg class="chart"')[1].split("</svg>")[0]
    widths = [int(w) for w in re.findall(r'<rect[^>]* width="(\d+)"', chart)]
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", chart)
    assert len(widths) == 2 and max(widths) == 240 and all(w > 0 for w in widths)
    assert all(re.search(r"\d{4}-\d\d-\d\d \S+元", label) for label in labels)  # its report date, its figure
    _, english = page(client, "How did fixed-asset investment in the first half of 2021 compare with the 2021 target?")
    chart = section(english, "answer").split('<svg class="chart"')[1].split("</svg>")[0]
    assert re.findall(r'<text[^>]*lang="en">\d{4}-\d\d-\d\d RMB [\d.]+ billion</text>', chart)  # read in English
    _, single = page(client, "2021年上半年地区生产总值是多少?", headers=ZH)
    assert '<svg class="chart"' not in single  # one figure reads better as words


def test_chinese_pages_say_where_an_answer_stands_in_chinese(client):
    for headers, colon in ((ZH, "出处："), (TW, "出處：")):
        _, html = page(client, "2021年地区生产总值预期增长多少?", headers=headers)
        cite_as = section(html, "cite-as").split("</p>")[0]
        assert colon in html and "出处:" not in html and "出處:" not in html
        assert re.search(r"第\d+段，第\d+–\d+字", cite_as) and "paragraph" not in cite_as
    _, html = page(client, "2021年地区生产总值预期增长多少?", headers=EN)
    assert re.search(r"paragraph \d+, characters \d+–\d+", section(html, "cite-as"))
    assert "Cite as: " in html  # every passage has its citation to copy, too
    assert html.count('class="cite-as"') == html.count('class="passage"') + html.count('class="answer-text"')


def test_an_english_reader_of_a_policy_answer_gets_its_words_in_english(client):
    _, html = page(client, "What will the district do to renovate old residential communities?", headers=EN)
    answer = section(html, "answer")
    notes = answer.split('class="notes"')[1].split("</p>")[0]
    assert re.search(r'<span lang="zh-Hans">[\u4e00-\u9fff]+</span> = [a-z]', notes)  # a word of the clause, in English
    assert 'class="answer-line"' not in answer  # the line would only repeat the clause
