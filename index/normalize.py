"""Text normalisation shared by indexing and querying.

Both sides must see text the same way: full-width/half-width variants folded (NFKC) and
Traditional characters mapped to Simplified, because the reports are Simplified while
askers may write either script.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Words that frame an English sentence around whatever it quotes: two of them make it English.
_ENGLISH_FRAME = re.compile(
    r"\b(?:what|which|who|when|where|why|how|is|are|was|were|does|do|did|the|of|mean|means|meaning|stand|for)\b"
)
_INVISIBLE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4)
def _converter(config: str) -> OpenCC:
    """OpenCC converters are costly to build (dictionary load), so build each once."""
    return OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional → Simplified (no-op for Simplified and Latin text).

    Text holding none of the characters OpenCC would change is returned as it is: that is
    most questions and passages, and the pure-Python conversion costs ~0.7 ms a passage."""
    if _t2s_changes().isdisjoint(text):
        return text
    return _converter("t2s").convert(text)


def _opencc_table(name: str) -> list[tuple[str, list[str]]]:
    """The (source, targets) rows of one of the dictionary files OpenCC ships."""
    import opencc

    rows = []
    for line in (Path(opencc.__file__).parent / "dictionary" / name).read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        rows.append((source.strip(), targets.split()))
    return rows


@lru_cache(maxsize=1)
def _t2s_changes() -> frozenset[str]:
    """Characters without which t2s leaves a text unchanged: those its character table
    maps to another character, and, for the few phrases made wholly of other characters
    (反覆 → 反复), the characters the phrase changes."""
    changing: set[str] = set()
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        for source, targets in _opencc_table(name):
            target = targets[0] if targets else source
            if target == source or (len(source) > 1 and not changing.isdisjoint(source)):
                continue
            if len(source) == len(target):
                changing.update(a for a, b in zip(source, target) if a != b)
            else:
                changing.update(source)
    return frozenset(changing)


def taiwan_to_mainland(text: str, known: Container[str] = frozenset()) -> str:
    """Traditional → Simplified with Taiwan phrasing mapped to mainland words (數位 → 数字,
    資訊 → 信息), so a Taiwan reader's question meets the reports' vocabulary.

    A Taiwan phrase the reports themselves use (``known``, their vocabulary) is kept:
    OpenCC's table also maps everyday words such as 新增 to 添加, which would lose every
    "新增就业", "新增确诊" the reports speak of."""
    simplified = _converter("tw2s").convert(text)
    for taiwan, mainland in _local_phrases():
        simplified = simplified.replace(taiwan, mainland)
    for taiwan, mainland in _taiwan_phrases():
        if taiwan in simplified and taiwan not in known:
            simplified = simplified.replace(taiwan, mainland)
    return simplified


@lru_cache(maxsize=1)
def _local_phrases() -> list[tuple[str, str]]:
    """The project's own Taiwan → mainland pairs (taiwan_terms.tsv: 经济成长 → 经济增长, 瓦斯
    → 燃气), longest first; OpenCC's table lacks them. They are applied whether or not the
    reports use the Taiwan word: each was chosen where they do not, or not in that sense."""
    lines = (Path(__file__).with_name("taiwan_terms.tsv")).read_text(encoding="utf-8").splitlines()
    pairs = [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=1)
def _taiwan_phrases() -> list[tuple[str, str]]:
    """OpenCC's Taiwan → mainland phrase table (what its tw2sp applies), both sides in
    Simplified, longest first so that a long phrase wins over a phrase inside it."""
    pairs: dict[str, str] = {}
    for taiwan, mainland in _opencc_table("TWPhrasesRev.txt"):
        if mainland:
            source, target = to_simplified(taiwan), to_simplified(mainland[0])
            if source != target:
                pairs.setdefault(source, target)
    return sorted(pairs.items(), key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=4096)
def to_traditional(text: str) -> str:
    """Simplified → Traditional, for showing passages to a Traditional-script asker.

    Remembered (bounded): passages, titles and definitions come from a finite set, and the
    pure-Python conversion was the largest cost of a Traditional answer after the encoders."""
    return _converter("s2t").convert(text)


def in_script(text: str, script: str) -> str:
    """Text of the reports (Simplified) as an asker of ``script`` reads it: Traditional for
    zh-Hant, unchanged otherwise. The one place that decides what is shown in which script."""
    return to_traditional(text) if script == "zh-Hant" else text


def clean(text: str) -> str:
    """NFKC, drop control and zero-width characters, fold runs of white space."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def normalize(text: str) -> str:
    """The canonical form every index and query sees: cleaned and Simplified."""
    return to_simplified(clean(text))


def detect_language(text: str) -> str:
    """Classify a question as 'en', 'zh-Hans' or 'zh-Hant'.

    Chinese wins as soon as Han characters make up a fair share of the letters, because
    mixed questions ("GDP增长多少") are Chinese questions with an English acronym, unless the
    sentence is framed in English grammar ("What does 四类人员 mean?": a Chinese term quoted in
    an English question). Script is decided by whether converting to Simplified changes anything.
    """
    text = clean(text)
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if han == 0 or latin > 4 * han or len(set(_ENGLISH_FRAME.findall(text.lower()))) >= 2:
        return "en"
    return "zh-Hant" if to_simplified(text) != text else "zh-Hans"
