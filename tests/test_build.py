"""Index build: manifest, skip when unchanged, atomic switch, corruption and model checks."""

import shutil

import numpy as np
import pytest

from index.build import CURRENT, current_folder
from index.manifest import IndexIntegrityError, read_manifest, verify
from index.store import load_bundle
from service.runtime import build, check_compatible


def test_manifest_records_model_settings_and_checksums(built, config):
    manifest = read_manifest(built)
    assert manifest["encoders"]["main"] == {"name": config.model_id, "dim": 384}
    assert manifest["encoders"]["second"]["name"] == "use-multilingual-v3"
    assert manifest["settings"]["max_chars"] == 300 and manifest["chunks"] > 250
    assert set(manifest["files"]) >= {"chunks.jsonl", "dense_main.faiss", "dense_second.faiss", "glossary.json"}
    assert len(manifest["corpus_hash"]) == 64 and manifest["versions"]["faiss-cpu"]


def test_unchanged_corpus_and_model_skip_the_rebuild_without_loading_a_model(built, config):
    from index.build import build_index
    from service.runtime import build_settings

    def no_model():
        raise AssertionError("an up-to-date index must not load the encoders")

    folder, rebuilt = build_index(config.corpus_dir, config.index_dir, build_settings(config), no_model)
    assert (folder, rebuilt) == (built, False)


def test_a_failed_build_leaves_the_current_index_in_place(built, config, encoders, tmp_path):
    root = tmp_path / "index"
    shutil.copytree(built.parent, root)
    before = (root / CURRENT).read_text()

    class Exploding:
        name, dim = "boom", 3

        def encode_passages(self, texts, progress=False):
            raise RuntimeError("killed half-way")

        def encode_queries(self, texts):
            return np.full((len(texts), 3), 3**-0.5, dtype=np.float32)

    from dataclasses import replace

    with pytest.raises(RuntimeError):
        build(replace(config, index_dir=root, max_chars=200), {"main": Exploding(), "second": Exploding()})
    assert (root / CURRENT).read_text() == before
    assert load_bundle(current_folder(root)).version == built.name


def test_a_corrupted_artefact_is_detected_on_load(built, tmp_path):
    copy = tmp_path / built.name
    shutil.copytree(built, copy)
    with (copy / "dense_main.faiss").open("r+b") as handle:
        handle.truncate(1000)
    with pytest.raises(IndexIntegrityError, match="dense_main.faiss"):
        verify(copy, read_manifest(copy))


def test_an_index_built_by_another_model_is_refused(retriever, config):
    from dataclasses import replace

    with pytest.raises(IndexIntegrityError, match="built with"):
        check_compatible(retriever.bundle, replace(config, model="intfloat/some-other-model"))


def test_a_build_repairs_a_damaged_pointer(built, config, tmp_path):
    from index.build import build_index, current_folder
    from service.runtime import build_settings

    def no_model():
        raise AssertionError("the index is there: repairing the pointer must not embed anything")

    root = tmp_path / "index"
    shutil.copytree(built.parent, root, ignore=shutil.ignore_patterns(".*"))
    (root / CURRENT).write_bytes(b"\xff\xfe not a name")
    folder, rebuilt = build_index(config.corpus_dir, root, build_settings(config), no_model)
    assert (folder.name, rebuilt) == (built.name, False) and current_folder(root) == root / built.name
