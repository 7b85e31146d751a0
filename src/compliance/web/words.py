"""The web pages' words: a view of the product's one word table (compliance/words.py),
the ``web.*`` keys without their prefix, for the templates to use as ``w.key``."""

from __future__ import annotations

from functools import cache

from compliance.words import LANGUAGES, WORDS

LANGS = LANGUAGES
_PREFIX = "web."


@cache
def web_words(lang: str) -> dict[str, str]:
    return {
        key[len(_PREFIX) :]: text for key, text in WORDS[lang].items() if key.startswith(_PREFIX)
    }


def other_language(lang: str) -> str:
    """The language the switch offers: the one that is not ``lang``."""
    return next(other for other in LANGUAGES if other != lang)
