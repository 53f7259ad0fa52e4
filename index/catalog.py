"""The corpus's list of reports (``reports.json``): adding and removing one, atomically.

A report is its text, stored as UTF-8 under ``reports/`` (the text every offset refers to),
and its entry in ``reports.json``. Each file is written to a temporary name and moved into
place, the text before the entry that points at it, under a lock, so a crash or a second
writer leaves the corpus as it was or as it should be, never half-written. The glossary
(glossary.json) is extracted anew from the reports after each change. A report whose
text is already in the corpus, or whose id is taken, is refused and nothing is touched.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.corpus import load_reports
from index.extract_text import Refused
from index.glossary import extract_glossary, load_english, save_glossary

LIST = "reports.json"
FOLDER = "reports"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def entries(corpus_dir: Path) -> list[dict]:
    path = corpus_dir / LIST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def add(corpus_dir: Path, text: str, meta: dict, source: str) -> dict:
    """Store a report's text and its entry; the entry as written. Refused: a bad or taken id,
    or a text the corpus already holds (by content, whatever the file was called)."""
    report_id = meta["id"]
    if not _ID.fullmatch(report_id):
        raise Refused(f"id {report_id!r}: use letters, digits, '-', '_' or '.', up to 64 characters")
    with _locked(corpus_dir):
        listed = entries(corpus_dir)
        twin = next((e["id"] for e in listed if _digest(_text_of(corpus_dir, e)) == _digest(text)), None)
        if twin:
            raise Refused(f"{source}: the corpus already holds this text, as report {twin!r}")
        if any(e["id"] == report_id for e in listed):
            raise Refused(f"id {report_id!r} is taken: give another with --id, or --remove it first")
        entry = {**meta, "file": f"{FOLDER}/{report_id}.txt", "source": source}
        _write(corpus_dir / entry["file"], text)
        _write(corpus_dir / LIST, json.dumps([*listed, entry], ensure_ascii=False, indent=2) + "\n")
        refresh_glossary(corpus_dir)
    return entry


def remove(corpus_dir: Path, report_id: str) -> dict:
    """Take a report out: its entry first (atomically), then its text file."""
    with _locked(corpus_dir):
        listed = entries(corpus_dir)
        entry = next((e for e in listed if e["id"] == report_id), None)
        if entry is None:
            known = ", ".join(e["id"] for e in listed) or "none"
            raise Refused(f"no report with id {report_id!r} (the corpus has: {known})")
        kept = [e for e in listed if e is not entry]
        _write(corpus_dir / LIST, json.dumps(kept, ensure_ascii=False, indent=2) + "\n")
        (corpus_dir / entry["file"]).unlink(missing_ok=True)
        refresh_glossary(corpus_dir)
    return entry


def refresh_glossary(corpus_dir: Path) -> None:
    """The corpus's glossary.json from its reports' own glossaries (index.glossary), with the
    hand-written English names of glossary_en.json where there are any."""
    english = load_english(corpus_dir / "glossary_en.json")
    save_glossary(extract_glossary(load_reports(corpus_dir), english), corpus_dir / "glossary.json")


def _text_of(corpus_dir: Path, entry: dict) -> str:
    try:
        return (corpus_dir / entry["file"]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _digest(text: str) -> str:
    """The same text whatever its spacing and line ends."""
    return hashlib.sha256(re.sub(r"\s+", "", text).encode("utf-8")).hexdigest()


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


@contextmanager
def _locked(corpus_dir: Path) -> Iterator[None]:
    """One writer at a time (an advisory lock beside the list)."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    with open(corpus_dir / ".reports.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
