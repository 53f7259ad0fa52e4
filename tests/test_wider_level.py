"""Figure questions about another level of government than the one the answer's report speaks for."""

from service.analysis.wider_level import other_level, other_level_en


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


def test_a_reports_own_level_is_never_another_one():
    national = "政府工作报告 一、2021年工作回顾 国内生产总值达到114万亿元"
    assert not other_level("全国2021年国内生产总值是多少?", national, level="country")
    assert other_level("全国2021年国内生产总值是多少?", national, level="district")
    assert other_level("湖北省2021年地区生产总值是多少?", national, level="country")  # a province's own figure
    assert not other_level_en("What was the nationwide growth rate?", national, level="country")
    assert other_level_en("What was the province-wide growth rate?", national, level="country")


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
    assert retriever.analyse("How many new market entities did Wuchang register in 2020?").places == ()
