"""index.name_gloss: names written as names, grammar words left out, in a word-for-word gloss."""

import re

from index.cedict import chinese_to_english, is_name
from index.name_gloss import dictionary_name
from index.romanised import romanise
from index.word_for_word import english_gloss


def gloss(text: str) -> str:
    return english_gloss(text, romanise=romanise)


def test_a_name_the_dictionary_lacks_is_written_in_pinyin_with_its_kind_of_place_in_english():
    assert gloss("新建桂溪路、梅岭路等") == "new construction Guixi Road Meiling Road etc."
    assert "cassia" not in gloss("新建桂溪路")  # not its characters' senses one by one


def test_a_name_the_dictionary_knows_is_written_by_its_english_name_though_a_longer_word_overlaps_it():
    # 执行人 ("executioner") would swallow the first character of 人大 read longest word first
    assert "National People's Congress" in gloss("认真执行人大决议")
    assert "executioner" not in gloss("认真执行人大决议") and "executioner" in english_gloss("认真执行人大决议")
    assert dictionary_name("人大") == "National People's Congress"


def test_several_names_are_chosen_between_by_the_phrase():
    def pick_last(word: str, senses: list[str], phrase: str) -> str:
        return senses[-1]

    assert dictionary_name("阿里巴巴") != dictionary_name("阿里巴巴", "阿里巴巴总部", pick_last)


def test_terms_jieba_tags_as_names_keep_their_senses():
    """Phrases jieba does not know, and two-character terms the dictionary lacks, are no names."""
    for phrase in ("我们隆重庆祝", "小微企业贷款", "区级城建投资", "惠及群众", "续建项目"):
        assert gloss(phrase) == english_gloss(phrase), phrase


def test_particles_and_prepositions_are_left_out_and_a_list_closes_with_etc():
    assert not gloss("为企业减免税费").startswith("as ")
    assert "right" not in gloss("对全区")
    assert "by the time" not in gloss("拆除违规广告招牌、横幅等") and gloss("拆除违规广告招牌、横幅等").endswith("etc.")


def test_without_romanise_a_gloss_reads_every_word_by_its_senses():
    assert "Guixi" not in english_gloss("新建桂溪路")


def test_a_dictionary_name_names_and_never_says_where_a_place_lies():
    names = sorted(w for w in chinese_to_english() if is_name(w))[:3000]
    written = [dictionary_name(w) for w in names]
    assert sum(map(bool, written)) > 0.9 * len(names)
    assert not [n for n in written if re.search(r"\s(?:in|on|at|near)\s", n)]
    assert not [n for n in written if re.search(r"\b(?:Province|County|District|City) of\b|[\u4e00-\u9fff]", n)]
