"""Bytes to article text, and the checks every input's text goes through.

Decoding: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides the encoding and is
dropped; without one the bytes must be UTF-8, else Windows-1252 is tried and kept only when
the result looks like text (it is logged). NUL bytes, the magic numbers of common binary
formats and a high share of control characters make an input `binary`.

Normalisation: `\\r\\n` and a lone `\\r` become `\\n`. That is the only change made to the
text; nothing is stripped, so offsets computed downstream are into exactly this string.
"""
from __future__ import annotations

import logging
import re

from ..errors import InputError

LOGGER = logging.getLogger(__name__)

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
BINARY_MAGIC = {
    b"%PDF-": "PDF", b"PK\x03\x04": "ZIP (or DOCX/ODT)", b"\x89PNG\r\n\x1a\n": "PNG",
    b"GIF87a": "GIF", b"GIF89a": "GIF", b"\xff\xd8\xff": "JPEG", b"\x1f\x8b": "gzip",
    b"\x7fELF": "ELF executable", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "OLE (old MS Office)",
    b"BZh9": "bzip2", b"\xfd7zXZ\x00": "xz", b"7z\xbc\xaf\x27\x1c": "7-Zip",
}
# C0 and C1 control characters other than tab, newline, vertical tab, form feed and return.
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.05
# Text in another 8-bit code page (Cyrillic, Greek) read as Windows-1252 turns into words
# made only of accented letters; real Western European text has almost none.
WORD_RE = re.compile(r"[^\W\d_]{3,}")
MAX_FOREIGN_WORD_SHARE = 0.1


def sniff_bom(data: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark names, and the mark's length.

    Args:
        data: the first bytes of the input.
    Returns:
        `(encoding, length)`, or `(None, 0)` when there is no mark.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def is_wide(data: bytes) -> bool:
    """Whether the input starts with a UTF-16 or UTF-32 byte-order mark.

    Args:
        data: the first bytes of the input.
    """
    encoding = sniff_bom(data)[0]
    return encoding is not None and encoding != "utf-8"


def check_binary(data: bytes, name: str) -> None:
    """Raise `binary` when the bytes start with a binary magic number or hold NUL bytes.

    Args:
        data: the bytes (or the first bytes) of the input.
        name: the file (and line) for the message.
    """
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError("binary", f"{name}: binary data ({kind} file), not text")
    if not is_wide(data) and b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError("binary", f"{name}: binary data (NUL byte at offset {offset}), not text")


def to_str(data: bytes, name: str) -> str:
    """Decode bytes: byte-order mark, else UTF-8, else Windows-1252 if it looks like text.

    Args:
        data: the raw bytes.
        name: the file (and line) for messages.
    Returns:
        The decoded text, byte-order mark dropped, line endings untouched.
    """
    check_binary(data, name)
    encoding, skip = sniff_bom(data)
    try:
        return data[skip:].decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        if encoding:
            raise InputError("undecodable", f"{name}: not valid {encoding} although it starts "
                                            f"with a {encoding} byte-order mark ({exc.reason} "
                                            f"at byte {exc.start + skip})") from None
        utf8_error = exc
    text = _decode_cp1252(data)
    if text is None:
        bad = data[utf8_error.start:utf8_error.start + 4]
        raise InputError("undecodable", f"{name}: neither UTF-8 (bytes {bad!r} at offset "
                                        f"{utf8_error.start}) nor sensible Windows-1252 text")
    LOGGER.info("%s: not UTF-8 (bytes at offset %s); decoded as Windows-1252",
                name, utf8_error.start)
    return text


def _decode_cp1252(data: bytes) -> str | None:
    """Windows-1252 text, or None when the bytes do not give sensible text in it.

    Args:
        data: bytes that are not valid UTF-8.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    words = WORD_RE.findall(text)
    foreign = sum(1 for word in words if all(ord(c) > 127 for c in word))
    if words and foreign / len(words) > MAX_FOREIGN_WORD_SHARE:
        return None
    return text


def normalise_newlines(text: str) -> str:
    """Turn `\\r\\n` and lone `\\r` into `\\n`; the only normalisation presstrace makes.

    Args:
        text: decoded text.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str, name: str, max_chars: int) -> str:
    """Normalise line endings and check decoded text: binary, too large or empty raise.

    Args:
        text: decoded text.
        name: the file (and line) for messages.
        max_chars: the `limits.max_chars` setting.
    Returns:
        The text with line endings normalised.
    """
    if "\x00" in text:
        raise InputError("binary", f"{name}: binary data (NUL character at index "
                                   f"{text.index(chr(0))}), not text")
    controls = len(CONTROL_RE.findall(text))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise InputError("binary", f"{name}: binary data ({controls} control characters in "
                                   f"{len(text)}), not text")
    text = normalise_newlines(text)
    if len(text) > max_chars:
        raise InputError("too_large", f"{name}: {len(text)} characters is over the limit of "
                                      f"{max_chars} (limits.max_chars)")
    if not text.strip():
        raise InputError("empty", f"{name}: no text (empty or whitespace only)")
    return text


def decode_bytes(data: bytes, name: str, max_chars: int) -> str:
    """Decode a whole input and check it, as `to_str` then `check_text`.

    Args:
        data: the raw bytes.
        name: the file for messages.
        max_chars: the `limits.max_chars` setting.
    """
    return check_text(to_str(data, name), name, max_chars)


def decode_preview(head: bytes) -> str:
    """Leniently decode the first bytes of an input, for format detection only.

    Args:
        head: the first bytes (may end inside a character).
    """
    encoding, skip = sniff_bom(head)
    return normalise_newlines(head[skip:].decode(encoding or "utf-8", errors="replace"))
