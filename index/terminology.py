"""English → Chinese terminology, so an English question can search Chinese text by words.

The dictionary is data (``corpus/terminology.tsv``: English phrase → Chinese terms that
occur in the reports). Matching is greedy longest-phrase-first over the question's words,
with a naive plural fold, so 'fixed-asset investments' finds 固定资产投资.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

_WORDS = re.compile(r"[a-z0-9][a-z0-9.%+]*")
MAX_PHRASE_WORDS = 6
STOPWORDS = frozenset(
    """
a an the of in on at to for from by with about into over under during between after before since until and or but not no
is are was were be been being do does did have has had will would shall should can could may might must
what which who whom whose when where why how much many any some all each every other another such than then there here
this that these those it its it's they them their we our us you your he she his her i me my
district government report reports plan year years city area local chinese china
say says said tell mention mentioned according planned plans expected expect achieve achieved reach reached
also as well so very more most less least up down out if whether per
""".split()
)


def english_words(text: str) -> list[str]:
    """The words of an English text, lower-cased, hyphens split and possessives dropped."""
    return [w.rstrip(".") for w in _WORDS.findall(text.lower().replace("-", " ").replace("'s", ""))]


IRREGULAR = {
    "torn": "tear",
    "tore": "tear",
    "built": "build",
    "made": "make",
    "took": "take",
    "taken": "take",
    "grew": "grow",
    "grown": "grow",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "spent": "spend",
    "won": "win",
    "held": "hold",
    "brought": "bring",
    "sold": "sell",
    "paid": "pay",
    "laid": "lay",
    "led": "lead",
    "met": "meet",
    "began": "begin",
    "begun": "begin",
    "did": "do",
    "done": "do",
    "given": "give",
    "gave": "give",
    "saw": "see",
    "seen": "see",
    "kept": "keep",
    "left": "leave",
    "lost": "lose",
    "got": "get",
    "gotten": "get",
    "went": "go",
    "gone": "go",
    "bought": "buy",
    "caught": "catch",
    "chose": "choose",
    "chosen": "choose",
    "drew": "draw",
    "drawn": "draw",
    "set": "set",
    "cut": "cut",
    "put": "put",
    "shut": "shut",
    "sought": "seek",
    "struck": "strike",
    "thought": "think",
    "told": "tell",
    "understood": "understand",
    "wrote": "write",
    "written": "write",
    "children": "child",
    "women": "woman",
    "men": "man",
    "does": "do",
    "goes": "go",
    "has": "have",
    "came": "come",
    "dealt": "deal",
    "sent": "send",
    "dug": "dig",
    "sped": "speed",
    "fought": "fight",
    "rebuilt": "rebuild",
    "undertook": "undertake",
    "overtook": "overtake",
    "drove": "drive",
    "stood": "stand",
    "ran": "run",
    "tried": "try",
    "agreed": "agree",
    "guaranteed": "guarantee",
    "freed": "free",
    "buildings": "buildings",
    "building": "buildings",
    "meeting": "meeting",
    "meetings": "meeting",
    # Inflections with a meaning of their own, kept apart from their stem's: parking is not
    # parks (停车, 公园), listing is not lists (上市, 清单), projected is not projects.
    "parking": "parking",
    "listing": "listing",
    "listed": "listing",
    "projected": "projected",
    "finances": "finances",
    "supplies": "supplies",
    "competitions": "competitions",
}
_KEEP = frozenset(
    "news series species gas bus plus status census crisis basis analysis process business less loss".split()
)


def _stem(word: str) -> str:
    """A light English stemmer applied alike to the dictionary and the question, so that
    'tackled', 'tackling' and 'tackles' all meet 'tackle': plurals, then -ed/-ing, then a
    final e. Consistency matters here, not linguistics."""
    if word in IRREGULAR:
        return _final_e(IRREGULAR[word])
    if len(word) <= 3 or word in _KEEP or word[0].isdigit() or word.endswith("eed"):
        return word
    word = singular(word)
    for suffix in ("ied", "ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix == "ied" else "")
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    return _final_e(word)


def is_content_word(word: str) -> bool:
    """Is a (lower-cased) question word one to look up: not a stopword, in any inflection,
    and not a number?"""
    return word not in STOPWORDS and _stem(word) not in STOPWORDS and not word[0].isdigit()


def content_stems(text: str) -> list[str]:
    """The stemmed content words of an English text, in order. The passages' English glosses
    (index.gloss) are made of the dictionary's senses read by it, and English questions search
    them by their own words read by it: the same reading on both sides is what makes them meet."""
    return [_stem(w) for w in english_words(text) if is_content_word(w)]


def _final_e(word: str) -> str:
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def singular(word: str) -> str:
    """An English plural's singular by its ending (policies: policy, batches: batch, sites: site)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("ss", "x", "z", "ch", "sh")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def curated_english(path: Path) -> dict[str, str]:
    """The curated English name of each Chinese term the TSV's rows lead with: the first row
    whose first alternative it is (the others of a row widen a search, they are not what its
    English names: "service industry" leads with 服务业, not 服务业增加值), in the casing of a
    Latin alternative of that row when they agree (gdp -> GDP). Empty without a terminology."""
    if not path.exists():
        return {}
    english: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            phrase, alternatives = (row.get("en") or "").strip(), [z.strip() for z in (row.get("zh") or "").split("|")]
            if phrase and re.search(r"[\u4e00-\u9fff]", alternatives[0]):
                shown = next((z for z in alternatives if z.lower() == phrase.lower()), phrase)
                english.setdefault(alternatives[0], shown)
    return english


class Terminology:
    """Phrase table from English word sequences to Chinese terms."""

    def __init__(self, table: dict[tuple[str, ...], list[str]]):
        self.table = table

    @classmethod
    def load(cls, path: Path, extra: dict[str, list[str]] | None = None) -> Terminology:
        """Read the TSV (``en`` and ``zh`` columns, Chinese alternatives split by ``|``)."""
        table: dict[tuple[str, ...], list[str]] = {}
        rows = []
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                rows = [
                    (r["en"], r["zh"].split("|"))
                    for r in csv.DictReader(handle, delimiter="\t")
                    if r.get("en") and r.get("zh")
                ]
        rows += list((extra or {}).items())
        for english, chinese in rows:
            key = tuple(_stem(w) for w in english_words(english))
            if key:
                merged = table.setdefault(key, [])
                merged.extend(z.strip() for z in chinese if z.strip() and z.strip() not in merged)
        return cls(table)

    def translate(self, text: str) -> list[str]:
        """Chinese terms for the English phrases in ``text``, longest phrases matched first."""
        return self.translate_with_rest(text)[0]

    def translate_with_rest(self, text: str) -> tuple[list[str], list[str]]:
        """Chinese terms, plus the content words nothing matched (a sign the reports may not say)."""
        groups, unmatched = self.translate_groups(text)
        return list(dict.fromkeys(t for group in groups for t in group)), unmatched

    def translate_groups(self, text: str) -> tuple[list[list[str]], list[str]]:
        """One group of Chinese alternatives per English phrase matched, and the unmatched words.

        Groups matter for judging an answer: a phrase is covered when any one of its
        alternatives appears, however many alternatives the dictionary lists."""
        phrases, unmatched = self.translate_phrases(text)
        return [terms for _, terms in phrases], unmatched

    def translate_phrases(self, text: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
        """Each English phrase matched (its words lower-cased, unstemmed) with its Chinese
        alternatives, longest phrases first, and the content words nothing matched."""
        raw = english_words(text)
        words = [_stem(w) for w in raw]
        found: list[tuple[str, list[str]]] = []
        unmatched: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
                terms = self.table.get(tuple(words[i : i + n]))
                if terms:
                    found.append((" ".join(raw[i : i + n]), list(terms)))
                    i += n
                    break
            else:
                if is_content_word(raw[i]):
                    unmatched.append(raw[i])
                i += 1
        return found, unmatched


# What stemming depends on, for index.gloss: passages glossed under other tables are rebuilt.
_TABLES = repr((sorted(STOPWORDS), sorted(IRREGULAR.items()), sorted(_KEEP)))
STEMMING_KEY = hashlib.sha256(_TABLES.encode()).hexdigest()[:8]
