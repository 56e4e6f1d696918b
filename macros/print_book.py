"""The print view holds the whole roadmap, prose included, taken from the built phase pages.

The print page's macro leaves a placeholder; after the build, `assemble(site_dir, roadmap)` fills it
with the article of every phase page in roadmap order, so the print view and the PDF made from it
carry exactly what the pages say, never a copy kept by hand. Links between phase pages become links
within the book; controls that only the script drives are left out. Imports no generator.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from . import data, render

PLACEHOLDER = '<div class="rm-print-book"></div>'
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# What a printed page cannot use: the edit button, permalink anchors, done buttons, progress lines
# and the phase's topic overview (the book's outline and table of contents do that job).
_DROP = (
    re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', re.S),
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),
    re.compile(r'<button type="button" class="rm-done[^"]*"[^>]*>.*?</button>', re.S),
    re.compile(r'<p class="rm-progress[^"]*"[^>]*>.*?</p>', re.S),
    re.compile(r'<nav class="rm-overview"[^>]*>.*?</nav>', re.S),
)
_HREF = re.compile(r'(href|src)="([^"#:]*)(#[^"]*)?"')


def section_id(phase_id: str) -> str:
    # Not the phase id itself: the phase's heading, copied into the section, may carry that id.
    return f"phase-{phase_id}"


def phase_file(site_dir: Path, phase_id: str) -> Path:
    return site_dir / render.PHASE_PAGE.format(id=phase_id).replace(".md", ".html")


def _rebase(html: str, phase_id: str, phase_ids: set[str]) -> str:
    """Links written for phases/<id>.html, rewritten for print.html at the site's root: a link to a
    phase page, or to a topic on one, stays inside the book."""

    def fix(match: re.Match) -> str:
        attr, path, fragment = match.group(1), match.group(2), match.group(3) or ""
        if not path:  # same page: the anchor is in the book too
            return match.group(0)
        target = posixpath.normpath(posixpath.join("phases", path))
        name = posixpath.basename(target)
        if attr == "href" and posixpath.dirname(target) == "phases" and name.endswith(".html") \
                and name[:-5] in phase_ids:
            return f'{attr}="{fragment or "#" + section_id(name[:-5])}"'
        return f'{attr}="{target}{fragment}"'

    return _HREF.sub(fix, html)


def phase_article(site_dir: Path, phase_id: str, phase_ids: set[str]) -> str:
    page = phase_file(site_dir, phase_id).read_text(encoding="utf-8")
    match = _ARTICLE.search(page)
    if not match:
        raise ValueError(f"{phase_file(site_dir, phase_id)}: no article found")
    article = match.group(1)
    for pattern in _DROP:
        article = pattern.sub("", article)
    return f'<section class="rm-print-phase" id="{section_id(phase_id)}">{_rebase(article, phase_id, phase_ids)}</section>'


def contents(roadmap: data.Roadmap) -> str:
    """The book's table of contents: phases and their topics, linked within the page."""
    html_text = render.html_text
    phases = "".join(
        f'<li><a href="#{section_id(phase.id)}">{phase.number}. {html_text(phase.title)}</a><ol>'
        + "".join(f'<li><a href="#{html_text(t.id)}">{html_text(t.title)}</a></li>' for t in phase.topics)
        + "</ol></li>"
        for phase in roadmap.phases
    )
    return f'<nav class="rm-print-contents" aria-label="Contents"><h2>Contents</h2><ol>{phases}</ol></nav>'


def assemble(site_dir: Path, roadmap: data.Roadmap, print_page: str = "print.html") -> bool:
    """Fill the print page's placeholder with the contents and every phase's article; False when
    there is no print page."""
    target = site_dir / print_page
    if not target.is_file():
        return False
    page = target.read_text(encoding="utf-8")
    if PLACEHOLDER not in page:
        raise ValueError(f"{target}: the print_view() placeholder is missing")
    phase_ids = {p.id for p in roadmap.phases}
    book = "".join(phase_article(site_dir, p.id, phase_ids) for p in roadmap.phases)
    filled = f'{contents(roadmap)}<div class="rm-print-book">{book}</div>'
    target.write_text(page.replace(PLACEHOLDER, filled, 1), encoding="utf-8")
    return True
