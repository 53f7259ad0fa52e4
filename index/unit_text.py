"""The text each index sees for a chunk — not the text shown to users.

A sentence alone loses its context ("同比增长12%" of what, when?), so the report title
and the section path are put in front of it for both the encoder and BM25.
"""

from __future__ import annotations

from index.chunking import Chunk

TEMPLATE_VERSION = "title-section-sentence-v1"


def context_header(chunk: Chunk) -> str:
    return f"{chunk.title} {chunk.section}".strip()


def dense_text(chunk: Chunk) -> str:
    """What the dense encoders embed for this chunk."""
    return f"{context_header(chunk)}:{chunk.sentence}"


def clause_text(chunk: Chunk, clause: str) -> str:
    """What the dense encoders embed for one clause of the chunk's sentence (index.clause_vectors):
    the clause under the same header as its sentence."""
    return f"{context_header(chunk)}:{clause}"


def lexical_text(chunk: Chunk) -> str:
    """What BM25 indexes for this chunk."""
    return f"{context_header(chunk)} {chunk.sentence}"
