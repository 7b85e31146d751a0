"""Bar charts as inline SVG: drawn here, as text, so the report needs no script, no font
and no network to show them, and prints as it looks on screen.

No ``xmlns`` attribute: inline SVG in HTML does not need one, and the report must hold no
web address at all.
"""

from __future__ import annotations

from collections.abc import Callable
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
    """The chart scales down with the page (CSS), so it fits a narrow window."""
    return (
        f'<svg role="img" aria-label="{escape(title)}" width="{WIDTH}" height="{height + 6}"'
        f' viewBox="0 0 {WIDTH} {height + 6}" font-size="12" font-family="sans-serif"'
        ' preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


@dataclass(frozen=True)
class Series:
    """One line of a trend chart: a value (0..1) or None per x position; ``published``
    series are drawn as hollow squares on a dashed line, the batch's own as dots."""

    name: str
    values: tuple[float | None, ...]
    texts: tuple[str, ...]  # each value as the reader should read it
    colour: str
    published: bool = False


TREND_HEIGHT = 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 12, 44


def share_scale(values: list[float]) -> tuple[float, float, float]:
    """(low, high, step) of a share axis that shows the differences: from a round value
    just below the smallest share to 100%, in steps of 1, 2, 5, 10 or 20 points. All
    shares between 93% and 100% get an axis from 92% to 100%, not from 0."""
    low = min(values, default=0.0)
    for step in (0.01, 0.02, 0.05, 0.1, 0.2):
        bottom = max(0.0, (int(low / step + 1e-9) - (1 if low % step < 1e-9 else 0)) * step)
        bottom = max(0.0, min(bottom, low - step / 2 if low - step / 2 > 0 else 0.0))
        bottom = round(int(bottom / step + 1e-9) * step, 4)
        if (1.0 - bottom) / step <= 8:
            return bottom, 1.0, step
    return 0.0, 1.0, 0.2


def trend_chart(
    title: str,
    positions: list[str],
    series: list[Series],
    axis: tuple[str, str],
    percent: Callable[[float], str],
) -> str:
    """Lines over school years (``positions``) on a share axis from ``share_scale``;
    ``axis`` is (x label, y label); ``percent`` writes a tick's share."""
    values = [v for line in series for v in line.values if v is not None]
    if not values or not positions:
        return ""
    low, high, step = share_scale(values)
    span_x = WIDTH - _LEFT - _RIGHT
    span_y = TREND_HEIGHT - _TOP - _BOTTOM

    def x_of(index: int) -> float:
        return _LEFT + (span_x * (index + 0.5) / len(positions))

    def y_of(value: float) -> float:
        return _TOP + span_y * (1 - (value - low) / (high - low))

    parts = [_grid(low, high, step, y_of, percent, span_x)]
    for index, label in enumerate(positions):
        parts.append(
            f'<text x="{x_of(index):.1f}" y="{TREND_HEIGHT - _BOTTOM + 16}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append(
        f'<text x="{_LEFT + span_x / 2:.1f}" y="{TREND_HEIGHT - 6}" text-anchor="middle" '
        f'font-weight="bold">{escape(axis[0])}</text>'
        f'<text transform="translate(14 {_TOP + span_y / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle" font-weight="bold">{escape(axis[1])}</text>'
    )
    for line in series:
        parts.append(_line(line, x_of, y_of))
    return _svg(title, TREND_HEIGHT - 6, "".join(parts))


def _grid(
    low: float, high: float, step: float, y_of: Callable[[float], float], percent, span_x: int
) -> str:
    parts = []
    ticks = round((high - low) / step)
    for number in range(ticks + 1):
        value = round(low + number * step, 6)
        y = y_of(value)
        parts.append(
            f'<line x1="{_LEFT}" x2="{_LEFT + span_x}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{"#888888" if number == 0 else "#dddddd"}"></line>'
            f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(percent(value))}'
            "</text>"
        )
    return "".join(parts)


def _line(line: Series, x_of, y_of) -> str:
    points = [
        (x_of(i), y_of(v), t)
        for i, (v, t) in enumerate(zip(line.values, line.texts, strict=True))
        if v is not None
    ]
    if not points:
        return ""
    dash = ' stroke-dasharray="5 4"' if line.published else ""
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
    parts = [
        f'<polyline points="{path}" fill="none" stroke="{line.colour}" stroke-width="2"{dash}>'
        "</polyline>"
    ]
    for x, y, text in points:
        tip = f"<title>{escape(line.name)}: {escape(text)}</title>"
        if line.published:
            parts.append(
                f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="#ffffff" '
                f'stroke="{line.colour}" stroke-width="2">{tip}</rect>'
            )
        else:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{line.colour}">{tip}</circle>'
            )
    return "".join(parts)
