"""Serve the app with waitress: one process, a pool of worker threads, and an event loop in
front of them that reads each request whole before a thread sees it.

That front loop is why waitress: a client that opens a connection and goes quiet, or sends
half a request a byte at a time, costs a socket in the loop and no thread, so a few slow
clients cannot take every worker (with gunicorn's threads four such sockets stopped
``/livez``). The loop also refuses a request whose headers or body outgrow the limits
before the app reads it; the app answers its own, lower limits as problem+json.
"""

from __future__ import annotations

import argparse
import logging

import _bootstrap  # noqa: F401
import waitress
from waitress.utilities import Error

from service.config import Config

# The event loop's backstops; the app's own limits (Config.max_body_bytes, max_url_bytes) are
# lower, so a client sees the app's own answer (OpenAI's error shape under /v1) in all but
# absurd cases. A body over BODY_BYTES is never buffered; one under it is read whole, so the
# app refuses it after the client has sent it all (a refusal mid-send can reset the connection
# before the client reads the answer).
HEADER_BYTES = 64 * 1024
BODY_BYTES = 4 * 1024 * 1024
CONNECTIONS = 1000  # open sockets the loop holds at once; poll(), not select(), above 1024 fds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, help="overrides PORT")
    parser.add_argument("--host", help="overrides HOST")
    args = parser.parse_args(argv)
    overrides = {k: v for k, v in {"port": args.port, "host": args.host}.items() if v}
    config = Config.from_env(**overrides)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from service import create_app
    from service.http.errors import front_loop_problem

    Error.to_response = front_loop_problem  # the loop's error responses, before any app code runs

    waitress.serve(
        create_app(config),
        host=config.host,
        port=config.port,
        threads=config.threads,
        connection_limit=CONNECTIONS,
        asyncore_use_poll=True,
        channel_timeout=config.idle_seconds,
        cleanup_interval=max(1, config.idle_seconds // 2),
        max_request_header_size=HEADER_BYTES,
        max_request_body_size=max(BODY_BYTES, config.max_body_bytes),
        expose_tracebacks=False,
        ident="qa",
        clear_untrusted_proxy_headers=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
