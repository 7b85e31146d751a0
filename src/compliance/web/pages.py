"""The HTML pages, rendered by Jinja2 with autoescaping on: every text a filing brings in
(a school's name, a value, a file name) reaches the page as text, never as markup."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from compliance.report.formatting import amounts_kept_whole
from compliance.rules.catalogue import Catalogue, Rule
from compliance.web.examples import ExampleMessage
from compliance.web.rules_view import period_text, rule_detail, rule_summary
from compliance.web.words import LANGS, other_language, web_words
from compliance.words import say

_ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
# {{ text | whole_amounts(lang) }}: an amount's euro sign stays on the line of its number
_ENVIRONMENT.filters["whole_amounts"] = amounts_kept_whole


def page_lang(request: Request, default: str) -> str:
    lang = request.query_params.get("lang", default)
    return lang if lang in LANGS else default


def render(
    request: Request, template: str, lang: str, status: int = 200, **context
) -> HTMLResponse:
    other = other_language(lang)
    # After an upload (POST) the switch leads to the upload page: uploads are not kept.
    path = request.url.path if request.method == "GET" else "/"
    query = {**request.query_params, "lang": other}
    html = _ENVIRONMENT.get_template(template).render(
        lang=lang,
        other=other,
        w=web_words(lang),
        switch_url=f"{path}?{urlencode(query)}",
        **context,
    )
    return HTMLResponse(html, status_code=status)


def rule_page_context(
    catalogue: Catalogue, rule: Rule, lang: str, today: date, example: ExampleMessage | None
) -> dict:
    words = web_words(lang)
    detail = rule_detail(catalogue, rule, lang, today, example)
    years = [
        {
            "year": row["school_year"],
            "shown": [p["per_year"][i]["shown"] for p in detail["parameters"]],
        }
        for i, row in enumerate(detail["parameters"][0]["per_year"] if detail["parameters"] else [])
    ]
    severities = [
        say(f"severity.{s['severity']}", lang)
        + (f" ({words['since'].format(day=s['from'])})" if s["from"] else "")
        for s in detail["severities"]
    ]
    return {
        "page_title": f"{detail['id']} {detail['title']}",
        "rule": detail,
        "period": period_text(detail["period"], words, lang),
        "severities": severities,
        "years": years,
        "examples": [_example(example, words) for example in detail["examples"]],
    }


def _example(example: dict, words: dict) -> dict:
    fires = example["fires"]
    if fires is True or fires == 1:
        outcome = words["example_fires"]
    elif fires is False or fires == 0 or fires is None:
        outcome = words["example_quiet"]
    elif isinstance(fires, list):
        outcome = words["example_lines"].format(lines=", ".join(map(str, fires)))
    else:
        outcome = words["example_fires_n"].format(n=fires)
    where = [words["year"].format(year=example["school_year"])] if example["school_year"] else []
    if example["school_type"]:
        where.append(words["school_type"].format(type=example["school_type"]))
    facts = [(key, _shown(value, words)) for key, value in example["facts"].items()]
    facts += [(key, words["not_reported"]) for key in example["omit"]]
    for number, line in enumerate(example["lines"], start=1):
        facts += [(f"{key} [{number}]", _shown(value, words)) for key, value in line.items()]
    return {"name": example["name"], "outcome": outcome, "where": ", ".join(where), "facts": facts}


def _shown(value: object, words: dict) -> str:
    return (
        words["nil"]
        if value is None
        else str(value).lower()
        if isinstance(value, bool)
        else str(value)
    )


def rules_page_context(catalogue: Catalogue, lang: str) -> dict:
    rules = [
        rule_summary(rule, lang) for rule in sorted(catalogue.rules.values(), key=lambda r: r.id)
    ]
    for rule in rules:
        rule["severity_text"] = say(f"severity.{rule['severity']}", lang)
    return {"page_title": web_words(lang)["rules_title"], "rules": rules}
