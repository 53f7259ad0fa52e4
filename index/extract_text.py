"""Plain text out of a report file as government sites publish it: .txt, .html, .docx, .pdf.

Each format is read by a well-kept library (BeautifulSoup, python-docx, pypdf); plain text
is UTF-8 or GB18030, told apart by which decodes. What comes out is the text the corpus
stores and every citation offset refers to: paragraphs one to a line, blank lines dropped.
A file that yields no readable text is refused with the reason, never stored.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # a long report as a PDF is a few MB; beyond this is not one report
MAX_CHARS = 500_000  # the longest State Council report is about 20,000 characters
MIN_CHARS = 200  # shorter is a notice or an empty page, not a report to answer questions from
FORMATS = (".txt", ".html", ".htm", ".docx", ".pdf")
_SENTENCE_ENDS = "。！？；：!?;:」”’）)"
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title")


class Refused(ValueError):
    """A file that cannot be added as a report; the message says why."""


def extract(path: Path) -> str:
    """The report's text, one paragraph a line; Refused when the file is not a readable report."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise Refused(f"{path.name}: not a report format this service reads ({', '.join(FORMATS)})")
    size = path.stat().st_size
    if size == 0:
        raise Refused(f"{path.name}: the file is empty")
    if size > MAX_BYTES:
        raise Refused(f"{path.name}: {size:,} bytes is over the limit of {MAX_BYTES:,}")
    data = path.read_bytes()
    readers = {".txt": _plain, ".html": _html, ".htm": _html, ".docx": _docx, ".pdf": _pdf}
    text = tidy(readers[suffix](data, path.name))
    _check_readable(text, path.name)
    return text


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark), else GB18030; NUL bytes mean a binary file."""
    if b"\0" in data[:8192]:
        raise Refused(f"{name}: a binary file, not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused(f"{name}: neither UTF-8 nor GB18030 text")


def tidy(text: str) -> str:
    """Lines trimmed (full-width spaces too), blank lines and control characters dropped, NFC."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    lines = (line.strip(" \t\u3000\xa0") for line in text.split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def _check_readable(text: str, name: str) -> None:
    """Enough characters, most of them letters, digits or punctuation (not mojibake)."""
    body = text.replace("\n", "")
    if len(body) < MIN_CHARS:
        raise Refused(f"{name}: only {len(body)} characters of text; a report has at least {MIN_CHARS}")
    if len(body) > MAX_CHARS:
        raise Refused(f"{name}: {len(body):,} characters is over the limit of {MAX_CHARS:,}")
    readable = sum(1 for ch in body if unicodedata.category(ch)[0] in "LNPZS")
    if readable / len(body) < 0.95 or "\ufffd" in body[:2000]:
        raise Refused(f"{name}: the text does not read as text (wrong encoding or a binary file)")


def _plain(data: bytes, name: str) -> str:
    return decode(data, name)


def _html(data: bytes, name: str) -> str:
    """The page's visible text, each block element on its own line (scripts and styles dropped)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode(data, name), "html.parser")
    for hidden in soup(["script", "style", "noscript", "template", "head"]):
        hidden.decompose()
    for block in soup.find_all(_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    return soup.get_text()


def _docx(data: bytes, name: str) -> str:
    """The document's paragraphs, and its tables' cells row by row."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise Refused(f"{name}: not a readable .docx file ({error.__class__.__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def _pdf(data: bytes, name: str) -> str:
    """The text layer of every page (a scanned PDF has none and is refused as too short)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Refused(f"{name}: an encrypted PDF")
        return rejoin_wrapped("\n".join(page.extract_text() or "" for page in reader.pages))
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise Refused(f"{name}: not a readable PDF ({error})") from None


def rejoin_wrapped(text: str) -> str:
    """A PDF's visual lines back into paragraphs: a line that runs to the page's full width
    and does not end a sentence was wrapped, so the next line continues it. (Headings and
    paragraph ends are short lines, or end with 。！？；：.)"""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    full = sorted(map(len, lines))[int(0.9 * (len(lines) - 1))]
    out: list[str] = []
    wrapped = False
    for line in lines:
        if wrapped:
            out[-1] += line
        else:
            out.append(line)
        wrapped = len(line) >= 0.95 * full and line[-1] not in _SENTENCE_ENDS
    return "\n".join(out)
