"""Build an index folder from the corpus and switch to it atomically.

Every build writes a fresh folder under a temporary name, renames it into place (named by
a key over corpus, model and settings) and only then rewrites the ``CURRENT`` pointer with
``os.replace``. A crash at any point leaves the previous index untouched, and an unchanged
corpus with unchanged settings finds its folder already there and skips the work.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

import numpy as np

from index import cedict, embedding_cache
from index.chunking import CHUNK_VERSION, DEFAULT_MAX_CHARS, Chunk, chunk_corpus
from index.clause_vectors import CLAUSE_ROLES, CLAUSE_VERSION, ClauseVectors, clause_units
from index.corpus import corpus_hash, load_reports
from index.embedder import USE_NAME, Embedder
from index.figure_table import FIGURE_TABLE_VERSION, build_table, write_table
from index.gloss import GLOSS_VERSION, passage_words
from index.lexical import LexicalIndex, tokenize
from index.manifest import IndexIntegrityError, read_manifest, verify, write_manifest
from index.romanised import RomanisedNames, romanise
from index.sense_choice import SenseChooser
from index.terminology import curated_english
from index.unit_text import TEMPLATE_VERSION, dense_text, lexical_text
from index.vector_store import EXACT_LIMIT, VectorStore
from index.word_for_word import english_gloss

CURRENT = "CURRENT"
ROMANISED_FILE = "romanised.json"
KEEP_VERSIONS = 3
GLOSS_FOLDER = "gloss"  # BM25 over the passages' English glosses (index.gloss)


@dataclass(frozen=True)
class BuildSettings:
    """Everything that changes the artefacts; its hash names the index folder."""

    model: str
    dtype: str = "float32"
    second_encoder: str = USE_NAME
    max_chars: int = DEFAULT_MAX_CHARS
    exact_limit: int = EXACT_LIMIT
    template: str = TEMPLATE_VERSION
    figures: str = FIGURE_TABLE_VERSION
    chunks: str = CHUNK_VERSION
    gloss: str = GLOSS_VERSION
    clauses: str = CLAUSE_VERSION

    def key(self, corpus_digest: str) -> str:
        blob = json.dumps({"corpus": corpus_digest, **asdict(self)}, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def corpus_examples(corpus_dir: Path) -> dict[str, list[str]]:
    """The corpus's questions to try on the page (examples.json: script → questions), if any."""
    path = corpus_dir / "examples.json"
    if not path.exists():
        return {}
    found = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(found, dict):
        return {}
    return {str(k): [str(q) for q in v] for k, v in found.items() if isinstance(v, list)}


@contextmanager
def _build_lock(root: Path):
    """One build at a time per index root; a second waits rather than corrupting the first."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".build.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


_VERSION_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,127}")


def current_folder(root: Path) -> Path | None:
    """The folder ``CURRENT`` points at, or None before the first build. A pointer that does
    not hold one plain folder name (damaged, not UTF-8, a path) raises IndexIntegrityError."""
    pointer = root / CURRENT
    if not pointer.exists():
        return None
    raw = pointer.read_bytes()[:256]
    try:
        name = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise IndexIntegrityError("the index pointer CURRENT is not text: rebuild the index (make index)") from None
    if not _VERSION_NAME.fullmatch(name):
        raise IndexIntegrityError(f"the index pointer CURRENT does not name a version folder ({name[:40]!r}): rebuild")
    return root / name


def _pointed_at(root: Path) -> Path | None:
    """The folder CURRENT names, for a build: a damaged pointer is no pointer (the build
    writes a good one), so that a rebuild can always repair it."""
    try:
        return current_folder(root)
    except IndexIntegrityError:
        return None


def _switch(root: Path, name: str) -> None:
    tmp = root / f".{CURRENT}.{os.getpid()}"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, root / CURRENT)


def _is_valid(folder: Path) -> bool:
    try:
        verify(folder, read_manifest(folder))
        return True
    except (IndexIntegrityError, OSError, ValueError):
        return False


def write_artefacts(
    folder: Path,
    chunks: list[Chunk],
    encoders: dict[str, Embedder],
    settings: BuildSettings,
    progress: bool,
    cache_root: Path | None = None,
    curated: Mapping[str, str] | None = None,
) -> None:
    """Chunks, the figure table, one FAISS file per encoder (and its clause vectors:
    index.clause_vectors), the BM25 indexes (Chinese tokens, English glosses), the names in
    pinyin: everything but the manifest (and the glossary, copied before). With ``cache_root``,
    passages an earlier build embedded are not embedded again (index.embedding_cache)."""
    with (folder / "chunks.jsonl").open("w", encoding="utf-8") as out:
        for chunk in chunks:
            out.write(json.dumps(chunk.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    write_table(folder, build_table(chunks, metric_gloss(encoders, curated)))
    texts = [dense_text(c) for c in chunks]
    headed, bare, offsets = clause_units(chunks)
    for role, encoder in encoders.items():
        clauses = role in CLAUSE_ROLES
        vectors = _embed(encoder, role, texts + headed + bare if clauses else texts, cache_root, progress)
        VectorStore.build(vectors[: len(texts)], settings.exact_limit).save(folder / f"dense_{role}.faiss")
        if clauses:
            middle = len(texts) + len(headed)
            ClauseVectors(
                VectorStore.build(vectors[len(texts) : middle], settings.exact_limit),
                VectorStore.build(vectors[middle:], settings.exact_limit),
                np.asarray(offsets, dtype=np.int64),
            ).save(folder, role)
    tokens = [tokenize(lexical_text(c)) for c in chunks]
    (folder / "lexical").mkdir()
    LexicalIndex.from_tokens(tokens).save(folder / "lexical")
    (folder / GLOSS_FOLDER).mkdir()
    LexicalIndex.from_tokens([passage_words(t) for t in tokens]).save(folder / GLOSS_FOLDER)
    RomanisedNames.from_texts(c.text for c in chunks).save(folder / ROMANISED_FILE)


def _embed(encoder: Embedder, role: str, texts: list[str], cache_root: Path | None, progress: bool) -> np.ndarray:
    """The encoder's passage vectors of the texts, through the build cache when there is one."""
    if cache_root is not None:
        return embedding_cache.vectors(cache_root, role, encoder, texts, progress)
    return encoder.encode_passages(texts, progress=progress) if texts else np.zeros((0, encoder.dim), np.float32)


def metric_gloss(encoders: dict[str, Embedder], curated: Mapping[str, str] | None) -> Callable[[str], str]:
    """How the figure table names a metric in English: the corpus's curated names, else the
    dictionary's words, each word's sense chosen by meaning with the second encoder (USE, trained
    to place translations together; without one, in the dictionary's order), names written as
    names (index.name_gloss)."""
    encoder = encoders.get("second")
    choose = SenseChooser(encoder.encode_queries) if encoder is not None else None
    return partial(english_gloss, curated=curated, choose=choose, romanise=romanise)


def _prune(root: Path, keep: Path | None) -> None:
    """Drop half-written folders of dead builds and all but the newest few versions
    (never the current one). Builds hold the lock, so no live build is removed."""
    for stale in root.glob(".building-*"):
        shutil.rmtree(stale, ignore_errors=True)
    versions = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.stat().st_mtime
    )
    for old in versions[:-KEEP_VERSIONS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def build_index(
    corpus_dir: Path,
    root: Path,
    settings: BuildSettings,
    encoders: dict[str, Embedder] | Callable[[], dict[str, Embedder]],
    progress: bool = False,
    force: bool = False,
) -> tuple[Path, bool]:
    """Make ``CURRENT`` point at an index of the corpus; returns (folder, whether it was built).

    ``encoders`` may be a function, called only when a build is needed, so that confirming
    an up-to-date index never pays for loading a model.
    """
    with _build_lock(root):
        digest = corpus_hash(corpus_dir)
        key = settings.key(f"{digest}|{cedict.source_key()}")  # the figure table's English and the glosses come from it
        ready = None if force else _existing(root, key)
        if ready is not None:
            _switch(root, ready.name)
            return ready, False
        _prune(root, keep=_pointed_at(root))
        folder = _fresh_name(root, key)
        tmp = root / f".building-{folder.name}-{os.getpid()}"
        tmp.mkdir()
        if (corpus_dir / "glossary.json").exists():  # a corpus whose reports have no glossary may have none
            shutil.copy2(corpus_dir / "glossary.json", tmp / "glossary.json")
        reports = load_reports(corpus_dir)
        chunks = chunk_corpus(reports, settings.max_chars)
        encoders = encoders() if callable(encoders) else encoders
        curated = curated_english(corpus_dir / "terminology.tsv")
        write_artefacts(tmp, chunks, encoders, settings, progress, cache_root=root, curated=curated)
        report_meta = [
            {
                "id": r.id,
                "title": r.title,
                "title_en": r.meta.get("title_en", ""),
                "date": r.date,
                "kind": r.kind,
                "source": r.source,
                **{key: r.meta[key] for key in ("level", "place", "body", "period") if key in r.meta},
            }
            for r in reports
        ]
        meta = {
            "corpus_hash": digest,
            "chunks": len(chunks),
            "settings": asdict(settings),
            "reports": report_meta,
            "examples": corpus_examples(corpus_dir),
            "encoders": {role: {"name": e.name, "dim": e.dim} for role, e in encoders.items()},
        }
        write_manifest(tmp, meta)
        os.rename(tmp, folder)
        _switch(root, folder.name)
        return folder, True


def _existing(root: Path, key: str) -> Path | None:
    """A complete, verified folder built from this corpus and these settings, if any
    (the current one first), so that an unchanged corpus is never rebuilt."""
    current = _pointed_at(root)
    candidates = sorted(root.glob(f"{key}*"), key=lambda p: (p != current, -p.stat().st_mtime))
    return next((p for p in candidates if p.is_dir() and _is_valid(p)), None)


def _fresh_name(root: Path, key: str) -> Path:
    """A folder name not in use: a rebuild never deletes the folder a server may be loading."""
    folder = root / key
    return folder if not folder.exists() else root / f"{key}-{time.time_ns()}"
