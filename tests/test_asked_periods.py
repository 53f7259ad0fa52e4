"""Periods a question asks about that the reports cannot speak for: outcomes after the
latest report, one month's figure."""

from datetime import date

import pytest

from service.analysis.asked_periods import asks_after

H1_REPORT = date(2021, 8, 27)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021年下半年新增城镇就业多少人?", True),
        ("2021年全年社会消费品零售总额最后达到多少?", True),
        ("What was the full-year GDP for 2021?", True),
        ("Was the full-year 2021 investment target met?", True),
        ("2021年全年地区生产总值预期增长目标是多少?", False),  # a target is known in advance
        ("2020年全年新增城镇就业和2021年上半年相比分别是多少?", False),  # 2020 ended before the report
        ("2021年上半年地区生产总值是多少?", False),
        ("2021年下半年重点工作有哪些?", False),  # the half-year report lays out the plan
        ("What are the priorities for the second half of 2021?", False),
        ("What was the unemployment rate at the end of June 2021?", False),
        ("2025年末地区生产总值突破多少亿元?", False),  # later years are only ever goals
        ("去年全年新增城镇就业和2021年上半年相比多少?", False),
        ("What is the 2021 full-year target for actual use of foreign capital?", False),
        ("2021年下半年需要完成多少投资?", True),
        ("How many vaccine doses had been given by the end of December 2021?", True),
        ("After June 2021, how many more hazards were fixed before the year ended?", True),
        ("How much floor area had been completed by the end of June 2021?", False),
        ("What does the plan aim to finish by December 2021?", False),  # a plan, not an outcome
        ("2021年一整年的服务业增加值是多少?", True),
        ("到了2025年,地区生产总值最后有没有真的突破2200亿元?", True),  # a later year's goal, met?
        ("Was the headquarters tower actually finished by the end of 2024?", True),
    ],
)
def test_outcomes_of_periods_after_the_latest_report_are_recognised(text, expected):
    assert asks_after(text, H1_REPORT) is expected
    assert asks_after(text, None) is False


def test_a_report_written_in_the_last_month_speaks_for_its_year():
    assert asks_after("2020年全年固定资产投资完成多少?", date(2020, 12, 29)) is False
