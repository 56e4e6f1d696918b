"""Links to the files `make build` writes beside the site (the PDF, the offline zip), with sizes.

The `downloads()` macro leaves an empty, hidden slot per file; `fill(site_dir, key)` runs once the
file exists and puts a link with its size into every page that has the slot. Imports no generator.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

# key -> (file name at the site's root, link text)
FILES = {
    "pdf": ("ml-engineer-roadmap.pdf", "Download the whole roadmap as a PDF"),
    "offline": ("ml-engineer-roadmap-offline.zip", "Download for offline reading (a zip of the site, search included)"),
}


def size_text(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{max(1, round(size / 1e3))} KB"


def fill(site_dir: Path, key: str) -> list[Path]:
    """Put the link to FILES[key] into every built page with its slot; returns the pages changed."""
    name, label = FILES[key]
    target = site_dir / name
    if not target.is_file():
        raise FileNotFoundError(target)
    slot = re.compile(r'<ul class="rm-downloads" data-search-exclude data-base="([^"]*)">(.*?)</ul>', re.S)
    changed = []
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if f'<li data-download="{key}" hidden></li>' not in text:
            continue

        def link(match: re.Match) -> str:
            base = html.unescape(match.group(1))
            href = (base.rsplit("/", 1)[0] + "/" if "/" in base else "") + name
            item = (f'<li data-download="{key}"><a href="{html.escape(href)}" download>{html.escape(label)}</a>'
                    f' ({size_text(target.stat().st_size)})</li>')
            return match.group(0).replace(f'<li data-download="{key}" hidden></li>', item)

        page.write_text(slot.sub(link, text), encoding="utf-8")
        changed.append(page)
    return changed
