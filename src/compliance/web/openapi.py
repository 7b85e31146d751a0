"""The OpenAPI description the server serves at /api/v1/openapi.json, so that a vendor's
tooling can generate a client. The result's shape is the project's JSON Schema itself,
referenced rather than copied, so the two cannot drift apart."""

from __future__ import annotations

from compliance import __version__

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {
                    "enum": [
                        "too_large",
                        "media_type",
                        "no_file",
                        "busy",
                        "timeout",
                        "failed",
                        "no_such_rule",
                    ]
                },
                "message": {"type": "string", "description": "one line, in the language asked"},
            },
        }
    },
}
_RESULT = {"$ref": "/api/v1/result.schema.json"}
_LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "schema": {"enum": ["nl", "en"]},
    "description": "language of messages (default: the server's --lang)",
}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ERROR}}}


def openapi_document(state) -> dict:
    limit = state.options.limits.max_bytes
    filing = {"type": "string", "format": "binary", "maxLength": limit}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Bestedingsplannen compliance API",
            "version": __version__,
            "description": "Checks a school board's spending-plan filing (XBRL instance) against "
            "the rules; the answer is the JSON result of `compliance check --format json`. "
            "Uploads are judged in memory and never stored.",
        },
        "paths": {
            "/api/v1/check": {
                "post": {
                    "summary": "Check one filing",
                    "parameters": [
                        _LANG,
                        {
                            "name": "name",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": "file name the result names (raw body only)",
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/xml": {"schema": filing},
                            "application/xbrl+xml": {"schema": filing},
                            "text/xml": {"schema": filing},
                            "application/octet-stream": {"schema": filing},
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["file"],
                                    "properties": {"file": filing},
                                }
                            },
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "checked: compliant or with findings",
                            "content": {"application/json": {"schema": _RESULT}},
                        },
                        "422": {
                            "description": "not readable as a filing (not XML, not XBRL, "
                            "refused as unsafe); status unreadable and the reason in error",
                            "content": {"application/json": {"schema": _RESULT}},
                        },
                        "400": _error("a multipart form without a part named file"),
                        "413": _error(f"larger than the limit ({limit} bytes)"),
                        "415": _error(
                            "a media type other than the XML types, "
                            "application/octet-stream or multipart/form-data"
                        ),
                        "500": _error("the check itself failed; the server goes on"),
                        "503": _error("too many requests waiting; retry after Retry-After seconds"),
                        "504": _error("the check ran past the server's time limit and was stopped"),
                    },
                }
            },
            "/api/v1/rules": {
                "get": {
                    "summary": "Every rule: id, title, severity, scheme",
                    "parameters": [_LANG],
                    "responses": {"200": {"description": "the rule list"}},
                }
            },
            "/api/v1/rules/{rule_id}": {
                "get": {
                    "summary": "One rule: what it checks, thresholds per school year and the "
                    "reference lists it reads (the menukaart's interventions), each with its "
                    "provenance, source, documented cases",
                    "parameters": [
                        {
                            "name": "rule_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[A-Za-z]{3}-[0-9]{3}$"},
                        },
                        _LANG,
                    ],
                    "responses": {
                        "200": {"description": "the rule"},
                        "404": _error("no such rule"),
                    },
                }
            },
        },
    }
