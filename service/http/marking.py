"""Text as the page marks it up: the words asked lit, and the language of each run of text
said. Every piece of text is escaped once; markup is built around escaped pieces, never by
pasting raw text into it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

from service.http.web_text import chinese_of


def highlight(text: str, terms: Iterable[str]) -> Markup:
    """``text`` escaped, with the terms wrapped in ``<mark>`` (longest first, any case, touching
    matches joined so 地区+生产总值 reads as one; a term that opens or ends with a digit never
    inside a longer number, so 7% is not marked in 4.7%, nor 2021 in 20215). Matching runs on
    the raw text and each piece is escaped on its own, so a term never matches inside an entity
    escaping made."""
    unique = sorted({t for t in terms if t}, key=len, reverse=True)
    if not unique:
        return escape(text)
    spans: list[list[int]] = []
    pattern = "|".join(
        (r"(?<![\d.])" if t[0].isdigit() else "") + re.escape(t) + (r"(?![\d.]\d|\d)" if t[-1].isdigit() else "")
        for t in unique
    )
    for match in re.finditer(pattern, text, re.IGNORECASE):
        if spans and spans[-1][1] == match.start():
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    pieces, last = [], 0
    for start, end in spans:
        pieces += [escape(text[last:start]), Markup("<mark>%s</mark>") % text[start:end]]
        last = end
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


_HAN = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e\U00020000-\U0002fa1f]"
# A run of Chinese with what is written inside it: figures (779.43亿元, 7%以上), brackets, ASCII
# marks of run-on text and quotation marks ((二)着力强攻坚、破难题,城市更新; 按下“加速键”).
_HAN_RUN = re.compile(rf"[\d.%(“‘]*{_HAN}(?:[\d.%(),:;“”‘’…·—]*{_HAN})*[)”’]?")


def lang_runs(text: str, script: str) -> Markup:
    """``text`` escaped, each run of Chinese inside it (an English line's 地区生产总值, 779.43亿元)
    wrapped in a span that says its language (Traditional for a reader of ``script`` zh-Hant,
    else Simplified), so that it is read and rendered as Chinese."""
    lang = chinese_of(script)
    pieces, last = [], 0
    for match in _HAN_RUN.finditer(text):
        pieces += [escape(text[last : match.start()]), Markup('<span lang="%s">%s</span>') % (lang, match.group())]
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)
