"""English glosses of passages: an English question finds Chinese text by its own words."""

from index.gloss import passage_words, question_words, word_gloss
from index.lexical import LexicalIndex

PASSAGES = [
    "粮食产量保持在1.3万亿斤以上，稳定粮食播种面积。",
    "城镇新增就业1100万人以上，城镇调查失业率5.5%左右。",
    "加强生态环境保护，持续改善空气质量。",
]


def test_a_passage_is_read_as_the_english_of_its_words():
    words = passage_words(PASSAGES[1])
    assert {"employment", "unemployment"} <= set(words)
    assert "1100" in words  # numbers stand for themselves


def test_a_word_the_dictionary_lacks_is_read_by_its_characters():
    assert word_gloss("粮食安全储备")  # no entry of its own
    assert set(word_gloss("粮")[:1] + word_gloss("储")[:1]) <= set(word_gloss("粮食安全储备"))


def test_a_question_searches_by_its_stemmed_content_words():
    words = question_words("How many jobs were created in towns in 2022?")
    assert "2022" in words and "how" not in words and "were" not in words
    assert set(question_words("job")) <= set(words)  # 'jobs' meets the gloss 'job'


def test_english_questions_find_passages_no_terminology_row_names():
    index = LexicalIndex.from_tokens([passage_words(p) for p in PASSAGES])
    for question, expected in [
        ("What was the grain output?", 0),
        ("What unemployment rate is expected?", 1),
        ("How will air quality be improved?", 2),
    ]:
        scores = index.scores(question_words(question))
        assert scores.argmax() == expected, (question, scores)
