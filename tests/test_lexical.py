"""BM25 over the reports' words, and over an English question's phrases with alternatives."""

from index.lexical import LexicalIndex, tokenize

TEXTS = [
    "全国近3亿人领取养老金，必须确保按时足额发放。",
    "中华大地，我国国家和全国人民群众，中国社会各方面全力支持。",
    "稳定粮食播种面积，保障化肥等农资供应。",
]


def test_a_phrase_counts_once_however_many_translations_it_has():
    index = LexicalIndex.build(TEXTS)
    china = [tokenize(word) for word in ("中国", "全国", "国家", "中华", "我国")]  # one English word, five words
    pension = [tokenize("养老金")]
    phrase = index.phrase_scores([china, pension])
    bag = index.scores([t for alternative in china + pension for t in alternative])
    assert bag.argmax() == 1  # as a bag of words, the passage with every word for "China" wins
    assert phrase.argmax() == 0  # by phrases, the one holding both things asked wins


def test_numbers_add_as_plain_terms_and_no_phrase_scores_nothing():
    index = LexicalIndex.build(TEXTS)
    assert not index.phrase_scores([]).any()
    numbers = index.phrase_scores([], tokenize("3亿人"))
    assert numbers[0] > 0 and not numbers[1:].any()
