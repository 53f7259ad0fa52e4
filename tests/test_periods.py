"""The one period model: years, halves and plans in text, and what a report's passages cover."""

from datetime import date

import pytest

from index.period_mentions import year_parts
from index.periods import (
    folded,
    own_years,
    passage_ahead,
    passage_periods,
    periods,
    plan_name,
    plan_of,
    plan_years,
    report_namings,
)
from service.ranking.rerank import query_periods

DECEMBER_2020 = {"date": "2020-12-29"}
MARCH_2022 = {"date": "2022-03-05"}


def test_plans_are_numbered_and_cover_fixed_years():
    assert list(plan_years(13)) == [2016, 2017, 2018, 2019, 2020] and list(plan_years(14))[-1] == 2025
    assert plan_name(14) == "十四五" and plan_of(2021) == 14 and plan_of(2020) == 13


def test_periods_are_read_in_chinese_and_english():
    assert periods("十三五期间,2019年上半年") == {"十三五", "2019", "上半年"}
    assert periods("targets of the 14th Five-Year Plan for H1") == {"十四五", "上半年"}
    assert periods("GDP in the second half of 2021") == {"2021", "下半年"}
    assert periods("过去五年") == periods("over the past five years") == {"过去五年"}
    assert periods("增长12345个") == set()  # a number is no year


@pytest.mark.parametrize(
    "text, named",
    [
        ("2016-2020年累计新增多少", {"十三五"}),
        ("Wuchang five-year FAI sum 2016-20, RMB", {"十三五"}),
        ("2021至2025年的目标", {"十四五"}),
        ("between 2016 and 2020", {"十三五"}),
        ("training target 2020-21", {"2020", "2021"}),  # a run that is no plan: its ends
        ("Cumulative investment over 2016-2020.", {"十三五"}),  # a full stop ends no number
        ("1996-2000年", {"1996", "2000"}),  # the plans a report of this century names only
        ("GDP in 2016 and 2020", {"2016", "2020"}),  # two years, no run
    ],
)
def test_a_run_of_years_is_its_plan_when_it_covers_one_else_its_ends(text, named):
    assert periods(text) == named


def test_a_year_inside_a_plan_named_beside_it_is_that_plan():
    assert folded({"十四五", "2025"}) == {"十四五"}
    assert folded({"十四五", "2020"}) == {"十四五", "2020"}
    assert folded({"2020", "2021"}) == {"2020", "2021"}


def test_a_reports_own_years_come_from_its_metadata_or_its_date():
    assert own_years({"period": ["2020", "十三五", "2021"], "date": "2020-12-29"}) == {2020, 2021}
    assert own_years(DECEMBER_2020) == {2020, 2021}  # reviews its year, plans the next
    assert own_years(MARCH_2022) == {2021, 2022}  # reviews the last year, plans this one
    assert own_years({"date": "2021-08-27"}) == {2021}
    assert own_years({"date": "spring"}) == frozenset()


def test_a_passage_speaks_of_its_heading_narrowed_by_its_opening_else_of_its_report():
    review = passage_periods("报告 一、2020年及十三五工作回顾", "", DECEMBER_2020)
    assert {"2020", "十三五", "2016"} <= review and "2021" not in review  # 2016: the plan's first year
    totals = passage_periods("报告 一、2020年及十三五工作回顾", "——五年来,综合实力大幅提升。", DECEMBER_2020)
    assert "2020" not in totals and {"十三五", "过去五年"} <= totals  # five years' totals, not 2020's
    assert passage_periods("政府工作报告", "", MARCH_2022) == {"2021", "2022"}  # no heading period: the report's
    later = passage_periods("政府工作报告 十三五回顾", "", MARCH_2022)
    assert {"2016", "2020"} <= later and "过去五年" not in later  # that plan ended two years before


def test_relative_years_count_from_a_date_and_only_when_one_is_given():
    spring = date(2022, 3, 5)
    assert periods("去年新增减税降费超过1万亿元", spring) == {"2021"}
    assert periods("今年赤字率拟按2.8%左右安排,明年继续", spring) == {"2022", "2023"}
    assert periods("What was last year's deficit, and the target for this year?", spring) == {"2021", "2022"}
    assert periods("前年和上年同期", spring) == {"2020", "2021"}
    assert periods("上半年", spring) == {"上半年"}  # a half is not 上年
    assert periods("去年新增减税降费") == set()  # no date, no year


def test_relative_years_in_a_heading_are_the_years_of_their_reports_date():
    assert "2022" in passage_periods("政府工作报告 今年工作总体部署", "", {"date": "2022-03-05", "period": ["2021"]})
    assert "2020" in passage_periods("政府工作报告 今年工作总体部署", "", {"date": "2020-05-22", "period": ["2019"]})


def test_a_questions_relative_years_count_from_the_newest_report(retriever):
    newest = max(date.fromisoformat(r["date"]) for r in retriever.bundle.manifest["reports"])
    assert query_periods(retriever.analyse("去年新增城镇就业多少人?")) == {str(newest.year - 1)}
    assert query_periods(retriever.analyse("What is this year's GDP growth target?")) == {str(newest.year)}


REPORTS = {date(2022, 3, 5): frozenset({2021, 2022}), date(2020, 12, 29): frozenset({2020, 2021})}


@pytest.mark.parametrize(
    "text, named, years",
    [
        ("Going into the March 2022 NPC session, what coverage was claimed?", ("March 2022 NPC",), {2021, 2022}),
        ("What did the 2022 government work report say about housing?", ("2022 government work report",), {2021, 2022}),
        ("According to the report of 2022, how many jobs?", ("report of 2022",), {2021, 2022}),
        ("2022年的政府工作报告里高校毕业生有多少人?", ("2022年的政府工作报告",), {2021, 2022}),
        # a report delivered in December is named for the next year's session
        ("The 2021 work report set a growth target.", ("2021 work report",), {2020, 2021}),
        # a month that is not the report's, a year no report was delivered in, a year without "report"
        ("in the May 2022 report", (), set()),
        ("What did the 2019 report say?", (), set()),
        ("What was the 2022 deficit?", (), set()),
    ],
)
def test_a_report_named_by_its_date_is_found_with_its_years(text, named, years):
    assert report_namings(text, REPORTS) == (named, frozenset(years))


def test_a_year_naming_a_report_asks_for_that_reports_years_not_for_itself(retriever):
    day = max(date.fromisoformat(r["date"]) for r in retriever.bundle.manifest["reports"])
    meta = next(r for r in retriever.bundle.manifest["reports"] if r["date"] == day.isoformat())
    own = {str(y) for y in own_years(meta)}
    asked = query_periods(retriever.analyse(f"How many new jobs, per the {day.year} report?"))
    assert own <= asked  # and the years of any other report that year names (one named for its session)
    other = day.year - 5  # a year the question asks about itself stays the one asked
    assert query_periods(retriever.analyse(f"What did the {day.year} report say about {other}?")) == {str(other)}


@pytest.mark.parametrize(
    "text, parts",
    [
        ("2021年第三季度地区生产总值", {(7, 9)}),
        ("2021年第三季的GDP成長率", {(7, 9)}),  # Taiwan usage drops 度
        ("前三季度", {(1, 9)}),
        ("首季度", {(1, 3)}),
        ("1-3季度", {(1, 9)}),
        ("截止6月底", {(1, 6)}),
        ("1-5月累计为企业减税降费", {(1, 5)}),
        ("1—6月", {(1, 6)}),
        ("截至6月底", {(1, 6)}),
        ("上半年", {(1, 6)}),  # one span, however it is named
        ("2019年2月份居民消费价格", {(2, 2)}),
        ("十二月份", {(12, 12)}),
        ("7月1日起施行", set()),  # a day, not a month's figure
        ("6月底前完成", set()),  # a deadline
        ("十四五时期", set()),
        ("How much did GDP grow in the third quarter of 2021?", {(7, 9)}),
        ("Wuchang GDP Q1 2021", {(1, 3)}),
        ("first-quarter output", {(1, 3)}),
        ("GDP for the first three quarters", {(1, 9)}),
        ("tax relief from January to May 2021", {(1, 5)}),
        ("Tax & fee cuts, Jan-May 2021", {(1, 5)}),  # months cut to three letters
        ("by the end of Sept 2021", {(1, 9)}),
        ("floor area completed by the end of June 2021", {(1, 6)}),
        ("How much was cut in June 2021 alone?", {(6, 6)}),
        ("What may be done next year?", set()),  # the verb, not the month
    ],
)
def test_parts_of_a_year_are_spans_of_months_however_they_are_named(text, parts):
    assert year_parts(text) == parts


@pytest.mark.parametrize(
    ("near", "title", "meta", "ahead"),
    [
        (("2021年主要工作",), "", DECEMBER_2020, True),  # the next year: the plan
        (("2020年及十三五工作回顾",), "", DECEMBER_2020, False),  # its own year, all but over: the review
        (("——五年来,", "2020年及十三五工作回顾"), "", DECEMBER_2020, False),  # the plan just ended
        (("“十四五”目标任务",), "", DECEMBER_2020, True),  # the plan just begun
        (("2022年政府工作任务",), "", MARCH_2022, True),  # a March report's own year is still to come
        (("2021年工作回顾",), "", MARCH_2022, False),
        (("2019年和今年以来工作回顾",), "", {"date": "2020-05-22"}, False),  # 今年以来: this year so far
        (("",), "2021年上半年工作情况报告", {"date": "2021-08-27"}, False),  # a mid-year report's half gone by
        (("下半年,区政府将",), "2021年上半年工作情况报告", {"date": "2021-08-27"}, True),  # and the half it plans
        (("下半年工作安排",), "2021年上半年工作情况报告", {"date": "2021-08-27"}, True),
        (("名词注释",), "政府工作报告", DECEMBER_2020, None),  # no time named: unknown
        (("2021年主要工作",), "", {}, None),  # no date to count from
    ],
)
def test_a_passage_speaks_ahead_when_most_of_its_period_follows_its_reports_date(near, title, meta, ahead):
    assert passage_ahead(near, title, meta) is ahead


def test_a_passage_naming_no_time_goes_on_with_the_part_it_stands_in():
    assert passage_ahead(("加强组织领导。", "三、保障措施"), "2021年上半年工作情况报告", {"date": "2021-08-27"}, True)
    assert passage_ahead(("名词注释",), "政府工作报告", DECEMBER_2020, False) is False
    assert passage_ahead(("2021年主要工作",), "政府工作报告", DECEMBER_2020, False) is True  # its own words first
