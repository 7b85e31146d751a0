"""`compliance serve`: the self-check page for school boards and the HTTP API for their
vendors' software, on one ASGI app (Starlette on uvicorn).

Modules, one concern each: ``app`` (assembly and start-up), ``routes`` (the pages),
``api`` (the JSON API), ``checking`` (one upload from request to answer or refusal),
``upload`` (the body, streamed under the size limit, in memory), ``pool`` and ``worker``
(the check processes), ``views``/``rules_view``/``pages`` (what a page shows and its
rendering), ``headers`` (security headers), ``openapi``, ``words``, ``options``.
"""

from compliance.web.options import ServeOptions

__all__ = ["ServeOptions"]
