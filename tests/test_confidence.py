"""The confidence verdict: questions whose constraints the reports cannot meet are flagged,
the same questions within the reports' reach are not."""
from datetime import date

import pytest

from service.confidence import _ASKS_NAME, absent_topic, shares_a_word, asks_after, names_person, other_level, other_level_en, other_month, unknown_places, unknown_quarter, unknown_topic
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
])
def test_outcomes_of_periods_after_the_latest_report_are_recognised(text, expected):
    assert asks_after(text, H1_REPORT) is expected
    assert asks_after(text, None) is False


def test_a_report_written_in_the_last_month_speaks_for_its_year():
    assert asks_after("2020年全年固定资产投资完成多少?", date(2020, 12, 29)) is False


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
    "两湖隧道什么时候建成通车?",                      # asked when; the passage gives no time
    "Does BYD run a factory in Wuchang?",              # a name in capitals the reports never use
])
def test_questions_beyond_the_reports_are_not_confident(retriever, question):
    assert ask(retriever, question)["confident"] is False


@pytest.mark.parametrize("question", [
    "2021年上半年武昌新增城镇就业多少人?",
    "2021年上半年社会消费品零售总额是多少?",
    "2020年武昌区地区生产总值是多少?",
    "What is the GDP growth target for 2021?",
    "How many new urban jobs were created in 2020?",  # the year stands in the section heading
    "2021年上半年武昌GDP增长多少?",                   # GDP is 地区生产总值 in the reports
    "How many telecom fraud cases were solved in the first half of 2021?",  # the half stands in the report's title
    "地区生产总值哪一年突破2200亿元?",                 # asked when, answered with a year
    "2020年全区新增多少停车位?",                      # the reports say 停车泊位
    "How many SKP stores opened in Wuchang?",          # a name in capitals the reports do use
])
def test_the_same_questions_within_reach_stay_confident(retriever, question):
    assert ask(retriever, question)["confident"] is True


def test_a_glossary_term_in_a_question_about_something_else_is_not_enough(retriever):
    """Naming a glossary term does not make any question about it answerable."""
    defined = ask(retriever, "什么是两湖隧道?")
    assert defined["confident"] is True
    assert ask(retriever, "两湖隧道的总投资是多少?")["confident"] is False
    assert ask(retriever, "What is the total investment in the Lianghu Tunnel?")["confident"] is False


def test_only_place_names_count_as_unknown_places():
    places = unknown_places("青山区和湖北省的商务区、示范区、老城区、宜居城市", vocabulary={"湖北"})
    assert places == ["青山区"]  # 湖北省 is 湖北, which the reports name; the rest are common nouns


@pytest.mark.parametrize("text, expected", [
    ("比亚迪在武昌有没有投资项目?", ["比亚迪"]),  # a company the reports never name
    ("2021年上半年汉正街的改造有什么进展?", ["汉正街"]),  # the year before the topic is skipped
    ("阿里巴巴华中总部建设进展如何?", []),  # a name the reports use
    ("湖北美术学院附近有什么改造计划?", ["湖北美术学院"]),  # 湖北 is used, 美术学院 is not
    ("老百姓有事找政府反映,有没有统一的地方?", []),  # a common noun as the topic
    ("武昌和比亚迪有合作吗?", ["比亚迪"]),  # the district and a stopword are not the topic
    ("合作企业里有比亚迪吗?", []),  # only the first content word is the topic
])
def test_a_named_topic_the_reports_never_use_is_unknown(text, expected):
    vocabulary = {"阿里巴巴", "阿里", "巴巴", "华中", "总部", "武昌", "合作", "湖北", "学院"}
    assert unknown_topic(text, vocabulary) == expected


def test_a_quarter_is_unknown_only_when_the_reports_never_speak_of_quarters():
    for text in ("2021年第三季度地区生产总值增长多少?", "What was GDP growth in the third quarter of 2021?", "Q3 retail sales?"):
        assert unknown_quarter(text, vocabulary={"上半年"}) == ["季度"]
        assert unknown_quarter(text, vocabulary={"季度"}) == []
    assert unknown_quarter("Which headquarters moved to Wuchang?", vocabulary=set()) == []


def test_a_figure_for_the_province_or_city_is_not_the_districts():
    district = "武昌区人民政府2021年上半年工作情况报告 社会消费品零售总额306.60亿元"
    assert other_level("湖北省2021年上半年社会消费品零售总额是多少?", district)
    assert other_level("全国上半年社会消费品零售总额是多少?", district)
    assert not other_level("湖北省2021年上半年社会消费品零售总额是多少?", "湖北全省社会消费品零售总额1.0万亿元")
    assert not other_level("2021年上半年社会消费品零售总额是多少?", district)  # the district's own
    assert not other_level("青山区上半年社会消费品零售总额是多少?", district)  # a district: unknown_places
    assert other_level("放眼整个武汉市,上半年社会消费品零售总额是多少?", district)  # not only as the topic
    assert not other_level("武汉市武昌区上半年社会消费品零售总额是多少?", district)  # the district's address
    rank = "2020年荣膺中国城区高质量发展水平百强榜全国第27名、全省第1名"
    assert not other_level("武昌在湖北省内排第几名?", rank)  # the district's rank within the province
    assert other_level("武汉市全市新冠疫苗一共打了多少剂?", "在全市率先推行社区拿号、分时预约机制")


def test_one_months_figure_needs_a_clause_dated_to_that_month():
    half_year = "武昌区人民政府2021年上半年工作情况报告 新增城镇就业15043人"
    assert other_month("How many new urban jobs were created in June 2021 alone?", half_year)
    assert other_month("2021年6月份新增城镇就业多少人?", half_year)
    assert not other_month("2021年6月份新增城镇就业多少人?", "6月新增城镇就业3000人")
    for cumulative in ("How many new urban jobs from January to June 2021?", "By the end of June 2021, how many new jobs?", "2021年1-6月新增城镇就业多少人?"):
        assert not other_month(cumulative, half_year)


def test_a_month_in_an_english_question_is_a_time_not_a_name(retriever):
    answer = ask(retriever, "By the end of June, how many households had the 2021 housing expropriation projects completed?")
    assert "5365户" in answer["answer"] and answer["confident"] is True


@pytest.mark.parametrize("text, asks", [
    ("作政府工作报告的区长叫什么名字?", True),
    ("Who is the head of the new investment promotion centre?", True),
    ("这个项目叫什么名字?", False),  # a project's name is not a person's
    ("Who is responsible for the river chief system?", False),  # an office may answer
])
def test_a_question_for_a_persons_name_needs_a_clause_naming_one(text, asks):
    assert bool(_ASKS_NAME.search(text)) is asks
    assert names_person("孙春兰副总理率中央指导组长时间驻扎武昌")
    assert not names_person("设立区投资促进中心,构建“大招商”格局")


def test_two_rankers_agreeing_on_the_top_passage_count_as_evidence(retriever):
    from service.confidence import channels_agree
    from service.retrieval import Hit

    chunk = retriever.bundle.chunks[0]
    assert channels_agree(Hit(chunk, 1.0, {"lexical": 1, "main": 1, "second": 7}))
    assert not channels_agree(Hit(chunk, 1.0, {"lexical": 1, "main": 2, "second": 3}))


def test_a_reworded_compound_counts_for_the_pieces_it_shares():
    from service.terms import coverage

    clause = "新增停车泊位2.2万个"
    assert coverage([("停车位",)], clause) == 0.0
    assert coverage([("停车位",)], clause, partial=True) == pytest.approx(0.5)  # 停车 of 停车, 车位
    assert coverage([("归零",)], clause, partial=True) == 0.0  # no shorter pieces: no credit


def test_a_word_the_reports_never_use_weighs_less_than_their_rare_words(retriever):
    from service.terms import UNSEEN_WEIGHT, rarity

    weight = rarity(retriever.bundle.lexical)
    assert weight(("归零",)) == UNSEEN_WEIGHT  # the asker's word; the reports say 清零
    assert weight(("方舱",)) > UNSEEN_WEIGHT > weight(("上半年",)) > 0
    assert weight(("的",)) == 0.0


def test_a_colloquial_figure_question_answered_by_its_clause_is_confident(retriever):
    answer = ask(retriever, "武昌花了幾天才讓新增確診病例歸零?")  # the report: 历时84天实现新增确诊病例清零
    assert "84天" in answer["answer"] and answer["confident"] is True


@pytest.mark.parametrize("question, confident", [
    ("十三五期间建设的166公里雨污水管网中,雨水管有多少公里?", False),  # the report gives the total only
    ("Of the 7.6 billion yuan of bonds issued in 2020, how much were anti-epidemic treasury bonds?", False),
    ("2020年发行政府专项债、抗疫特别国债共多少亿元?", True),             # the total itself
    ("地区生产总值哪一年突破2200亿元?", True),                          # asked when, not how much
])
def test_an_answer_that_only_repeats_the_questions_figure_tells_nothing(retriever, question, confident):
    assert ask(retriever, question)["confident"] is confident


def test_a_topic_the_reports_have_no_word_for_is_absent():
    assert absent_topic("美团在武昌有没有设立区域总部?", vocabulary={"总部"}) == ["美团"]
    assert absent_topic("二手车交易市场在武昌哪里?", vocabulary={"市场"}) == ["二手车"]
    assert absent_topic("过街设施有没有做数字化升级?", vocabulary={"设施"}) == []  # a piece the reports use
    assert absent_topic("2021年老旧小区改造具体怎么搞?", vocabulary={"老旧小区"}) == []  # not 年老


def test_a_question_about_what_the_reports_have_no_word_for_is_not_confident(retriever):
    assert ask(retriever, "二手车交易市场在武昌哪里?")["confident"] is False


def test_an_answering_clause_that_shares_no_word_with_the_question_is_not_confident(retriever):
    assert ask(retriever, "武昌哪里有卖烟花的?")["confident"] is False  # the passages share 卖, the clause nothing


def test_an_english_figure_for_the_province_city_or_country_is_not_the_districts():
    district = "武昌区人民政府2021年上半年工作情况报告 新增企业类市场主体1.2万户"
    assert other_level_en("How many new market entities were registered across Hubei province in 2020?", district)
    assert other_level_en("How many jobs did Wuhan as a whole create?", district)
    assert other_level_en("What was the nationwide growth rate?", district)
    assert not other_level_en("How many new market entities did Wuchang register in 2020?", district)
    assert not other_level_en("What did Wuchang do for the national sanitary city re-inspection?", district)
    assert not other_level_en("Where did Wuchang rank across Hubei?", "全国第27名、全省第1名")
    assert other_level_en("How fast did investment grow across the whole of Wuhan?", "增长85%,规模排全市第1")  # a rank, not asked


@pytest.mark.parametrize("question", [
    "区疾控中心的值班电话是多少?",
    "What is the website of the Wuchang district investment promotion centre?",
    "武昌方舱医院的具体地址在哪里?",
])
def test_a_question_for_a_phone_number_or_address_needs_a_clause_giving_one(retriever, question):
    assert ask(retriever, question)["confident"] is False  # the reports give none


@pytest.mark.parametrize("question, confident", [
    ("滨江地下环路全长多少公里?", False),  # the clause found measures office space in 平方米
    ("How many square metres of new Grade-A office space did the Central China Financial City add in 2020?", True),
])
def test_a_figure_asked_in_a_unit_needs_a_clause_measured_in_it(retriever, question, confident):
    assert ask(retriever, question)["confident"] is confident


def test_the_words_that_ask_for_a_number_are_not_words_an_answer_must_hold(retriever):
    from service.terms import asked_terms
    words = [group[0] for group in asked_terms(retriever.analyse("武昌改造了几家民营医院?第几名?多少钱?"))]
    assert "民营" in words and "医院" in words
    assert not {"几家", "第几名", "多少钱"} & set(words)


def test_an_answer_shares_a_word_only_through_words_of_two_characters_or_more():
    header = "政府工作报告 发布时间:2021-01-06 在武汉市武昌区第十五届人民代表大会"
    assert not shares_a_word([("的",), ("公立",), ("图书馆",), ("在",), ("借书证",)], header)
    assert shares_a_word([("的",), ("人大",), ("代表",)], header)
    assert shares_a_word([("停车位",)], "新增停车泊位1.2万个")  # a piece of a reworded compound
