"""The uploaded filing, taken from the request into memory and nowhere else.

The size limit is enforced while the body streams in: the announced Content-Length is
refused up front when it is over, and a body that turns out longer is cut off at the
limit, so an oversized upload never sits in memory whole. A multipart form (the page's,
or ``curl -F``) is parsed here from those bytes, not by a form library that spools large
parts to a temporary file. The filing's bytes are handed on exactly as sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

RAW_TYPES = frozenset(
    {"application/xml", "text/xml", "application/xbrl+xml", "application/octet-stream"}
)
MULTIPART = "multipart/form-data"
_ENVELOPE = 64 * 1024  # room for a multipart form's boundaries and headers
FIELD = "file"


class UploadRefused(Exception):
    """Why an upload was not taken: ``kind`` is too_large, media_type or no_file."""

    def __init__(self, kind: str, **details: object) -> None:
        super().__init__(kind)
        self.kind = kind
        self.details = details


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_upload(request: Request, limit: int, default_name: str) -> Upload:
    """The filing in the request: the whole body, or the form's ``file`` part."""
    kind = media_type(request)
    if kind != MULTIPART and kind not in RAW_TYPES:
        raise UploadRefused("media_type", media_type=kind or "-")
    allowed = limit + (_ENVELOPE if kind == MULTIPART else 0)
    body = await read_body(request, allowed)
    if kind != MULTIPART:
        return Upload(body, request.query_params.get("name") or default_name)
    upload = _form_file(body, _boundary(request.headers.get("content-type", "")))
    if len(upload.data) > limit:
        raise UploadRefused("too_large", limit=limit)
    return Upload(upload.data, upload.filename or default_name)


async def read_body(request: Request, limit: int) -> bytes:
    announced = request.headers.get("content-length")
    if announced is not None and announced.isdigit() and int(announced) > limit:
        raise UploadRefused("too_large", limit=limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise UploadRefused("too_large", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _boundary(content_type: str) -> bytes:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "boundary" and value:
            return value.strip('"').encode("latin-1")
    raise UploadRefused("no_file")


def _form_file(body: bytes, boundary: bytes) -> Upload:
    """The first part named ``file``; RFC 7578 framing: parts between ``--boundary``
    lines, each its headers, a blank line, then the content up to CRLF--boundary."""
    delimiter = b"\r\n--" + boundary
    start = body.find(b"--" + boundary)
    if start < 0:
        raise UploadRefused("no_file")
    rest = b"\r\n" + body[start:]
    for part in rest.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        head, separator, content = part.partition(b"\r\n\r\n")
        if not separator:
            continue
        name, filename = _disposition(head)
        if name == FIELD:
            return Upload(content, filename)
    raise UploadRefused("no_file")


def _disposition(head: bytes) -> tuple[str | None, str]:
    """The form field's name and file name from a part's Content-Disposition header."""
    for line in head.decode("utf-8", "replace").split("\r\n"):
        key, _, value = line.partition(":")
        if key.strip().lower() != "content-disposition":
            continue
        params = {}
        for item in value.split(";")[1:]:
            k, _, v = item.strip().partition("=")
            params[k.lower()] = v.strip().strip('"')
        return params.get("name"), params.get("filename", "")
    return None, ""
