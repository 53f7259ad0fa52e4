"""The figure table: every figure of a report parsed at index time into a record."""

from index.chunking import Chunk
from index.figure_table import build_table, read_table, sentence_records, write_table

SENTENCE = "上半年完成地区生产总值779.43亿元,同比增长22.3%,较2019年同期增长4.9%;社会消费品零售总额超1000亿元"


def _chunk(sentence: str, periods: tuple[str, ...] = ("2021", "上半年"), start: int = 100) -> Chunk:
    return Chunk(
        "r:p1:s1", "r", "报告", "一、上半年工作", 1, start, start + len(sentence), start, start + len(sentence),
        sentence, sentence, periods=periods, level="district",
    )  # fmt: skip


def test_a_figure_gets_its_metric_period_level_and_place():
    gdp = sentence_records(_chunk(SENTENCE), "district")[0]
    assert (gdp.text, gdp.metric, gdp.unit, gdp.kind, gdp.value) == (
        "779.43亿元",
        "地区生产总值",
        "元",
        "money",
        "77943000000",
    )
    assert gdp.english == "RMB 77.943 billion" and gdp.metric_en  # an English gloss from the dictionary
    assert {"2021", "上半年"} <= set(gdp.period) and gdp.level == "district"
    assert (gdp.report, gdp.start, gdp.end) == ("r", 111, 119) and SENTENCE[gdp.start - 100 : gdp.end - 100] == gdp.text


def test_a_change_in_its_own_clause_is_a_change_of_the_figure_before_it():
    gdp, growth, on_2019, retail = sentence_records(_chunk(SENTENCE), "district")
    assert (growth.metric, growth.change, growth.direction, growth.base) == ("地区生产总值", "增长", "up", "同比")
    assert on_2019.base == "较2019年同期" and on_2019.metric == "地区生产总值"
    assert set(gdp.related) == {growth.id, on_2019.id} and retail.related == ()
    assert (retail.metric, retail.qualifier, retail.change) == ("社会消费品零售总额", "超", "")
    # a base written as "set against" (与2019年同期相比增长) is a base too, not what is counted
    _, against = sentence_records(_chunk("地区生产总值779.43亿元,与2019年同期相比增长4.9%"), "district")
    assert (against.metric, against.base, against.change) == ("地区生产总值", "与2019年同期相比", "增长")
    # run-on text that drops the 较 (同比增长69.3%2019年同期增长0.1%): still the same metric's change
    _, _, bare = sentence_records(_chunk("预算收入91.75亿元,同比增长69.3%2019年同期增长0.1%"), "district")
    assert (bare.metric, bare.base, bare.change) == ("预算收入", "2019年同期", "增长")


def test_qualifiers_written_around_or_inside_a_figure_are_kept():
    records = sentence_records(_chunk("组织3万余人次,第二剂接种率超80%,新增就业约2万人以上"), "district")
    assert [r.qualifier for r in records] == ["余", "超", "约以上"]
    assert [r.written for r in records] == ["3万余人次", "超80%", "约2万人以上"]  # each where the report writes it


def test_each_figure_is_recorded_once_and_read_back_as_written(tmp_path):
    chunks = [_chunk(SENTENCE), _chunk(SENTENCE)]  # two passages anchored on one sentence
    table = build_table(chunks)
    assert len(table) == 4
    write_table(tmp_path, table)
    assert read_table(tmp_path) == table


def test_a_figure_is_not_read_as_a_year_and_value_added_is_not_a_change():
    visitors, added = sentence_records(_chunk("累计接待游客2079万人次,服务业增加值686.02亿元", periods=("2021",)), "x")
    assert "2079" not in visitors.period and visitors.period == ("2021",)
    assert (added.metric, added.change) == ("服务业增加值", "")


def test_a_metric_starts_after_a_rank_in_run_on_text():
    records = sentence_records(_chunk("服务业增加值686.02亿元,规模排全市第1固定资产投资190.59亿元"), "district")
    assert [r.metric for r in records] == ["服务业增加值", "固定资产投资"]


def test_a_metric_is_what_is_counted_not_the_verbs_and_prepositions_around_it():
    sentence = "拟安排地方政府专项债券3.65万亿元,城镇调查失业率全年控制在5.5%以内,粮食产量保持在1.3万亿斤以上"
    sentence += ",贫困发生率降至0.6%,将科技型中小企业加计扣除比例从75%提高到100%,赤字率拟按3%左右安排"
    sentence += ",小微企业贷款要高于30%,涉农贷款不低于20%,规划纲要12项"
    records = sentence_records(_chunk(sentence), "country")
    metrics = [r.metric for r in records if not r.change]
    assert metrics[:5] == ["地方政府专项债券", "城镇调查失业率", "粮食产量", "贫困发生率", "科技型中小企业加计扣除比例"]
    assert metrics[-4:] == ["赤字率", "小微企业贷款", "涉农贷款", "规划纲要"]


def test_a_range_keeps_its_lower_end_as_written_and_out_of_the_metric():
    records = sentence_records(_chunk("打造1-2项具有全国较大影响力的文旅活动,新增绿道3至5公里,增长10—15%"), "district")
    assert [r.written for r in records] == ["1-2项", "3至5公里", "10—15%"]
    assert [r.metric for r in records[:2]] == ["打造", "新增绿道"]
    assert not any(ch.isdigit() for r in records for ch in r.metric)


def test_a_rate_per_unit_is_one_figure_and_a_verb_of_rising_is_no_part_of_its_metric():
    (record,) = sentence_records(_chunk("路网密度提升至4.88千米/平方公里"), "district")
    assert (record.metric, record.text) == ("路网密度", "4.88千米/平方公里")
    assert record.english == "4.88 km per square kilometre"


def test_a_count_names_what_it_counts_by_the_nouns_right_after_it():
    sentence = "军地41支医疗队、3543名医务工作者进驻驰援,完成28家农贸市场标准化改造"
    records = sentence_records(_chunk(sentence), "district")
    assert [r.metric for r in records] == ["医疗队", "医务工作者", "农贸市场"]
    # what precedes names it when nothing follows, and a span of time counts no noun after it
    later = sentence_records(_chunk("完成老旧小区改造38处,土地承包到期后再延长30年整县试点"), "country")
    assert later[0].metric == "老旧小区改造" and "整县试点" not in later[1].metric


def test_a_count_looks_before_it_when_what_follows_is_one_character_a_change_or_an_activity():
    records = sentence_records(_chunk("新建医院3家,覆盖12个区,6项指标增幅转正,派出干部驻村550人次驻村帮扶"), "district")
    assert [r.metric for r in records] == ["新建医院", "覆盖", "指标", "派出干部驻村"]


def test_a_run_of_months_or_years_is_the_period_not_the_metric():
    records = sentence_records(_chunk("1-5月完成投资20亿元,2021-2025年新建学校30所"), "district")
    assert [r.metric for r in records] == ["投资", "新建学校"]
