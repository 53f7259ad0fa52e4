"""The one period model: years, halves and plans in text, and what a report's passages cover."""

from datetime import date

from index.periods import folded, own_years, passage_periods, periods, plan_name, plan_of, plan_years
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
