"""The ASGI app behind `compliance serve`: pages, API and static files, the security
headers around all of them, and the worker pool started and stopped with the app."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from compliance.read import load_taxonomy
from compliance.rules.catalogue import load_catalogue
from compliance.web import api, routes
from compliance.web.checking import WebState
from compliance.web.examples import ExampleMessages
from compliance.web.headers import SecurityHeaders
from compliance.web.options import ServeOptions
from compliance.web.pages import page_lang
from compliance.web.pool import CheckPool

STATIC = Path(__file__).parent / "static"


def create_app(options: ServeOptions) -> Starlette:
    """The app; the catalogue is loaded here, so a bad --reference-dir fails at once."""
    catalogue = load_catalogue(options.rules_dir, options.reference_dir)
    catalogue = catalogue.with_selection(options.selection)  # the rule set the results name

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = CheckPool(options)
        examples = ExampleMessages(catalogue)
        app.state.web = WebState(options, catalogue, load_taxonomy(), pool, date.today(), examples)
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    return Starlette(
        routes=[*routes.ROUTES, *api.ROUTES, Mount("/static", StaticFiles(directory=STATIC))],
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )


async def _http_error(request: Request, error: HTTPException) -> Response:
    """404 and 405 as JSON under /api, as a page elsewhere."""
    if request.url.path.startswith("/api/"):
        return api.error_response(error.status_code, "not_found", str(error.detail))
    lang = page_lang(request, request.app.state.web.options.lang)
    return (
        routes.not_found(request, lang)
        if error.status_code == 404
        else Response(str(error.detail), error.status_code)
    )


def listen(host: str, port: int) -> socket.socket:
    """The socket the server will accept on, bound here rather than by uvicorn: uvicorn
    logs a bind failure among its INFO lines and exits 3, where a port in use is a usage
    error to be told in one line. Raises OSError (socket.gaierror for a name not known)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def run(options: ServeOptions, sock: socket.socket) -> None:
    """Serve on ``sock`` until interrupted. uvicorn's access log names method, path and
    status only: nothing of an upload's content is ever logged."""
    import uvicorn

    config = uvicorn.Config(
        create_app(options),
        host=options.host,
        port=options.port,
        log_level="info",
        server_header=False,
        limit_concurrency=options.queue + options.jobs * 4,
    )
    uvicorn.Server(config).run(sockets=[sock])
