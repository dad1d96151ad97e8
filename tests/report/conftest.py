"""Reading the report's PDF back: text per page (pdftotext), images (pdfimages), fonts
(pdffonts). Tests take the ``read_pdf`` fixture: ``read_pdf(path).pages()``."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@dataclass(frozen=True)
class Pdf:
    path: Path

    def pages(self, layout: bool = True) -> list[str]:
        """Each page's text, ligatures (ﬂ, ﬁ) folded into letters, no-break spaces into
        spaces."""
        out = _run("pdftotext", "-layout" if layout else "-raw", str(self.path), "-")
        pages = unicodedata.normalize("NFKC", out).split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages

    def text(self) -> str:
        return "\n".join(self.pages())

    def flat(self) -> str:
        """The text with every run of white space as one space (sentences wrap)."""
        return " ".join(self.text().split())

    def images(self) -> list[list[str]]:
        """``pdfimages -list`` rows: page, num, type, width, height, ..."""
        return [
            line.split()
            for line in _run("pdfimages", "-list", str(self.path)).strip().splitlines()[2:]
        ]

    def fonts(self) -> list[list[str]]:
        return [line.split() for line in _run("pdffonts", str(self.path)).strip().splitlines()[2:]]


@pytest.fixture
def read_pdf():
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read PDFs back")
    return Pdf


@pytest.fixture
def png_bytes() -> bytes:
    """A real 1200 x 900 PNG (a rash photo stand-in: a pink square with a red blotch)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    picture = QImage(1200, 900, QImage.Format.Format_RGB32)
    picture.fill(QColor("#f3c6b8"))
    painter = QPainter(picture)
    painter.setBrush(QColor("#c0392b"))
    painter.drawEllipse(400, 300, 400, 300)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    return bytes(data.data())
