"""The right passage for questions in each language, and glossary expansion."""

import numpy as np
import pytest

from service.analysis.asked_figure import expected_kind
from service.ranking.pipelines import PIPELINES
from service.ranking.retrieval import dense_text


@pytest.mark.parametrize(
    "question, expected",
    [
        ("2021年地区生产总值预期增长多少?", "地区生产总值增长7%"),
        ("上半年完成地区生产总值多少?", "779.43亿元"),
        ("两湖隧道建设进展如何", "两湖隧道"),
        ("2021年地區生產總值預期增長多少?", "地区生产总值增长7%"),
        ("2021年社會消費品零售總額預期增長多少?", "社会消费品零售总额增长10%"),
        ("What is the GDP growth target for 2021?", "地区生产总值增长7%"),
        (
            "How much fixed-asset investment was completed during the 13th Five-Year Plan?",
            "累计完成固定资产投资1242.6亿元",
        ),
        ("How many makeshift hospitals were built during the epidemic?", "方舱"),
    ],
)
def test_the_answering_passage_is_in_the_top_five(retriever, question, expected):
    _, hits = retriever.search(question, top_k=5)
    assert any(expected in h.chunk.text for h in hits), [h.chunk.text[:40] for h in hits]


@pytest.mark.parametrize(
    "question, expected",
    [
        ("How many new urban jobs did Wuchang create in 2020?", "新增城镇就业2.25万人"),  # not the five years' 15.3万
        ("十三五期间武昌累计新增城镇就业多少?", "累计新增城镇就业15.3万人次"),  # and the other way round
    ],
)
def test_a_years_figure_comes_before_the_five_year_total_beside_it(retriever, question, expected):
    _, hits = retriever.search(question, top_k=5)
    assert expected in hits[0].chunk.text, [h.chunk.text[:40] for h in hits]


@pytest.mark.parametrize("question", ["什么是四类人员?", "四類人員指哪些人?", "Who are the four categories of people?"])
def test_a_glossary_term_brings_its_definition_first(retriever, question):
    query, hits = retriever.search(question, top_k=5)
    assert [e.term for e in query.glossary] == ["四类人员"]
    assert hits[0].chunk.text.startswith("1.四类人员:确诊患者")


def test_passages_are_distinct_and_ranked(retriever):
    _, hits = retriever.search("老旧小区改造", top_k=10)
    assert len(hits) == 10
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            assert not (a.chunk.doc == b.chunk.doc and a.chunk.start <= b.chunk.anchor_start < a.chunk.end)


def test_english_questions_do_not_use_bm25_on_english_words(retriever):
    query = retriever.analyse("How many new market entities were added in the first half?")
    assert query.language == "en" and "上半年" in query.zh_terms and "市场主体" in query.zh_terms


def test_an_english_dense_query_says_its_terms_in_chinese_and_keeps_what_they_miss(retriever):
    query = retriever.analyse("How much did fixed-asset investment grow in the first half of 2021 in Smithfield?")
    text = dense_text(query)
    assert "固定资产投资" in text and "上半年" in text and "2021" in text
    assert "smithfield" in text.lower(), "a word the terminology does not know must reach the encoder"
    assert "investment" not in text and "How" not in text, "translated and stop words cost encoder time"


@pytest.mark.parametrize(
    "question, wants",
    [
        ("上半年新增几个亿元以上项目?", True),
        ("這幾年武昌的治安有沒有比較好?", False),  # 这几年: these few years
        ("储备、建设、达效这几个项目库怎么调度?", False),
        ("How much did fixed-asset investment grow in 2020?", True),
        ("How was the investment-promotion drive organised?", False),  # 招商, no amount
        ("Does finance count as one of the eight industries of 1+8?", False),  # to count as: to be
        ("What was the count of new market entities?", True),
        ("What is planned for the Tanhualin historic area?", False),  # an area as a place
        ("What floor area of housing was expropriated in 2020?", True),  # an area as a size
        ("社区老年人服务中心怎么收费?", True),  # a fee is an amount of money
        ("上半年围绕哪几项重点工作推动项目开工?", False),  # 哪几: which ones, not how many
        ("What do residents pay for a parking space each month?", True),  # paying asks an amount
        ("Did senior officials take charge of the campaign?", False),
        ("Did suspected cases count among the people screened?", False),  # to count among: to be one of
    ],
)
def test_a_figure_question_asks_for_a_number(retriever, question, wants):
    assert retriever.analyse(question).wants_figure is wants


def test_questions_the_terminology_does_not_reach_are_embedded_as_asked(retriever):
    for question in ("Tell me about xyzzy plugh?", "两湖隧道建设进展如何?"):
        query = retriever.analyse(question)
        assert dense_text(query) == query.text[:-1], "as asked, less the question mark"


@pytest.mark.parametrize(
    "question, kind",
    [
        ("预计有几项指标的增幅由负转正?", None),  # how many indicators, not a rate
        ("上半年新签约多少个亿元以上项目?", None),  # how many projects, not an amount
        ("2021年上半年固定资产投资增幅是多少?", "percent"),
        ("上半年新增城镇就业多少人?", "people"),
    ],
)
def test_a_chinese_count_of_things_asks_no_rate_or_amount(question, kind):
    assert expected_kind(question, "zh-Hans") == kind


def test_a_dictionary_word_the_reports_write_inside_a_longer_word_still_counts(retriever):
    """English reaches Chinese words the reports write only inside longer ones (可再生 in
    可再生能源, which the search tokens split otherwise): any such word counts as used."""
    bundle = retriever.bundle
    text = bundle.chunks[0].text
    inside = next(
        text[i : i + 2]
        for i in range(len(text) - 1)
        if all("\u4e00" <= c <= "\u9fff" for c in text[i : i + 2]) and text[i : i + 2] not in bundle.lexical.vocabulary
    )
    assert bundle.uses(inside)
    assert not bundle.uses("龘靐") and not bundle.uses("龘")  # neither written nor a search token


def test_a_question_naming_its_report_gets_content_before_the_front_matter(retriever):
    # The title block matches a report's name and date best, and says nothing of its content.
    _, hits = retriever.search("政府工作报告 发布时间", top_k=200)
    fronts = [i for i, h in enumerate(hits) if h.chunk.front]
    assert fronts and fronts == list(range(len(hits) - len(fronts), len(hits)))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize(
    "question, expected",
    [("How many hospital beds were added?", "床位"), ("How many vaccine doses were given?", "疫苗")],
)
def test_english_questions_also_search_the_passages_english_glosses(retriever, question, expected):
    """The gloss channel, which reads no terminology, ranks a passage by the English of its
    words for an English question, and does not vote on a Chinese one."""
    spec = PIPELINES["full"]
    glossed = retriever.rankings(retriever.analyse(question), spec)["gloss"]
    assert expected in retriever.bundle.chunks[glossed[0][0]].text
    assert "gloss" not in retriever.rankings(retriever.analyse("新增了多少张床位?"), spec)


def test_a_chinese_questions_english_word_is_searched_by_the_reports_chinese_for_it(retriever):
    """BM25 over a Chinese question searches its English words' Chinese too: the lexical channel's
    best passages for GDP增长多少 name GDP as the reports do."""
    query = retriever.analyse("GDP增长多少")
    chinese = next(zh for zh in query.zh_groups[0] if not zh.isascii())
    best = retriever._lexical(query, True)[:3]
    assert all(chinese in retriever.bundle.chunks[row].text for row, _ in best)


def test_the_verdict_reads_an_english_question_in_its_own_words(retriever):
    """An English question is searched as its Chinese terms, which keep what it asks about but not
    how it asks; the vector the verdict reads the kind of question from (Query.vector) is of its own
    words. A Chinese question's is the one it was searched with."""
    main = retriever.encoders["main"]
    query, _ = retriever.search("How many new urban jobs were created in 2020?", top_k=1)
    assert dense_text(query) != query.text
    assert np.allclose(query.vector, main.encode_queries([query.text])[0], atol=1e-5)
    assert not np.allclose(query.vector, main.encode_queries([dense_text(query)])[0], atol=1e-3)
    chinese, _ = retriever.search("2020年新增城镇就业多少人?", top_k=1)
    assert np.allclose(chinese.vector, main.encode_queries([dense_text(chinese)])[0], atol=1e-5)
