"""jieba's reading of a Chinese question: its words with part-of-speech tags, and its
topic (the first content word). Several confidence checks read them, so the tagger runs
once a question."""

from __future__ import annotations

import re
from functools import lru_cache

from jieba import posseg

from index.lexical import tokenize
from service.analysis.terms import GENERIC

HAN = re.compile(r"[\u4e00-\u9fff]")  # a Han character: the question (or word) is Chinese
_PERIOD_WORD = re.compile(r"(?:19|20)\d\d年?|[上下]半年|[今去明]年|十[一二三四五六]五")


def topic(text: str, own: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """A Chinese question's first content word and its tag: punctuation, stopwords, the
    district itself and years or periods come before what it is about."""
    for word, flag in tagged(text):
        if (
            HAN.search(word)
            and tokenize(word)
            and word not in GENERIC
            and word not in own
            and not _PERIOD_WORD.fullmatch(word)
        ):
            return word, flag
    return None


HMM_MAX_CHARS = 400  # the longest of our 4,365 questions has 227 characters


@lru_cache(maxsize=16)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and part-of-speech tags of a question, its years and periods taken
    out: jieba cuts 2021年老旧小区 into 年老 and 旧小区, so a topic or place would be the
    cut's. Its HMM tagger costs ~1 ms a question, and several checks read its tags; only
    the questions in flight are remembered, so a benchmark that repeats its questions
    still pays for each one. Over a question longer than any asker writes (HMM_MAX_CHARS) the
    HMM would cost seconds: such text is cut by the dictionary alone."""
    return tuple(
        (pair.word, pair.flag) for pair in posseg.cut(_PERIOD_WORD.sub(" ", text), HMM=len(text) <= HMM_MAX_CHARS)
    )
