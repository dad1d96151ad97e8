"""Reading an imported file as text: BOMs, UTF-16, a cp1252 fallback, and refusing what
is not text (NUL bytes) with a clear message. Strict JSON: no NaN/Infinity, no duplicate
keys (``json.loads`` would accept both silently)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from lupus_tracker.exchange.errors import ExchangeError

MAX_BYTES = 512 * 1024 * 1024


def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the encoding used (a note for the preview)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExchangeError(f"{path.name} is larger than 512 MB; split it first.")
        data = path.read_bytes()
    except OSError as error:
        raise ExchangeError(f"Cannot read {path}: {error.strerror}.") from None
    return decode(data, path.name)


def decode(data: bytes, name: str = "the file") -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise ExchangeError(
                    f"{name} is not valid {encoding} text (byte {error.start})."
                ) from None
            return _checked(text, name), encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return _checked(data.decode(utf16), name), f"{utf16} (no byte-order mark)"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise ExchangeError(
            f"{name} contains NUL bytes: it is not a text file (or it is "
            "UTF-16 without a byte-order mark)."
        )
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252"), name), "cp1252 (not UTF-8: read as Windows-1252)"
    except UnicodeDecodeError as error:
        raise ExchangeError(
            f"{name} is neither UTF-8 nor Windows-1252 text (byte {error.start})."
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, recognised by NUL bytes on every other position
    of mostly-ASCII text (as Windows tools write it)."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _checked(text: str, name: str) -> str:
    if "\x00" in text:
        raise ExchangeError(f"{name} contains NUL characters: it is not a text file.")
    return text


def _no_constants(word: str) -> None:
    raise ExchangeError(f"The JSON contains {word}, which is not a valid number.")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise ExchangeError(f"The JSON has the key {key!r} twice in one object.")
        result[key] = value
    return result


class JsonNumber(float):
    """A JSON decimal that remembers how it was written (``1.90`` keeps its zero)."""

    literal: str

    def __new__(cls, literal: str) -> JsonNumber:
        number = super().__new__(cls, literal)
        number.literal = literal
        return number


def load_json(text: str, name: str = "the file") -> object:
    """Strict JSON; decimals are :class:`JsonNumber` so their printed precision is kept."""
    try:
        return json.loads(
            text,
            parse_constant=_no_constants,
            object_pairs_hook=_no_duplicates,
            parse_float=JsonNumber,
        )
    except json.JSONDecodeError as error:
        raise ExchangeError(
            f"{name} is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno} (is the file cut short?)."
        ) from None
    except ExchangeError:
        raise
    except ValueError:  # an integer of more than 4,300 digits
        raise ExchangeError(f"{name} holds a number too long to be a measured value.") from None
    except RecursionError:
        raise ExchangeError(f"{name} is nested too deeply to be a FHIR resource.") from None
