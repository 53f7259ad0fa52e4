"""Whether a figure question asks about another level of government (the country, a province,
a city) or another place than the one its answer's report speaks for, and the answer never
names it.

A report speaks for its own level, from its metadata (``level`` in reports.json: country,
province, city, district, county): a national report's figures are the country's, a
district's are the district's. A question about the level a report stands for is its own
("全国" of the State Council's report). One about another level (全省, "across the province")
that the answer's clause and headings never name, or about a place other than the reports' own
(another province, city or country: a name the dictionary knows only as a name and jieba as a
place; not the units the reports' place lies in when the question gives them as its address)
that the answer's whole sentence never names, asks for figures the report does not give.
"""

from __future__ import annotations

import re

from index.cedict import is_capital_of, is_name
from index.levels import NOWHERE, OWN_WORDS, Home
from service.analysis.tagging import tagged, topic

# The words that name a whole level of government; a report's own (index.levels) is never "another".
_WIDER = frozenset({"全国", "全省", "全市"})


def other_level(text: str, answer_context: str, level: str = "", home: Home = NOWHERE, sentence: str = "") -> bool:
    """Does a (Chinese) figure question ask about a place (a province or city, a name ending
    in 省 or 市, or any place the dictionary names as such) other than the reports' own
    (``home``) that the answer's clause, headings and ``sentence`` never name; or open on
    全国/全省/全市, not the report's own ``level``, that its clause and headings never name?"""
    words = tagged(text)
    names_home = any(name in text for name in home.names)
    # a place followed by a smaller one (…省…市…区) is an address, not a wider level
    places = [
        w
        for (w, f), (_, next_flag) in zip(words, words[1:] + (("", ""),))
        if f == "ns" and (len(w) > 2 and w[-1] in "省市" or is_name(w)) and next_flag != "ns"
    ]
    first = topic(text)
    levels = [first[0]] if first is not None and first[0] in _WIDER else []
    asked = [w for w in places if another_place(w, home, names_home)]
    return _asked_missing(text, levels, asked, answer_context, level, sentence)


def another_place(word: str, home: Home, names_home: bool, english: bool = False) -> bool:
    """Is a place a question names other than the reports' own? Not their own place, nor a unit
    it lies in when the question names the place itself too (某市某区, "X District in Y": an
    address); in English, not the capital of a country whose reports these are, which English
    writes for its government (the capital's name before "'s growth target")."""
    if word in home.names or (names_home and word in home.enclosing):
        return False
    return not (english and home.national and is_capital_of(word, home.names))


def _asked_missing(
    question: str, levels: list[str], places: list[str], answer_context: str, level: str, sentence: str
) -> bool:
    """Does the answer leave a whole level asked (全市) unnamed in its clause and headings, or a
    place asked unnamed in its sentence too? A place named anywhere in the sentence is what the
    sentence speaks of (help sent to a place in one clause, its count in the next); a level word
    elsewhere in it only ranks or compares (规模排全市第1)."""
    own_level = OWN_WORDS.get(level, frozenset())
    return any(w not in own_level and _level_missing(w, answer_context, question) for w in levels) or any(
        w not in own_level and _level_missing(w, f"{answer_context} {sentence}", question) for w in places
    )


def _level_missing(level: str, answer_context: str, question: str) -> bool:
    """Does the answer leave the asked level (a province, a city, 全国) unnamed? A question
    after a place's rank within it is answered by the rank (全省第1名)."""
    if level in answer_context or level.rstrip("省市") in answer_context:
        return False
    return not (_ASKS_RANK.search(question) and _ranks_within(level, answer_context))


_ASKS_RANK = re.compile(r"排名|排第|第几|名次|\brank", re.I)

# A whole level in an English question, and its word in the reports.
_WIDER_EN = (
    (
        re.compile(
            r"""
                \b(?:across|throughout|all\ of|whole\ of)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:country|China)\b
                | \bnation-?wide\b
                | \bnational\ (?:total|figure|level|average)\b | \bChina\ as\ a\ whole\b
            """,
            re.I | re.VERBOSE,
        ),
        "全国",
    ),
    (
        re.compile(
            r"\b(?:across|throughout) the (?:whole |entire )?province\b|\bprovince-?wide\b"
            r"|\bprovincial (?:total|figure|level|average)\b"
            r"|\bprovince as a whole\b",
            re.I,
        ),
        "全省",
    ),
    (
        re.compile(
            r"\b(?:across|throughout) the (?:whole |entire )?city\b|\bcity-?wide\b|\bcity as a whole\b"
            r"|\bmunicipal (?:total|figure|level|average)\b",
            re.I,
        ),
        "全市",
    ),
)


def other_level_en(
    text: str,
    answer_context: str,
    level: str = "",
    places: tuple[str, ...] = (),
    sentence: str = "",
    home: Home = NOWHERE,
    names_home: bool = False,
) -> bool:
    """other_level for an English figure question: it asks across the country, a province or
    a city ("nationwide", "province-wide", "the city as a whole") that is not the answer's
    report's own level and that the answer's clause and headings never speak of, or about a
    place (``places``: "X's", "across X", in the reports' words) other than the
    reports' own (``home``; ``names_home``: the question names that too) that its sentence never
    names either."""
    levels = [word for pattern, word in _WIDER_EN if pattern.search(text)]
    asked = [w for w in places if another_place(w, home, names_home, english=True)]
    return _asked_missing(text, levels, asked, answer_context, level, sentence)


def _ranks_within(level: str, answer_context: str) -> bool:
    """Does the answer rank the place within the asked level (全省第1名 for a province)? 全市
    alone does not: 在全市率先 says nothing of the city's totals."""
    kinds = level[-1] if level[-1] in "省市" else "省市"  # a name without its suffix may be either
    return re.search("全[" + kinds + r"](?:排名|排|位居|居)?第", answer_context) is not None
