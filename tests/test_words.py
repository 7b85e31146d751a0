"""The one table of the product's words: complete in both languages, plurals and numbers
written as a Dutch or English reader expects."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from compliance.words import LANGUAGES, WORDS, count, placeholders, say

SOURCE = Path(__file__).resolve().parent.parent / "src" / "compliance"


def test_every_key_is_worded_in_both_languages_with_the_same_placeholders():
    assert set(WORDS["nl"]) == set(WORDS["en"])
    for key in WORDS["nl"]:
        assert placeholders(WORDS["nl"][key]) == placeholders(WORDS["en"][key]), key
        for lang in LANGUAGES:
            assert WORDS[lang][key].strip(), (lang, key)


@pytest.mark.parametrize(
    ("n", "noun", "lang", "expected"),
    [
        (1, "finding", "nl", "1 bevinding"),
        (22, "finding", "nl", "22 bevindingen"),
        (0, "finding", "nl", "0 bevindingen"),
        (1, "filing", "nl", "1 aanlevering"),
        (2, "filing", "nl", "2 aanleveringen"),
        (12345, "filing", "nl", "12.345 aanleveringen"),
        (12345, "filing", "en", "12,345 filings"),
        (1, "violation", "en", "1 violation"),
        (3, "warning", "nl", "3 waarschuwingen"),
    ],
)
def test_counts_take_the_right_form_of_the_noun(n, noun, lang, expected):
    assert count(n, noun, lang) == expected


def test_numbers_in_messages_are_grouped_the_readers_way():
    assert "52.428.800" in say("read.too_large", "nl", size=60000000, limit=52428800)
    assert "52,428,800" in say("read.too_large", "en", size=60000000, limit=52428800)


def test_regel_means_a_rule_and_never_a_line_of_the_file():
    """A line of the XML is a "bronregel", a plan line an "interventieregel"; a bare
    "regel" is always a rule."""
    for key, text in WORDS["nl"].items():
        english = WORDS["en"][key].lower()
        words = text.lower().replace(",", " ").replace(":", " ").split()
        if "regel" in words or "regels" in words:
            assert "rule" in english, key
        if "line" in english.split() and "intervention" not in english:
            assert "bronregel" in text, key


def test_no_language_choice_is_left_in_the_code():
    """Every choice of words is a look-up in the table, not `lang == "nl"` in a module."""
    offenders = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(part, ast.Constant) and part.value in LANGUAGES
                for part in [node.left, *node.comparators]
            ):
                offenders.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize(
    ("compliant", "errors", "expected"),
    [
        (1, 1, "1 voldoet, 0 met bevindingen, 0 niet leesbaar, 1 fout"),
        (2, 0, "2 voldoen, 0 met bevindingen, 0 niet leesbaar, 0 fouten"),
    ],
)
def test_the_batch_closing_line_agrees_with_its_counts(compliant, errors, expected):
    line = say(
        "batch.counts",
        "nl",
        filings="3 aanleveringen",
        compliant=compliant,
        findings=0,
        unreadable=0,
        error=errors,
    )
    assert line == f"3 aanleveringen: {expected}"
