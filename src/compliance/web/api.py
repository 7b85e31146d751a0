"""The HTTP API for vendors' software: `POST /api/v1/check` answers the JSON result of
`check --format json`; the rules are listed and explained; errors are JSON too."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from compliance.report.json_report import dumps
from compliance.resources import schemas_dir
from compliance.web.checking import CheckProblem, WebState, check_upload, status_of
from compliance.web.openapi import openapi_document
from compliance.web.rules_view import rule_detail, rule_summary
from compliance.web.words import LANGS


def _state(request: Request) -> WebState:
    return request.app.state.web


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or _state(request).options.lang
    return lang if lang in LANGS else _state(request).options.lang


def _json(value: object, status: int = 200, headers: dict | None = None) -> Response:
    """Same bytes as `check --format json` prints (UTF-8, two-space indent)."""
    body = (dumps(value) + "\n").encode("utf-8")
    return Response(body, status, headers=headers, media_type="application/json")


def error_response(status: int, code: str, message: str) -> Response:
    headers = {"retry-after": "5"} if status == 503 else None
    return _json({"error": {"status": status, "code": code, "message": message}}, status, headers)


async def check(request: Request) -> Response:
    try:
        answer = await check_upload(request, _state(request), _lang(request))
    except CheckProblem as problem:
        return error_response(problem.status, problem.code, problem.reason)
    return _json(answer["result"], status_of(answer))


async def rules(request: Request) -> Response:
    catalogue, lang = _state(request).catalogue, _lang(request)
    ordered = sorted(catalogue.rules.values(), key=lambda rule: rule.id)
    return _json({"rule_set": catalogue.version, "rules": [rule_summary(r, lang) for r in ordered]})


async def rule(request: Request) -> Response:
    state = _state(request)
    rule_id = request.path_params["rule_id"].upper()
    if rule_id not in state.catalogue.rules:
        return error_response(404, "no_such_rule", f"no rule {rule_id}")
    rule, lang = state.catalogue.rules[rule_id], _lang(request)
    return _json(
        rule_detail(state.catalogue, rule, lang, state.today, state.examples.of(rule, lang))
    )


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document(_state(request)))


async def result_schema(request: Request) -> Response:
    text = (schemas_dir() / "result.schema.json").read_text(encoding="utf-8")
    return Response(text, media_type="application/schema+json")


ROUTES = [
    Route("/api/v1/check", check, methods=["POST"]),
    Route("/api/v1/rules", rules, methods=["GET"]),
    Route("/api/v1/rules/{rule_id}", rule, methods=["GET"]),
    Route("/api/v1/openapi.json", openapi, methods=["GET"]),
    Route("/api/v1/result.schema.json", result_schema, methods=["GET"]),
]
