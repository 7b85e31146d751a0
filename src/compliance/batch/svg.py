"""Bar charts as inline SVG: drawn here, as text, so the report needs no script, no font
and no network to show them, and prints as it looks on screen.

No ``xmlns`` attribute: inline SVG in HTML does not need one, and the report must hold no
web address at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 720
LABEL_WIDTH = 230
VALUE_WIDTH = 110
ROW_HEIGHT = 22
BAR_HEIGHT = 14
_FITS = 44  # a segment this wide (px) has room for its percentage
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#999999")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # length, relative to the chart's largest value
    text: str  # the value as the reader should read it
    colour: str = PALETTE[0]


@dataclass(frozen=True)
class Segment:
    share: float  # of the whole bar, 0..1
    text: str  # shown in the tooltip and, when it fits, on the segment


def bar_chart(title: str, bars: list[Bar], maximum: float | None = None) -> str:
    """Horizontal bars, one per row, each with its label and value; with ``maximum`` (a
    share's 1.0) each bar lies on a grey track of that full length."""
    if not bars:
        return ""
    top = maximum if maximum is not None else max((bar.value for bar in bars), default=0)
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = []
    for index, bar in enumerate(bars):
        y = index * ROW_HEIGHT
        length = span * bar.value / top if top else 0
        rows.append(
            _label(bar.label, y)
            + (_track(y, span) if maximum is not None else "")
            + f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" height="{BAR_HEIGHT}"'
            f' fill="{bar.colour}"><title>{escape(bar.label)}: {escape(bar.text)}</title></rect>'
            + f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 15}">{escape(bar.text)}</text>'
        )
    return _svg(title, len(bars) * ROW_HEIGHT, "".join(rows))


def stacked_chart(title: str, rows: list[tuple[str, list[Segment]]], legend: list[str]) -> str:
    """One bar per row, split into coloured segments (shares of 1), with a legend."""
    if not rows:
        return ""
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [_legend(legend)]
    for index, (label, segments) in enumerate(rows):
        y = (index + 1) * ROW_HEIGHT
        parts.append(_label(label, y))
        x = float(LABEL_WIDTH)
        for number, segment in enumerate(segments):
            length = span * segment.share
            colour = PALETTE[number % len(PALETTE)]
            tip = f"{label} · {legend[number]}: {segment.text}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{length:.1f}" height="{BAR_HEIGHT}"'
                f' fill="{colour}"><title>{escape(tip)}</title></rect>'
            )
            if length >= _FITS:
                parts.append(
                    f'<text x="{x + length / 2:.1f}" y="{y + 15}" text-anchor="middle"'
                    f' fill="#ffffff">{escape(segment.text)}</text>'
                )
            x += length
    return _svg(title, (len(rows) + 1) * ROW_HEIGHT, "".join(parts))


def _track(y: int, span: int) -> str:
    """The whole length a bar could have (a share of 100%), so that 0% reads as empty."""
    return (
        f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{span}" height="{BAR_HEIGHT}"'
        ' fill="#eeeeee"></rect>'
    )


def _legend(names: list[str]) -> str:
    parts, x = [], LABEL_WIDTH
    for number, name in enumerate(names):
        colour = PALETTE[number % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="5" width="12" height="12" fill="{colour}"></rect>'
            f'<text x="{x + 16}" y="15">{escape(name)}</text>'
        )
        x += 28 + round(6.5 * len(name))
    return "".join(parts)


def _label(text: str, y: int) -> str:
    return f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{escape(text)}</text>'


def _svg(title: str, height: int, body: str) -> str:
    return (
        f'<svg role="img" aria-label="{escape(title)}" width="{WIDTH}" height="{height + 6}"'
        f' viewBox="0 0 {WIDTH} {height + 6}" font-size="12" font-family="sans-serif">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )
