"""Turning configuration into live objects: build settings, encoders, a retriever.

Scripts and the web app both go through here so that what is built and what is queried
always agree on model, encoders and chunking.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from index.build import BuildSettings, build_index
from index.embedder import CachedQueries, Embedder, load_embedder
from index.glossary import load_glossary
from index.manifest import IndexIntegrityError
from index.store import IndexBundle, load_bundle, load_current
from index.terminology import Terminology
from service.config import Config
from service.learned_rerank import load_trees
from service.respond import ask
from service.retrieval import Retriever
from service.verdict import load_model


def build_settings(config: Config) -> BuildSettings:
    return BuildSettings(model=config.model, dtype=config.model_dtype, second_encoder=config.second_encoder, max_chars=config.max_chars)


def load_encoders(config: Config) -> dict[str, Embedder]:
    """The main encoder, plus the second one unless disabled."""
    encoders = {"main": load_embedder(config.model, config.model_dtype, config.torch_threads, config.query_onnx_dir)}
    if config.second_encoder:
        encoders["second"] = load_embedder(config.second_encoder, "float32", config.torch_threads, config.onnx_dir_for("float32"))
    if config.query_cache > 0:
        encoders = {role: CachedQueries(e, config.query_cache) for role, e in encoders.items()}
    return encoders


def build(config: Config, encoders: dict[str, Embedder] | None = None, progress: bool = False, force: bool = False) -> tuple[Path, bool]:
    """Build (or confirm up to date) the index the configuration describes."""
    # A build has the machine to itself: use every core, unlike a serving process.
    # Passages go through torch in batches, so no ONNX export is needed for a build.
    build_config = replace(config, torch_threads=os.cpu_count() or 1, query_cache=0, onnx_queries=False)
    return build_index(config.corpus_dir, config.index_dir, build_settings(config), encoders or (lambda: load_encoders(build_config)), progress, force)


def load_terminology(config: Config) -> Terminology:
    """English terms from the corpus's TSV plus every glossary entry's English names. A
    corpus without a TSV of its own (a new report set) gets the one that ships with the
    service: general policy vocabulary, nothing written for that corpus's reports."""
    english = {name: [entry.term] for entry in load_glossary(config.corpus_dir / "glossary.json") for name in entry.english}
    tsv = config.corpus_dir / "terminology.tsv"
    return Terminology.load(tsv if tsv.exists() else Config().corpus_dir / "terminology.tsv", extra=english)


def check_compatible(bundle: IndexBundle, config: Config) -> None:
    """Refuse to query an index with encoders other than those that built it."""
    expected = {"main": config.model, **({"second": config.second_encoder} if config.second_encoder else {})}
    built = {role: info["name"] for role, info in bundle.manifest["encoders"].items()}
    if built != expected:
        raise IndexIntegrityError(f"index {bundle.version} was built with {built}, configuration asks for {expected}: rebuild it")
    if bundle.manifest["settings"]["dtype"] != config.model_dtype:
        raise IndexIntegrityError(f"index {bundle.version} was built in {bundle.manifest['settings']['dtype']}, configuration asks for {config.model_dtype}")


def load_retriever(config: Config, encoders: dict[str, Embedder], folder: Path | None = None) -> Retriever:
    """Load an index (the current one unless ``folder`` is given), check it matches the
    encoders, and wrap it for queries."""
    bundle = load_bundle(folder) if folder else load_current(config.index_dir)
    check_compatible(bundle, config)
    retriever = Retriever(bundle, encoders, load_terminology(config), load_trees(config.reranker), load_model(config.verdict))
    warm_up(retriever)
    return retriever


# One question in each script the service reads: each wakes dictionaries of its own.
WARM_UP_QUESTIONS = ("2021年地区生产总值增长多少?", "2021年地區生產總值增長多少？", "How much did the economy grow?")


def warm_up(retriever: Retriever) -> None:
    """Pay the lazy first-use costs while the index loads, before /readyz says ready: jieba's
    dictionary, the USE encoder's first calls, OpenCC's tables, CC-CEDICT, the answer and the
    verdict. Without it the first question after start-up took about a second."""
    if retriever.bundle.chunks:
        for question in WARM_UP_QUESTIONS:
            ask(retriever, question, top_k=1)
