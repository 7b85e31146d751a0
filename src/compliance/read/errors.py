"""The one way a filing can fail to be read."""

from __future__ import annotations

# kind → (Dutch, English) wording; {placeholders} come from the error's details.
REASONS: dict[str, tuple[str, str]] = {
    "empty": ("leeg bestand", "empty file"),
    "cannot_read": ("kan het bestand niet lezen: {detail}", "cannot read the file: {detail}"),
    "not_regular": (
        "geen gewoon bestand (maar een pipe, apparaat of iets dergelijks)",
        "not a regular file (a pipe, a device or the like)",
    ),
    "too_large": (
        "te groot: {size} bytes, de grens is {limit} (--max-bytes)",
        "too large: {size} bytes, the limit is {limit} (--max-bytes)",
    ),
    "not_xml": ("geen geldige XML: {detail}", "not well-formed XML: {detail}"),
    "unsafe_doctype": (
        "geweigerd als onveilig: een documenttypedeclaratie (DOCTYPE of ENTITY) is niet "
        "toegestaan in een aanlevering",
        "refused as unsafe: a document type declaration (DOCTYPE or ENTITY) is not allowed "
        "in a filing",
    ),
    "unsafe_encoding": (
        "geweigerd als onveilig: de opgegeven tekenset {encoding} kan opmaak verbergen; "
        "gebruik UTF-8 of UTF-16",
        "refused as unsafe: the declared encoding {encoding} can hide markup; use UTF-8 or UTF-16",
    ),
    "unsafe_xinclude": (
        "geweigerd als onveilig: XInclude is niet toegestaan",
        "refused as unsafe: XInclude is not allowed",
    ),
    "too_deep": (
        "geweigerd als onveilig: elementen dieper genest dan {limit} niveaus",
        "refused as unsafe: elements nested deeper than {limit} levels",
    ),
    "not_xbrl": (
        "geen XBRL-instance: het hoofdelement is {root}, verwacht xbrl in "
        "http://www.xbrl.org/2003/instance",
        "not an XBRL instance: the root element is {root}, expected xbrl in "
        "http://www.xbrl.org/2003/instance",
    ),
}


class UnreadableFiling(Exception):
    """A filing that cannot be judged at all: not XML, not an XBRL instance, unsafe, too large.

    ``describe`` gives one line for the person who sent the file, in Dutch or English; the
    caller adds the file name, so a batch can report it next to every other result.
    """

    def __init__(self, kind: str, line: int | None = None, **details: object) -> None:
        self.kind = kind
        self.line = line
        self.details = {key: " ".join(str(value).split()) for key, value in details.items()}
        super().__init__(self.describe("en"))

    def describe(self, lang: str = "en") -> str:
        nl, en = REASONS[self.kind]
        reason = (nl if lang == "nl" else en).format(**self.details)
        if self.line:
            return f"{'regel' if lang == 'nl' else 'line'} {self.line}: {reason}"
        return reason
