from decimal import Decimal

import pytest

from index.asked_units import asked_counters
from index.figures import find_figures, may_be


@pytest.mark.parametrize(
    "text, figure, english",
    [
        ("上半年完成地区生产总值779.43亿元", "779.43亿元", "RMB 77.943 billion"),
        ("新增城镇就业2.25万人", "2.25万人", "22,500 people"),
        ("各地捐款捐物达2.5亿元", "2.5亿元", "RMB 250 million"),
        ("扩容床位2万余张", "2万余张", "more than 20,000"),
        ("增长12.5%", "12.5%", "12.5%"),
        ("拆除违建8.1万余平方米", "8.1万余平方米", "more than 81,000 square metres"),
        ("下降0.5个百分点", "0.5个百分点", "0.5 percentage points"),
        ("破获电诈案件249起", "249起", "249 cases"),  # common measure words
        ("加装电梯50部", "50部", "50"),
        ("建成充电桩3.1万根", "3.1万根", "31,000"),
        ("累计接种159万余剂次", "159万余剂次", "more than 1.59 million doses"),
        ("农村贫困人口减少1109万,", "1109万", "11.09 million"),  # a scale and no unit
        ("惠及500多万在校生", "500多万", "more than 5 million"),
        ("我国有2.9亿在校学生", "2.9亿", "290 million"),
    ],
)
def test_figures_and_their_english_rendering(text, figure, english):
    found = find_figures(text)
    assert [(f.text, f.english) for f in found] == [(figure, english)]
    assert text[found[0].start : found[0].end] == figure


def test_years_and_dates_are_not_figures():
    assert find_figures("2020年是极不平凡的一年,2021年8月") == []


@pytest.mark.parametrize(
    "text, kind",
    [("增长12.5%", "percent"), ("779.43亿元", "money"), ("2.25万人", "people"), ("新建绿道15公里", "count")],
)
def test_figures_know_what_they_measure(text, kind):
    assert find_figures(text)[0].kind == kind


@pytest.mark.parametrize(
    "question, language, kind",
    [
        ("武昌区2020年全年地区生产总值具体是多少亿元?", "zh-Hans", "money"),
        ("2021年地区生产总值预期增长多少?", "zh-Hans", "percent"),
        ("抗疫期间有多少名医务人员进驻?", "zh-Hans", "people"),
        ("高考600分以上的考生一共有几个人?", "zh-Hans", "people"),  # 几个人 counts people, not things
        ("上半年新开工了几个项目?", "zh-Hans", None),
        ("新引进了多少个人工智能企业?", "zh-Hans", None),  # 人工智能 is no person
        ("What was the GDP growth target?", "en", "percent"),
        ("What was Wuchang's GDP in 2020?", "en", "money"),
        ("How many kindergartens will be built?", "en", None),
        ("How many companies pay more than 10 million yuan in tax?", "en", None),  # a count, not an amount
        ("How many billion yuan went into fixed assets?", "en", "money"),
        ("How many people found jobs after the new rules on revenue?", "en", "people"),
        ("紫阳湖公园的门票票价多少?", "zh-Hans", "money"),  # a price is an amount of money
        ("How much is the entry fee for the exhibition centre?", "en", "money"),
        ("意外伤害险每人保额多少?", "zh-Hans", "money"),
        ("这是第几届博览会?", "zh-Hans", "ordinal"),
        ("实际到位资金多少亿元?在全市排第几?", "zh-Hans", "money"),  # the amount is asked first
        ("货物进出口总额增长了几%?", "zh-Hans", "percent"),  # 几% asks a rate, whatever the 总额
        ("货物进出口总额增长了几个百分点?", "zh-Hans", "percent"),  # 几个 here counts no things
        ("去年进出口总额成长了几趴?", "zh-Hans", "percent"),  # Taiwan's 成長 and 趴 (per cent)
    ],
)
def test_questions_say_what_kind_of_figure_they_want(question, language, kind):
    from service.analysis.asked_figure import expected_kind

    assert expected_kind(question, language) == kind


def test_figures_keep_their_unit():
    assert [f.unit for f in find_figures("绿道5公里,拆除8.1万余平方米,增长12.5%")] == ["公里", "平方米", "%"]


def test_figures_know_their_value_in_their_unit():
    assert [f.value for f in find_figures("发行专项债76亿元,拆除1600余处,床位13.9张")] == [
        Decimal("7.6e9"),
        1600,
        Decimal("13.9"),
    ]


def test_counts_in_characters_count_only_where_a_question_asks_that_unit():
    """两次 answers 几次; 二次供水 and 五个中心 are names, not counts, for any other question."""
    assert find_figures("全面降准两次,推进二次供水改造,打造五个中心") == []
    asked = asked_counters("2021年全面降准了几次?", "zh-Hans")
    assert asked == {"次"} and asked_counters("How many times were reserve ratios cut?", "en") == {"次"}
    found = find_figures("全面降准两次,推进二次供水改造", asked)
    assert [(f.text, f.value, f.english, f.spelled) for f in found] == [
        ("两次", Decimal(2), "2 times", True),
        ("二次", Decimal(2), "2 times", True),
    ]
    assert [f.value for f in find_figures("新增就业两万人,实施十余年", frozenset({"人", "年"}))] == [20000, 10]
    assert find_figures("二〇二〇年,举办一批活动", frozenset({"年", "批"})) == []  # a year; 一 alone counts nothing


def test_a_place_in_an_order_is_an_ordinal_not_an_amount():
    first, second = find_figures("排名全国第27名,举办第二届论坛", frozenset({"届"}))
    assert (first.text, first.kind, first.english) == ("第27名", "ordinal", "the 27th")
    assert (second.text, second.kind, second.english) == ("第二届", "ordinal", "the 2nd")


@pytest.mark.parametrize(
    "text, english",
    [("粮食产量保持在1.3万亿斤以上", "1.3 trillion jin"), ("举办招聘会22场", "22 events"), ("成立70周年", "70 years")],
)
def test_units_of_national_reports_are_figures(text, english):
    assert [f.english for f in find_figures(text)] == [english]


def test_counts_keep_their_kind_with_a_measure_word_or_no_unit():
    """A count is a figure whatever measure word counts it (249起 was none, and the answer line
    gave 打掉团伙21个 for 'how many fraud cases'), and with a scale and no unit the people or
    things counted stand around it (减少1109万)."""
    assert [(f.text, f.kind) for f in find_figures("破获电诈案件249起,打掉团伙21个")] == [
        ("249起", "count"),
        ("21个", "count"),
    ]
    assert [(f.kind, f.unit) for f in find_figures("农村贫困人口减少1109万,")] == [("count", "")]


def test_a_measure_word_in_characters_is_a_count_only_where_asked():
    assert find_figures("加强关键零部件供应") == []  # 零部件 is a word, not "0 部"
    assert asked_counters("破获了几起案件?", "zh-Hans") == frozenset({"起"})


def test_a_bare_number_without_a_scale_or_unit_is_no_figure():
    assert find_figures("编号2345,其中3,共计十万") == []  # digits alone, or a scale in characters


def test_a_unit_per_another_reads_in_the_singular_after_per():
    assert [f.english for f in find_figures("5吨/批,500元/人,4.88千米/平方公里")] == [
        "5 tonnes per batch",
        "RMB 500 per person",
        "4.88 km per square kilometre",
    ]


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        ("在校学生2.9亿", "people", True),  # no counter: what it counts stands around it
        ("贫困人口减少1109万", "count", True),
        ("3700多万学生受益", "money", True),
        ("在校学生2.9亿", "percent", False),  # a bare number is never a rate
        ("领取养老金人数3亿人", "people", True),
        ("领取养老金人数3亿人", "money", False),  # a counter says what it counts
        ("最高额度增加4000元", "percent", False),
        ("增长21.4%", "money", False),
        ("超过1.5亿户", "people", False),
    ],
)
def test_a_figure_without_a_unit_may_be_any_amount_but_a_rate(text, kind, expected):
    (figure,) = find_figures(text)
    assert may_be(figure, kind) is expected
