"""Generated HTML blocks that Python-Markdown passes through without parsing them.

The macros return whole HTML blocks: resource tables, the catalog, the map, the glossary. Left in
the Markdown source, each block is re-parsed by Python-Markdown's raw-HTML parser; that was the
largest part of the build and grew with the data (tenfold data, fourfold build time). `wrap()` packs
a block into one marker line; the extension's preprocessor unpacks it into Markdown's own raw-HTML
stash before any block parsing, and Markdown writes it back verbatim when it serialises the page.

Python-Markdown only, no MkDocs: any Python-Markdown host can register `HtmlBlocks()`.
"""

from __future__ import annotations

import base64
import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

MARKER = "rm-html-block:"
# Indented markers (inside an admonition or list item) keep their indent for Markdown's nesting.
MARKER_LINE = re.compile(rf"^([ \t]*){re.escape(MARKER)}([A-Za-z0-9+/=]*)$", re.M)


def wrap(html: str) -> str:
    """One marker line, as its own Markdown block, standing for `html`."""
    encoded = base64.b64encode(html.encode("utf-8")).decode("ascii")
    return f"\n\n{MARKER}{encoded}\n\n"


def without_blocks(markdown: str) -> str:
    """The Markdown text with marker lines removed, for scans that should see only the prose."""
    return MARKER_LINE.sub("", markdown)


class _Unpack(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            match = MARKER_LINE.match(line)
            if not match:
                out.append(line)
                continue
            indent, encoded = match.groups()
            html = base64.b64decode(encoded).decode("utf-8")
            out.extend(["", indent + self.md.htmlStash.store(html), ""])
        return out


class HtmlBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        # Before fenced code (25) and the raw-HTML block parser (20), after snippets (32) and
        # whitespace normalisation (30), which leave a marker line as it is.
        md.preprocessors.register(_Unpack(md), "roadmap_html_blocks", 27)
