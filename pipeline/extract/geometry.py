"""Boxes on a page that is displayed turned (/Rotate, or text drawn sideways)."""

from __future__ import annotations


def rotate_box(
    x0: float, x1: float, top: float, bottom: float, rotation: int, width: float, height: float
) -> tuple[float, float, float, float]:
    """A box (top-left origin, page `width` × `height` as stored) after turning the page
    `rotation` degrees clockwise; returns (x0, x1, top, bottom) in the turned frame."""
    if rotation == 90:
        return height - bottom, height - top, x0, x1
    if rotation == 180:
        return width - x1, width - x0, height - bottom, height - top
    if rotation == 270:
        return top, bottom, width - x1, width - x0
    return x0, x1, top, bottom
