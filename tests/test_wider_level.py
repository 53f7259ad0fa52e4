"""Figure questions about another level of government, or another place, than the one the answer's report
speaks for."""

from index.cedict import is_capital_of
from index.levels import Home
from service.analysis.wider_level import other_level, other_level_en


def test_a_figure_for_the_province_or_city_is_not_the_districts():
    district = "武昌区人民政府2021年上半年工作情况报告 社会消费品零售总额306.60亿元"
    assert other_level("湖北省2021年上半年社会消费品零售总额是多少?", district)
    assert other_level("全国上半年社会消费品零售总额是多少?", district)
    assert not other_level("湖北省2021年上半年社会消费品零售总额是多少?", "湖北全省社会消费品零售总额1.0万亿元")
    assert not other_level("2021年上半年社会消费品零售总额是多少?", district)  # the district's own
    assert other_level("青山区上半年社会消费品零售总额是多少?", district)  # another district the dictionary names
    assert other_level("放眼整个武汉市,上半年社会消费品零售总额是多少?", district)  # not only as the topic
    assert not other_level("武汉市武昌区上半年社会消费品零售总额是多少?", district)  # the district's address
    rank = "2020年荣膺中国城区高质量发展水平百强榜全国第27名、全省第1名"
    assert not other_level("武昌在湖北省内排第几名?", rank)  # the district's rank within the province
    assert other_level("武汉市全市新冠疫苗一共打了多少剂?", "在全市率先推行社区拿号、分时预约机制")


def test_a_reports_own_level_is_never_another_one():
    national = "政府工作报告 一、2021年工作回顾 国内生产总值达到114万亿元"
    assert not other_level("全国2021年国内生产总值是多少?", national, level="country")
    assert other_level("全国2021年国内生产总值是多少?", national, level="district")
    assert other_level("湖北省2021年地区生产总值是多少?", national, level="country")  # a province's own figure
    assert not other_level_en("What was the nationwide growth rate?", national, level="country")
    assert other_level_en("What was the province-wide growth rate?", national, level="country")


def test_a_figure_for_another_place_is_not_the_reports_own():
    national = "政府工作报告 二、2022年经济社会发展总体要求和政策取向 国内生产总值增长5.5%左右"
    assert other_level("上海2022年GDP增长目标是多少?", national, level="country")  # a city without 市
    assert other_level("美国的GDP增长率是多少?", national, level="country")  # another country
    assert not other_level("2022年国内生产总值增长目标是多少?", national, level="country")
    assert not other_level("上海进博会吸引了多少外资?", "办好进博会,上海吸引外资增长", level="country")  # named there
    district = "武昌区人民政府工作报告 地区生产总值1.2万亿元"
    home = Home(frozenset({"武昌区", "武昌"}), frozenset({"湖北省", "湖北", "武汉市", "武汉"}))
    assert not other_level("武昌2020年地区生产总值是多少?", district, "district", home)  # its own place
    assert not other_level("武昌太累了,上半年新增多少就业?", district, "district", home)  # no place
    assert other_level("武汉2020年地区生产总值是多少?", district, "district", home)  # the city it lies in
    assert not other_level("武汉的武昌区2020年地区生产总值是多少?", district, "district", home)  # its address


def test_an_english_figure_for_the_province_city_or_country_is_not_the_districts():
    district = "武昌区人民政府2021年上半年工作情况报告 新增企业类市场主体1.2万户"
    assert other_level_en(
        "How many new market entities were registered across Hubei province in 2020?", district, places=("湖北",)
    )
    assert other_level_en("How many jobs did Wuhan as a whole create?", district, places=("武汉",))
    assert other_level_en("What was the nationwide growth rate?", district)
    assert not other_level_en("How many new market entities did Wuchang register in 2020?", district)
    assert not other_level_en("What did Wuchang do for the national sanitary city re-inspection?", district)
    assert not other_level_en("Where did Wuchang rank across Hubei?", "全国第27名、全省第1名", places=("湖北",))
    assert other_level_en(
        "How fast did investment grow across the whole of Wuhan?", "增长85%,规模排全市第1", places=("武汉",)
    )


def test_an_english_question_names_a_place_as_a_whole_in_the_reports_words(retriever):
    assert (
        "湖北"
        in retriever.analyse("How many new market entities were registered across Hubei province in 2020?").places
    )
    assert "武汉" in retriever.analyse("How many jobs did Wuhan as a whole create?").places
    assert "湖北" not in retriever.analyse("How many new market entities did Wuchang register in 2020?").places


def test_an_english_question_names_another_place_anywhere_but_its_own_address(retriever):
    district = "武昌区人民政府工作报告 新增普惠性幼儿园6所"
    for asked, other in [
        ("What was Wuhan's GDP in the first half of 2021?", True),
        ("Wuhan GDP first half 2021", True),  # a keyword question opens on it
        ("What was Wuchang's GDP in the first half of 2021?", False),  # its own place
        ("How many kindergartens did Wuchang District in Wuhan add in 2020?", False),  # its address
        ("How many kindergartens did Wuhan's Wuchang District add in 2020?", False),
    ]:
        query = retriever.analyse(asked)
        found = other_level_en(asked, district, "district", query.places, "", query.home, query.names_home)
        assert found == other, asked


def test_an_english_question_names_a_place_the_reports_never_write(retriever):
    """A city spelt in pinyin that the reports never name is still a place (the dictionary's
    name for it), and a figure of it is another place's, not the district's."""
    district = "武昌区人民政府工作报告 新增城镇就业2.25万人"
    for asked in ["How many new urban jobs did Shanghai add in 2020?", "Chengdu's GDP growth in 2021"]:
        query = retriever.analyse(asked)
        assert query.places, asked
        assert other_level_en(asked, district, "district", query.places, "", query.home, query.names_home), asked
    assert retriever.analyse("How many new urban jobs did Wuchang add in 2020?").places == ("武昌",)


def test_a_countrys_capital_stands_for_its_government_in_english():
    national = "政府工作报告 国内生产总值增长5.5%左右"
    china = Home(frozenset({"中国"}), national=True)
    assert not other_level_en("What is Beijing's 2022 growth target?", national, "country", ("北京",), "", china)
    assert other_level_en("What is Chengdu's 2022 growth target?", national, "country", ("成都",), "", china)
    assert other_level("北京2022年GDP增长目标是多少?", national, "country", china)  # Chinese names the city
    assert is_capital_of("北京", {"中国"}) and not is_capital_of("成都", {"中国"})  # "of Sichuan … in China"
