"""Periods a question asks about that the reports cannot speak for: outcomes after the
latest report, one month's or one quarter's figure."""

import re
from datetime import date

import pytest

from index.chunking import Chunk
from service.analysis.asked_periods import asks_after, other_part_of_year

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
        ("What growth had been targeted for the full year 2021?", False),  # a target, in any form of the word
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


def _chunk(title: str, section: str, periods: tuple[str, ...]) -> Chunk:
    return Chunk("d:p1:s1", "d", title, section, 1, 0, 10, 0, 10, "", "", periods=periods)


@pytest.mark.parametrize(
    "question, title, clause, periods, expected",
    [
        ("2021年第三季度GDP增长多少?", "政府工作报告", "国内生产总值增长8.1%。", ("2021",), True),
        ("How much did GDP grow in the third quarter?", "政府工作报告", "国内生产总值增长8.1%。", ("2021",), True),
        ("2020年一季度GDP下降了多少?", "2020年上半年工作情况", "地区生产总值下降6.8%。", ("2020", "上半年"), True),
        ("2019年2月份居民消费价格涨了多少?", "政府工作报告", "居民消费价格上涨2.9%。", ("2019",), True),
        ("1-5月减税降费多少?", "上半年工作情况报告", "1-5月累计为企业减税降费20.69亿元。", ("上半年",), False),
        ("What was the first-quarter GDP?", "报告", "一季度地区生产总值增长12%。", ("2021",), False),
        ("What was the first-quarter GDP?", "报告", "上半年地区生产总值增长12%。", ("2021",), True),
        (
            "by the end of June, how much was invested?",
            "2021年上半年工作情况报告",
            "完成投资190亿元。",
            ("上半年",),
            False,
        ),
        ("2021年GDP增长多少?", "政府工作报告", "国内生产总值增长8.1%。", ("2021",), False),  # a year: another check
    ],
)
def test_a_quarter_or_month_asked_must_be_named_where_the_answer_stands(question, title, clause, periods, expected):
    assert other_part_of_year(question, _chunk(title, "", periods), clause) is expected


@pytest.mark.parametrize(
    "question, periods, expected",
    [
        ("上半年城镇居民人均可支配收入是多少?", ("十三五",), True),  # a half asked, a five-year review given
        ("上半年城镇居民人均可支配收入是多少?", ("2021", "上半年"), False),
        ("What was disposable income in the first half?", ("2020",), True),
    ],
)
def test_a_half_year_named_alone_must_be_where_the_answer_stands(retriever, question, periods, expected):
    from service.analysis.asked_periods import other_period

    chunk = _chunk("工作报告", "", periods)
    assert other_period(retriever.analyse(question), chunk, "城镇居民人均可支配收入增长7.3%。") is expected


def test_bare_keywords_that_name_a_metric_of_the_reports_ask_its_figure(retriever):
    metric = next(m for m in sorted(retriever.bundle.metrics) if re.fullmatch(r"[\u4e00-\u9fff]{6,}", m))
    assert retriever.analyse(f"武昌 上半年 {metric}").wants_figure
    assert not retriever.analyse("武昌 上半年 城市更新").wants_figure  # names no figure's metric
    assert not retriever.analyse(f"{metric}有哪些做法?").wants_figure  # a question that asks, asks for itself
