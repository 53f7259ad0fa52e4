"""Words a question hinges on that the reports never use: a year, a place, a
name, or a topic they have no word for. The reports cannot speak of them."""

from __future__ import annotations

import re

from index.cedict import chinese_to_english, english_to_chinese, is_common_word
from index.lexical import tokenize
from index.normalize import in_script
from index.period_mentions import MONTH_ABBREVIATIONS, MONTHS, year_runs
from service.analysis.english_names import name_words
from service.analysis.query import Query
from service.analysis.tagging import tagged, topic
from service.analysis.terms import Terms

# Names in an English question: capitalised words not opening a sentence (name_words), and words in
# capitals (IKEA, BYD) wherever they stand. (Telling a title, "the President", from a name by
# the dictionary cost more near misses than it saved: "Tesla" and "Moon" are common words too.)
_CAPITALS = re.compile(r"\b([A-Z]{3,})\b")
_PLACE_SUFFIX = re.compile(r"^..+[省市区县]$")
_AREA_NOUN = re.compile(r"(?:城市|城区|地区|市区|社区|园区|景区|街区|片区|新区|小区|商圈)$")
# jieba's tags for names of people, places, organisations and other proper nouns.
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nz", "nt"})
# Capitalised words that are times, not names.
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_CALENDAR = frozenset(MONTHS + MONTH_ABBREVIATIONS) | frozenset(_WEEKDAYS)


def unknown_terms(query: Query, terms: Terms, vocabulary) -> list[str]:
    """Years, places and names the question hinges on that the reports never use (an
    English question's numbers too: they come through untranslated)."""
    spanned = years_in_known_spans(query.raw, vocabulary)
    numbers = [g[0] for g in terms if len(g) == 1 and g[0].isdigit() and g[0] not in vocabulary and g[0] not in spanned]
    if query.language == "en":
        names = (name_words(query.raw) | capitals_names(query.raw)) - _CALENDAR
        return numbers + [w for w in query.unmatched if w in names and w not in vocabulary and w not in query.own]
    return (
        [n for n in numbers if len(n) == 4]
        + unknown_places(query.text, vocabulary)
        + unknown_topic(query.text, vocabulary, query.own)
    )


def as_written(words: list[str], query: Query) -> list[str]:
    """Unknown words as the question writes them, for a reader: an English question's names
    with their capitals (hui: Hui), a Chinese question's words in its script."""
    if query.language != "en":
        return [in_script(w, query.language) for w in words]
    found = (re.search(rf"\b{re.escape(w)}\b", query.raw, re.IGNORECASE) for w in words)
    return list(dict.fromkeys(m.group(0) if m else w for m, w in zip(found, words)))


def capitals_names(raw: str) -> set[str]:
    """The words an English question writes in capitals that may be names (BYD, WTO, or a word
    shouted: DROP), lower-cased: not the acronyms the dictionary spells out only in common words
    (IPO: 首次公开招股), which stand for a thing the reports may call by other words
    (股票发行注册制), as any English word may."""
    return {word.lower() for word in _CAPITALS.findall(raw) if not _common_acronym(word)}


def _common_acronym(word: str) -> bool:
    """Does the dictionary give ``word`` as an acronym ("initial public offering (IPO)"), and
    only of common words?"""
    glossed = english_to_chinese().get(word.lower(), ())
    senses = chinese_to_english()
    written = re.compile(rf"\b{re.escape(word)}\b")
    return (
        bool(glossed)
        and all(map(is_common_word, glossed))
        and any(written.search(sense) for zh in glossed for sense in senses.get(zh, ()))
    )


# A word glossed in brackets by another ("瓦斯(燃气)", 捷运（地铁）).
_GLOSS = r"\s*[(（]\s*([^()（）]{1,12}?)\s*[)）]"


def years_in_known_spans(text: str, vocabulary) -> set[str]:
    """Years that only open or close a span whose other end the reports use: the asker
    spells out a period they cover ("the 13th Five-Year Plan period (2016-2020)"), and the
    reports need not name its first year. "2016-20" is the run 2016 to 2020."""
    known: set[str] = set()
    for first, last in year_runs(text):
        known |= {str(first)} if str(last) in vocabulary else set()
        known |= {str(last)} if str(first) in vocabulary else set()
    return known


def glossed(word: str, text: str, vocabulary) -> bool:
    """Does the question gloss a word in brackets with one the reports use ("瓦斯(燃气)":
    the Taiwanese word, then the mainland one)? Then the reports do speak of it."""
    match = re.search(re.escape(word) + _GLOSS, text)
    return match is not None and all(p in vocabulary for p in tokenize(match.group(1)))


def unknown_places(text: str, vocabulary) -> list[str]:
    """Place names (jieba's ``ns`` words with an administrative suffix: 滨江区, 广东省)
    that the reports never use. Common nouns such as 商务区 are not places to jieba."""
    return [
        word
        for word, flag in tagged(text)
        if flag == "ns"
        and _PLACE_SUFFIX.match(word)
        and not _AREA_NOUN.search(word)
        and word not in vocabulary
        and word[:-1] not in vocabulary
    ]


def unknown_topic(text: str, vocabulary, own: frozenset[str] = frozenset()) -> list[str]:
    """The question's topic, its first content word, when jieba knows it as a name (京东,
    比亚迪, 广东美术馆) that the reports never use, nor all of its pieces (a name the
    reports hold but jieba cut otherwise there has them all): a Chinese question names
    what it is about first, and the reports cannot speak of a company or street they never
    mention. Later words are not checked: there jieba's name tags are mostly noise (海鲜 and
    马路边 are tagged as names too). Dev and test unanswerable +1 each, answerable -1 each."""
    found = topic(text, own)
    if found is None:
        return []
    word, flag = found
    pieces = tokenize(word)  # the word and its dictionary pieces (广东美术馆: 广东, 美术馆 …)
    named = flag in _NAME_TAGS and not is_common_word(word)  # jieba tags 高科技 nz; the dictionary knows it
    unknown = named and len(word) > 1 and not all(p in vocabulary for p in pieces)
    return [word] if unknown and not glossed(word, text, vocabulary) else []
