import pytest

from index.normalize import clean, detect_language, normalize, to_traditional


@pytest.mark.parametrize("question, language", [
    ("What was the GDP growth target for 2021?", "en"),
    ("2021年地区生产总值预期增长多少?", "zh-Hans"),
    ("2021年地區生產總值預期增長多少?", "zh-Hant"),
    ("GDP增长多少", "zh-Hans"),
    ("兩湖隧道是什麼", "zh-Hant"),
])
def test_detects_the_script_of_a_question(question, language):
    assert detect_language(question) == language


def test_normalize_folds_width_script_and_invisible_characters():
    assert normalize("地區生產總值\u200b　ＧＤＰ") == "地区生产总值 GDP"


def test_clean_drops_control_characters_and_folds_spaces():
    assert clean("a\x00b\u200d  c\n\nd") == "ab c d"


def test_traditional_round_trip_of_a_report_phrase():
    assert to_traditional("地区生产总值增长") == "地區生產總值增長"
