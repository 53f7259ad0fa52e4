"""The names of a report's own place, level and years, from its metadata."""

from index.levels import kind_initials, own_words, place_names, scope_words


def test_a_place_is_named_by_the_unit_its_address_ends_on():
    assert place_names("湖北省武汉市武昌区") == {"武昌区", "武昌"}
    assert place_names("中国") == {"中国"}
    assert place_names("") == frozenset()


def test_own_words_join_place_level_and_years():
    words = own_words(
        [
            {"place": "湖北省武汉市武昌区", "level": "district", "date": "2020-12-29"},
            {"place": "中国", "level": "country", "date": "2022-03-05"},
        ]
    )
    assert {"武昌", "全区", "全国", "我国", "2020", "2021", "2022"} <= words
    assert "湖北" not in words  # a wider unit is another place


def test_a_reports_kind_is_its_own_word_by_its_initials():
    words = own_words([{"place": "中国", "level": "country", "kind": "government work report"}])
    assert "gwr" in words  # an analyst's "the 2022 GWR" names the reports, not a topic they lack
    assert kind_initials("half-year work report") == {"hwr", "hywr"}
    assert kind_initials("budget") == frozenset()  # one word has no initials to go by


def test_scope_words_tell_reports_of_different_places_and_levels_apart():
    scopes = scope_words(
        [
            {"id": "district", "place": "湖北省武汉市武昌区", "level": "district"},
            {"id": "country", "place": "中国", "level": "country"},
        ]
    )
    assert {"武昌", "全区", "区里", "district"} <= scopes["district"]
    assert {"全国", "中国", "national"} <= scopes["country"]
    assert not scopes["district"] & scopes["country"]


def test_reports_of_one_place_and_level_have_no_scope_words():
    meta = {"place": "湖北省武汉市武昌区", "level": "district"}
    assert scope_words([{"id": "a", **meta}, {"id": "b", **meta}]) == {"a": frozenset(), "b": frozenset()}
