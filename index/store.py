"""Loading a built index folder into memory, verified against its manifest.

The service holds one ``IndexBundle`` at a time and swaps the whole object on reload, so
a request always sees chunks, vectors and BM25 of the same build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from index.build import GLOSS_FOLDER, ROMANISED_FILE, current_folder
from index.chunking import Chunk
from index.clause_vectors import ClauseVectors
from index.figure_table import FigureRecord, read_table
from index.glossary import GlossaryEntry, load_glossary
from index.lexical import LexicalIndex
from index.manifest import IndexIntegrityError, read_manifest, verify
from index.romanised import RomanisedNames
from index.vector_store import VectorStore


@dataclass
class IndexBundle:
    """Everything one build produced, loaded and cross-checked."""

    folder: Path
    manifest: dict
    chunks: list[Chunk]
    glossary: list[GlossaryEntry]
    dense: dict[str, VectorStore]
    lexical: LexicalIndex
    romanised: RomanisedNames
    figures: list[FigureRecord]
    gloss: LexicalIndex  # BM25 over the passages' English glosses (index.gloss)
    clauses: dict[str, ClauseVectors]  # by encoder role, those whose clauses the build embedded

    @property
    def version(self) -> str:
        return self.folder.name

    @cached_property
    def figure_index(self) -> dict[str, FigureRecord]:
        """The figure table by record id (report:offset)."""
        return {r.id: r for r in self.figures}

    @cached_property
    def metrics(self) -> frozenset[str]:
        """What the reports' figures count (the figure table's metrics)."""
        return frozenset(r.metric for r in self.figures if r.metric)

    @cached_property
    def _text(self) -> str:
        return "\n".join(chunk.text for chunk in self.chunks)

    def uses(self, word: str) -> bool:
        """Do the reports write this Chinese word anywhere? A word of two characters or more
        counts wherever it stands (可再生 inside 可再生能源, which the search tokens split as
        可 再生 能源); a single character only as a search token of its own."""
        if len(word) >= 2:
            return word in self._text
        return word in self.lexical.vocabulary

    def encoder_name(self, role: str) -> str:
        return self.manifest["encoders"][role]["name"]


def _read_chunks(path: Path) -> list[Chunk]:
    with path.open(encoding="utf-8") as handle:
        return [Chunk(**json.loads(line)) for line in handle if line.strip()]


def _figures(folder: Path) -> list[FigureRecord]:
    try:
        return read_table(folder)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexIntegrityError(f"{folder.name}: its figure table cannot be read ({type(exc).__name__})") from exc


def load_bundle(folder: Path) -> IndexBundle:
    """Load and verify one index folder; raise IndexIntegrityError with the reason if unusable."""
    manifest = read_manifest(folder)
    verify(folder, manifest)
    chunks = _read_chunks(folder / "chunks.jsonl")
    dense = {role: VectorStore.load(folder / f"dense_{role}.faiss") for role in manifest["encoders"]}
    for role, store in dense.items():
        if len(store) != len(chunks):
            raise IndexIntegrityError(f"{folder.name}: dense_{role} has {len(store)} vectors for {len(chunks)} chunks")
        recorded = manifest["encoders"][role].get("dim")
        if recorded is not None and store.dim != recorded:
            raise IndexIntegrityError(
                f"{folder.name}: dense_{role} holds {store.dim}-dimensional vectors, its manifest says {recorded}"
            )
    clauses = {role: found for role in dense if (found := ClauseVectors.load(folder, role)) is not None}
    for role, vectors in clauses.items():
        if not vectors.consistent(len(chunks)):
            raise IndexIntegrityError(f"{folder.name}: clauses_{role} do not match its {len(chunks)} chunks")
    bundle = IndexBundle(
        folder,
        manifest,
        chunks,
        load_glossary(folder / "glossary.json"),
        dense,
        LexicalIndex.load(folder / "lexical"),
        RomanisedNames.load(folder / ROMANISED_FILE),
        _figures(folder),
        LexicalIndex.load(folder / GLOSS_FOLDER),
        clauses,
    )
    return bundle


def load_current(root: Path) -> IndexBundle:
    """The bundle ``CURRENT`` points at."""
    folder = current_folder(root)
    if folder is None:
        raise IndexIntegrityError(f"no index under {root}: run `make index` (or scripts/build_index.py)")
    return load_bundle(folder)
