"""The assistant's reply: the extracted answer in the asker's script with numbered citations
(or, when the reports do not seem to say, a sentence saying so and the closest passages), the
structured answer that rides along in ``reports_qa``, and the stream of chunks. Nothing is
generated."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urljoin

from flask import Response, has_request_context, request

from index.normalize import clean, in_script
from service.engine import Resolution
from service.http.api import engine
from service.http.chat_schemas import chunk, new_id
from service.http.citations import distinct, quoted

TEXT = {  # zh-Hant is derived from zh-Hans
    "en": {
        "unsure": "The reports do not clearly say.",
        "closest": "The closest passages are:",
        "sources": "Sources:",
        "read_as": "(Answering: {q})",
        "caution": "This may not answer the question; check the sources.",
    },
    "zh-Hans": {
        "unsure": "报告中没有明确的答案。",
        "closest": "最接近的段落如下：",
        "sources": "来源：",
        "read_as": "（理解为：{q}）",
        "caution": "这未必回答了问题，请核对来源。",
    },
}


def structured(result: dict, resolution: Resolution) -> dict:
    """The ``reports_qa`` field: the answer object, and how earlier turns shaped the question."""
    followup = {"kind": resolution.kind, "previous": resolution.previous} if resolution.previous else None
    keys = (
        "question",
        "language",
        "confident",
        "verdict",
        "answer_line",
        "confidence",
        "doubt",
        "citation",
        "answer_parts",
        "figures",
        "glossary",
        "passages",
    )
    return {**{k: result[k] for k in keys}, "answer": result["answer_display"], "followup": followup}


def _say(language: str, key: str, **values: str) -> str:
    """A fixed sentence in the asker's language (Traditional derived from Simplified)."""
    text = TEXT["en" if language == "en" else "zh-Hans"][key].format(**values)
    return in_script(text, language)


def _english_titles() -> dict[str, str]:
    """English report titles of the index being served (its manifest lists them)."""
    current = engine().reader()
    reports = current.reports() if current else []
    return {r["id"]: r["title_en"] for r in reports if r.get("title_en")}


def _source(passage: dict, language: str) -> str:
    """'报告标题 › section (date)' in the asker's script (English title for English askers)."""
    title, section = in_script(passage["title"], language), in_script(passage["section"], language)
    if language == "en":
        title = _english_titles().get(passage["doc"], title)
    where = f"{title} › {section}" if section else title
    return f"{where} ({passage['date']})" if passage["date"] else where


def without_repeats(result: dict) -> dict:
    """The answer with its passages as the chat lists and numbers them, in its text and in
    ``reports_qa`` alike: those shown and any lower one the answer quotes (``quoted_passages``:
    a comparison's other side may stand there), those that mostly repeat a passage before them,
    or one the answer quotes, left out (citations.distinct), so that [n] is the n-th of
    ``reports_qa.passages`` and every clause of the answer has its [n]."""
    listed = {**result, "passages": result["passages"] + result["quoted_passages"]}
    return {**listed, "passages": distinct(listed["passages"], quoted(listed))}


def render(result: dict, resolved: bool) -> str:
    """The assistant message: the answer line (for a figure), the quoted answer and numbered
    citations that link to the report page (an uncertain one after a caution and its reason),
    or 'not in the reports' and the closest passages; then, for a follow-up, the question it
    was read as."""
    language, passages = result["language"], result["passages"]
    cited = {p["id"] for p in quoted(result)}
    lines = []
    why = "" if not result["doubt"] else (" " if language == "en" else "") + result["doubt"]["message"]
    if result["verdict"] != "not_found":
        if result["verdict"] == "uncertain":
            lines += [_say(language, "caution") + why, ""]
        mark = "".join(f" [{n}]" for n, p in enumerate(passages, 1) if p["id"] in cited)
        if clean(result["answer_line"]) not in clean(result["answer_display"]):  # a figure's line, then its evidence
            lines += [result["answer_line"], ""]
        lines += [result["answer_display"] + mark, ""]
        lines += [_say(language, "read_as", q=result["question"]), ""] if resolved else []
        lines += [_say(language, "sources")]
        lines += [f"[{n}] {_source(p, language)} {_link(p['url'])}" for n, p in enumerate(passages, 1)]
    else:
        lines += [_say(language, "unsure") + why]
        lines += [_say(language, "read_as", q=result["question"])] if resolved else []
        lines += [_say(language, "closest"), ""]
        for n, passage in enumerate(passages, 1):
            lines += [f"[{n}] {_source(passage, language)}", f"    {_clip(passage['display_text'])}"]
    return "\n".join(lines).strip()


def _link(url: str) -> str:
    """A report page's address as a chat reader can open it: absolute when answering a request."""
    return urljoin(request.host_url, url) if has_request_context() else url


def _clip(text: str, limit: int = 160) -> str:
    """A passage short enough to scan in a chat window; the full text is in ``reports_qa``."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pieces(content: str, size: int = 24) -> list[str]:
    """Content deltas: line by line, long lines in ``size``-character slices."""
    lines = re.findall(r"[^\n]*\n|[^\n]+", content)
    return [line[i : i + size] for line in lines for i in range(0, len(line), size)]


def stream(content: str, extra: dict, used: dict | None) -> Response:
    """Server-sent events in OpenAI's chunk format, ending with ``data: [DONE]``.

    The answer is complete before the first byte, so an error is still an HTTP error and
    never a broken stream."""
    cid, created = new_id()

    def events() -> Iterator[str]:
        yield _sse(chunk(cid, created, {"role": "assistant"}))
        for piece in pieces(content):
            yield _sse(chunk(cid, created, {"content": piece}))
        yield _sse(chunk(cid, created, {}, "stop", reports_qa=extra))
        if used is not None:
            yield _sse(chunk(cid, created, None, usage=used))
        yield "data: [DONE]\n\n"

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return Response(events(), mimetype="text/event-stream", headers=headers)


def _sse(payload: dict) -> str:
    """One server-sent event; compact JSON on one line, as the SSE framing requires."""
    return f"data: {json.dumps(payload, ensure_ascii=False, separators=(',', ':'))}\n\n"
