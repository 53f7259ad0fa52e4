"""Extracted answers: the figure asked for, English renderings, abstention."""

import pytest

from service.analysis.query import names_only
from service.answering.respond import ask
from service.config import ROOT


@pytest.mark.parametrize(
    "question, figure",
    [
        ("2021年地区生产总值预期增长多少?", "7%"),
        ("2021年上半年武昌区地区生产总值是多少?", "779.43亿元"),
        ("十三五期间累计完成固定资产投资多少?", "1242.6亿元"),
    ],
)
def test_figure_questions_get_the_figure_with_its_unit(retriever, question, figure):
    result = ask(retriever, question)
    assert figure in result["answer"] and result["confident"] is True
    assert figure in result["passages"][0]["text"] or any(figure in p["text"] for p in result["passages"][:3])


@pytest.mark.parametrize(
    "question, said",
    [
        ("上半年绿道建设有什么进展?", "绿道5公里"),
        ("上半年金融之城建设有哪些进展?", "金融之城"),
    ],
)
def test_the_answer_is_the_clause_with_the_telling_word_not_the_common_ones(retriever, question, said):
    """A clause sharing the question's rare word beats one sharing its common words (计划, 上半年)."""
    assert said in ask(retriever, question)["answer"]


def test_english_questions_get_figures_in_english(retriever):
    result = ask(retriever, "What was the district's GDP in the first half of 2021?")
    assert "779.43亿元" in result["answer"] and "RMB 77.943 billion" in result["answer"]
    gdp = {"text": "779.43亿元", "english": "RMB 77.943 billion", "value": "77943000000", "unit": "元", "answers": True}
    assert gdp | {"metric": "地区生产总值", "label_en": "GDP"} in result["figures"]  # with what it counts


def test_traditional_askers_see_traditional_text_but_original_offsets(retriever):
    result = ask(retriever, "上半年地區生產總值是多少?")
    passage = result["passages"][0]
    assert result["language"] == "zh-Hant"
    assert "地區生產總值" in passage["display_text"] and passage["text"] != passage["display_text"]
    assert "億元" in result["answer_display"]


def test_the_citation_points_at_the_answer_in_the_original_text(retriever):
    result = ask(retriever, "2021年社会消费品零售总额预期增长多少?")
    report = next(r for r in retriever.bundle.manifest["reports"] if r["id"] == result["citation"]["doc"])
    from index.corpus import load_reports

    text = next(r.text for r in load_reports(ROOT / "corpus") if r.id == report["id"])
    c = result["citation"]
    assert text[c["start"] : c["end"]] == result["answer"]


@pytest.mark.parametrize(
    "question", ["武昌区2021年的房价涨了多少?", "What is the population of Wuchang's neighbouring district Hongshan?"]
)
def test_questions_the_reports_cannot_answer_are_not_confident(retriever, question):
    assert ask(retriever, question)["confident"] is False


@pytest.mark.parametrize(
    "question, figure",
    [
        # the expropriation sentence of the first passage holds 上半年 and 拆迁 far from its figures
        ("In the first half of 2021, what area of illegal structures was torn down?", "8.1万余平方米"),
        # a clause of 计划, 建成 and 上半年 about roads, against the one that counts the greenways in 公里
        ("2021年计划新建绿道多少公里?上半年实际建成多少?", "绿道5公里"),
    ],
)
def test_a_figure_answer_is_the_clause_that_counts_what_was_asked(retriever, question, figure):
    assert figure in ask(retriever, question)["answer"]


@pytest.mark.parametrize("template", ["什么是{}?", "{}指的是哪些?", "What does {} mean?"])
def test_asking_what_a_glossary_term_means_is_answered_by_its_definition_line(retriever, template):
    """Every term of the glossary, asked in each form: the answer stands inside the term's own
    definition line, not in a body sentence that merely uses the term."""
    for entry in retriever.bundle.glossary:
        name = entry.english[0] if template.startswith("What") and entry.english else entry.term
        answer = ask(retriever, template.format(name))
        cited = answer["citation"]
        assert cited["doc"] == entry.doc and entry.start <= cited["start"] < cited["end"] <= entry.end, (
            name,
            answer["answer"],
        )


@pytest.mark.parametrize("template", ["{}", "{}?", " “{}” "])
def test_a_glossary_term_asked_bare_is_answered_outright_by_its_definition(retriever, template):
    """A question of nothing but a term (in Chinese, or by its English name) is asked what the term
    means, as a dictionary is consulted: its definition, given outright, even for a term
    without a letter or character in it ("1+8"). A term with another word beside it is not."""
    for entry in retriever.bundle.glossary:
        for name in (entry.term, *entry.english[:1]):
            answer = ask(retriever, template.format(name))
            cited = answer["citation"]
            assert answer["verdict"] == "answered", (name, answer["verdict"], answer.get("doubt"))
            assert cited["doc"] == entry.doc and entry.start <= cited["start"] < cited["end"] <= entry.end, name
    entry = retriever.bundle.glossary[0]
    assert not names_only(f"{entry.term} 数量", [entry]) and names_only(f"{entry.term}？", [entry])


@pytest.mark.parametrize(
    "question",
    [
        # a comparison, whose other side may stand below the fifth passage
        "The 2020 report says foreign trade growth turned positive that year. What does the mid-2021 report say "
        "about keeping it growing?",
        "2020年拆除违法建设的面积和2021年上半年相比怎么样?",
        "2021年上半年武昌区地区生产总值是多少?",
        "區裡怎麼推動老舊小區改造?",
    ],
)
def test_the_answer_and_its_verdict_do_not_depend_on_how_many_passages_are_shown(retriever, question):
    """The page shows 5 passages, chat 3, an evaluation 10: each must get the same answer, and
    each passage it quotes is listed, among those shown or below them."""
    results = [ask(retriever, question, top_k=k) for k in (1, 3, 5, 10, 20)]
    assert [len(r["passages"]) for r in results] == [1, 3, 5, 10, 20]
    for key in ("answer", "answer_line", "answer_parts", "verdict", "confidence", "doubt"):
        assert len({str(r[key]) for r in results}) == 1, key
    for r in results:
        listed = [p["id"] for p in r["passages"] + r["quoted_passages"]]
        assert len(listed) == len(set(listed))
        assert {part["citation"]["passage"] for part in r["answer_parts"]} <= set(listed)
