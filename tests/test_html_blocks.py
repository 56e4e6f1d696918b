"""Generated HTML blocks reach the page exactly as rendered, without Markdown parsing them."""

from __future__ import annotations

import markdown

from macros import html_blocks

# Markup Markdown would rewrite if it parsed the block: emphasis, a link, an indented code line.
TRICKY = '<div class="x"><p>*not em* [not](link) é ✓</p>\n\n    not code\n<script type="application/json">{"a": "<b>"}</script></div>'
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables"]


BLOCKS = html_blocks.HtmlBlocks()


def convert(text: str, blocks: html_blocks.HtmlBlocks = BLOCKS) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, blocks])


def test_a_block_comes_back_verbatim_between_markdown_paragraphs():
    page = convert("Before *em*.\n" + BLOCKS.wrap(TRICKY) + "After.")
    assert TRICKY in page
    assert "<em>em</em>" in page  # the prose around it is still Markdown
    assert html_blocks.MARKER not in page


def test_several_blocks_keep_their_order():
    page = convert(BLOCKS.wrap("<div>one</div>") + BLOCKS.wrap("<div>two</div>"))
    assert page.index("<div>one</div>") < page.index("<div>two</div>")


def test_a_block_inside_an_admonition_stays_inside_it():
    wrapped = BLOCKS.wrap("<table><tr><td>cell</td></tr></table>").strip()
    page = convert('!!! note "Resources"\n\n    ' + wrapped + "\n")
    assert page.index('class="admonition note"') < page.index("<table>") < page.rindex("</div>")
    assert html_blocks.MARKER not in page


def test_without_the_extension_the_marker_would_show_so_the_extension_is_what_unpacks_it():
    plain = markdown.markdown(BLOCKS.wrap("<div>x</div>"), extensions=EXTENSIONS)
    assert html_blocks.MARKER in plain and "<div>x</div>" not in plain


def test_prose_scans_do_not_see_the_encoded_blocks():
    text = "Prose about LLM.\n" + BLOCKS.wrap("<p>RAG</p>") + "More prose."
    left = html_blocks.without_blocks(text)
    assert html_blocks.MARKER not in left
    assert "Prose about LLM." in left and "More prose." in left


def test_a_marker_another_instance_wrapped_is_left_visible_not_swapped_for_a_wrong_block():
    mine, other = html_blocks.HtmlBlocks(), html_blocks.HtmlBlocks()
    mine.wrap("<div>ours</div>")
    marker = other.wrap("<div>theirs</div>")
    page = convert(marker, blocks=mine)
    assert html_blocks.MARKER in page and "theirs" not in page and "ours" not in page
