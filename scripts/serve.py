"""Serve the app with gunicorn (threads in each worker; the model loads in each worker,
after the fork, because torch loaded before a fork can hang the workers)."""
from __future__ import annotations

import argparse
import logging

import _bootstrap  # noqa: F401
from gunicorn.app.base import BaseApplication

from service.config import Config


class Server(BaseApplication):
    """gunicorn configured from our Config instead of a config file."""

    def __init__(self, config: Config):
        self.qa_config = config
        super().__init__()

    def load_config(self) -> None:
        c = self.qa_config
        settings = {"bind": f"{c.host}:{c.port}", "workers": c.workers, "threads": c.threads, "worker_class": "gthread",
                    "timeout": 120, "graceful_timeout": 10, "keepalive": 5, "preload_app": False, "accesslog": None,
                    "limit_request_line": 8190}
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        from service import create_app

        logging.basicConfig(level=logging.INFO, format="%(message)s")
        return create_app(self.qa_config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, help="overrides PORT")
    parser.add_argument("--host", help="overrides HOST")
    args = parser.parse_args(argv)
    overrides = {k: v for k, v in {"port": args.port, "host": args.host}.items() if v}
    Server(Config.from_env(**overrides)).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
