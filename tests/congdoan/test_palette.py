"""The palette in static/css/site.css meets WCAG 2.1 AA contrast for every pair the site uses.

Reads the custom properties from the stylesheet itself, so a colour changed there is checked
here: text needs 4.5:1 against its background, focus rings 3:1 (non-text contrast)."""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"
WHITE = "#ffffff"

# (foreground, background, what): text on its background, at least 4.5:1.
TEXT_PAIRS = [
    ("--ink", "--paper", "body text"),
    ("--ink", "--wash", "text in empty states and captions"),
    ("--text-soft", "--paper", "sapo of cards"),
    ("--text-soft", "--wash", "photo captions"),
    ("--muted", "--paper", "dates, breadcrumbs, bylines' source"),
    ("--muted", "--wash", "muted text on grey panels"),
    ("--blue", "--paper", "links"),
    ("--blue-dark", "--blue-wash", "pagination hover"),
    ("--red", "--paper", "link hover, block titles"),
    ("--red-dark", "--cream", "the ticker"),
    ("--red", "--cream", "ticker separators"),
    (WHITE, "--red", "ticker heading, buttons"),
    (WHITE, "--red-dark", "brand band, button hover"),
    (WHITE, "--blue", "menu"),
    (WHITE, "--blue-dark", "current menu item, header search button"),
    ("--blue-dark", "--paper", "current menu item on phones"),
    ("--gold", "--red", "second line of the federation's name"),
    ("--gold", "--red-dark", "second line of the federation's name"),
    ("--footer-text", "--navy", "footer"),
    (WHITE, "--navy", "footer links"),
    ("--footer-soft", "--navy", "footer labels"),
    ("--footer-soft", "--navy-dark", "footer note"),
]
SECTION_COLOURS = [
    "--sec-red",
    "--sec-blue",
    "--sec-teal",
    "--sec-purple",
    "--sec-orange",
    "--sec-green",
    "--sec-rose",
    "--sec-brown",
]
# (ring, background): focus rings, at least 3:1.
FOCUS_PAIRS = [
    ("--focus", "--paper"),
    ("--focus", "--wash"),
    ("--focus-on-dark", "--red"),
    ("--focus-on-dark", "--red-dark"),
    ("--focus-on-dark", "--blue"),
    ("--focus-on-dark", "--blue-dark"),
    ("--focus-on-dark", "--navy"),
]


def root_properties() -> dict[str, str]:
    css = CSS.read_text()
    root = re.search(r":root\s*\{(.*?)\}", css, re.S).group(1)
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root))


def resolve(name: str, props: dict[str, str]) -> str:
    value = name
    for _ in range(5):
        if value.startswith("#"):
            return value
        value = props[value.removeprefix("var(").removesuffix(")").strip()].strip()
    raise AssertionError(f"{name} does not resolve to a hex colour")


def relative_luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("fg", "bg", "what"), TEXT_PAIRS)
def test_text_colours_reach_4_5_to_1(fg, bg, what):
    props = root_properties()
    ratio = contrast(resolve(fg, props), resolve(bg, props))
    assert ratio >= 4.5, f"{what}: {fg} on {bg} is {ratio:.2f}:1"


@pytest.mark.parametrize("colour", SECTION_COLOURS)
def test_section_colours_work_as_text_and_as_label_background(colour):
    props = root_properties()
    value = resolve(colour, props)
    assert contrast(value, resolve("--paper", props)) >= 4.5
    assert contrast(value, resolve("--wash", props)) >= 4.5  # rule beside an empty state
    assert contrast(WHITE, value) >= 4.5  # white text on the section's tab


def test_section_colours_are_distinct():
    props = root_properties()
    values = [resolve(colour, props).lower() for colour in SECTION_COLOURS]
    assert len(set(values)) == len(values)


@pytest.mark.parametrize(("ring", "bg"), FOCUS_PAIRS)
def test_focus_rings_reach_3_to_1(ring, bg):
    props = root_properties()
    ratio = contrast(resolve(ring, props), resolve(bg, props))
    assert ratio >= 3, f"focus ring {ring} on {bg} is {ratio:.2f}:1"
