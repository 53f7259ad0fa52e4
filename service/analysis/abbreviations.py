"""The reports' abbreviations of a Chinese question's words: 违建 for 违法建设, 公卫 for 公共卫生.

A report often writes a standing term short, by the first character of each of its words, while
an asker writes it out (or the reverse: the question's full form, the report's short one), and
no shared word then joins the two. An abbreviation is read off the question itself: the first
characters of two adjacent content words (违法 建设), or of the two words a long word is made of
(公共 卫生). It counts only when the reports use it as a word of their own, and, when the
dictionary holds it, its senses share a word with the source's (安排 from 安全 排查 is another
word, not an abbreviation); names are not abbreviated (a place and a university are not one
name's parts).

The other way round, an asker's own abbreviation of a term the reports write out (社零总额 for
社会消费品零售总额) is expanded to it by ``expansions``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container
from functools import lru_cache

import jieba
from jieba import posseg

from index.cedict import chinese_to_english, meaning_senses
from index.terminology import content_stems

HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
NAME_TAGS = frozenset({"nr", "nrt", "ns", "nt", "nz"})
Abbreviations = tuple[tuple[str, str], ...]  # (abbreviation, the words it stands for)


@lru_cache(maxsize=64)
def dictionary_words(text: str) -> tuple[tuple[str, str], ...]:
    """A question's words as the dictionary knows them, with their part-of-speech tags (jieba
    without its HMM, whose guesses at unknown runs cost most on a long run of them, a row of one
    character). Its abbreviations, synonyms and sound words read them; cut once a question."""
    return tuple((pair.word, pair.flag) for pair in posseg.cut(text, HMM=False))


def abbreviations(text: str, vocabulary: Container[str]) -> Abbreviations:
    """The reports' abbreviations (in ``vocabulary``) of a Chinese question's words. The words
    are the dictionary's (dictionary_words): an abbreviation is made of known words."""
    words = [(word, tag) for word, tag in dictionary_words(text) if word.strip()]
    found: dict[str, str] = {}
    for (first, tag), (second, next_tag) in zip(words, words[1:]):
        if content_word(first, tag) and content_word(second, next_tag):
            found.setdefault(first[0] + second[0], first + second)
    for word, tag in words:
        if content_word(word, tag) and len(word) >= 4:
            for cut in range(2, len(word) - 1):
                if word[:cut] in chinese_to_english() and word[cut:] in chinese_to_english():
                    found.setdefault(word[0] + word[cut], word)
    return tuple(
        (short, source)
        for short, source in found.items()
        if short in vocabulary and short not in text and _may_stand_for(short, source)
    )


def expansions(text: str, vocabulary: Container[str], phrases: Collection[str]) -> Abbreviations:
    """The other direction: the reports' phrases that a Chinese question's own abbreviations stand
    for (社零 in 社零总额 for 社会消费品零售总额, 固投 for 固定资产投资), as (abbreviation, phrase). A
    word of the question counts when the reports never write it and the dictionary does not hold
    it (or calls it an abbreviation), and it, with the words after it, is the first characters of
    one phrase's words from the first to the last, in order, leaving out at most one (_initials).
    ``phrases``: the reports' terms to expand to (the figure table's metrics); an abbreviation
    fitting several expands to none."""
    words = list(jieba.cut(text))
    by_initial = _by_initial(frozenset(phrases))
    found, tried = [], set()
    for i, short in enumerate(words):
        spans = {"".join(words[i:j]) for j in range(i + 1, min(i + 3, len(words)) + 1)}
        if (short, *sorted(spans)) in tried or short[:1] not in by_initial:
            continue  # a question repeating itself costs no more than once
        tried.add((short, *sorted(spans)))
        if not HAN_WORD.fullmatch(short) or short in vocabulary or not _unknown_or_abbreviation(short):
            continue
        fitting = {phrase for phrase in by_initial[short[0]] for span in spans if _initials(span, _words(phrase))}
        if len(fitting) == 1:
            found.append((short, fitting.pop()))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=4)
def _by_initial(phrases: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The phrases by their first character, each list in a fixed order."""
    out: dict[str, list[str]] = {}
    for phrase in sorted(phrases):
        out.setdefault(phrase[:1], []).append(phrase)
    return {initial: tuple(group) for initial, group in out.items()}


MAX_LEFT_OUT = 1  # words of a phrase its abbreviation may leave out (社零总额 leaves out 消费品)


def _initials(short: str, words: tuple[str, ...]) -> bool:
    """Is ``short`` the first characters of ``words`` in order, from the first word to the last,
    leaving out at most MAX_LEFT_OUT of them (any word may be written whole: 社零总额)? Leaving
    out more, a word matches too many phrases (新区 would be 新增雨污分流区)."""
    if not words or short[:1] != words[0][:1]:
        return False
    at, left_out = 0, 0
    for i, word in enumerate(words):
        if at < len(short) and short[at] == word[0]:
            at += len(word) if short.startswith(word, at) else 1
            if at == len(short):
                return i == len(words) - 1
        else:
            left_out += 1
            if left_out > MAX_LEFT_OUT:
                return False
    return False


@lru_cache(maxsize=4096)
def _words(phrase: str) -> tuple[str, ...]:
    return tuple(jieba.cut(phrase))


def _may_stand_for(short: str, source: str) -> bool:
    """Can ``short`` abbreviate ``source``? Yes when the dictionary does not hold it or calls it an
    abbreviation (违建: "abbr. for 违章建筑"); else only if its senses share a word with those of
    the source's words (not 安排 "to arrange" for 安全 "safe" 排查 "to inspect")."""
    if _unknown_or_abbreviation(short):
        return True
    meant = {stem for sense in meaning_senses(short) for stem in content_stems(sense)}
    parts = (source[i:j] for i in range(len(source)) for j in range(i + 2, len(source) + 1))
    return any(meant & set(content_stems(sense)) for part in parts for sense in meaning_senses(part))


def _unknown_or_abbreviation(word: str) -> bool:
    """Does the dictionary not hold a word, or call it an abbreviation?"""
    senses = chinese_to_english().get(word, ())
    return not senses or any(sense.startswith("abbr") for sense in senses)


def content_word(word: str, tag: str) -> bool:
    """A content word of two Han characters or more that is no name: a noun or a verb."""
    return bool(HAN_WORD.fullmatch(word)) and tag[:1] in ("n", "v") and tag not in NAME_TAGS


def alternatives(term: str, found: Abbreviations) -> tuple[str, ...]:
    """A question's word and the reports' abbreviations of the words it is part of."""
    return (term, *(short for short, source in found if len(term) > 1 and term in source))
