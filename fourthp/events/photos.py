"""Reading an uploaded photo with Pillow: its type, size and pixels checked, and written again without metadata.

What is stored is a new JPEG made from the pixels alone (turned upright first, as its EXIF orientation says),
so no EXIF, GPS, XMP or ICC data of the camera or phone survives; a second, smaller copy at most
PHOTO_SMALL_WIDTH pixels wide serves narrow screens (a 375-pixel-wide phone at twice its density).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_SMALL_WIDTH = 750
JPEG_QUALITY = 85
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


class PhotoRefused(ValueError):
    """An upload that is not a photo the archive can take, with a sentence saying why."""


@dataclass(frozen=True)
class Photo:
    full: bytes
    small: bytes
    width: int
    height: int


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # A fresh image of the pixels only: no exif=, icc_profile= or other info is passed on.
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def read_photo(data: bytes) -> Photo:
    """The photo cleaned of its metadata and its small copy, or PhotoRefused saying what is wrong."""
    max_mb = settings.EVENT_PHOTO_MAX_MB
    if len(data) > max_mb * 1024 * 1024:
        raise PhotoRefused(
            _("The photo is %(size).1f MB; the largest accepted is %(max)s MB.")
            % {"size": len(data) / (1024 * 1024), "max": max_mb}
        )
    max_pixels = settings.EVENT_PHOTO_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                if opened.format not in ACCEPTED_FORMATS:
                    raise PhotoRefused(
                        _("This is a %(format)s image; upload a JPEG, PNG or WebP photo.")
                        % {"format": opened.format or _("unknown")}
                    )
                width, height = opened.size
                if width * height > max_pixels:
                    raise PhotoRefused(
                        _(
                            "The photo is %(width)s × %(height)s pixels; the largest accepted has "
                            "%(max)s million pixels. Make it smaller and upload it again."
                        )
                        % {"width": width, "height": height, "max": f"{max_pixels / 1_000_000:g}"}
                    )
                opened.load()
                upright = ImageOps.exif_transpose(opened)
    except PhotoRefused:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        if isinstance(exc, UnidentifiedImageError):
            raise PhotoRefused(_("This file is not a photo that can be read; upload a JPEG, PNG or WebP.")) from None
        raise PhotoRefused(
            _("The photo has too many pixels to be read; make it smaller and upload it again.")
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise PhotoRefused(_("This photo is damaged or cut short and cannot be read; upload it again.")) from None
    if upright.mode in ("RGBA", "LA", "P"):
        upright = upright.convert("RGBA")
        background = Image.new("RGB", upright.size, "white")
        background.paste(upright, mask=upright.getchannel("A"))
        upright = background
    elif upright.mode != "RGB":
        upright = upright.convert("RGB")
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    small = clean.copy()
    if small.width > PHOTO_SMALL_WIDTH:
        small = small.resize((PHOTO_SMALL_WIDTH, max(1, round(small.height * PHOTO_SMALL_WIDTH / small.width))))
    return Photo(full=_jpeg(clean), small=_jpeg(small), width=clean.width, height=clean.height)
