"""Text normalisation shared by indexing and querying.

Both sides must see text the same way: full-width/half-width variants folded (NFKC) and
Traditional characters mapped to Simplified, because the reports are Simplified while
askers may write either script.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_INVISIBLE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4)
def _converter(config: str) -> OpenCC:
    """OpenCC converters are costly to build (dictionary load), so build each once."""
    return OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional → Simplified (no-op for Simplified and Latin text)."""
    return _converter("t2s").convert(text)


def taiwan_to_mainland(text: str) -> str:
    """Traditional → Simplified with Taiwan phrasing mapped to mainland words (數位 → 数字,
    資訊 → 信息), so a Taiwan reader's question meets the reports' vocabulary."""
    return _converter("tw2sp").convert(text)


@lru_cache(maxsize=4096)
def to_traditional(text: str) -> str:
    """Simplified → Traditional, for showing passages to a Traditional-script asker.

    Remembered (bounded): passages, titles and definitions come from a finite set, and the
    pure-Python conversion was the largest cost of a Traditional answer after the encoders."""
    return _converter("s2t").convert(text)


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
    mixed questions ("GDP增长多少") are Chinese questions with an English acronym. Script is
    decided by whether converting to Simplified changes anything.
    """
    text = clean(text)
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if han == 0 or latin > 4 * han:
        return "en"
    return "zh-Hant" if to_simplified(text) != text else "zh-Hans"
