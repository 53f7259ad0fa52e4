"""The one recogniser of period words: where a text names a year, a part of a year or a plan."""

from index.period_mentions import mentions


def _named(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.key) for m in mentions(text)]


def test_years_relative_years_parts_and_plans_in_either_language():
    assert _named("2021年上半年GDP") == [("year", "2021"), ("part", "H1")]
    assert _named("GDP in the first half of 2021") == [("part", "H1"), ("year", "2021")]
    assert _named("去年和今年，明年") == [("year", "-1"), ("year", "+0"), ("year", "+1")]
    assert _named("last year versus the year before last") == [("year", "-1"), ("year", "-2")]
    assert _named("前三季度与三季度、Q4及全年") == [("part", "Q1-3"), ("part", "Q3"), ("part", "Q4"), ("part", "FY")]
    assert _named("“十四五”时期 and the thirteenth Five-Year Plan period") == [("plan", "14"), ("plan", "13")]
    assert _named("五年来 / the past five years") == [("past_five", ""), ("past_five", "")]


def test_abbreviated_halves_and_quarters_stand_beside_chinese_words():
    assert _named("2021年H1增长多少") == [("year", "2021"), ("part", "H1")]
    assert _named("Q3GDP and H12 and SH1") == []  # inside longer tokens they are not periods


def test_a_figure_is_not_a_year():
    for text in ("累计接待游客2079万人次", "完成2012个点位", "增长2020.5%", "2019%", "1990年代", "12021"):
        assert not [k for k, _ in _named(text) if k == "year"], text
    assert _named("2020、2021這兩年") == [("year", "2020"), ("year", "2021")]  # a year before other words stays one


def test_a_mention_says_where_it_stands():
    text = "那2021年上半年呢"
    spans = [text[m.start : m.end] for m in mentions(text)]
    assert spans == ["2021年", "上半年"]  # a year's 年 with it: a follow-up replaces both


def parts(text: str) -> list[str]:
    return [m.key for m in mentions(text) if m.kind == "part"]


def test_runs_of_months_and_the_middle_of_a_year_are_the_parts_they_make():
    """1-6月, "by the end of June" and "mid-2021" all end the first half; a deadline month is no
    period, and 2020年中国 is a year before China, not the middle of 2020."""
    assert parts("2021年1—6月规模以上工业增加值") == ["H1"]
    assert parts("截至6月底已完成") == ["H1"]
    assert parts("How much had been done by the end of June?") == ["H1"]
    assert parts("How many doses by mid-2021?") == ["H1"]
    assert parts("到年中进度如何") == ["H1"]
    assert parts("前三季度") == ["Q1-3"] and parts("1-9月") == ["Q1-3"] and parts("7-9月") == ["Q3"]
    assert parts("2020年中国经济") == [] and parts("6月底前全部退还") == []
    assert parts("当年中标的项目") == [] and parts("近年中小企业") == []  # 年中 inside other words
    assert parts("by mid-March") == [] and parts("Apply by June 30") == []  # a day or a deadline, no part
