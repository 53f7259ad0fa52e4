"""The confidence verdict: questions whose constraints the reports cannot meet are flagged,
the same questions within the reports' reach are not."""
from datetime import date

import pytest

from service.confidence import asks_after
from service.respond import ask, latest_report

H1_REPORT = date(2021, 8, 27)


@pytest.mark.parametrize("text, expected", [
    ("2021年下半年新增城镇就业多少人?", True),
    ("2021年全年社会消费品零售总额最后达到多少?", True),
    ("What was the full-year GDP for 2021?", True),
    ("Was the full-year 2021 investment target met?", True),
    ("2021年全年地区生产总值预期增长目标是多少?", False),  # a target is known in advance
    ("2020年全年新增城镇就业和2021年上半年相比分别是多少?", False),  # 2020 ended before the report
    ("2021年上半年地区生产总值是多少?", False),
])
def test_outcomes_of_periods_after_the_latest_report_are_recognised(text, expected):
    assert asks_after(text, H1_REPORT) is expected
    assert asks_after(text, None) is False


def test_the_latest_report_date_skips_undated_reports():
    assert latest_report({"a": "2020-12-29", "b": "2021-08-27", "c": "", "d": "spring"}) == H1_REPORT
    assert latest_report({}) is None


@pytest.mark.parametrize("question", [
    "2021年下半年武昌新增城镇就业多少人?",           # period after the latest report
    "青山区2021年上半年社会消费品零售总额是多少?",    # a district the reports never name
    "漢陽區2020年地區生產總值是多少?",
    "What was Wuchang's full-year GDP for 2021?",
    "2019年武昌区新增城镇就业多少人?",               # answered only for 2020: another year
    "十二五期间固定资产投资累计多少?",                # answered only for 十三五
])
def test_questions_beyond_the_reports_are_not_confident(retriever, question):
    assert ask(retriever, question)["confident"] is False


@pytest.mark.parametrize("question", [
    "2021年上半年武昌新增城镇就业多少人?",
    "2021年上半年社会消费品零售总额是多少?",
    "2020年武昌区地区生产总值是多少?",
    "What is the GDP growth target for 2021?",
    "How many new urban jobs were created in 2020?",  # the year stands in the section heading
])
def test_the_same_questions_within_reach_stay_confident(retriever, question):
    assert ask(retriever, question)["confident"] is True


def test_a_glossary_term_in_a_question_about_something_else_is_not_enough(retriever):
    """Naming a glossary term does not make any question about it answerable."""
    defined = ask(retriever, "什么是两湖隧道?")
    assert defined["confident"] is True
    result = ask(retriever, "两湖隧道东湖段预计什么时候通车?")
    assert result["confident"] is False or "通车" in result["answer"]
