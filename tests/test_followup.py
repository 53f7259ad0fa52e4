"""Follow-up turns made self-contained: the earlier question's topic and period carried,
what the new turn changes changed (service.analysis.followup, followup_period)."""

from __future__ import annotations

import pytest

from service.analysis.followup import resolve
from service.analysis.followup_period import Period, find_period, replace_period


@pytest.mark.parametrize(
    "turns, resolved",
    [
        (["2021年地区生产总值预期增长多少?", "那上半年呢?"], "2021年上半年地区生产总值预期增长多少?"),
        (["2021年地区生产总值预期增长多少?", "那上半年呢?", "十三五期间呢?"], "十三五期间地区生产总值预期增长多少?"),
        (["上半年地區生產總值是多少?", "那2020年呢?"], "2020年地區生產總值是多少?"),
        (["What was the GDP in 2021?", "and in the first half?"], "What was the GDP in the first half of 2021?"),
        (
            ["What was the GDP of the first half of 2021?", "What about the target?"],
            "What was the GDP of the first half of 2021, the target?",
        ),
        (
            ["What was the GDP of the first half of 2021?", "And what was the fixed asset investment?"],
            "What was the fixed asset investment in the first half of 2021?",
        ),
        (
            ["How many new urban jobs were created in 2020?", "How about H1 2021?"],
            "How many new urban jobs were created in the first half of 2021?",
        ),
        (["2021年上半年地区生产总值是多少?", "那社会消费品零售总额如何?"], "2021年上半年社会消费品零售总额如何?"),
        (
            ["What was the GDP in the first half of 2021?", "What about retail sales?"],
            "What was the retail sales in the first half of 2021?",
        ),
        (["2021年上半年服务业增加值是多少?", "那固定资产投资呢?"], "2021年上半年固定资产投资是多少?"),
        (
            ["What was the GDP growth target for 2021?", "What about fixed-asset investment?"],
            "What was the fixed-asset investment target in 2021?",
        ),  # the plan asked of the new topic too
        (
            ["What were the main targets for 2021?", "And what was achieved in the first half?"],
            "what was achieved in the first half (What were the main results for the first half of 2021?)",
        ),  # the outcome asked, not the plan again
        (
            ["2021年地区生产总值预期增长多少?", "上半年完成得怎么样?"],
            "上半年完成得（2021年上半年地区生产总值增长多少?）",
        ),
        (
            ["What was the 2021 target for fixed-asset investment?", "And what was achieved in the first half?"],
            "what was achieved in the first half (What was the first half of 2021 result for fixed-asset investment?)",
        ),
        (
            ["2021年计划新建多少个停车场?", "上半年实际建成多少?"],
            "上半年实际建成多少?（2021年上半年新建多少个停车场?）",
        ),
        (
            ["2021年计划新建多少个停车场?", "上半年计划完成多少?"],
            "上半年计划完成多少?（2021年上半年计划新建多少个停车场?）",
        ),  # a plan asked again stays a plan
        (
            ["What was the 2021 GDP growth target?", "And how many new urban jobs were planned?"],
            "How many new urban jobs were planned in 2021?",
        ),
        (["十三五期间新增城镇就业多少人?", "那十五五呢?"], "十五五期间新增城镇就业多少人?"),  # any plan, not only two
        (
            ["How many parking spaces were added in 2019?", "And how many in the early months of 2020?"],
            "How many parking spaces were added in 2020?",
        ),  # words saying when ("the early months of") are no new topic
        (["2021年地区生产总值预期增长多少?", "什么是两湖隧道?"], "什么是两湖隧道?"),
        (["2021年地区生产总值预期增长多少?", "城市更新推进得如何?"], "城市更新推进得如何?"),
        (["What was the GDP of the first half of 2021?", "What is GDP?"], "What is GDP?"),
    ],
)
def test_follow_up_resolution_is_general(turns, resolved):
    assert resolve(turns).question == resolved


@pytest.mark.parametrize(
    "text, english, period",
    [
        ("惠游湖北累计接待了2079万人次游客?", False, Period()),
        ("今年上半年规上工业增加值增长了多少?", False, Period("+0", "H1")),
        ("“十三五”期间建设了多少套保障性住房?", False, Period(plan="13")),
        ("What was the GDP in H1 2021?", True, Period("2021", "H1")),
        ("How much was invested during the 14th Five-Year Plan period?", True, Period(plan="14")),
        ("What share was 2021% of it?", True, Period()),
    ],
)
def test_periods_are_found_without_mistaking_figures_for_years(text, english, period):
    assert find_period(text, english)[0] == period


@pytest.mark.parametrize(
    "turns",
    [
        ["What did the district plan for libraries in 2021?", "What progress had been made on that by June?"],
        ["How much was budgeted for parks in 2021?", "How much of it had been spent by mid-year?"],
        ["2021年新建了多少个停车场?", "这些停车场一共多少个车位?"],
        ["2020年新增了多少个养老床位?", "2021年计划新增多少?"],
        ["2021年要新建社区卫生服务中心吗?", "它啥时候建好?"],  # a dialect question word asks as the written one
    ],
)
def test_a_turn_that_leans_on_the_earlier_topic_takes_it_along(turns):
    resolution = resolve(turns)
    assert resolution.kind == "refer" and resolution.previous == turns[0]
    assert len(resolution.question) > len(turns[1]) + len(turns[0]) // 2  # the earlier question rides along


def test_a_short_question_that_defines_stands_alone():
    assert resolve(["2021年新建了多少个停车场?", "什么是一网通办?"]).kind == "standalone"


def test_a_quoted_earlier_question_takes_the_new_period_too():
    """A resolved turn quotes the one before it; the period they share changes in both, and a
    period the question sets against it is dropped, not repeated."""
    asked = "revenue in the first half of 2021 (By how much did revenue fall in the first half of 2021?)"
    assert replace_period(asked, Period(year="2021", part="FY")) == (
        "revenue in the full year of 2021 (By how much did revenue fall in the full year of 2021?)"
    )
    assert replace_period("2021年GDP目标和2020年实际", Period(part="H1")) == "2021年上半年GDP目标和实际"
