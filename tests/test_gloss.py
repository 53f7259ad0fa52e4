"""English glosses of passages: an English question finds Chinese text by its own words."""

from index.cedict import chinese_to_english
from index.gloss import passage_words, question_words, word_gloss
from index.lexical import LexicalIndex, tokenize

PASSAGES = [
    "粮食产量保持在1.3万亿斤以上，稳定粮食播种面积。",
    "城镇新增就业1100万人以上，城镇调查失业率5.5%左右。",
    "加强生态环境保护，持续改善空气质量。",
]


def glossed(text: str) -> list[str]:
    return passage_words(tokenize(text))


def test_a_passage_is_read_as_the_english_of_its_words():
    words = glossed(PASSAGES[1])
    assert {"employment", "unemployment"} <= set(words)
    assert {"1100", "5.5"} <= set(words)  # numbers stand for themselves, without their units


def test_latin_words_and_numbers_meet_the_questions():
    index = LexicalIndex.from_tokens([glossed(p) for p in PASSAGES] + [glossed("GDP增长8.1%")])
    assert index.scores(question_words("Was the jobless rate 5.5%?")).argmax() == 1
    assert index.scores(question_words("GDP growth?")).argmax() == 3


def test_a_word_the_dictionary_lacks_is_read_by_its_longest_pieces():
    assert "老旧小区" not in chinese_to_english()
    assert {"hous", "estat"} <= set(word_gloss("老旧小区"))  # 小区: housing estate


def test_a_word_whose_senses_are_all_stopwords_says_nothing():
    assert word_gloss("政府") == ()  # "government" tells nothing in a government report, nor do its characters


def test_traditional_and_simplified_passages_gloss_alike():
    assert glossed("發展經濟，穩定就業") == glossed("发展经济，稳定就业")


def test_a_question_searches_by_its_stemmed_content_words():
    words = question_words("How many jobs were created in towns in 2022?")
    assert "2022" in words and "how" not in words and "were" not in words
    assert set(question_words("job")) <= set(words)  # 'jobs' meets the gloss 'job'


def test_english_questions_find_passages_no_terminology_row_names():
    index = LexicalIndex.from_tokens([glossed(p) for p in PASSAGES])
    for question, expected in [
        ("What was the grain output?", 0),
        ("What unemployment rate is expected?", 1),
        ("How will air quality be improved?", 2),
    ]:
        scores = index.scores(question_words(question))
        assert scores.argmax() == expected, (question, scores)
