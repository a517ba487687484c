"""Pictures for Word: the print document's SVG charts as PNG, other images as Word takes them.

Word (and python-docx) embed PNG, JPEG and GIF; the charts of the print document are SVG
drawn by our own code (roadmap/charts), converted here with CairoSVG (cairo, the library
Debian ships as ``libcairo2``). The converter gets no file or network access: a chart
refers to nothing outside itself, and anything that tried is refused.
"""

from __future__ import annotations

import io

from PIL import Image

# Pixels per inch of a converted chart: sharp in print, a few hundred kB for a Gantt part.
CHART_DPI = 200
WORD_TYPES = frozenset({"image/png", "image/jpeg", "image/gif"})
# The largest picture converted (pixels): a chart is 540 pt wide, a part at most a page tall.
MAX_PIXELS = 40_000_000


class PictureRefused(ValueError):
    pass


def _no_fetch(url, *args, **kwargs):
    raise PictureRefused(f"a chart may not load {url!r}")


def svg_to_png(svg: bytes | str, *, dpi: int = CHART_DPI) -> bytes:
    """A PNG of the SVG at ``dpi`` pixels per inch of its own size (white background)."""
    from cairosvg.surface import PNGSurface  # needs libcairo2: loaded by the Word export only

    if isinstance(svg, str):
        svg = svg.encode("utf-8")
    return PNGSurface.convert(
        bytestring=svg, dpi=dpi, unsafe=False, url_fetcher=_no_fetch, background_color="white"
    )


def word_picture(data: bytes, mime: str) -> bytes | None:
    """The image as bytes Word embeds (PNG, JPEG or GIF), or None when it cannot be read."""
    if mime == "image/svg+xml":
        try:
            return svg_to_png(data)
        except Exception:  # a broken or refused SVG leaves its caption only
            return None
    if mime in WORD_TYPES:
        return data
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            out = io.BytesIO()
            image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB").save(out, "PNG")
            return out.getvalue()
    except Exception:  # not an image Pillow knows: the caption stays
        return None
