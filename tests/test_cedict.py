"""CC-CEDICT read backwards: the reports' Chinese words for English words the terminology lacks."""

from index.cedict import english_names, english_to_chinese, meaning_senses, written_forms


def test_the_dictionary_ships_with_its_package_and_reads_backwards():
    table = english_to_chinese()
    assert len(table) > 50_000
    assert "投资" in table["investment"] and "减税" in table["tax cut"]


def test_the_lexicon_is_read_back_from_its_cache_as_parsed(tmp_path, monkeypatch):
    from index import cedict

    english, common = cedict._parse_english()
    cache = tmp_path / "lexicon.json"
    for damaged in (None, "not json", '{"source": "another file", "senses": {}}'):
        if damaged is not None:
            cache.write_text(damaged, encoding="utf-8")
        monkeypatch.setattr(cedict, "_english", None)
        cedict.preload(cache)  # parses, and (re)writes the cache
        assert (cedict.english_to_chinese(), cedict._common) == (english, common)
    monkeypatch.setattr(cedict, "_english", None)
    monkeypatch.setattr(cedict, "_parse_english", lambda: ({}, frozenset()))  # only the cache can fill it
    cedict.preload(cache)
    assert (cedict.english_to_chinese(), cedict._common) == (english, common)


def test_names_are_told_from_common_words_by_the_dictionarys_capitalised_pinyin():
    from index.cedict import is_common_word

    assert is_common_word("高科技") and is_common_word("振兴")
    assert not is_common_word("比亚迪") and not is_common_word("汉正街")  # a name; a word it lacks


def test_only_senses_that_say_what_a_word_means_name_it():
    senses = meaning_senses("比")  # its first sense is a variant of another character; one is a slot pattern
    assert senses[:2] == ["to compare", "ratio"]
    assert not any("variant of" in s or "{" in s for s in senses)
    assert english_names("比") == ["to compare", "ratio"]
    assert not any(s.startswith(("CL:", "classifier for")) for s in meaning_senses("个"))


def test_the_dictionarys_dialect_words_are_read_in_their_written_form():
    assert written_forms("中心啥时候能建好?为啥还没开门?咋办") == "中心什么时候能建好?为什么还没开门?怎么办"
    assert written_forms("令人咋舌的增速") == "令人咋舌的增速"  # a longer word holding 咋 means something else
    assert written_forms("为啥子还没开门") == "为啥子还没开门"  # 为啥 runs into the dictionary's 啥子: kept whole
    assert written_forms("生产总值增长多少") == "生产总值增长多少"
