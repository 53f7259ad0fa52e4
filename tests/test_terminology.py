from index.terminology import Terminology, _stem, curated_english


def _table(tmp_path, rows):
    path = tmp_path / "t.tsv"
    path.write_text("en\tzh\n" + "".join(f"{en}\t{zh}\n" for en, zh in rows), encoding="utf-8")
    return Terminology.load(path)


def test_longest_phrase_wins_and_inflections_meet(tmp_path):
    table = _table(
        tmp_path,
        [
            ("investment", "投资"),
            ("fixed asset investment", "固定资产投资"),
            ("demolish", "拆除"),
            ("first half", "上半年"),
        ],
    )
    assert table.translate("How much fixed-asset investments in the first half?") == ["固定资产投资", "上半年"]
    assert table.translate("buildings demolished") == ["拆除"]


def test_untranslated_content_words_are_reported(tmp_path):
    table = _table(tmp_path, [("gdp", "地区生产总值")])
    assert table.translate_with_rest("What was Hongshan's GDP in 2021?") == (["地区生产总值"], ["hongshan"])


def test_stemming_is_consistent_across_forms():
    for forms in (
        ["tackle", "tackled", "tackling", "tackles"],
        ["house", "houses", "housing"],
        ["tear", "torn"],
        ["plan", "planned", "planning", "plans"],
    ):
        assert len({_stem(f) for f in forms}) == 1, forms


def test_inflections_with_a_meaning_of_their_own_stay_apart(tmp_path):
    table = _table(tmp_path, [("parks", "公园"), ("parking", "停车"), ("projects", "项目"), ("projected", "预计")])
    assert table.translate("How many parking spaces were added?") == ["停车"]
    assert table.translate("Which parks were renovated?") == ["公园"]
    assert table.translate("projects projected") == ["项目", "预计"]


def test_the_real_table_has_no_unrelated_meanings_under_one_stem():
    """Two rows whose English stems alike are merged: they must share a Chinese term, or a
    question about one (parks) would be judged answered by a text about the other (parking).
    Near meanings (flood, flooding; schedule, scheduling) are merged on purpose."""
    import csv
    from pathlib import Path

    from index.terminology import english_words

    path = Path(__file__).resolve().parents[1] / "corpus" / "terminology.tsv"
    rows: dict[tuple, list[set]] = {}
    for row in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"):
        rows.setdefault(tuple(_stem(w) for w in english_words(row["en"])), []).append(set(row["zh"].split("|")))
    clashes = {key for key, groups in rows.items() if len(groups) > 1 and not set.intersection(*groups)}
    assert clashes <= {("flood",), ("schedul",)}


def test_a_row_names_the_term_it_leads_with_in_the_casing_the_row_writes(tmp_path):
    path = tmp_path / "t.tsv"
    rows = [
        ("gdp", "地区生产总值|GDP"),
        ("gross domestic product", "地区生产总值|GDP"),
        ("service industry", "服务业|服务业增加值"),
    ]
    path.write_text("en\tzh\n" + "".join(f"{en}\t{zh}\n" for en, zh in rows), encoding="utf-8")
    names = curated_english(path)
    assert names == {"地区生产总值": "GDP", "服务业": "service industry"}  # 服务业增加值 only widens a search
    assert curated_english(tmp_path / "missing.tsv") == {}
