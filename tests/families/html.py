"""Reading a page as a person would: its elements by id, test id or tag, and their visible text.
A small tree over the standard library's HTML parser (the pages are our own, well-formed)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any

BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "td",
    "th",
    "tr",
    "table",
    "caption",
    "dt",
    "dd",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "section",
    "article",
    "nav",
    "header",
    "footer",
    "main",
    "summary",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def get(self, name: str, default: Any = None) -> Any:
        return self.attrs.get(name, default)

    @property
    def text(self) -> str:
        """The text content, whitespace collapsed (script and template contents left out)."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag in BLOCK:
                parts.append(f" {child.text} ")
            elif child.tag not in ("script", "style"):
                parts.append(child.text)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def iter(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        def matches(element: Element) -> bool:
            if tag is not None and element.tag != tag:
                return False
            return all(element.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())

        return [element for element in self.iter() if matches(element)]

    def where(self, predicate: Callable[[Element], bool]) -> list[Element]:
        return [element for element in self.iter() if predicate(element)]

    def by_id(self, element_id: str) -> Element:
        found = [e for e in self.iter() if e.attrs.get("id") == element_id]
        assert len(found) == 1, f"{len(found)} elements with id {element_id!r}"
        return found[0]

    def by_testid(self, testid: str) -> list[Element]:
        return [e for e in self.iter() if e.attrs.get("data-testid") == testid]

    def one(self, testid: str) -> Element:
        found = self.by_testid(testid)
        assert len(found) == 1, f"{len(found)} elements with data-testid {testid!r}"
        return found[0]

    def link(self, text: str) -> str:
        """The address of the link whose text contains `text`."""
        for element in self.find_all("a"):
            if text in element.text:
                return element.attrs["href"]
        raise AssertionError(f"no link with {text!r}")

    def links(self) -> list[str]:
        return [a.attrs.get("href", "") for a in self.find_all("a")]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.current)
        self.current.children.append(element)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(response_or_html: Any) -> Element:
    content = getattr(response_or_html, "content", response_or_html)
    text = content.decode() if isinstance(content, bytes) else content
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root
