"""The words a question hinges on, and how much of them a text holds.

Extraction and the confidence verdict both ask "does this text say what was asked?". For
Chinese questions extraction matches jieba's search-mode words (overlapping pieces find
more sentences); the verdict counts jieba's plain words, one per word the asker wrote, so a
long word is not counted three times through its pieces.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba

from index.cedict import english_to_chinese
from index.lexical import tokenize
from service.analysis.abbreviations import alternatives, dictionary_words
from service.analysis.asked_figure import FIGURE_ZH
from service.analysis.query import Query

# Words of any question about a government report that tell nothing of which passage answers;
# the reports' own place, level and years (Query.own, from their metadata) are dropped too.
GENERIC = frozenset(
    """区 我们 工作 报告 政府 上半年 下半年 全年 今年 情况 方面 主要 哪些 目标
实际 总共 一共 分别 怎么样 怎么 怎样 哪个 哪里 指 对比 相比 比较 没有 有没有 具体
如何 什么 多少 是否 是不是 有 吗 呢 了 期间 时候 进展""".split()
)
# What an English question's framing of a period ("over the … period", "at the end of",
# "by the end of") translates to: the section heading says the period, the answering
# clause rarely does ("高新技术企业数…达到330家" under the 十三五 review).
PERIOD_FRAMING = frozenset({"时期", "期间", "同期", "收官", "截至目前", "年底", "年末", "期末"})

Terms = list[tuple[str, ...]]
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def query_terms(query: Query) -> Terms:
    """What the question asks about, as groups of Chinese alternatives: one group per
    search-mode token of a Chinese question (stopwords and GENERIC words dropped; the reports'
    abbreviation of the words it is part of as an alternative, service.analysis.abbreviations;
    the reports' words for an English word or an abbreviation of its own, spelled_groups), per
    translated phrase or year of an English one."""
    if query.language == "en":
        return list(dict.fromkeys(query.zh_groups + [(y,) for y in _YEAR.findall(query.text)]))
    spelled = spelled_groups(query)
    groups = (
        spelled.get(t, alternatives(t, query.abbreviations))
        for t in dict.fromkeys(tokenize(query.text))
        if t not in GENERIC and t not in query.own
    )
    return list(dict.fromkeys(groups))


def spelled_groups(query: Query) -> dict[str, tuple[str, ...]]:
    """The group of the reports' words for each word a Chinese question writes its own way (an
    English word, "gdp": 国内生产总值, GDP; an abbreviation of its own, 社零), by the word as the
    question writes it (lower-cased, and each of its search tokens). Each such group ends with
    the question's word (Query.zh_groups)."""
    return {token: group for group in query.zh_groups for token in (group[-1].lower(), *tokenize(group[-1].lower()))}


def known_terms(query: Query, vocabulary) -> int:
    """How many of the question's words the reports could be searched for: its search terms
    (and glossary terms) of two characters or more that the reports use, and for an English
    question also the words the terminology missed whose dictionary translations they use."""

    def known(alternative: str) -> bool:
        tokens = tokenize(alternative)
        return len(alternative) > 1 and bool(tokens) and all(t in vocabulary for t in tokens)

    count = sum(1 for group in query_terms(query) if any(known(a) for a in group)) + len(query.glossary)
    if query.language == "en":
        lexicon = english_to_chinese()
        count += sum(1 for word in query.unmatched if any(known(c) for c in lexicon.get(word, ())))
    return count


_LATIN_WORD = re.compile(r"[a-z]{2,}")
_SOUND_TAGS = frozenset({"o", "e", "y"})  # jieba: onomatopoeia, interjection, modal particle


def dictionary_terms(query: Query) -> int:
    """How many of the question's words a dictionary knows, whether or not the reports use
    them: jieba's for Chinese words of two characters or more, CC-CEDICT's for English words.
    A question with none (a keyboard row, markup) holds nothing to look for; nor does laughter or
    an interjection (哈哈哈哈, 哎呀呀: jieba's onomatopoeia, interjections and modal particles)."""
    sounds = [w for w, flag in dictionary_words(query.text) if flag in _SOUND_TAGS]
    chinese = [
        t
        for t in tokenize(query.text)
        if len(t) > 1 and not t.isascii() and jieba.get_FREQ(t) and not any(t in w for w in sounds)
    ]
    lexicon = english_to_chinese()
    english = [w for w in _LATIN_WORD.findall(query.text.lower()) if w in lexicon]
    return len(chinese) + len(english) + len(query.zh_groups)


def coverage(terms: Terms, text: str, weight=None, partial: bool = False) -> float:
    """Share of the question's term groups found in a text (1.0 when there are none to
    check); a group counts when any alternative occurs, weighted when ``weight`` is given.
    With ``partial`` a group none of whose alternatives occurs counts for the share of an
    alternative's pieces that do (see ``pieces``)."""
    weights = [weight(group) if weight else 1.0 for group in terms]
    total = sum(weights)
    if total <= 0:
        return 1.0
    folded = text.lower()
    return sum(w * found(group, folded, partial) for group, w in zip(terms, weights)) / total


def found(group: tuple[str, ...], folded: str, partial: bool) -> float:
    """1 when an alternative occurs in the (lower-cased) text; otherwise, with ``partial``,
    the largest share of an alternative's pieces that occur (see ``pieces``)."""
    return _found_in(*_prepared(group, partial), folded)


def found_matrix(terms: Terms, texts: list[str], partial: bool = True) -> list[list[float]]:
    """``found(group, text, partial)`` for every text and term group, each group lower-cased
    and cut once: the learned reranker asks it of thirty passages a question, where calling
    ``coverage`` on each cost 3 ms."""
    groups = [_prepared(group, partial) for group in terms]
    seen: dict[str, list[float]] = {}  # passages under one heading share it
    for text in texts:
        if text not in seen:
            folded = text.lower()
            seen[text] = [_found_in(alternatives, cut, folded) for alternatives, cut in groups]
    return [seen[text] for text in texts]


def _prepared(group: tuple[str, ...], partial: bool) -> tuple[list[str], list[tuple[str, ...]]]:
    """A group's alternatives lower-cased, and (with ``partial``) those that have pieces, cut."""
    return [a.lower() for a in group], ([parts for parts in map(pieces, group) if parts] if partial else [])


def _found_in(alternatives: list[str], cut: list[tuple[str, ...]], folded: str) -> float:
    if any(a in folded for a in alternatives):
        return 1.0
    return max((sum(p in folded for p in parts) / len(parts) for parts in cut), default=0.0)


@lru_cache(maxsize=8192)
def pieces(word: str) -> tuple[str, ...]:
    """A word's shorter search-mode pieces (停车位: 停车, 车位), cut once. An asker's compound
    often rewords the report's (停车位 for 停车泊位, 升降梯 for 升降机) while keeping one of
    its morphemes, so the share of its pieces in a text counts; a word with no pieces (归零)
    gets no credit."""
    return tuple(p for p in tokenize(word) if p != word.lower())


# Weight of a word the reports never use: that of a word in about one passage of seven. Such
# a word is more often the asker's own (归零 for 清零, 堤线 for 防线) than a fact the reports
# lack; names they lack are caught by the name checks of service.analysis.unknown_words. With the
# highest IDF instead, answerable questions not confident: test .09, fresh .15 (now .07, .09);
# one near miss (上市公司) on the fresh set is no longer caught.
UNSEEN_WEIGHT = 2.0


def rarity(lexical):
    """Weight of a term group: a group is as telling as its most ordinary alternative, and an
    alternative as its most telling search token (医务工作者 by 医务, not by the 工作 inside it,
    which every report uses); a token the index never holds weighs UNSEEN_WEIGHT."""

    def token(t: str) -> float:
        return lexical.idf(t) if t in lexical.vocabulary else UNSEEN_WEIGHT

    def weight(group: tuple[str, ...]) -> float:
        alternatives = [tokenize(alt) for alt in group]
        return min((max(map(token, tokens)) for tokens in alternatives if tokens), default=0.0)

    return weight


def term_weights(terms: Terms, lexical):
    """Each of a question's term groups weighed once by its rarity, as a look-up (group ->
    weight): rarer words decide which clause answers ("绿道" tells more than "计划")."""
    return dict(zip(terms, map(rarity(lexical), terms))).get


_WORDLIKE = re.compile(r"[\u4e00-\u9fff\w]")
YEAR_WORD = re.compile(r"(?:19|20)\d\d年?")


# The words that ask for a number (几家, 几支, 第几名, 多少钱): no answer repeats them.
_ASKING = re.compile(r"(?:第?几|多少)[\u4e00-\u9fff]?")


def asked_terms(query: Query) -> Terms:
    """One group per word of a Chinese question (jieba's plain cut, with the reports'
    abbreviations of it as alternatives), or the translated groups of an English one: what a
    confident answer must mostly cover. An English question's years are left out: the
    answer's clause rarely repeats the year its section heading gives, and unseen or
    unfinished years are checked on their own; so are the words framing a period
    (PERIOD_FRAMING). So are the reports' own place, level and years (Query.own) in either
    language: every heading names them, so an answer off the topic would hold a word of the
    question through them."""
    if query.language == "en":
        return [
            g
            for g in query_terms(query)
            if not all(YEAR_WORD.fullmatch(a) or a in query.own for a in g) and not PERIOD_FRAMING.intersection(g)
        ]
    spelled = spelled_groups(query)
    words = (w for w in jieba.cut(query.text) if w.strip() and _WORDLIKE.search(w))
    groups = (
        spelled.get(w.lower(), alternatives(w, query.abbreviations))
        for w in dict.fromkeys(words)
        if w not in GENERIC and w not in query.own and not _ASKING.fullmatch(w)
    )
    return list(dict.fromkeys(groups))


SCENE_WEIGHT = 0.5
_CLAUSE_BREAK = re.compile(r"[,，;；?？!！。]")
# A clause that sets a scene: when (…的时候, …期间, 疫情初期, 十三五这五年) or what for (为了…).
_SCENE = re.compile(r"时候|时$|那会儿?|那段时间|期间|初期|之际|以来|以后|之后|为了|[这那][一两二三四五六七八九十几]+年")


def scene_weight(query: Query, weight):
    """``weight``, halved for the words that only a Chinese question's scene-setting clauses
    hold (疫情刚暴发床位不够的时候, 区里改造了几家定点医院?): an answering clause rarely repeats
    the scene the asker sets. A clause that asks a figure is never a scene. Answerable
    figure questions not confident one fewer each on fresh7, fresh8, fresh9 and fresh10
    (twice); nothing else moved."""
    clauses = _CLAUSE_BREAK.split(query.text)
    scenes = [c for c in clauses if _SCENE.search(c) and not FIGURE_ZH.search(c)]
    if query.language == "en" or not scenes:
        return weight
    rest = " ".join(c for c in clauses if c not in scenes)

    def weighted(group: tuple[str, ...]) -> float:
        return weight(group) * (1.0 if any(a in rest for a in group) else SCENE_WEIGHT)

    return weighted
