"""Reading the programme's pages as a family would: one day's part of the page, its text."""

import re
import zlib
from datetime import date
from html import unescape


def text(html: str) -> str:
    """The words on the page, without tags, on one line."""
    visible = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    # Inline elements join their words as the eye does ("10.00–12.00"); others separate them.
    inline = re.sub(r"</?(time|a|span|strong|del|abbr|em)\b[^>]*>", "", visible)
    without_tags = re.sub(r"<[^>]+>", " ", inline)
    return re.sub(r"\s+", " ", unescape(without_tags)).strip()


def day_section(html: str, day: date) -> str | None:
    """The text of one day's part of a calendar, or None when the day is not shown."""
    found = re.search(
        rf'<section class="prog-day[^"]*" aria-labelledby="day-{day.isoformat()}">(.*?)</section>',
        html,
        re.S,
    )
    return text(found.group(1)) if found else None


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF, also when its objects are in compressed object streams."""
    parts = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", part)) for part in parts)
