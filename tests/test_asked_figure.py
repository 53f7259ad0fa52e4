"""service.analysis.asked_figure: which questions ask for a figure, by their words and their form."""

import pytest

from service.analysis.asked_figure import asks_value, names_metric


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What was the GDP growth target for 2022?", "en"),  # names a measure, asks what it is
        ("fiscal revenue 2021", "en"),  # bare keywords naming a measure
        ("Why did fiscal revenue fall? How much did it fall by?", "en"),  # one sentence asks a value
        ("Is the district building a nursing home? How big?", "en"),
        ("How does 2021's growth compare with the goal for 2022?", "en"),  # weighing two values
        ("The deficit was 2.5 trillion yuan. What was the deficit ratio?", "en"),  # "2.5" ends no sentence
        ("看病报销的比例现在到多少了", "zh-Hans"),
        ("Can you tell me the GDP growth rate for 2021?", "en"),  # a request, not yes or no
        ("Do you know the per capita income?", "en"),
        ("Is there a deficit target, and what is it?", "en"),  # yes or no, then what
        ("有没有说今年新增就业多少人？", "zh-Hans"),  # yes or no, but asking how many
        ("2021年 财政收入 增速", "zh-Hans"),
        ("What was the outstanding balance of inclusive loans at end-2021, in RMB?", "en"),  # the unit to answer in
        ("What was the average PM2.5 concentration in micrograms per cubic metre?", "en"),
    ],
)
def test_a_question_asking_a_value_asks_a_figure(question: str, language: str) -> None:
    assert asks_value(question, language)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Why did the government set no GDP growth target this time?", "en"),  # a reason
        ("Who accounts for the largest share of investment?", "en"),  # a who
        ("Will new renewable energy count against the energy consumption cap?", "en"),  # yes or no
        ("Are platforms going to be told to cut the fees they charge?", "en"),
        ("How does the report treat the energy-intensity target?", "en"),  # the manner
        ("2020年政府有没有订经济增长率目标？", "zh-Hans"),
        ("为什么没有提出经济增速目标", "zh-Hans"),
        ("今年的收费标准会调整吗？", "zh-Hans"),
    ],
)
def test_a_measure_named_in_a_question_asking_why_who_or_whether_asks_no_figure(question: str, language: str) -> None:
    assert not asks_value(question, language)


def test_keywords_name_a_metric_by_what_it_counts_not_only_by_its_whole_phrase():
    """A metric the figure table writes with its verb and place first (实现全区污水集中处理率)
    is named by the quantity it counts; a short tail that many metrics end in (处理率) names
    none, nor does a thing that was counted (保障性住房 of 建设保障性住房)."""
    metrics = ["实现全区污水集中处理率", "完成垃圾无害化处理率", "建设保障性住房"]  # any collection
    assert names_metric("污水集中处理率 目标", "zh-Hans", metrics)
    assert not names_metric("处理率 目标", "zh-Hans", metrics)
    assert not names_metric("保障性住房 申请条件", "zh-Hans", metrics)  # what was built, asked as a topic
    assert not names_metric("污水集中处理率是多少?", "zh-Hans", metrics)  # a question that asks is read by its words
