"""WCAG contrast of what a page shows, from the colours Chromium computed (not from the config)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

# For every element matching a selector: its text colour and the background behind it, as
# [r, g, b] after blending any transparency (colour alpha, CSS opacity) over the ancestors'
# backgrounds (a canvas reads any CSS colour syntax, so light-dark() or color-mix() work too).
_COLOURS = """(selector) => {
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = css; ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1]);
  };
  // Disabled controls are exempt from WCAG contrast; hidden elements are not seen.
  const shown = (el) => el.getClientRects().length && !el.closest('[disabled], [aria-disabled="true"]');
  return [...document.querySelectorAll(selector)].filter(shown).map((el) => {
    const style = getComputedStyle(el);
    const bg = background(el);
    let opacity = 1;  // an element faded with CSS opacity (Streamlit's captions) fades its text
    for (let node = el; node; node = node.parentElement) opacity *= parseFloat(getComputedStyle(node).opacity);
    const colour = rgba(style.color);
    const text = over([colour[0], colour[1], colour[2], colour[3] * opacity], bg);
    return {text: text.slice(0, 3), background: bg.slice(0, 3), size: parseFloat(style.fontSize),
            weight: parseInt(style.fontWeight, 10), words: (el.innerText || '').trim().slice(0, 40)};
  });
}"""


def _luminance(rgb: list[float]) -> float:
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(first: list[float], second: list[float]) -> float:
    """The WCAG 2 contrast ratio of two sRGB colours, from 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def measured(page: Page, selector: str) -> list[dict[str, Any]]:
    """Every visible element the selector matches, with its colours and their contrast ratio."""
    found: list[dict[str, Any]] = page.evaluate(_COLOURS, selector)
    for item in found:
        item["ratio"] = round(ratio(item["text"], item["background"]), 2)
    return found
