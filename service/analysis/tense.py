"""Whether a question asks what is planned or what has been done.

A report reviews one period and plans the next, often under the same year: a December report's
"2021年" is its plan, a mid-year report's is its progress so far. A question says which it wants
by its modal and aspect words and its words for plans and targets, not by its topic: 打算, 要, 将,
目标, "will", "plan to" look ahead; 已经, 进展, "so far", "has been" look back. The passages say it
by their periods (index.periods.passage_ahead), and the learned reranker weighs the two together.
"""

from __future__ import annotations

import re

from service.analysis.abbreviations import dictionary_words
from service.analysis.query import Query
from service.analysis.tagging import HAN

# Modal and aspect words, and words for plans, targets and priorities, that put a Chinese question
# ahead of, or behind, the report's date (会 is left out: it is also a meeting). A word of two
# characters counts inside a longer one (重点项目, 即将开工); a single character only as a word of
# its own (要 is ahead; 主要 and 需要 are not).
AHEAD_ZH = frozenset(
    "打算 计划 准备 要 将 将要 将会 即将 还要 要求 拟 预计 预期 目标 规划 安排 部署 重点 今后 未来 下一步".split()
)
BEHIND_ZH = frozenset("已经 已 进展".split())
_AHEAD_EN = re.compile(
    r"""\b(?: will | going\ to | plan(?:s|ned|ning)? | intend\w* | aim\w* | target\w* | expect\w*
        | goals? | propos\w* | promis\w* | pledg\w* | upcoming | priorit\w* | arrange\w* | projected )\b""",
    re.VERBOSE | re.IGNORECASE,
)
_BEHIND_EN = re.compile(r"\b(?: had | been | already | so\ far | progress\w* )\b", re.VERBOSE | re.IGNORECASE)


def asked_tense(query: Query) -> int:
    """+1 when the question asks what lies ahead (a plan, a target), -1 when it asks what has
    been done, 0 when it says neither or both."""
    text = query.raw if query.language == "en" else query.text
    return int(asks_ahead(text)) - int(_looks_back(text))


def asks_ahead(text: str) -> bool:
    """Does a question (English or Chinese, read in Simplified) ask for a plan, a target or what
    is to come?"""
    return bool(_AHEAD_EN.search(text)) or _says(text, AHEAD_ZH)


def _looks_back(text: str) -> bool:
    return bool(_BEHIND_EN.search(text)) or _says(text, BEHIND_ZH)


def _says(text: str, cues: frozenset[str]) -> bool:
    """Does a Chinese text hold one of ``cues``: a single character as a word of its own, a longer
    cue anywhere in a word?"""
    words = [word for word, _ in dictionary_words(text)] if HAN.search(text) else []
    return any(word in cues or any(len(cue) > 1 and cue in word for cue in cues) for word in words)
