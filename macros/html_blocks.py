"""Generated HTML blocks that Python-Markdown passes through without parsing them.

The macros return whole HTML blocks: resource tables, the catalog, the map, the glossary. Left in
the Markdown source, each block is re-parsed by Python-Markdown's raw-HTML parser; that was the
largest part of the build and grew with the data (tenfold data, fourfold build time).
`HtmlBlocks.wrap()` keeps a block and returns one short marker line in its place; the extension's
preprocessor swaps the marker for Markdown's own raw-HTML stash entry before any block parsing,
and Markdown writes the block back verbatim when it serialises the page.

Python-Markdown only, no MkDocs: any Python-Markdown host can register an `HtmlBlocks()` and wrap
blocks with that same instance.
"""

from __future__ import annotations

import itertools
import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

MARKER = "rm-html-block:"
# Indented markers (inside an admonition or list item) keep their indent for Markdown's nesting.
MARKER_LINE = re.compile(rf"^([ \t]*){re.escape(MARKER)}(\d+)$", re.M)
# Numbers are unique across instances, so a marker never finds another instance's block.
_NUMBERS = itertools.count()


def without_blocks(markdown: str) -> str:
    """The Markdown text with marker lines removed, for scans that should see only the prose."""
    return MARKER_LINE.sub("", markdown)


class _Unpack(Preprocessor):
    def __init__(self, md: Markdown, blocks: dict[str, str]):
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            match = MARKER_LINE.match(line)
            html = self.blocks.get(match.group(2)) if match else None
            if html is None:  # not a marker, or another instance's: left as text, visibly
                out.append(line)
                continue
            out.extend(["", match.group(1) + self.md.htmlStash.store(html), ""])
        return out


class HtmlBlocks(Extension):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Kept here rather than inside the marker: base64 in the Markdown source cost more to decode
        # and to run through Markdown's whitespace pass than the blocks themselves (0.6 s at tenfold data).
        self.blocks: dict[str, str] = {}

    def wrap(self, html: str) -> str:
        """One marker line, as its own Markdown block, standing for `html`."""
        key = str(next(_NUMBERS))
        self.blocks[key] = html
        return f"\n\n{MARKER}{key}\n\n"

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        # Before fenced code (25) and the raw-HTML block parser (20), after snippets (32) and
        # whitespace normalisation (30), which leave a marker line as it is.
        md.preprocessors.register(_Unpack(md, self.blocks), "roadmap_html_blocks", 27)
