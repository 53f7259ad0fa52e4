"""Everyday words as unanswerable training inputs: drawn the same way every time, never a word the
reports use, asked in each of the three scripts."""

from service.verdict.everyday_words import everyday_words


def test_the_same_seed_draws_the_same_words_and_another_seed_others():
    assert everyday_words(set(), 30) == everyday_words(set(), 30)
    assert everyday_words(set(), 30, seed=1) != everyday_words(set(), 30)


def test_no_word_the_corpus_uses_is_drawn(retriever):
    vocabulary = retriever.bundle.lexical.vocabulary
    drawn = everyday_words(vocabulary, 90)
    chinese = [q.question for q in drawn if q.lang == "zh-Hans"]
    assert len(drawn) == 90 and chinese and not any(word in vocabulary for word in chinese)


def test_they_are_unanswerable_questions_in_all_three_scripts():
    drawn = everyday_words(set(), 60)
    assert {q.lang for q in drawn} == {"zh-Hans", "zh-Hant", "en"}
    assert not any(q.answerable for q in drawn) and len({q.id for q in drawn}) == 60
    assert all(q.question.isascii() for q in drawn if q.lang == "en")
