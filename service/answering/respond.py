"""Assemble the answer object every interface returns (CLI, JSON API, chat, web page).

The shape is a contract: ``id, question, language, answer, confident, glossary,
passages[{id, doc, title, section, text, start, end, score}]``. Extra fields ride along:
the answer in the asker's script, the figures with their English renderings, the
citation of where the answer stands (and for a comparison, each side's clause with its
own in ``answer_parts``), the one ``answer_line`` in the asker's language (service.answering.
answer_line), the graded ``verdict`` (answered, uncertain, not_found) with its
``confidence``, and when not answered outright, why (``doubt``).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from index.chunking import Chunk
from index.figure_table import FigureRecord, record_id
from index.glossary import GlossaryEntry
from index.normalize import in_script
from service.analysis.query import Query
from service.analysis.terms import query_terms
from service.analysis.unknown_words import as_written, unknown_terms
from service.answering.answer import extract_answer
from service.answering.answer_line import answer_line, definition_line
from service.answering.extracted import Answer
from service.answering.figure_words import figure_label_en
from service.ranking.hits import Hit
from service.ranking.rerank import query_periods
from service.ranking.retrieval import ANSWER_DEPTH, Retriever
from service.verdict.doubts import doubt_item


def _display(query: Query, text: str) -> str:
    """What a person reading in the question's script should see."""
    return in_script(text, query.language)


def _parts(answer: Answer, dates: dict[str, str], hits: list[Hit]) -> list[tuple[Answer, Hit]]:
    """The answer's clauses with their passages, the earlier report's first (a comparison's
    plan before its result)."""
    parts = [answer] + ([answer.also] if answer.also else [])
    by_id = {h.chunk.id: h for h in hits}
    placed = [(part, by_id[part.chunk_id]) for part in parts if part.chunk_id]
    return sorted(placed, key=lambda pair: (dates.get(pair[1].chunk.doc, ""), pair[0].start or 0))


def _answer_text(query: Query, parts: list[Answer]) -> str:
    """The clauses joined (a comparison has two); English askers also get every figure in
    English words of scale."""
    clauses = [p.text for p in parts]
    text = "；".join([c.rstrip("。；;，,") for c in clauses[:-1]] + clauses[-1:])
    figures = [f for p in parts for f in p.figures]
    if query.language != "en" or not figures:
        return text
    renderings = "; ".join(f"{f.text} = {f.english}" for f in figures)
    return f"{text} [{renderings}]"


def report_url(doc: str, start: int, end: int) -> str:
    """Where a cited span can be read in its report: the service's report page (relative to
    the service), the span marked and scrolled into view."""
    return f"/reports/{quote(doc, safe='')}?start={start}&end={end}#cited"


def reference(title: str, section: str, paragraph: int, start: int, end: int) -> str:
    """A citation to copy: report, section, paragraph and character offsets."""
    where = f"{title} › {section}" if section else title
    return f"{where}, paragraph {paragraph}, characters {start}–{end}"


def _where(chunk: Chunk, start: int, end: int) -> dict:
    """Where a span of a chunk's report stands: report, section, paragraph, offsets, and the
    report page's url and the citation to copy."""
    return {
        "doc": chunk.doc,
        "title": chunk.title,
        "section": chunk.section,
        "paragraph": chunk.paragraph,
        "start": start,
        "end": end,
        "url": report_url(chunk.doc, start, end),
        "reference": reference(chunk.title, chunk.section, chunk.paragraph, start, end),
    }


def _citation(part: Answer, hit: Hit) -> dict:
    return {"passage": part.chunk_id, **_where(hit.chunk, part.start, part.end)}


def passage_item(query: Query, hit: Hit, dates: dict[str, str]) -> dict:
    chunk = hit.chunk
    return {
        "id": chunk.id,
        **_where(chunk, chunk.start, chunk.end),
        "text": chunk.text,
        "score": hit.score,
        "date": dates.get(chunk.doc, ""),
        "display_text": _display(query, chunk.text),
    }


def glossary_item(entry: GlossaryEntry, source: str | None = None, script: str = "zh-Hans") -> dict:
    """A glossary entry as the API shows it, definition also in the reader's script."""
    item = entry.to_dict()
    item["source"] = source
    item["display_definition"] = in_script(entry.definition, script)
    return item


def _glossary(query: Query, hits: list[Hit], entries: list[GlossaryEntry]) -> list[dict]:
    """Entries the question names first, then those the passages use."""
    named = {e.term for e in query.glossary}
    used = [
        e for e in entries if e.term not in named and any(n in h.chunk.text for h in hits for n in [e.term, *e.aliases])
    ]
    pairs = [(e, "question") for e in query.glossary] + [(e, "passages") for e in used]
    return [glossary_item(entry, source, query.language) for entry, source in pairs]


def _line(query: Query, answer: Answer, parts: list[tuple[Answer, Hit]], doubt: dict | None, table: dict) -> str:
    """The answer line: why not, when the reports do not say it; a glossary term and its
    definition; else the figure line or the clause (service.answering.answer_line)."""
    if answer.verdict == "not_found" and doubt:
        return doubt["message"]
    if answer.defines is not None:
        return definition_line(answer.defines, query.language)
    return answer_line(
        [(hit.chunk.doc, part.focus, _display(query, part.text)) for part, hit in parts],
        table,
        query.language,
        _display(query, "；".join(part.text for part, _ in parts)),
        query.zh_terms,
        frozenset(query_periods(query)),
        query.raw,
    )


def report_dates(retriever: Retriever) -> dict[str, str]:
    return {r["id"]: r["date"] for r in retriever.bundle.manifest.get("reports", [])}


def latest_report(dates: dict[str, str]) -> date | None:
    """The date of the newest report: what happened after it, no report can say."""
    parsed = []
    for value in dates.values():
        try:
            parsed.append(date.fromisoformat(str(value)[:10]))
        except ValueError:
            continue  # an undated report says nothing about what came after it
    return max(parsed, default=None)


def search(retriever: Retriever, question: str, top_k: int = 5, qid: str | None = None, pipeline: str = "full") -> dict:
    """Ranked passages only, with no answer extraction (what evaluation tools need)."""
    query, hits = retriever.search(question, top_k=top_k, pipeline=pipeline)
    dates = report_dates(retriever)
    return {
        "id": qid,
        "question": question,
        "language": query.language,
        "pipeline": pipeline,
        "passages": [passage_item(query, h, dates) for h in hits],
    }


def _doubted_terms(query: Query, doubt: str | None, retriever: Retriever) -> list[str]:
    """The question's words a doubt is about: the names of an ``unknown_term`` that the reports
    never use, as the question writes them (the reader learns which word, not only that one)."""
    if doubt != "unknown_term":
        return []
    return as_written(unknown_terms(query, query_terms(query), retriever.bundle.lexical.vocabulary), query)


def _figures(parts: list[tuple[Answer, Hit]], table: dict[str, FigureRecord]) -> list[dict]:
    """The answer's figures with their English renderings, which one answers, and what each
    counts (the figure table's metric, and an English label for it)."""
    out = []
    for part, hit in parts:
        for f in part.figures:
            at = part.start + f.start
            record = table.get(record_id(hit.chunk.doc, at))
            out.append(
                {
                    "text": f.text,
                    "english": f.english,
                    "value": f"{f.value:f}",
                    "unit": f.unit,
                    "answers": at == part.focus,
                    "metric": record.metric if record else "",
                    "label_en": figure_label_en(record),
                }
            )
    return out


def ask(
    retriever: Retriever,
    question: str,
    top_k: int = 5,
    qid: str | None = None,
    pipeline: str = "full",
    report: str | None = None,
) -> dict:
    """Answer one question: retrieval, extraction, glossary, citations. The answer and its
    verdict are drawn from the same ANSWER_DEPTH passages whatever ``top_k`` asks to be shown;
    with ``report``, that report's passages come first."""
    query, hits = retriever.search(question, top_k=max(top_k, ANSWER_DEPTH), pipeline=pipeline, report=report)
    dates = report_dates(retriever)
    answer = extract_answer(
        query,
        hits[:ANSWER_DEPTH],
        retriever.bundle.lexical,
        latest_report(dates),
        retriever.verdict,
        lambda texts: retriever.similarities(query, texts),
        retriever.bundle.figure_index,
    )
    parts = _parts(answer, dates, hits)
    text = _answer_text(query, [part for part, _ in parts])
    cited = [(part, _citation(part, hit)) for part, hit in parts]
    doubt = doubt_item(answer.doubt, query.language, _doubted_terms(query, answer.doubt, retriever))
    line = _line(query, answer, parts, doubt, retriever.bundle.figure_index)
    return {
        "id": qid,
        "question": question,
        "language": query.language,
        "answer": text,
        "answer_display": _display(query, text),
        "answer_text": answer.text,
        "confident": answer.confident,
        "verdict": answer.verdict,
        "confidence": answer.confidence,
        "doubt": doubt,
        "answer_line": line,
        "figures": _figures(parts, retriever.bundle.figure_index),
        "citation": next((citation for part, citation in cited if part is answer), None),
        "answer_parts": [
            {"text": part.text, "display_text": _display(query, part.text), "citation": citation}
            for part, citation in cited
        ],
        "glossary": _glossary(query, hits[:top_k], retriever.bundle.glossary),
        "passages": [passage_item(query, h, dates) for h in hits[:top_k]],
        "quoted_passages": _quoted_below(query, parts, hits[top_k:], dates),
    }


def _quoted_below(query: Query, parts: list[tuple[Answer, Hit]], below: list[Hit], dates: dict[str, str]) -> list[dict]:
    """The passages an answer quotes from below the ``top_k`` shown (a comparison's other side
    may stand there), in rank order: so that every clause's passage can be listed with it."""
    quoted = {hit.chunk.id for _, hit in parts}
    return [passage_item(query, h, dates) for h in below if h.chunk.id in quoted]
