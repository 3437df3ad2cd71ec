"""An image for a practice item (a clipping, an infographic, a slide), checked and cleaned.

Only PNG and JPEG, recognised by their content (not their name or the browser's word); the
size in bytes and the number of pixels are checked before the bitmap is decoded, so a small
file that unpacks to a huge bitmap is refused cheaply. What is stored is a new encoding of
the pixels: no EXIF (camera, place, time), no text chunks, no colour profile.
"""

import io
import warnings
from dataclasses import dataclass
from typing import IO

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .limits import IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


class ImageRefused(Exception):
    """The file is not an image we take; the message says why, in Dutch."""


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str  # "png" or "jpg"
    width: int
    height: int


def _kind(head: bytes) -> str:
    if head.startswith(PNG_SIGNATURE):
        return "png"
    if head.startswith(JPEG_SIGNATURE):
        return "jpg"
    raise ImageRefused(_("This file is not a PNG or JPEG image. Nothing has been saved."))


def image_clean(upload: IO[bytes], *, size: int) -> CleanImage:
    """The image re-encoded without metadata, or ImageRefused with a Dutch message."""
    if size > IMAGE_MAX_BYTES:
        raise ImageRefused(
            _("This image is too large: at most %(limit)s MB. Nothing has been saved.")
            % {"limit": IMAGE_MAX_BYTES // (1024 * 1024)}
        )
    data = upload.read(IMAGE_MAX_BYTES + 1)
    if len(data) > IMAGE_MAX_BYTES:
        raise ImageRefused(
            _("This image is too large: at most %(limit)s MB. Nothing has been saved.")
            % {"limit": IMAGE_MAX_BYTES // (1024 * 1024)}
        )
    kind = _kind(data[:8])
    unreadable = _("This image cannot be read; it may be damaged. Nothing has been saved.")
    try:
        # Opening reads the header only: the dimensions are known before any decoding. The
        # limit is ours (below); Pillow's own warning about large images is not needed.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=["PNG", "JPEG"])
    except Image.DecompressionBombError:
        raise ImageRefused(_too_many_pixels(0, 0)) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ImageRefused(unreadable) from None
    width, height = image.size
    if width * height > IMAGE_MAX_PIXELS:
        raise ImageRefused(_too_many_pixels(width, height))
    try:
        image.load()
        # Turn the pixels as the camera meant them, before its EXIF note is left out.
        turned: Image.Image = ImageOps.exif_transpose(image) or image
        return _encode(turned, kind)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ImageRefused(unreadable) from None


def _too_many_pixels(width: int, height: int) -> str:
    if not width:
        return _(
            "This image has too many pixels: at most %(limit)s million. Nothing has been saved."
        ) % {"limit": IMAGE_MAX_PIXELS // 1_000_000}
    return _(
        "This image has too many pixels: at most %(limit)s million, this one has "
        "%(width)s by %(height)s. Nothing has been saved."
    ) % {
        "limit": IMAGE_MAX_PIXELS // 1_000_000,
        "width": number_format(width, force_grouping=True),
        "height": number_format(height, force_grouping=True),
    }


def _encode(image: Image.Image, kind: str) -> CleanImage:
    transparency = image.info.get("transparency")
    clean = image.copy()
    clean.info = {} if transparency is None or kind != "png" else {"transparency": transparency}
    out = io.BytesIO()
    if kind == "png":
        clean.save(out, format="PNG", optimize=True)
    else:
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(out, format="JPEG", quality=88, optimize=True)
    return CleanImage(
        content=out.getvalue(), extension=kind, width=clean.width, height=clean.height
    )
