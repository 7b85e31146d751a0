"""Values as a reader expects them: Dutch or English numbers, amounts, dates and answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from compliance.findings import Localized, Measured
from compliance.model.filing import Reported

_WORDS = {
    "nl": {
        "missing": "niet gemeld",
        "nil": "leeg (nil)",
        True: "ja",
        False: "nee",
        "hours": "{} uur",
        "days": "{} dagen",
    },
    "en": {
        "missing": "not reported",
        "nil": "empty (nil)",
        True: "yes",
        False: "no",
        "hours": "{} hours",
        "days": "{} days",
    },
}


def format_value(value: object, lang: str) -> str:
    """Any placeholder value as text in ``lang`` ("nl" or "en")."""
    words = _WORDS[lang]
    if isinstance(value, Measured):
        return _format_measured(value, lang)
    if isinstance(value, Reported):
        return words["nil"] if value.value is None else format_value(value.value, lang)
    if value is None:
        return words["missing"]
    if isinstance(value, bool):
        return words[value]
    if isinstance(value, Localized):
        return value.in_language(lang)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, (Decimal, int, float)):
        return format_number(Decimal(str(value)), lang)
    return str(value)


def _format_measured(measured: Measured, lang: str) -> str:
    value, unit = measured.value, measured.unit
    if isinstance(value, Reported):
        if value.value is None:
            return _WORDS[lang]["nil"]
        value = value.value
    if value is None:
        return _WORDS[lang]["missing"]
    if unit in ("amount", "euro"):
        return format_amount(Decimal(str(value)), lang)
    if unit == "ratio":
        return format_percentage(Decimal(str(value)), lang)
    if unit in ("hours", "days"):
        return _WORDS[lang][unit].format(format_number(Decimal(str(value)), lang))
    return format_value(value, lang)


def format_date(day: date, lang: str) -> str:
    return day.strftime("%d-%m-%Y") if lang == "nl" else day.isoformat()


def format_number(number: Decimal, lang: str, places: int | None = None) -> str:
    """Thousands grouped, decimals as written (or fixed to ``places``)."""
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    text = f"{number:,}" if places is None else f"{number:,.{places}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_amount(number: Decimal, lang: str) -> str:
    text = format_number(number, lang, places=2)
    return f"€ {text}" if lang == "nl" else f"€{text}"


def format_percentage(ratio: Decimal, lang: str) -> str:
    """One decimal (31,1%), none when exact (25%); more only where one decimal would make a
    value just past a boundary look like the boundary itself (25,000025%, not 25,0%)."""
    percent = ratio * 100
    if percent == percent.to_integral_value():
        return f"{format_number(percent, lang, places=0)}%"
    places = 1
    rounded = percent.quantize(Decimal("0.1"))
    while places < 6 and rounded != percent and rounded == rounded.to_integral_value():
        places += 1
        rounded = percent.quantize(Decimal(1).scaleb(-places))
    return f"{format_number(rounded, lang, places=places)}%"
