"""All configuration in one place: code defaults, overridden by environment variables.

Relative paths are taken from the repository root, so scripts and the server agree on
where the corpus, the model and the index live whatever the working directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _path(value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else ROOT / path


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _list(name: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in os.environ.get(name, "").split(",") if v.strip())


@dataclass(frozen=True)
class Config:
    """Settings of the index build and the service (environment name in each comment)."""

    corpus_dir: Path = ROOT / "corpus"  # QA_CORPUS_DIR
    index_dir: Path = ROOT / "var" / "index"  # QA_INDEX_DIR
    model: str = str(ROOT / "models" / "multilingual-e5-small")  # QA_MODEL: name or path
    model_dtype: str = "float32"  # QA_MODEL_DTYPE: float32 | bfloat16 (only faster with AVX512-BF16)
    torch_threads: int = 1  # QA_TORCH_THREADS: intra-op threads; 1 avoids oversubscription under load
    second_encoder: str = "use-multilingual-v3"  # QA_SECOND_ENCODER: '' disables
    onnx_queries: bool = True  # QA_ONNX_QUERIES: 0 embeds questions with torch / numpy instead of ONNX Runtime
    onnx_dir: Path = ROOT / "models" / "onnx"  # QA_ONNX_DIR: exported query encoders
    max_chars: int = 300  # QA_MAX_CHARS: longest passage shown
    # QA_RERANKER: the learned reranker's trees (scripts/train_reranker.py); '' uses the
    # hand-weighted one
    reranker: Path | None = ROOT / "service" / "ranking" / "reranker.json"
    # QA_VERDICT: the verdict model (scripts/train_verdict.py); '' answers every question outright
    verdict: Path | None = ROOT / "service" / "verdict" / "verdict.json"
    host: str = "127.0.0.1"  # HOST
    port: int = 8000  # PORT
    # QA_THREADS: the server's worker threads (waitress, one process). 4 on 2 cores: while requests wait for their e5
    # embedding (on the channel pool), others do their BM25, USE and extraction, so both cores
    # stay busy (4 uncached clients: 192% CPU against 183% with 2 threads, p95 ~4% lower).
    threads: int = 4
    idle_seconds: int = 30  # QA_IDLE_SECONDS: a connection silent this long is closed
    query_cache: int = 4096  # QA_QUERY_CACHE: query vectors remembered per encoder (0: none)
    # QA_LEXICON_CACHE: the CC-CEDICT English -> Chinese table as JSON (read in 70 ms, parsed in 1 s)
    lexicon_cache: Path = ROOT / "models" / "cedict-english.json"
    max_question_chars: int = 2000  # QA_MAX_QUESTION_CHARS
    max_top_k: int = 50  # QA_MAX_TOP_K
    max_body_bytes: int = 64 * 1024  # QA_MAX_BODY_BYTES
    # QA_MAX_URL_BYTES: the longest request target (path and query); the page sends its question
    # in the query string, 9 bytes a Chinese character once percent-encoded
    max_url_bytes: int = 32 * 1024
    cors_origins: tuple[str, ...] = field(default=())  # QA_CORS_ORIGINS: comma-separated
    admin_token: str = ""  # QA_ADMIN_TOKEN: enables POST /admin/reload
    watch_seconds: float = 2.0  # QA_WATCH_SECONDS: how often to look for a new build (0: never)

    @property
    def model_id(self) -> str:
        """The main model as an index records it: relative to the checkout when it lives there
        (models/multilingual-e5-small), so that a moved checkout still reads its own index."""
        path = Path(self.model)
        if path.is_absolute() and path.is_relative_to(ROOT):
            return str(path.relative_to(ROOT))
        return self.model

    @property
    def query_onnx_dir(self) -> Path | None:
        """Where the main encoder's ONNX export lives (see ``onnx_dir_for``)."""
        return self.onnx_dir_for(self.model_dtype)

    def onnx_dir_for(self, dtype: str) -> Path | None:
        """Where an encoder of ``dtype`` embeds questions through ONNX, or None when they go
        through torch / numpy (turned off, or a dtype other than float32, which no export keeps)."""
        return self.onnx_dir if self.onnx_queries and dtype == "float32" else None

    @classmethod
    def from_env(cls, **overrides) -> Config:
        env = os.environ
        base = cls(
            corpus_dir=_path(env.get("QA_CORPUS_DIR", "corpus")),
            index_dir=_path(env.get("QA_INDEX_DIR", "var/index")),
            model=_model(env.get("QA_MODEL", "")),
            model_dtype=env.get("QA_MODEL_DTYPE", cls.model_dtype),
            second_encoder=env.get("QA_SECOND_ENCODER", cls.second_encoder),
            torch_threads=_int("QA_TORCH_THREADS", cls.torch_threads),
            onnx_queries=env.get("QA_ONNX_QUERIES", "1").strip().lower() not in ("0", "false", "no", "off"),
            onnx_dir=_path(env.get("QA_ONNX_DIR", "models/onnx")),
            max_chars=_int("QA_MAX_CHARS", cls.max_chars),
            reranker=_optional_path(env.get("QA_RERANKER"), cls.reranker),
            verdict=_optional_path(env.get("QA_VERDICT"), cls.verdict),
            host=env.get("HOST", cls.host),
            port=_int("PORT", cls.port),
            threads=_int("QA_THREADS", cls.threads),
            idle_seconds=_int("QA_IDLE_SECONDS", cls.idle_seconds),
            query_cache=_int("QA_QUERY_CACHE", cls.query_cache),
            lexicon_cache=_path(env.get("QA_LEXICON_CACHE", "models/cedict-english.json")),
            max_question_chars=_int("QA_MAX_QUESTION_CHARS", cls.max_question_chars),
            max_top_k=_int("QA_MAX_TOP_K", cls.max_top_k),
            max_body_bytes=_int("QA_MAX_BODY_BYTES", cls.max_body_bytes),
            max_url_bytes=_int("QA_MAX_URL_BYTES", cls.max_url_bytes),
            cors_origins=_list("QA_CORS_ORIGINS"),
            admin_token=env.get("QA_ADMIN_TOKEN", ""),
            watch_seconds=float(env.get("QA_WATCH_SECONDS", cls.watch_seconds)),
        )
        known = {f.name for f in fields(cls)}
        return replace(base, **{k: v for k, v in overrides.items() if k in known})


def _optional_path(value: str | None, default: Path | None) -> Path | None:
    """Unset keeps the default; set but empty turns the thing off."""
    if value is None:
        return default
    return _path(value.strip()) if value.strip() else None


def _model(value: str) -> str:
    """A local folder is resolved from the repo root; anything else is a hub name."""
    if not value:
        return str(ROOT / "models" / "multilingual-e5-small")
    return str(_path(value)) if (value.startswith((".", "/")) or _path(value).exists()) else value
