import pytest

from index.normalize import clean, detect_language, normalize, taiwan_to_mainland, to_traditional


@pytest.mark.parametrize(
    "question, language",
    [
        ("What was the GDP growth target for 2021?", "en"),
        ("2021年地区生产总值预期增长多少?", "zh-Hans"),
        ("2021年地區生產總值預期增長多少?", "zh-Hant"),
        ("GDP增长多少", "zh-Hans"),
        ("兩湖隧道是什麼", "zh-Hant"),
        ("What does 四类人员 mean?", "en"),  # a Chinese term quoted in an English sentence
        ("武昌GDP是多少", "zh-Hans"),
    ],
)
def test_detects_the_script_of_a_question(question, language):
    assert detect_language(question) == language


def test_normalize_folds_width_script_and_invisible_characters():
    assert normalize("地區生產總值\u200b　ＧＤＰ") == "地区生产总值 GDP"


def test_clean_drops_control_characters_and_folds_spaces():
    assert clean("a\x00b\u200d  c\n\nd") == "ab c d"


def test_traditional_round_trip_of_a_report_phrase():
    assert to_traditional("地区生产总值增长") == "地區生產總值增長"


def test_taiwan_phrasing_becomes_mainland_words_unless_the_reports_use_it():
    assert taiwan_to_mainland("數位化升級和資訊平台") == "数字化升级和信息平台"
    assert taiwan_to_mainland("新增確診病例", known={"新增"}) == "新增确诊病例"
    assert taiwan_to_mainland("新增確診病例") == "添加确诊病例"  # OpenCC's own mapping, without the reports' words


def test_taiwan_words_opencc_lacks_come_from_the_projects_table():
    assert (
        taiwan_to_mainland("經濟成長率", known={"成长"}) == "经济增长率"
    )  # growth, even though the reports say 成长 once
    assert taiwan_to_mainland("瓦斯安全和捷運站") == "燃气安全和地铁站"
    assert taiwan_to_mainland("孩子健康成長", known={"成长"}) == "孩子健康成长"  # a child's growth stays


def test_traditional_questions_about_new_cases_meet_the_reports_word(retriever):
    query = retriever.analyse("今年新增城鎮就業多少人?")
    assert "新增" in query.text and "添加" not in query.text


@pytest.mark.parametrize("text", ["地區生產總值", "反覆", "回覆函覆", "地区生产总值 GDP", "沈默的乾隆", "武昌 2021"])
def test_simplified_shortcut_agrees_with_opencc(text):
    from index.normalize import _converter, to_simplified

    assert to_simplified(text) == _converter("t2s").convert(text)
