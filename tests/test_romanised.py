"""Names of the reports written in pinyin are recognised as those names."""

import subprocess
import sys

from index.romanised import RomanisedNames
from service.answering.respond import ask
from service.config import ROOT

TEXT = "建成武车路、小龟山路等13条微循环道路,先导项目小洪山科学城建设提速,积极服务对接中碳登。"


def test_a_pinyin_word_spells_the_reports_name():
    names = RomanisedNames.from_texts([TEXT])
    assert names.lookup("Xiaoguishan") == ("小龟山",)
    assert names.lookup("zhongtandeng") == ("中碳登",)
    assert "武车" in names.lookup("Wuche")
    assert names.lookup("Tesla") == ()


def test_a_string_that_starts_inside_a_word_is_no_name():
    names = RomanisedNames.from_texts(["只争朝夕,不负韶华为建设高质量发展而努力"])
    assert names.lookup("Huawei") == ()  # 韶华 + 为: 华为 only across a word's end
    assert names.lookup("Shaohua") == ("韶华",)


def test_a_common_word_that_spells_a_known_name_is_no_name_of_the_reports():
    """伤害 (harm) is read shanghai, but an English question writing Shanghai means the city."""
    names = RomanisedNames.from_texts(["依法严惩伤害儿童的违法行为,宜昌大厦顺利竣工"])
    assert names.lookup("Shanghai") == ()
    assert names.lookup("Yichang") == ("宜昌",)  # a name is kept


def test_an_administrative_word_needs_the_name_with_its_suffix():
    names = RomanisedNames.from_texts([TEXT, "洪山区与武昌区"])
    assert names.lookup("Hongshan") == ("洪山",)
    assert names.lookup("Hongshan", "District") == ("洪山区",)
    assert RomanisedNames.from_texts([TEXT]).lookup("Hongshan", "District") == ()  # only 小洪山


def test_a_kind_of_place_after_a_name_needs_the_name_written_with_it():
    names = RomanisedNames.from_texts([TEXT, "推动中南商圈改造提升,完成紫阳湖综合整治"])
    assert names.lookup("Zhongnan") == ("中南",) and names.lookup("Zhongnan", "Hospital") == ()
    assert names.lookup("Xiaoguishan", "Road") == ("小龟山路",)
    assert names.lookup("Ziyang", "Lake") == names.lookup("Ziyanghu", "Lake") == ("紫阳湖",)  # the lake said twice


def test_the_table_is_saved_with_the_index_and_read_back_the_same(tmp_path):
    names = RomanisedNames.from_texts([TEXT])
    names.save(tmp_path / "romanised.json")
    again = RomanisedNames.load(tmp_path / "romanised.json")
    assert again.lookup("Xiaoguishan") == names.lookup("Xiaoguishan") == ("小龟山",)


def test_the_server_does_not_carry_pypinyin(built):
    """pypinyin's dictionaries hold ~60 MB; the server reads the table the build saved."""
    code = (
        "import sys, pathlib; import service; from index.store import load_bundle; "
        f"bundle = load_bundle(pathlib.Path({str(built)!r})); "
        "assert bundle.romanised.lookup('Xiaoguishan') == ('小龟山',); print('pypinyin' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"


def test_an_english_question_naming_a_road_in_pinyin_is_answered(retriever):
    query = retriever.analyse("How many microcirculation roads such as Xiaoguishan Road were built in 2020?")
    assert ("小龟山路",) in query.zh_groups and "xiaoguishan" not in query.unmatched  # the road, with its 路
    answer = ask(retriever, "How many microcirculation roads such as Xiaoguishan Road were built in 2020?")
    assert "13条" in answer["answer"] and answer["confident"] is True


def test_a_hospital_the_reports_never_name_is_not_confident(retriever):
    """Renmin spells the 人民 of 人民政府, but no 人民医院 stands in the reports."""
    answer = ask(retriever, "Will Renmin Hospital open a new branch in Wuchang?")
    assert answer["confident"] is False and answer["doubt"]["code"] == "unknown_term"
