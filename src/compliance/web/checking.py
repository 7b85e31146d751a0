"""One upload checked, for the page and the API alike: taken from the request, judged by
a pool worker, or refused with the reason and the HTTP status that fits it.

Statuses (documented in the OpenAPI description and docs/decisions.md): 200 checked;
422 not readable as a filing (the result JSON says why); 400 a form without a file;
413 over the size limit; 415 a media type that cannot hold a filing; 503 too many
requests waiting; 504 the check ran past its time limit; 500 the check itself failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from starlette.requests import Request

from compliance.read.taxonomy import Taxonomy
from compliance.report.formatting import format_number
from compliance.rules.catalogue import Catalogue
from compliance.web.examples import ExampleMessages
from compliance.web.options import ServeOptions
from compliance.web.pool import Busy, CheckFailed, CheckPool, CheckTimeout
from compliance.web.upload import UploadRefused, read_upload
from compliance.web.words import web_words

DEFAULT_NAME = "upload.xbrl"
REFUSED_STATUS = {"too_large": 413, "media_type": 415, "no_file": 400}
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class WebState:
    """What every request may use; the pool lives from start-up to shutdown."""

    options: ServeOptions
    catalogue: Catalogue
    taxonomy: Taxonomy
    pool: CheckPool
    today: date
    examples: ExampleMessages  # each rule's message filled in from a case, for its page


class CheckProblem(Exception):
    """A request that got no result: HTTP status, a code for programs, a reason for people."""

    def __init__(self, status: int, code: str, reason: str) -> None:
        super().__init__(reason)
        self.status, self.code, self.reason = status, code, reason


async def check_upload(request: Request, state: WebState, lang: str) -> dict:
    """The worker's answer for the filing in the request, or CheckProblem."""
    words = web_words(lang)
    limit = state.options.limits.max_bytes
    try:
        upload = await read_upload(request, limit, DEFAULT_NAME)
    except UploadRefused as refused:
        details = {"size": size_text(limit, lang), **refused.details}
        reason = words[refused.kind].format(**details)
        raise CheckProblem(REFUSED_STATUS[refused.kind], refused.kind, reason) from None
    try:
        return await state.pool.check(upload.data, file_name(upload.filename), lang)
    except Busy:
        raise CheckProblem(503, "busy", words["busy"]) from None
    except CheckTimeout:
        seconds = f"{state.options.timeout:g}"
        raise CheckProblem(504, "timeout", words["timeout"].format(seconds=seconds)) from None
    except CheckFailed:
        raise CheckProblem(500, "failed", words["failed"]) from None


def file_name(given: str) -> str:
    """The name the result uses: the upload's base name, without control characters."""
    base = given.replace("\\", "/").rsplit("/", 1)[-1]
    return _UNPRINTABLE.sub("", base)[:200] or DEFAULT_NAME


def size_text(size: int, lang: str) -> str:
    """A byte count as people read it: 20 MB, 0,5 MB."""
    megabytes = Decimal(size) / (1024 * 1024)
    return f"{format_number(megabytes.quantize(Decimal('0.1')).normalize(), lang)} MB"


def status_of(answer: dict) -> int:
    return 422 if answer["result"]["status"] == "unreadable" else 200
