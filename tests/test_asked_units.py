"""What figure a question asks: its units and counters, and the numbers it states itself."""

from decimal import Decimal

import pytest

from index.asked_units import asked_counters, asked_units, other_unit, stated_values
from index.figures import find_figures


@pytest.mark.parametrize(
    "question, language, units",
    [
        ("2021年计划新建绿道多少公里?", "zh-Hans", {"公里", "千米"}),
        ("拆除违法建设多少万平方米?", "zh-Hans", {"平方米"}),
        ("海绵城市建设面积是多少?", "zh-Hans", {"平方公里", "平方米", "公顷", "亩"}),
        ("How many square metres of illegal structures were torn down?", "en", {"平方米"}),
        ("How long is the Two Lakes Tunnel?", "en", {"公里", "千米", "米"}),
        ("新增多少个停车泊位?", "zh-Hans", set()),  # a counter is no unit of measure
        ("How many households were relocated?", "en", {"户"}),
    ],
)
def test_questions_say_which_unit_they_want(question, language, units):
    assert asked_units(question, language) == units


@pytest.mark.parametrize(
    "text, values",
    [
        ("Of the 7.6 billion yuan raised in 2020, how much came from bonds?", {Decimal("7.6e9")}),
        ("The 1,600 signs and 166 km of pipes", {1600, 166}),
        ("上半年拆掉的1600余处招牌里,横幅有多少处?", {1600}),
        ("76亿元专项债", {Decimal("7.6e9")}),
        ("After last year's RMB4,000 increase, how much more?", {4000}),  # a currency leads it
        ("Farmers got a one-off RMB20bn subsidy", {Decimal("2e10")}),
        ("PM2.5 in 2021", set()),  # part of a name
        ("一季度,1600余处招牌", {1600}),  # a comma after a word opens a number
        ("2021年上半年GDP是多少?", set()),  # a year is no stated figure
    ],
)
def test_questions_state_their_own_figures_in_either_language(text, values):
    assert stated_values(text) == values


@pytest.mark.parametrize(
    "question, clause, other",
    [
        ("2020年空气质量优良天数有多少天?", "空气质量优良率同比上升16.3%", True),  # days asked, a rate given
        ("累计确诊了多少例?", "历时84天", True),
        ("地铁二期全长多少公里?", "新建停车泊位30个", True),
        ("优良天数有多少天?", "优良天数达到300天", False),
        ("上半年新开工了几个亿元以上项目?", "新开工亿元以上重大项目27项", False),  # counters of things alike
        ("新增了多少家企业?", "日均新增企业1万户以上", False),
        ("那几天接待了多少游客?", "接待游客2079万人次", False),  # 那几天 asks no count of days
        ("抗疫派了多少名医务人员?", "医务人员2000人", False),  # 名 and 人 count alike
        ("高考600分以上的有几个人?", "600分以上1200人", False),
    ],
)
def test_a_count_asked_in_one_unit_is_not_given_by_a_figure_in_another(question, clause, other):
    asked = asked_counters(question, "zh-Hans") | asked_units(question, "zh-Hans")
    assert other_unit(asked, find_figures(clause)) is other
