"""Comparisons: questions setting two sides against each other get a clause from each."""

import pytest

from index.chunking import Chunk
from service.analysis.terms import query_terms
from service.answering.answer import _other_side, extract_answer
from service.answering.respond import ask
from service.ranking.comparison import named_periods, other_side, two_sided
from service.ranking.rerank import chunk_periods
from service.ranking.retrieval import ANSWER_DEPTH


@pytest.mark.parametrize(
    "question, sided",
    [
        ("2021年计划新建多少公里绿道?到上半年实际建成了多少公里?", True),  # the plan and the mid-year, each asked
        ("2020年拆除违法建设的面积和2021年上半年相比怎么样?", True),  # a compare word
        ("How does fixed-asset investment over the 13th Five-Year Plan compare with the 14th's target?", True),
        ("2020年全年新增城镇就业和2021年上半年分别是多少?", True),  # two years
        ("2021年上半年武昌的固定资产投资和2019年同期相比增长了多少?", False),  # one report's own comparison
        ("How did H1 2021 fixed-asset investment compare with the same period of 2019?", False),  # in English too
        ("Was first-half retail higher than the same period last year?", False),
        ("2021年上半年地区生产总值增长多少?", False),  # a year and its half are one period
        ("What are the 'six clears' targeted in the campaign against organised crime?", False),
        ("By 2025, what do the 14th Five-Year goals expect of traditional industries?", False),  # 2025 is 十四五
        ("截至上半年,全年城建投资计划已经完成了百分之多少?", False),  # a plan, but one thing asked
        ("2020年征收拆迁完成了多大面积?到今年上半年又完成了多少?", True),  # two questions, each its period
        ("2021年上半年办了什么招商论坛?签下了哪些项目?", False),  # two questions, one period
        ("年初说要新建一座养老中心,到年中进展怎样?", True),  # the plan and the mid-year, asked once
        ("The district set a road-building target for 2021; how far had it got by the end of June?", True),
        ("2020年的新增就业跟十三五五年的总数比怎么样?", True),  # 跟…比 sets one beside the other
        ("2020年的新增就业比重是多少?", False),  # 比重 is no comparison
    ],
)
def test_a_comparison_is_told_from_a_question_about_one_side(retriever, question, sided):
    assert two_sided(retriever.analyse(question)) is sided


def test_a_comparison_is_answered_from_both_reports_the_earlier_first(retriever):
    result = ask(retriever, "How did new urban jobs in 2020 compare with the first half of 2021?")
    parts = result["answer_parts"]
    assert [p["citation"]["doc"] for p in parts] == ["gwr2021", "h1_2021"]
    assert "2.25万人" in parts[0]["text"] and "15043人" in parts[1]["text"]
    assert "2.25万人" in result["answer"] and "15043人" in result["answer"] and result["confident"] is True
    assert {"2.25万人", "15043人"} <= {f["text"] for f in result["figures"]}


def test_target_against_actual_takes_each_sides_own_clause(retriever):
    """ "实际" (actually) frames the second half of the question: it must not pull in the
    clause about 实际到位资金 instead of the growth the question asks after."""
    result = ask(retriever, "今年GDP预期增长目标多少?上半年实际增长多少?")
    assert "地区生产总值增长7%" in result["answer"] and "22.3%" in result["answer"] and result["confident"] is True


def test_a_question_about_one_side_has_one_clause_and_its_citation(retriever):
    result = ask(retriever, "2021年上半年新增城镇就业多少人?")
    assert len(result["answer_parts"]) == 1
    assert (
        result["answer_parts"][0]["citation"] == result["citation"]
        and result["answer_parts"][0]["text"] == result["answer_text"]
    )


def test_the_other_side_is_brought_among_the_passages_the_answer_reads(retriever):
    """The ranker alone puts only the mid-year report's passages first for this one."""
    _, hits = retriever.search(
        "How does the 2021 GDP growth target compare with actual growth in the first half of 2021?", top_k=5
    )
    assert {h.chunk.doc for h in hits[:3]} == {"gwr2021", "h1_2021"}


METRICS = ("固定资产投资", "城镇新增就业", "地区生产总值", "招商引资到位资金", "一般公共预算收入", "社会消费品零售总额")
TWO_PERIODS = (
    "2020年全年{m}和2021年上半年{m}对比",
    "2021年{m}目标和2020年实际相比怎么样?",
    "十三五时期{m}和2021年目标比怎么样?",
    "2020年{m}和十四五目标相比",
)


def test_each_side_of_a_comparison_speaks_of_one_of_the_periods_asked(retriever):
    """The other side is a passage of a period the question names and the first side does not
    speak of, not of a third period (the 2021 plan against the 2020 result: the 2020 passage,
    not the mid-year report's). Asked of six metrics in four framings, three in four keep to the
    periods asked. Most of the rest ask a 2020 figure the reports never give (一般公共预算收入,
    社会消费品零售总额): no side can be right there, and which wrong one comes first moves with
    each refit of the reranker."""
    kept = []
    for question in [t.format(m=m) for m in METRICS for t in TWO_PERIODS]:
        query, hits = retriever.search(question, top_k=ANSWER_DEPTH)
        answer = extract_answer(query, hits, retriever.bundle.lexical)
        by_id = {h.chunk.id: h.chunk for h in hits}
        asked = named_periods(query)
        sides = [chunk_periods(by_id[part.chunk_id]) & asked for part in (answer, answer.also) if part]
        kept.append(len(sides) == 2 and all(sides) and sides[0] != sides[1])
    assert sum(kept) >= 18, kept


def test_the_other_side_counts_what_the_first_side_counts(retriever):
    """An investment target against the mid-year figure: which investment the second side gives
    (fixed-asset or city-building) follows what the first side's figure counts, not only the
    question's own words, which name neither."""
    query, hits = retriever.search("2021年投资目标定了多少?上半年完成了多少?", top_k=ANSWER_DEPTH)
    primary = next(h for h in hits if h.chunk.doc == "gwr2021")
    similarity = lambda texts: retriever.similarities(query, texts)  # noqa: E731
    for metric in ("固定资产投资", "城建投资"):
        side = _other_side(query, query_terms(query), hits, primary, retriever.bundle.lexical, similarity, metric)
        assert side is not None and metric in side.text


def _passage(doc: str, periods: tuple[str, ...], front: bool = False, level: str = "district") -> Chunk:
    text = "全年完成固定资产投资300亿元。"
    return Chunk(
        f"{doc}-{'-'.join(periods)}",
        doc,
        "",
        "",
        0,
        0,
        len(text),
        0,
        len(text),
        text,
        text,
        periods=periods,
        front=front,
        level=level,
    )


def test_a_passage_of_part_of_the_primarys_periods_is_a_side_only_when_overlap_is_asked_for():
    """A report whose every section speaks of its two years (the past year's results, this
    year's plan) sets one against the other in passages whose periods overlap: with ``overlapping``,
    a passage of one of the primary's periods is its other side; one of the very same periods, or the
    front matter, never is; another report always is."""
    primary = _passage("report", ("2019", "2020"))
    one_year, same = _passage("report", ("2019",)), _passage("report", ("2020", "2019"))
    assert not other_side(primary, one_year) and other_side(primary, one_year, overlapping=True)
    assert not other_side(primary, same, overlapping=True)
    assert not other_side(primary, _passage("other", (), front=True), overlapping=True)
    assert other_side(primary, _passage("other", ("2021",))) and other_side(primary, _passage("other", ("2020",)))


def test_the_first_sides_place_rules_out_only_its_own_reports_sentence(retriever):
    """Where the first side's answer starts says which sentence it took in its own report; the
    same offset in the other report is another sentence, free to be the other side."""
    query, hits = retriever.search("2021年投资目标定了多少?上半年完成了多少?", top_k=ANSWER_DEPTH)
    primary = next(h for h in hits if h.chunk.doc == "gwr2021")
    similarity = lambda texts: retriever.similarities(query, texts)  # noqa: E731
    terms, lexical = query_terms(query), retriever.bundle.lexical
    side = _other_side(query, terms, hits, primary, lexical, similarity, "固定资产投资")
    again = _other_side(query, terms, hits, primary, lexical, similarity, "固定资产投资", taken=side.start)
    assert again is not None and again.text == side.text


def test_the_other_side_measures_the_place_the_question_names_or_the_first_side_speaks_for():
    """In a corpus holding a district's reports and the country's, a comparison naming no place
    sets the district's 2020 against the district's mid-year, not the country's 2021; one naming
    both (Query.scope) may set one against the other."""
    primary = _passage("district2020", ("2020",))
    country = _passage("country2022", ("2021",), level="country")
    assert other_side(primary, _passage("district2021", ("2021",))) and not other_side(primary, country)
    assert other_side(primary, country, scope=frozenset({"district2020", "country2022"}))
    assert not other_side(primary, _passage("district2021", ("2021",)), scope=frozenset({"country2022"}))
