"""The service's live state: encoders loaded once, and the current retriever, swappable.

A reload builds a complete new Retriever from the folder ``CURRENT`` points at and then
replaces the reference in one assignment, so each request uses either the old or the new
index wholly, never a mix, and no request waits for the load.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from index.build import current_folder
from index.embedder import Embedder
from service.config import Config
from service.ranking.retrieval import Retriever
from service.runtime import load_encoders, load_retriever


@dataclass
class QAState:
    """Encoders, the current retriever, and why the service is not ready (if it is not)."""

    config: Config
    encoders: dict[str, Embedder] = field(default_factory=dict)
    retriever: Retriever | None = None
    error: str | None = None
    loaded_at: float = 0.0
    checked_at: float = 0.0
    failed: tuple[str, tuple] | None = None  # the version that failed to load, and its files then
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def start(cls, config: Config, encoders: dict[str, Embedder] | None = None) -> QAState:
        """Load encoders and the current index; a broken index leaves the state not ready."""
        state = cls(config, encoders or load_encoders(config, serving=True))
        state.reload()
        return state

    def reload(self) -> bool:
        """Load the index ``CURRENT`` names; on failure keep serving the previous one."""
        with self._lock:
            folder = None
            try:
                folder = current_folder(self.config.index_dir)
                if folder is None:
                    raise FileNotFoundError("no index built yet: run `make index`")
                retriever = load_retriever(self.config, self.encoders, folder)
            except Exception as exc:  # any failure to load is a readiness problem, not a crash
                self.error = public_reason(exc)
                self.failed = (folder.name, folder_signature(folder)) if folder else None
                return False
            self.retriever, self.error, self.failed, self.loaded_at = retriever, None, None, time.time()
            return True

    def watch(self) -> None:
        """Pick up a new build without a restart: at most every ``watch_seconds`` look at
        ``CURRENT`` and, if it moved, reload in the background while requests go on."""
        interval = self.config.watch_seconds
        now = time.monotonic()
        if interval <= 0 or now - self.checked_at < interval:
            return
        self.checked_at = now
        try:
            folder = current_folder(self.config.index_dir)
        except Exception as exc:  # noqa: BLE001 - an unreadable pointer is a readiness problem, never a 500
            self.error = f"cannot read the index pointer: {public_reason(exc)}"
            return
        if folder and not self._failed_as_is(folder) and self.is_stale(folder) and not self._lock.locked():
            threading.Thread(target=self._reload_if_stale, name="index-reload", daemon=True).start()

    def _failed_as_is(self, folder: Path) -> bool:
        """Whether ``folder`` already failed to load and no file of it changed since: a version
        repaired in place (a file replaced, one added) is tried again."""
        return self.failed is not None and self.failed == (folder.name, folder_signature(folder))

    def _reload_if_stale(self) -> None:
        """Background reload that gives way when another reload already runs or has won."""
        if not self._lock.acquire(blocking=False):
            return
        self._lock.release()
        if self.is_stale():
            self.reload()

    def is_stale(self, folder: Path | None = None) -> bool:
        """Whether ``CURRENT`` names another folder than the one being served (or any folder,
        when none is served yet: a server started before its first good build recovers)."""
        try:
            folder = folder or current_folder(self.config.index_dir)
        except Exception:  # noqa: BLE001 - a damaged pointer: nothing to load, the watch says why
            return False
        if folder is None:
            return False
        return self.retriever is None or folder.name != self.retriever.bundle.version

    def readiness(self) -> tuple[bool, dict]:
        """Ready only when an index is loaded, verified, and built by the loaded encoders."""
        retriever = self.retriever
        if retriever is None:
            return False, {"ready": False, "reason": self.error or "index not loaded"}
        info = {
            "ready": True,
            "index": retriever.bundle.version,
            "chunks": len(retriever.bundle.chunks),
            "encoders": {role: e.name for role, e in self.encoders.items()},
            "loaded_at": self.loaded_at,
        }
        if self.error:
            info["last_reload_error"] = self.error
        return True, info


def folder_signature(folder: Path) -> tuple:
    """Name, size and modification time of each file of a version folder (empty if unreadable)."""
    try:
        return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()))
    except OSError:
        return ()


_NATIVE_PREAMBLE = re.compile(r"Error in \S.*? at \S+:\d+: (?:Error: )?")
_ABSOLUTE_PATH = re.compile(r"(?<![\w.~])/(?:[^\s/:'\"]+/)*([^\s/:'\"]+)")


def public_reason(exc: Exception) -> str:
    """Why a load failed, as a client may read it: the exception's kind and message, without
    the machine's file paths (a file keeps its name) or a native library's source location."""
    message = _NATIVE_PREAMBLE.sub("", str(exc))
    return f"{type(exc).__name__}: {_ABSOLUTE_PATH.sub(lambda m: m.group(1), message)}"
