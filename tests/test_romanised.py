"""Names of the reports written in pinyin are recognised as those names."""
from index.romanised import RomanisedNames
from service.respond import ask

TEXT = "建成武车路、小龟山路等13条微循环道路,先导项目小洪山科学城建设提速,积极服务对接中碳登。"


def test_a_pinyin_word_spells_the_reports_name():
    names = RomanisedNames.from_texts([TEXT])
    assert names.lookup("Xiaoguishan") == ("小龟山",)
    assert names.lookup("zhongtandeng") == ("中碳登",)
    assert "武车" in names.lookup("Wuche")
    assert names.lookup("Tesla") == ()


def test_an_administrative_word_needs_the_name_with_its_suffix():
    names = RomanisedNames.from_texts([TEXT, "洪山区与武昌区"])
    assert names.lookup("Hongshan") == ("洪山",)
    assert names.lookup("Hongshan", "District") == ("洪山区",)
    assert RomanisedNames.from_texts([TEXT]).lookup("Hongshan", "District") == ()  # only 小洪山


def test_an_english_question_naming_a_road_in_pinyin_is_answered(retriever):
    query = retriever.analyse("How many microcirculation roads such as Xiaoguishan Road were built in 2020?")
    assert ("小龟山",) in query.zh_groups and "xiaoguishan" not in query.unmatched
    answer = ask(retriever, "How many microcirculation roads such as Xiaoguishan Road were built in 2020?")
    assert "13条" in answer["answer"] and answer["confident"] is True
