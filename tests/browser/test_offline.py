"""The offline edition, unzipped and opened from disk: pages, search and links work, nothing leaves."""

from __future__ import annotations

import re
import sys
import zipfile

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import offline  # noqa: E402

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    work = tmp_path_factory.mktemp("offline")
    site = offline.build_offline(work / "build")
    archive = offline.write_zip(site, work / offline.ZIP_NAME)
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert all(name.startswith(offline.FOLDER + "/") for name in names)
        zipped.extractall(work / "unzipped")
    return work / "unzipped" / offline.FOLDER


@pytest.fixture()
def disk_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.console_errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def test_the_polyfill_and_index_come_from_the_folder(unzipped):
    html = (unzipped / "phases" / "data.html").read_text(encoding="utf-8")
    assert '<script src="../assets/javascripts/iframe-worker.js"></script>' in html
    assert (unzipped / "assets" / "javascripts" / "iframe-worker.js").stat().st_size > 300
    assert (unzipped / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    for page in unzipped.rglob("*.html"):  # no script, style sheet or image from another host
        assert not re.search(r'src="(https?:)?//|<link rel="stylesheet" href="(https?:)?//', page.read_text(encoding="utf-8")), page


def test_search_works_from_disk_and_leads_to_the_topic(unzipped, disk_page):
    page = disk_page
    page.goto((unzipped / "index.html").as_uri())
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search = page.locator("input.md-search__input")
    search.press_sequentially("feature store")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    page.locator('.md-search-result__item a[href*="#feature-stores"]').first.click()
    page.wait_for_url(re.compile(r"scalable-data\.html.*#feature-stores$"))
    assert page.locator("h2#feature-stores").is_visible()
    assert page.url.startswith("file://")
    leaving = [url for url in page.requests if not url.startswith(("file://", "data:", "blob:", "about:"))]
    assert leaving == [], leaving
    assert page.console_errors == []
