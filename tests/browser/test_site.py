"""The built site in Debian's chromium: loads cleanly, offline, searchable, themeable."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_home_page_loads_without_errors_or_off_host_requests(page):
    page.goto("index.html")
    page.wait_for_load_state("networkidle")
    assert page.title() == "ML Engineer Roadmap"
    assert page.locator("nav.rm-map li.rm-node").count() > 100
    assert page.console_errors == []
    assert page.off_host_requests == []


@pytest.mark.parametrize("query, anchor", [("feature selection", "feature-selection"), ("gradient boosting", "tree-ensembles")])
def test_search_finds_a_topic_and_leads_to_its_anchor(page, query, anchor):
    page.goto("index.html")
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    search.fill(query)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(h.endswith("#" + anchor) for h in hrefs), hrefs
    page.locator(f'.md-search-result__item a[href$="#{anchor}"]').first.click()
    page.wait_for_url(re.compile(f"#{anchor}$"))
    assert page.locator(f"h2#{anchor}").is_visible()
    assert page.off_host_requests == []


def test_palette_toggle_switches_between_light_and_dark(page):
    page.goto("index.html")
    body = page.locator("body")
    seen = {body.get_attribute("data-md-color-scheme")}
    for _ in range(3):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        seen.add(body.get_attribute("data-md-color-scheme"))
    assert {"default", "slate"} <= seen
    page.reload()
    assert body.get_attribute("data-md-color-scheme") in {"default", "slate"}
