"""The pages for school boards: upload, result, rules; all server-rendered, so that the
whole flow works without JavaScript (the script only adds drag and drop)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from compliance.web.checking import CheckProblem, WebState, check_upload, size_text, status_of
from compliance.web.pages import page_lang, render, rule_page_context, rules_page_context
from compliance.web.views import result_view
from compliance.web.words import web_words


def _state(request: Request) -> WebState:
    return request.app.state.web


async def upload_page(request: Request) -> Response:
    state = _state(request)
    lang = page_lang(request, state.options.lang)
    limit = web_words(lang)["limit"].format(size=size_text(state.options.limits.max_bytes, lang))
    return render(
        request, "upload.html", lang, page_title=web_words(lang)["nav_check"], limit=limit
    )


async def check_page(request: Request) -> Response:
    state = _state(request)
    lang = page_lang(request, state.options.lang)
    words = web_words(lang)
    try:
        answer = await check_upload(request, state, lang)
    except CheckProblem as problem:
        return render(
            request,
            "problem.html",
            lang,
            problem.status,
            page_title=words["refused_title"],
            title=words["refused_title"],
            reason=problem.reason,
            file=None,
            advice=None,
        )
    result = answer["result"]
    if result["status"] == "unreadable":
        return render(
            request,
            "problem.html",
            lang,
            status_of(answer),
            page_title=words["unreadable_title"],
            title=words["unreadable_title"],
            reason=result["error"],
            file=result["file"],
            advice=words["unreadable_do"],
        )
    view = result_view(answer, state.catalogue, state.taxonomy, lang)
    return render(request, "result.html", lang, page_title=words["result_title"], view=view)


async def rules_page(request: Request) -> Response:
    state = _state(request)
    lang = page_lang(request, state.options.lang)
    return render(request, "rules.html", lang, **rules_page_context(state.catalogue, lang))


async def rule_page(request: Request) -> Response:
    state = _state(request)
    lang = page_lang(request, state.options.lang)
    rule_id = request.path_params["rule_id"].upper()
    if rule_id not in state.catalogue.rules:
        return not_found(request, lang)
    rule = state.catalogue.rules[rule_id]
    example = state.examples.of(rule, lang)
    context = rule_page_context(state.catalogue, rule, lang, state.today, example)
    return render(request, "rule.html", lang, **context)


def not_found(request: Request, lang: str) -> Response:
    words = web_words(lang)
    return render(
        request,
        "problem.html",
        lang,
        404,
        page_title=words["not_found"],
        title=words["not_found"],
        reason=words["not_found"],
        file=None,
        advice=None,
    )


ROUTES = [
    Route("/", upload_page, methods=["GET"]),
    Route("/check", check_page, methods=["POST"]),
    Route("/rules", rules_page, methods=["GET"]),
    Route("/rules/{rule_id}", rule_page, methods=["GET"]),
]
