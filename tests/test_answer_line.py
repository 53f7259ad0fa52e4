"""The answer line: metric, period and value first, in the asker's language and script."""

import re
from dataclasses import replace
from decimal import Decimal

from index.cedict import chinese_to_english, english_names, is_name
from index.figure_table import FigureRecord
from service.answering.answer_line import computed, english_notes, figure_line
from service.answering.figure_words import as_written, figure_label_en, period_label, qualified_en
from service.answering.respond import ask


def _record(text: str, value: str, unit: str = "元", **fields) -> FigureRecord:
    base = dict(id=f"r:{text}", report="r", passage="p", start=0, end=len(text), text=text, value=value, unit=unit)
    kind = "percent" if unit == "%" else "money"
    return FigureRecord(
        **base, kind=kind, english=text, metric="固定资产投资", metric_en="fixed assets investment", **fields
    )


def test_an_english_figure_line_names_metric_period_and_amount_with_the_chinese_beside(retriever):
    line = ask(retriever, "What was the GDP in the first half of 2021?")["answer_line"]
    assert "first half of 2021" in line and "RMB 77.943 billion (779.43亿元)" in line
    assert "up 22.3% year on year" in line  # the change the sentence gives of the same metric


def test_a_chinese_figure_line_is_in_the_askers_script(retriever):
    simplified = ask(retriever, "2021年上半年地区生产总值是多少?")["answer_line"]
    traditional = ask(retriever, "2021年上半年地區生產總值是多少?")["answer_line"]
    assert simplified.startswith("地区生产总值（2021年上半年）：779.43亿元")
    assert traditional.startswith("地區生產總值（2021年上半年）：779.43億元")


def test_a_line_that_is_not_about_a_figure_is_the_answering_clause(retriever):
    answer = ask(retriever, "武昌区2021年将如何推进老旧小区改造?")
    assert answer["answer_line"] == answer["answer_display"] or answer["answer_line"] in answer["answer_display"]


def test_a_not_found_line_says_why_in_the_askers_language(retriever):
    answer = ask(retriever, "asdfgh qwerty")
    assert answer["verdict"] == "not_found" and answer["answer_line"] == answer["doubt"]["message"]


def test_two_figures_of_one_unit_are_compared_and_marked_as_computed():
    plan, result = _record("300亿元", "30000000000"), _record("190.59亿元", "19059000000")
    assert computed(plan, result, english=False) == "据所引数字计算：190.59亿元为300亿元的63.5%"
    assert computed(plan, result, english=True).startswith("computed from the cited figures")
    rate = _record("7%", "7", unit="%")
    assert computed(plan, rate, english=True) == ""  # other units: nothing follows
    assert Decimal(result.value) / Decimal(plan.value) > 0


def test_two_growth_rates_are_compared_in_percentage_points():
    target = _record("7%", "7", unit="%", change="增长", direction="up")
    reached = _record("22.3%", "22.3", unit="%", change="增长", direction="up")
    assert computed(target, reached, english=False) == "据所引数字计算：22.3%比7%高15.3个百分点"
    assert computed(reached, target, english=True) == (
        "computed from the cited figures: 7% is 15.3 percentage points below 22.3%"
    )
    assert computed(target, target, english=True).endswith("7% is the same as 7%")
    assert computed(_record("6.5%", "6.5", unit="%"), _record("7.5%", "7.5", unit="%"), english=False).endswith(
        "高1个百分点"
    )  # not "1.0"
    on_2019 = _record("4.9%", "4.9", unit="%", change="增长", direction="up", base="较2019年同期")
    assert computed(target, on_2019, english=True) == ""  # a two-year change is not set against a yearly one
    fall = _record("1.2%", "1.2", unit="%", change="下降", direction="down")
    level = _record("5.5%", "5.5", unit="%")
    assert computed(target, fall, english=True) == "" and computed(target, level, english=True) == ""


def test_a_figure_keeps_the_words_that_qualify_it_where_the_report_writes_them():
    for text, written, english in [
        ("6%", "6%左右", "about 6%"),
        ("2.5万亿元", "约2.5万亿元", "about 2.5万亿元"),
        ("1100万人", "1100万人以上", "1100万人 or more"),
        ("159万余剂次", "159万余剂次", "159万余剂次"),  # 余 is inside the figure
        ("190.59亿元", "190.59亿元", "190.59亿元"),
    ]:
        record = _record(text, "1", written=written)
        assert as_written(record) == written and qualified_en(record) == english
    line = figure_line(_record("6%", "6", "%", written="6%以上", change="增长"), [], english=False)
    assert line.endswith("增长6%以上")


def test_periods_read_as_a_plan_a_half_year_or_a_year():
    assert period_label(_record("1", "1", period=("2016", "2020", "十三五")), True) == "13th Five-Year Plan (2016–2020)"
    assert period_label(_record("1", "1", period=("2021", "上半年")), False) == "2021年上半年"
    assert period_label(_record("1", "1", period=("2019", "2021", "上半年"), base="较2019年同期"), True) == (
        "first half of 2021"
    )
    assert period_label(_record("1", "1", period=("2021",)), True) == "2021"


def test_a_passage_of_two_periods_gives_the_one_asked_and_a_base_year_is_no_period():
    review = _record("1", "1", period=("2016", "2020", "十三五"))  # the 2020 and 十三五 review
    assert period_label(review, True, asked=frozenset({"2020"})) == "2020"
    assert period_label(review, True, asked=frozenset({"2019"})).startswith("13th Five-Year Plan")  # not its period
    from index.figure_table import own_periods

    assert own_periods("同比增长69.3%2019年同期增长0.1%社会消费品零售总额306.60亿元") == set()


def test_a_change_asked_is_said_with_the_value_it_changes(retriever):
    line = ask(retriever, "2021年上半年地区生产总值同比增长了多少?")["answer_line"]
    assert "779.43亿元" in line and "同比增长22.3%" in line


def test_every_glossary_term_asked_what_it_means_gets_its_definition_outright(retriever):
    """A term of the glossary asked about is a lookup: answered by the report's own definition
    however little the encoders make of the term (1+8), its English names beside it in English."""
    for entry in retriever.bundle.glossary:
        answer = ask(retriever, f"What does {entry.term} mean?")
        assert answer["verdict"] == "answered", entry.term
        assert answer["answer_line"].startswith(entry.term) and entry.definition[:12] in answer["answer"], entry.term
        assert not entry.english or any(name in answer["answer_line"] for name in entry.english), entry.term
        chinese = ask(retriever, f"{entry.term}是什么意思?")["answer_line"]
        assert chinese == f"{entry.term}：{entry.definition}", entry.term


def test_an_english_line_for_a_clause_glosses_the_questions_words_and_figures_from_the_dictionary(retriever):
    answer = ask(retriever, "How will the district improve elderly care?")
    line = answer["answer_line"]
    assert line.startswith(answer["answer_display"].split(" [")[0])  # the Chinese clause stands first, as evidence
    notes = line.rsplit("[", 1)[1].rstrip("]").split("; ")
    assert notes and all(" = " in note for note in notes)
    assert all(zh in answer["answer_text"] for zh in (note.split(" = ")[0] for note in notes))


def test_a_figure_is_labelled_by_what_it_counts_and_a_change_by_its_way_and_base():
    assert figure_label_en(_record("300亿元", "30000000000")) == "fixed assets investment"
    up = _record("4.7%", "4.7", unit="%", change="增长", direction="up", base="较2019年同期")
    assert figure_label_en(up) == "fixed assets investment, up on the same period of 2019"
    assert figure_label_en(None) == ""


def test_an_english_line_gives_each_change_beside_its_value_as_the_report_writes_it_too():
    value = _record("3.75万亿元", "3750000000000")
    change = _record("1.6万亿元", "1600000000000", change="增加", direction="up", base="比去年")
    line = figure_line(value, [change], english=True)
    assert line.endswith("; up 1.6万亿元 on the previous year (比去年增加1.6万亿元)")
    assert figure_line(value, [change], english=False).endswith("：3.75万亿元，比去年增加1.6万亿元")


def test_english_notes_leave_out_figures_that_read_the_same_in_english():
    notes = english_notes("社区养老服务设施覆盖率达到90%,591个老旧小区实现物业服务全覆盖", ["养老"])
    assert notes == "养老 = to provide for the elderly; 591个 = 591"  # no "90% = 90%"


def test_an_english_note_names_a_word_in_the_askers_words_where_the_dictionary_has_them():
    clause = "新开工重大项目27项,问题整改全部完成"
    assert "项目 = item" in english_notes(clause, ["项目"])  # the dictionary's first name
    assert "项目 = project" in english_notes(clause, ["项目"], "Which major projects started?")
    assert "问题 = problem" in english_notes(clause, ["问题"], "Were the problems fixed?")
    assert "问题 = question" in english_notes(clause, ["问题"], "Were the inspection findings fixed?")


def test_english_notes_write_a_name_as_a_name_not_as_where_it_lies():
    # names whose first dictionary name says where they lie ("X Province in central Y")
    names = [
        w
        for w in sorted(chinese_to_english())
        if is_name(w) and len(w) == 2 and re.search(r"Province\s+in\s", (english_names(w) or [""])[0])
    ]
    assert names
    for name in names:
        notes = english_notes(f"支持{name}经济社会发展", [name])
        assert notes.startswith(f"{name} = ") and " in " not in notes and "Province" not in notes, notes


def test_a_range_reads_from_its_lower_end_in_english():
    items = replace(_record("2项", "2", "项", written="1-2项"), english="2 items")
    assert qualified_en(items) == "1 to 2 items"
    assert qualified_en(_record("6%", "6", "%", written="5-6%左右")) == "about 5 to 6%"
    scaled = replace(_record("5亿元", "500000000", written="约3至5亿元"), english="RMB 500 million")
    assert qualified_en(scaled) == "about RMB 300 million to RMB 500 million" and as_written(scaled) == "约3至5亿元"
