"""The reports' own glossaries (名词注释) as data, and finding their terms in a question.

Entries are extracted by code from the report text (so the definition and its offsets are
exactly the report's) and merged with hand-written English names and aliases kept in a
separate file. Askers name a term in Simplified, Traditional or English; all three match.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.cedict import english_names
from index.corpus import Report
from index.jsonio import write_json
from index.normalize import normalize, to_traditional
from index.sections import split_paragraphs

GLOSSARY_HEADINGS = ("名词注释", "名词解释")
_ENTRY = re.compile(r"^[(（]?(\d+)[)）.．、]\s*(.{1,30}?)[:：]\s*(.+)$")


@dataclass(frozen=True)
class GlossaryEntry:
    """One term of a report's glossary with every name it can be asked by."""

    term: str
    number: int
    definition: str
    doc: str
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)
    traditional: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    definition_en: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _zh_aliases(term: str, extra: list[str]) -> list[str]:
    """A term like '六稳、六保' is also asked for by each part and by the parts run together."""
    parts = [p for p in re.split(r"[、,，和及]", term) if p and p != term]
    joined = "".join(parts) if len(parts) > 1 else ""
    names = parts + ([joined] if joined else []) + list(extra)
    return sorted(dict.fromkeys(n for n in names if n and n != term))


def extract_entries(report: Report, english: dict[str, dict]) -> list[GlossaryEntry]:
    """Glossary entries of one report: the numbered lines ("1.term：…", "(1)term：…") after its
    名词注释 or 名词解释 heading, wherever in the report it stands."""
    entries, inside = [], False
    for para in split_paragraphs(report.text):
        line = report.text[para.start : para.end]
        inside = inside or any(heading in line for heading in GLOSSARY_HEADINGS)
        match = _ENTRY.match(line) if inside else None
        if not match:
            continue
        term = match.group(2).strip()
        extra = english.get(term, {})
        aliases = _zh_aliases(term, extra.get("aliases_zh", []))
        entries.append(
            GlossaryEntry(
                term=term,
                number=int(match.group(1)),
                definition=match.group(3).strip(),
                doc=report.id,
                start=para.start,
                end=para.end,
                aliases=aliases,
                traditional=sorted({to_traditional(n) for n in [term, *aliases]}),
                english=list(extra.get("en", [])) or english_names(term),
                definition_en=extra.get("definition_en", ""),
            )
        )
    return entries


def load_english(path: Path) -> dict[str, dict]:
    """Hand-written English names keyed by the Simplified term; empty when absent."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def extract_glossary(reports: list[Report], english: dict[str, dict]) -> list[GlossaryEntry]:
    """Every glossary entry of every report, in report then number order."""
    return [entry for report in reports for entry in extract_entries(report, english)]


def save_glossary(entries: list[GlossaryEntry], path: Path) -> None:
    """Write the glossary as deterministic JSON (sorted keys, readable Chinese)."""
    write_json(path, [entry.to_dict() for entry in entries])


def load_glossary(path: Path) -> list[GlossaryEntry]:
    """Read entries written by :func:`save_glossary`; no file means no glossary."""
    if not path.exists():
        return []
    return [GlossaryEntry(**item) for item in json.loads(path.read_text(encoding="utf-8"))]


class GlossaryMatcher:
    """Finds which glossary terms a question names, in any script or in English."""

    def __init__(self, entries: list[GlossaryEntry]):
        self.entries = entries
        self._zh = [(normalize(n), e) for e in entries for n in [e.term, *e.aliases, *e.traditional]]
        self._zh.sort(key=lambda pair: -len(pair[0]))
        self._en = [(self._en_pattern(n), e) for e in entries for n in e.english]

    @staticmethod
    def _en_pattern(name: str) -> re.Pattern:
        words = [re.escape(w) for w in re.findall(r"[a-z0-9+]+", name.lower())]
        return re.compile(r"(?<![a-z0-9])" + r"[\s\-'\",;:]*".join(words) + r"s?(?![a-z0-9])")

    def find(self, question: str) -> list[GlossaryEntry]:
        """Entries named in the question, longest Chinese names first, each once."""
        text = normalize(question)
        lowered = text.lower()
        found: dict[str, GlossaryEntry] = {}
        for name, entry in self._zh:
            if name and name in text:
                found.setdefault(entry.term, entry)
        for pattern, entry in self._en:
            if pattern.search(lowered):
                found.setdefault(entry.term, entry)
        return list(found.values())

    def get(self, name: str) -> GlossaryEntry | None:
        """The entry a single name refers to (term, alias, Traditional or English)."""
        matches = self.find(name)
        return matches[0] if matches else None
