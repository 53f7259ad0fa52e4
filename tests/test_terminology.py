from index.terminology import Terminology, _stem


def _table(tmp_path, rows):
    path = tmp_path / "t.tsv"
    path.write_text("en\tzh\n" + "".join(f"{en}\t{zh}\n" for en, zh in rows), encoding="utf-8")
    return Terminology.load(path)


def test_longest_phrase_wins_and_inflections_meet(tmp_path):
    table = _table(tmp_path, [("investment", "投资"), ("fixed asset investment", "固定资产投资"), ("demolish", "拆除"), ("first half", "上半年")])
    assert table.translate("How much fixed-asset investments in the first half?") == ["固定资产投资", "上半年"]
    assert table.translate("buildings demolished") == ["拆除"]


def test_untranslated_content_words_are_reported(tmp_path):
    table = _table(tmp_path, [("gdp", "地区生产总值")])
    assert table.translate_with_rest("What was Hongshan's GDP in 2021?") == (["地区生产总值"], ["hongshan"])


def test_stemming_is_consistent_across_forms():
    for forms in (["tackle", "tackled", "tackling", "tackles"], ["house", "houses", "housing"], ["tear", "torn"], ["plan", "planned", "planning", "plans"]):
        assert len({_stem(f) for f in forms}) == 1, forms
