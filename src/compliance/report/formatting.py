"""Values as a reader expects them: Dutch or English numbers, amounts, dates and answers."""

from __future__ import annotations

import re
from datetime import date
from decimal import Context, Decimal, localcontext
from fractions import Fraction
from functools import cache

from compliance.findings import Localized, Measured
from compliance.model.filing import Reported
from compliance.words import WORDS, say


def format_value(value: object, lang: str) -> str:
    """Any placeholder value as text in ``lang`` ("nl" or "en")."""
    if isinstance(value, Measured):
        return _format_measured(value, lang)
    if isinstance(value, Reported):
        return say("value.nil", lang) if value.value is None else format_value(value.value, lang)
    if value is None:
        return say("value.missing", lang)
    if isinstance(value, bool):
        return say("value.yes" if value else "value.no", lang)
    if isinstance(value, Localized):
        return value.in_language(lang)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, (Decimal, int, float, Fraction)):
        return format_number(_decimal(value), lang)
    return str(value)


def _format_measured(measured: Measured, lang: str) -> str:
    value, unit = measured.value, measured.unit
    if isinstance(value, Reported):
        if value.value is None:
            return say("value.nil", lang)
        value = value.value
    if value is None:
        return say("value.missing", lang)
    if unit in ("amount", "euro"):
        return format_amount(_decimal(value), lang)
    if unit == "ratio":
        return format_percentage(_decimal(value), lang)
    if unit in ("hours", "days"):
        return say(f"value.{unit}", lang, value=format_number(_decimal(value), lang))
    return format_value(value, lang)


_NUMBER = re.compile(r"[-+]?[0-9]+(\.([0-9]+))?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def format_cited(value: str, lang: str) -> str:
    """A fact's value as the filer wrote it, but with numbers and dates written the reader's
    way (40.000,00 beside a message's € 30.000,00, not 40000.00); decimals stay as written."""
    text = value.strip()
    number = _NUMBER.match(text)
    if number:
        places = len(number.group(2) or "")
        try:
            return format_number(Decimal(text), lang, places=places)
        except ArithmeticError:  # more digits than a Decimal context holds: leave as written
            return value
    if _DATE.match(text):
        try:
            return format_date(date.fromisoformat(text), lang)
        except ValueError:
            return value
    return value


_DISPLAY = Context(prec=50)


def _decimal(value: object) -> Decimal:
    """A value as a Decimal for display. Shares are exact fractions (``Fraction``); fifty
    digits are far more than any message shows, so rounding here never shows."""
    if isinstance(value, Fraction):
        return _DISPLAY.divide(Decimal(value.numerator), Decimal(value.denominator))
    return Decimal(str(value))


def _quantized(number: Decimal, exponent: Decimal) -> Decimal:
    """``number`` rounded to ``exponent``, however many digits that takes: under the default
    context (28 digits) quantize raises for a share of huge amounts (found by fuzzing)."""
    with localcontext() as context:
        context.prec = max(context.prec, number.adjusted() - exponent.adjusted() + 2)
        return number.quantize(exponent)


def format_date(day: date, lang: str) -> str:
    return day.strftime(WORDS[lang]["date.format"])


def format_number(number: Decimal, lang: str, places: int | None = None) -> str:
    """Thousands grouped, decimals as written (or fixed to ``places``)."""
    if places is not None:
        number = _quantized(number, Decimal(1).scaleb(-places))
    elif number == number.to_integral_value():
        number = _quantized(number, Decimal(1))
    else:
        number = number.normalize()
    text = f"{number:,}" if places is None else f"{number:,.{places}f}"
    words = WORDS[lang]
    return text.translate(
        str.maketrans({",": words["number.thousands"], ".": words["number.decimal"]})
    )


def format_amount(number: Decimal, lang: str) -> str:
    text = format_number(number, lang, places=2)
    return say("value.amount", lang, value=text)


def amounts_kept_whole(text: str, lang: str) -> str:
    """``text`` with the space inside each amount (Dutch "€ 1.234,56") made a no-break
    space, for pages: on a phone a message wraps, and a currency sign left at the end of
    one line with its number on the next reads as two things."""
    sign, whole = _amount_signs(lang)
    return text.replace(sign, whole) if whole != sign else text


@cache
def _amount_signs(lang: str) -> tuple[str, str]:
    """The currency part of ``value.amount`` ("€ "), and it with a no-break space: worked
    out once per language, as a batch worker asks for every finding's message."""
    sign = say("value.amount", lang, value="")
    return sign, sign.replace(" ", "\u00a0")


def format_percentage(ratio: Decimal, lang: str) -> str:
    """One decimal (31,1%), none when exact (25%); more only where one decimal would make a
    value just past a boundary look like the boundary itself (25,000025%, not 25,0%)."""
    percent = ratio * 100
    if percent == percent.to_integral_value():
        return f"{format_number(percent, lang, places=0)}%"
    places = 1
    rounded = _quantized(percent, Decimal("0.1"))
    while places < 6 and rounded != percent and rounded == rounded.to_integral_value():
        places += 1
        rounded = _quantized(percent, Decimal(1).scaleb(-places))
    return f"{format_number(rounded, lang, places=places)}%"
