"""The PDF edition: every topic with the opening of its explanation, a bookmark per phase, a size cap."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from macros import data

sys.path.insert(0, str(ROOT / "tools"))
import pdf  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # making the PDF takes 9 s
ROADMAP = data.load(ROOT / "data", display_root=ROOT)
MAX_BYTES = 16_000_000  # 401 pages at 130 topics were 10 MB; a PDF past 16 MB is too heavy to hand out


@pytest.fixture(scope="module")
def pdf_file(built_site, browser, tmp_path_factory) -> Path:
    return pdf.write_pdf(built_site, tmp_path_factory.mktemp("pdf") / pdf.PDF_NAME, browser=browser)


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def opening(topic_id: str, phase_id: str, words: int = 8) -> str:
    """The first words of a topic's explanation, from its phase page's Markdown, as a reader sees them."""
    source = (ROOT / "docs" / "phases" / f"{phase_id}.md").read_text(encoding="utf-8")
    after = source.split(f'{{{{ topic("{topic_id}") }}}}', 1)[1].strip()
    paragraph = after.split("\n\n", 1)[0]
    paragraph = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", paragraph)  # a link reads as its text
    paragraph = re.sub(r"[*`]", "", paragraph)
    return " ".join(paragraph.split()[:words])


def test_pdf_has_every_topic_with_the_opening_of_its_explanation(pdf_file):
    text = _flat(subprocess.run(["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True, text=True,
                                check=True).stdout)
    text_no_layout = _flat(subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True, text=True,
                                          check=True).stdout)
    missing = []
    for topic in ROADMAP.topics_in_order():
        if _flat(topic.title) not in text_no_layout:
            missing.append(("title", topic.id))
        start = opening(topic.id, topic.phase_id)
        if start not in text_no_layout and start not in text:
            missing.append(("opening", topic.id, start))
    assert not missing, missing[:10]


def test_pdf_outline_has_a_bookmark_per_phase_and_topic(pdf_file):
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-f", "1", "-l", "1", str(pdf_file)],
                         capture_output=True, text=True, check=True).stdout
    # Compared without white space: a heading that wraps can lose its space at the line break.
    squeeze = lambda text: re.sub(r"\s", "", html.unescape(text))
    items = [squeeze(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<item[^>]*>(.*?)</item>", xml, re.S)]
    for phase in ROADMAP.phases:
        assert squeeze(phase.title) in items, phase.id
    assert sum(squeeze(t.title) in items for t in ROADMAP.topics_in_order()) == len(ROADMAP.topics)


def test_pdf_is_tagged_titled_numbered_and_under_its_size_cap(pdf_file):
    info = subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert re.search(r"^Title:\s+ML Engineer Roadmap$", info, re.M)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages > len(ROADMAP.phases)
    assert pdf_file.stat().st_size < MAX_BYTES
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf_file), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert f"{pages} / {pages}" in last and re.search(r"built \d{4}-\d{2}-\d{2}", last)


def test_home_and_print_pages_link_each_download_with_its_size_once_it_exists(built_site, tmp_path):
    import shutil

    from macros import downloads

    for page in ("index.html", "print.html", "glossary.html"):
        shutil.copy(built_site / page, tmp_path / page)
    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="./ml-engineer-roadmap.pdf"' not in home  # no link to a file the build did not make
    (tmp_path / "ml-engineer-roadmap.pdf").write_bytes(b"%PDF" + b"0" * 2_345_678)
    changed = downloads.fill(tmp_path, "pdf")
    assert sorted(p.name for p in changed) == ["index.html", "print.html"]
    for page in ("index.html", "print.html"):
        text = (tmp_path / page).read_text(encoding="utf-8")
        assert '<a href="./ml-engineer-roadmap.pdf" download>Download the whole roadmap as a PDF</a> (2.3 MB)' in text
        assert '<li data-download="offline" hidden></li>' in text  # the zip is not there yet
    with pytest.raises(FileNotFoundError):
        downloads.fill(tmp_path, "offline")
