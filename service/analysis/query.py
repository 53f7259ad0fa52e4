"""Understanding a question before searching: script, normalised text, glossary terms,
Chinese search terms for English questions, and what kind of answer it wants."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Container, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from index.acronyms import acronym_words, acronyms
from index.cedict import written_forms
from index.english_lexicon import dictionary_words, known_word, lexicon_groups, phrase_groups, word_forms
from index.glossary import GlossaryEntry, GlossaryMatcher
from index.levels import NOWHERE, Home
from index.lexical import tokenize
from index.normalize import clean, detect_language, normalize, taiwan_to_mainland
from index.periods import report_namings, without
from index.romanised import RomanisedNames
from index.terminology import Terminology, english_words, is_content_word
from service.analysis.abbreviations import Abbreviations, abbreviations, expansions
from service.analysis.asked_figure import asks_value, expected_kind, names_metric
from service.analysis.english_names import name_words, named_groups, named_places, romanised_groups, whole_places
from service.analysis.synonyms import synonyms

if TYPE_CHECKING:
    import numpy as np

_DEFINE_ZH = re.compile(
    r"什么是|是什么|什么意思|指什么|指哪|含义|意思|何谓|指的是|是指|定义|解释|内容|包括|包含|有哪些|是哪|哪[一二三四五六七八九十几两]|分别"
)
_DEFINE_EN = re.compile(
    r"""\b(
        what\ (is|are|does|do|were|was) | which | who\ (is|are) | meaning | mean | define | definition
      | stand\ for | refer | explain | consist | include | comprise | list
    )\b""",
    re.I | re.VERBOSE,
)


@dataclass(frozen=True)
class Query:
    """A question as the retriever sees it."""

    raw: str
    text: str
    language: str
    glossary: list[GlossaryEntry] = field(default_factory=list)
    zh_groups: list[tuple[str, ...]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    wants_figure: bool = False
    wants_definition: bool = False
    figure_kind: str | None = None
    own: frozenset[str] = frozenset()  # the reports' own place, level and years (index.levels): they tell nothing
    places: tuple[str, ...] = ()  # the reports' names of the places an English question asks about
    reference: date | None = None  # the newest report's date: what the question's 今年 and "last year" count from
    report_named: tuple[str, ...] = ()  # the words that name a report by its date ("the 2022 report": index.periods)
    named_report_years: frozenset[str] = frozenset()  # the years the reports so named review and plan
    home: Home = NOWHERE  # the reports' own places and the units they lie in (index.levels)
    abbreviations: Abbreviations = ()  # the reports' short forms and dictionary synonyms of a Chinese question's words
    # the main encoder's vector of the question in its own words: for a Chinese question the one
    # retrieval searched with, for an English one (searched as its Chinese terms) one more
    # (Retriever.search sets it): what the verdict reads the kind of question from
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)
    # the reports it names by place or level, in a corpus that mixes them (service.analysis.scope),
    # or the one a request names: their passages are read first
    scope: frozenset[str] = frozenset()

    @property
    def period_text(self) -> str:
        """The question without the words naming a report by its date: the text its asked
        periods are read from ("at the May 2020 NPC" asks for no period)."""
        return without(self.text, self.report_named)

    @property
    def names_home(self) -> bool:
        """Does the question name the reports' own place (in its words or, for English, its search terms)?"""
        words = [self.text, *(word for group in self.zh_groups for word in group)]
        return any(name in word for name in self.home.names for word in words)

    @property
    def report_years(self) -> frozenset[str]:
        """The years the question names only as a report's name, not as a period asked."""
        named = {y for span in self.report_named for y in re.findall(r"(?:19|20)\d\d", span)}
        return frozenset(named - set(re.findall(r"(?:19|20)\d\d", self.period_text)))

    @property
    def zh_terms(self) -> list[str]:
        """Every Chinese search term of an English question, each once, in order."""
        return list(dict.fromkeys(t for group in self.zh_groups for t in group))


def _used(word: str, vocabulary: Container[str]) -> bool:
    """Do the reports use a Chinese word (every search token of it)?"""
    tokens = tokenize(word)
    return bool(tokens) and all(t in vocabulary for t in tokens)


def _reports_groups(
    phrases: list[tuple[str, list[str]]], unmatched: list[str], uses: Callable[[str], bool]
) -> tuple[list[tuple[str, ...]], list[str]]:
    """The terminology's groups as these reports write them, and the words left to the
    dictionary. A curated row speaks of the reports it was written for (highway: 快速化改造):
    where these reports write none of its alternatives, the dictionary's words for the phrase
    that they write stand for it instead (公路); with none of those either, the row stays (its
    pieces may still be found: 城镇就业 in 城镇新增就业) and the phrase's words are also looked
    up one by one, as words the terminology does not know are."""
    groups: list[tuple[str, ...]] = []
    rest = list(unmatched)
    for phrase, terms in phrases:
        kept = _written_words(phrase, terms, uses)
        groups.append(kept or tuple(terms))
        if not kept:
            rest += [w for w in phrase.split() if is_content_word(w)]
    return groups, rest


def _nearest_groups(
    words: list[str], nearest: Callable[[list[str]], dict[str, tuple[str, ...]]] | None, names: set[str]
) -> tuple[list[tuple[str, ...]], list[str]]:
    """Groups of the reports' words nearest in meaning to the content words among ``words``,
    and the words left. Only common words of the dictionary: a name or an acronym (``names``,
    lower-cased: BYD, Tesla) or a string it does not know is no word to translate by meaning;
    the encoder finds something near any string, and a name the reports never write must stay
    unknown."""
    if nearest is None:
        return [], words
    asked = [w for w in words if is_content_word(w) and not names.intersection(word_forms(w)) and known_word(w)]
    found = nearest(asked) if asked else {}
    return list(found.values()), [w for w in words if w not in found]


def _acronym_groups(
    question: str, words: list[str], uses: Callable[[str], bool]
) -> tuple[list[tuple[str, ...]], list[str]]:
    """Groups for the acronyms among ``words`` that the question writes in capitals (CPI) and
    the dictionary spells out in words the reports write (index.acronyms); the words left."""
    written = set(acronyms(question))
    found = {w: acronym_words(key, uses) for w in words if (key := _spelled(w, written))}
    return [g for g in found.values() if g], [w for w in words if not found.get(w)]


def names_only(text: str, glossary: list[GlossaryEntry]) -> bool:
    """Is a question nothing but the names of glossary terms ("六清", "1+8?")? Asked bare, a
    term is asked what it means, as a dictionary is consulted."""
    rest = text
    for entry in glossary:
        for name in sorted({entry.term, *entry.aliases, *entry.traditional, *entry.english}, key=len, reverse=True):
            rest = re.sub(re.escape(name), " ", rest, flags=re.I) if name else rest
    return bool(glossary) and not re.search(r"[\w\u4e00-\u9fff]", rest)


def _written_words(phrase: str, terms: Sequence[str], uses: Callable[[str], bool]) -> tuple[str, ...]:
    """The words these reports write for an English phrase: the terminology's alternatives they
    write (a Latin one, GDP, only beside a Chinese one: reports that write the letters somewhere
    still name the thing in Chinese), else the dictionary's words for the phrase."""
    chinese = tuple(t for t in terms if not t.isascii() and uses(t))
    if chinese:
        return chinese + tuple(t for t in terms if t.isascii() and uses(t))
    return dictionary_words(phrase, uses)


_LATIN_RUN = re.compile(r"[A-Za-z](?:[A-Za-z\-]|\s+(?=[A-Za-z]))*")  # Latin words with no other character between


def _latin_groups(
    question: str, text: str, terminology: Terminology, uses: Callable[[str], bool]
) -> list[tuple[str, ...]]:
    """Groups for the English words of a Chinese question ("GDP", "CPI", "IT"), each run of them
    read on its own and each group ending with the words as the question writes them (a report
    may write them too): the terminology's words these reports write (_written_words), else the
    words they write for an acronym the question writes in capitals (国内生产总值 where the
    terminology knows only 地区生产总值), else the terminology's row as it stands."""
    groups: list[tuple[str, ...]] = []
    for run in _LATIN_RUN.findall(text):
        phrases, unmatched = terminology.translate_phrases(run)
        written = set(acronyms(run))
        covered = {word for phrase, _ in phrases for word in phrase.split()} | set(unmatched)
        unmatched += [a for a in sorted(written) if a not in covered]  # an acronym that is also a stopword: IT, US
        for phrase, terms in phrases + [(word, []) for word in unmatched]:
            key = _spelled(phrase, written)
            kept = _written_words(phrase, terms, uses) or (acronym_words(key, uses) if key else ()) or tuple(terms)
            if kept:
                spelling = _spelling(phrase, run)
                groups.append((*dict.fromkeys(k for k in kept if k != spelling), spelling))  # the asker's word last
    return list(dict.fromkeys(groups))


def _spelling(phrase: str, run: str) -> str:
    """A phrase as the question writes it (its case, hyphens and spaces), found as whole words."""
    pattern = r"[\s\-]+".join(map(re.escape, phrase.split()))
    found = re.search(rf"(?<![A-Za-z]){pattern}(?![A-Za-z])", run, re.I)
    return found.group(0) if found else phrase


def _spelled(word: str, written: set[str]) -> str | None:
    """The acronym the question writes that a lower-cased word is (smes: SMEs), if any."""
    return word if word in written else word.removesuffix("s") if word.removesuffix("s") in written else None


def analyse(
    question: str,
    matcher: GlossaryMatcher,
    terminology: Terminology,
    vocabulary: Container[str] = frozenset(),
    romanised: RomanisedNames | None = None,
    own: frozenset[str] = frozenset(),
    reference: date | None = None,
    uses: Callable[[str], bool] | None = None,
    metrics: Collection[str] = frozenset(),
    reports: dict[date, frozenset[int]] | None = None,
    home: Home = NOWHERE,
    nearest: Callable[[list[str]], dict[str, tuple[str, ...]]] | None = None,
) -> Query:
    """Normalise, detect the script, find glossary terms and (for English) Chinese terms;
    ``vocabulary``: the words the reports use, which a Traditional question keeps;
    ``romanised``: the reports' names in pinyin, for names the terminology does not list;
    ``own``: the words for the reports' own place, level and years; ``reference``: the date
    relative years count from; ``uses``: whether the reports write a Chinese word (by default,
    every search token of it is in ``vocabulary``); ``metrics``: what the reports' figures count
    (index.figure_table), which a question of bare keywords asks the figure of; ``reports``:
    each report's date, by which a question may name it ("the 2022 report"), and its years;
    ``home``: the reports' own places and the units they lie in; ``nearest``: the reports' words
    nearest in meaning to English words no dictionary translates into them
    (service.analysis.nearest_words)."""
    language = detect_language(question)
    text = taiwan_to_mainland(clean(question), vocabulary) if language == "zh-Hant" else normalize(question)
    text = written_forms(text) if language != "en" else text
    glossary = matcher.find(text)
    groups: list[tuple[str, ...]] = []
    unmatched: list[str] = []
    reports_use = uses or (lambda zh: _used(zh, vocabulary))
    short: Abbreviations = ()
    if language == "en":
        phrases, unmatched = terminology.translate_phrases(text)
        groups, unmatched = _reports_groups(phrases, unmatched, reports_use)
        groups += [(e.term,) for e in glossary]
        groups += [(han,) for han in re.findall(r"[\u4e00-\u9fff]+", text)]
        if romanised is not None:
            named, unmatched = romanised_groups(question, unmatched, romanised)
            groups += named
        names = name_words(question)  # names go by pinyin, not the dictionary
        general, rest = lexicon_groups([w for w in unmatched if w not in names], reports_use)
        spelled, rest = _acronym_groups(question, rest, reports_use)
        near, rest = _nearest_groups(rest, nearest, names | set(acronyms(question)))
        known, named_words = named_groups(question, lambda zh: _used(zh, vocabulary))
        groups += general + spelled + near + known
        translated = [w for g in known for w in g]
        places = (
            tuple(dict.fromkeys(whole_places(question, romanised) + named_places(question, romanised, translated)))
            if romanised is not None
            else ()
        )
        curated = [phrase for phrase, _ in phrases]  # the terminology's matches, as english_words reads them
        groups += [
            g for g in phrase_groups(english_words(text), reports_use, is_content_word, curated) if g not in groups
        ]
        unmatched = [w for w in unmatched if (w in names and w not in named_words) or w in rest]
        figure, define = asks_value(text, language), _DEFINE_EN.search(text)
    else:
        places = ()
        groups = _latin_groups(question, text, terminology, reports_use)
        groups += [(phrase, word) for word, phrase in expansions(text, vocabulary, metrics)]  # 社零: 社会消费品零售总额
        figure, define = asks_value(text, language), _DEFINE_ZH.search(text)
        short = abbreviations(text, vocabulary) + synonyms(text, vocabulary)  # 违建 for 违法建设, 儿童 for 孩子
    define = define or names_only(text, glossary)
    chinese = " ".join(alt for group in groups for alt in group if not alt.isascii()) if language != "en" else ""
    figure = figure or names_metric(text, language, metrics, chinese)  # 十四五末GDP目标: by its Chinese too
    kind = expected_kind(text, language) if figure else None
    named, named_years = report_namings(text, reports or {})
    return Query(
        question,
        text,
        language,
        glossary,
        groups,
        unmatched,
        bool(figure),
        bool(define),
        kind,
        own,
        places,
        reference,
        named,
        frozenset(map(str, named_years)),
        home,
        short,
    )
