"""Turning configuration into live objects: build settings, encoders, a retriever.

Scripts and the web app both go through here so that what is built and what is queried
always agree on model, encoders and chunking.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path

from index import cedict, english_lexicon
from index.build import BuildSettings, build_index
from index.embedder import CachedQueries, Embedder, load_embedder
from index.glossary import load_glossary
from index.manifest import IndexIntegrityError
from index.onnx_queries import export_path
from index.serving_encoder import META_FILE, ServingEncoder, serving_folder
from index.store import IndexBundle, load_bundle, load_current
from index.terminology import Terminology
from service.answering.respond import ask
from service.config import Config
from service.ranking.learned_rerank import load_trees
from service.ranking.retrieval import Retriever
from service.verdict.model import load_model

log = logging.getLogger(__name__)


def build_settings(config: Config) -> BuildSettings:
    return BuildSettings(
        model=config.model_id,
        dtype=config.model_dtype,
        second_encoder=config.second_encoder,
        max_chars=config.max_chars,
    )


def load_encoders(config: Config, serving: bool = False) -> dict[str, Embedder]:
    """The main encoder, plus the second one unless disabled. ``serving``: encoders for
    questions only, without torch when the set-up wrote a serving folder (a build needs the
    full ones: it embeds passages)."""
    main = (serving and serving_encoder(config)) or load_embedder(
        config.model, config.model_dtype, config.torch_threads, config.query_onnx_dir
    )
    main.name = config.model_id  # what an index records: a checkout moved elsewhere still reads its own
    encoders = {"main": main}
    if config.second_encoder:
        encoders["second"] = load_embedder(
            config.second_encoder, "float32", config.torch_threads, config.onnx_dir_for("float32")
        )
    if config.query_cache > 0:
        encoders = {role: CachedQueries(e, config.query_cache) for role, e in encoders.items()}
    return encoders


def serving_encoder(config: Config) -> Embedder | None:
    """The main model's torch-free question encoder (index/serving_encoder.py), if set up."""
    if config.query_onnx_dir is None or not Path(config.model).is_dir():
        return None
    folder = serving_folder(export_path(config.query_onnx_dir, config.model))
    if not (folder / META_FILE).is_file():
        log.warning("no serving encoder at %s (run `make model`): questions go through torch", folder)
        return None
    return ServingEncoder(folder, config.torch_threads)


def build(
    config: Config, encoders: dict[str, Embedder] | None = None, progress: bool = False, force: bool = False
) -> tuple[Path, bool]:
    """Build (or confirm up to date) the index the configuration describes."""
    # A build has the machine to itself: use every core, unlike a serving process.
    # Passages go through torch in batches, so no ONNX export is needed for a build.
    build_config = replace(config, torch_threads=os.cpu_count() or 1, query_cache=0, onnx_queries=False)
    return build_index(
        config.corpus_dir,
        config.index_dir,
        build_settings(config),
        encoders or (lambda: load_encoders(build_config)),
        progress,
        force,
    )


def load_terminology(config: Config) -> Terminology:
    """English terms from the corpus's TSV plus every glossary entry's English names. A
    corpus without a TSV of its own (a new report set) gets the one that ships with the
    service: general policy vocabulary, nothing written for that corpus's reports."""
    english = {
        name: [entry.term] for entry in load_glossary(config.corpus_dir / "glossary.json") for name in entry.english
    }
    tsv = config.corpus_dir / "terminology.tsv"
    return Terminology.load(tsv if tsv.exists() else Config().corpus_dir / "terminology.tsv", extra=english)


def check_compatible(bundle: IndexBundle, config: Config) -> None:
    """Refuse to query an index with encoders other than those that built it."""
    expected = {"main": config.model_id, **({"second": config.second_encoder} if config.second_encoder else {})}
    built = {role: info["name"] for role, info in bundle.manifest["encoders"].items()}
    if built != expected:
        raise IndexIntegrityError(
            f"index {bundle.version} was built with {built}, configuration asks for {expected}: rebuild it"
        )
    if bundle.manifest["settings"]["dtype"] != config.model_dtype:
        raise IndexIntegrityError(
            f"index {bundle.version} was built in {bundle.manifest['settings']['dtype']}, "
            f"configuration asks for {config.model_dtype}"
        )


def check_dimensions(bundle: IndexBundle, encoders: dict[str, Embedder]) -> None:
    """Refuse an index whose vectors are not the length the loaded encoders make, in words
    (FAISS would only fail an assertion at the first question)."""
    for role, store in bundle.dense.items():
        if role in encoders and store.dim != encoders[role].dim:
            raise IndexIntegrityError(
                f"index {bundle.version}: its {role} vectors have {store.dim} dimensions, the loaded {role} encoder "
                f"makes {encoders[role].dim}: rebuild the index with this model (make index)"
            )


def load_retriever(config: Config, encoders: dict[str, Embedder], folder: Path | None = None) -> Retriever:
    """Load an index (the current one unless ``folder`` is given), check it matches the
    encoders, and wrap it for queries."""
    bundle = load_bundle(folder) if folder else load_current(config.index_dir)
    check_compatible(bundle, config)
    cedict.preload(config.lexicon_cache)
    check_dimensions(bundle, encoders)
    retriever = Retriever(
        bundle,
        encoders,
        load_terminology(config),
        load_trees(config.reranker),
        load_model(config.verdict, encoders["main"].name),
    )
    warm_up(retriever)
    return retriever


# One question in each script the service reads: each wakes dictionaries of its own.
WARM_UP_QUESTIONS = ("2021年地区生产总值增长多少?", "2021年地區生產總值增長多少？", "How much did the economy grow?")


def warm_up(retriever: Retriever) -> None:
    """Pay the lazy first-use costs while the index loads, before /readyz says ready: jieba's
    dictionary, the USE encoder's first calls, OpenCC's tables, CC-CEDICT, the answer and the
    verdict, the vectors of the reports' words. Without it the first question after start-up took
    about a second. The dictionary's Chinese → English table (the English notes of an answer
    line) is read here too: 0.7 s, and about 60 MB, once a process; so are the names it spells in
    pinyin (an English question's places: 0.3 s)."""
    cedict.chinese_to_english()
    cedict.name_spellings()
    retriever.nearest.prepare()  # the reports' words' vectors, for English words no dictionary translates
    english_lexicon.common_sense_words()
    if retriever.bundle.chunks:
        for question in WARM_UP_QUESTIONS:
            ask(retriever, question, top_k=1)
