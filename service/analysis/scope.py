"""Which reports a question names, in a corpus whose reports speak for different places or levels.

A district's reports beside the State Council's: a question naming the district (by its name from the
reports' metadata, or 全区, 区里, "district") asks the district's, one saying 全国 or "national" the
country's. Each report's words come from its metadata (index.levels.scope_words), so
a corpus of one place and level has none and nothing here changes its ranking.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from index.levels import LEVEL_NAMES
from service.analysis.query import Query

_LEVEL_WORDS = frozenset(word for words in LEVEL_NAMES.values() for word in words)


def named_reports(query: Query, scopes: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The reports a question names by the words that tell each from the others (their place or
    level: index.levels.scope_words): a place in its own words or its Chinese search terms (an
    English question's romanised name, read back into the report's characters), a level in its own
    words only (a dictionary's 区政府 for "government" names no level)."""
    own = [query.text.lower()]
    searched = own + [word for group in query.zh_groups for word in group]
    return frozenset(
        doc
        for doc, words in scopes.items()
        if any(_mentions(own if word in _LEVEL_WORDS else searched, word) for word in words)
    )


def _mentions(texts: list[str], word: str) -> bool:
    """Does any of the texts hold the word (an English one whole)?"""
    if word.isascii():
        return any(re.search(rf"\b{re.escape(word)}\b", text) for text in texts)
    return any(word in text for text in texts)
