"""The question-answering service, one package a stage, as data flows:

- ``analysis``: what a question asks (language, terms, periods, level, kind of figure; chat
  follow-ups resolved against earlier turns);
- ``ranking``: the passages that answer it (BM25 and dense channels fused, reranked);
- ``answering``: the clause that answers, its figures, the answer JSON with citations;
- ``verdict``: whether the answer can be trusted (checks and a calibrated model);
- ``engine``: the one typed interface the HTTP layer calls, over ``state`` (the index being
  served, swapped without a restart) and ``runtime`` (loading encoders and indexes);
- ``http``: the Flask app (JSON API, web page, OpenAI-compatible chat, operations).

``config`` holds every setting. The corpus and index library is the top-level ``index``.
"""

from __future__ import annotations


def create_app(*args, **kwargs):
    """The Flask app (service.http.create_app); imported here lazily so that the engine's
    modules load without the web framework."""
    from service.http import create_app as build

    return build(*args, **kwargs)
