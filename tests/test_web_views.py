"""What the page shows of an answer (service.http.web_views): figures, passages, glossary cards, cautions
and comparisons, in the reader's language and script, on the real model and index."""

from __future__ import annotations

import re
from html import unescape

import pytest

from service.http.citations import below_the_answer
from service.verdict.doubts import doubt_item
from tests.harness.pages import EN, TW, UNANSWERABLE, ZH, page, section


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


@pytest.mark.parametrize(
    "headers, notice, language, label",
    [
        (ZH, "报告中没有找到答案", "zh-Hans", "最接近的段落"),
        (EN, "The reports do not say", "en", "Closest passages"),
    ],
)
def test_unanswerable_question_says_so_and_why_and_shows_the_closest_passages(client, headers, notice, language, label):
    doubt = client.post("/api/ask", json={"question": UNANSWERABLE}).get_json()["doubt"]
    why = doubt_item(doubt["code"], language, doubt["terms"])["message"]
    status, html = page(client, UNANSWERABLE, headers=headers)
    assert status == 200 and notice in html and why in unescape(html) and label in html
    assert 'class="answer-text"' not in html and html.count('class="passage"') >= 1


def test_the_page_names_the_word_the_reports_never_use_in_the_readers_language(client):
    status, html = page(client, "Did BYD open a factory in Wuchang in 2020?", headers=ZH)
    assert status == 200 and "问题中的年份、地点或名称在报告中没有出现：BYD。" in unescape(html)


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
