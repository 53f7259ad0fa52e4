"""Inputs that ask nothing of the reports, for the verdict to learn to refuse: everyday words.

People type greetings, thanks, a word to test the box ("ok", "早上好", "test test"). None of the
question sets holds such inputs, so a model fitted on them alone has nothing to say about them:
whatever it weighs (the question's kind, how close the passages are) lands them anywhere. These
examples are the everyday words of jieba's dictionary (its most frequent words of two or more Han
characters) that a corpus never uses, each asked as it stands in Simplified, in Traditional, or
as CC-CEDICT's English gloss; drawn at random with a fixed seed, so that training stays
deterministic, and labelled unanswerable.
"""

from __future__ import annotations

import random
import re
from collections.abc import Container
from functools import lru_cache

import jieba

from index.cedict import chinese_to_english
from index.normalize import to_traditional
from service.evaluation import Question

COMMON = 20_000  # the dictionary's most frequent words drawn from
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^]]*\]")
_NO_GLOSS = re.compile(r"^(?:variant of|see |surname|old variant|abbr\.|used in|CL:)", re.I)


@lru_cache(maxsize=1)
def _common_words() -> tuple[str, ...]:
    """jieba's most frequent words of two or more Han characters, most frequent first."""
    counted = []
    with open(jieba.dt.get_dict_file().name, encoding="utf-8") as lines:
        for line in lines:
            word, freq, *_ = line.split()
            if _HAN_WORD.fullmatch(word):
                counted.append((-int(freq), word))
    return tuple(word for _, word in sorted(counted)[:COMMON])


def _gloss(word: str) -> str | None:
    """The dictionary's first plain English sense of a word, without its bracketed notes."""
    for sense in chinese_to_english().get(word, ()):
        plain = _BRACKETED.sub("", sense).strip(" ;,")
        if plain and plain.isascii() and not _NO_GLOSS.match(plain):  # no name glossed in Chinese
            return plain
    return None


def everyday_words(vocabulary: Container[str], count: int, seed: int = 0) -> list[Question]:
    """``count`` unanswerable questions of everyday words the corpus (``vocabulary``) never uses,
    in turn Simplified, Traditional and English."""
    unused = [w for w in _common_words() if w not in vocabulary]
    picked = random.Random(seed).sample(unused, min(count, len(unused)))
    out = []
    for i, word in enumerate(picked):
        english = _gloss(word) if i % 3 == 2 else None
        text, lang = (
            (english, "en") if english else (to_traditional(word), "zh-Hant") if i % 3 == 1 else (word, "zh-Hans")
        )
        out.append(Question(f"everyday{i:04}", lang, text, [], "everyday", False))
    return out
