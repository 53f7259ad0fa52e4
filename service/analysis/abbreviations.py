"""The reports' abbreviations of a Chinese question's words: 违建 for 违法建设, 公卫 for 公共卫生.

A report often writes a standing term short, by the first character of each of its words, while
an asker writes it out (or the reverse: the question's full form, the report's short one), and
no shared word then joins the two. An abbreviation is read off the question itself: the first
characters of two adjacent content words (违法 建设), or of the two words a long word is made of
(公共 卫生). It counts only when the reports use it as a word of their own, and, when the
dictionary holds it, its senses share a word with the source's (安排 from 安全 排查 is another
word, not an abbreviation); names are not abbreviated (a place and a university are not one
name's parts).
"""

from __future__ import annotations

import re
from collections.abc import Container

from jieba import posseg

from index.cedict import chinese_to_english, meaning_senses
from index.terminology import content_stems

_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
NAME_TAGS = frozenset({"nr", "nrt", "ns", "nt", "nz"})
Abbreviations = tuple[tuple[str, str], ...]  # (abbreviation, the words it stands for)


def abbreviations(text: str, vocabulary: Container[str]) -> Abbreviations:
    """The reports' abbreviations (in ``vocabulary``) of a Chinese question's words."""
    words = [(pair.word, pair.flag) for pair in posseg.cut(text) if pair.word.strip()]
    found: dict[str, str] = {}
    for (first, tag), (second, next_tag) in zip(words, words[1:]):
        if _content(first, tag) and _content(second, next_tag):
            found.setdefault(first[0] + second[0], first + second)
    for word, tag in words:
        if _content(word, tag) and len(word) >= 4:
            for cut in range(2, len(word) - 1):
                if word[:cut] in chinese_to_english() and word[cut:] in chinese_to_english():
                    found.setdefault(word[0] + word[cut], word)
    return tuple(
        (short, source)
        for short, source in found.items()
        if short in vocabulary and short not in text and _may_stand_for(short, source)
    )


def _may_stand_for(short: str, source: str) -> bool:
    """Can ``short`` abbreviate ``source``? Yes when the dictionary does not hold it or calls it an
    abbreviation (违建: "abbr. for 违章建筑"); else only if its senses share a word with those of
    the source's words (not 安排 "to arrange" for 安全 "safe" 排查 "to inspect")."""
    senses = chinese_to_english().get(short, ())
    if not senses or any(sense.startswith("abbr") for sense in senses):
        return True
    meant = {stem for sense in meaning_senses(short) for stem in content_stems(sense)}
    parts = (source[i:j] for i in range(len(source)) for j in range(i + 2, len(source) + 1))
    return any(meant & set(content_stems(sense)) for part in parts for sense in meaning_senses(part))


def _content(word: str, tag: str) -> bool:
    """A content word of two Han characters or more that is no name: a noun or a verb."""
    return bool(_HAN_WORD.fullmatch(word)) and tag[:1] in ("n", "v") and tag not in NAME_TAGS


def alternatives(term: str, found: Abbreviations) -> tuple[str, ...]:
    """A question's word and the reports' abbreviations of the words it is part of."""
    return (term, *(short for short, source in found if len(term) > 1 and term in source))
