"""What the browser checks stand on: no request leaves 127.0.0.1, the test server empties the search
index only for a browser that asks it to, and pages that share the warm context share nothing stored."""

from __future__ import annotations

import json
import urllib.request

import pytest

from conftest import WITHOUT_SEARCH, fresh_page, record_off_host, serve_directory

pytestmark = [pytest.mark.browser]


def test_a_request_to_another_host_is_recorded_and_never_sent(browser, tmp_path):
    # "localhost" names the very server the page came from, so only the browser's own blocking can
    # keep the request from arriving. A page of ours would not do: its policy refuses it first.
    (tmp_path / "index.html").write_text("<!doctype html><title>Plain</title><p>No policy here.", encoding="utf-8")
    (tmp_path / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    with serve_directory(tmp_path) as url:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        off_host = record_off_host(page, url)
        page.goto("index.html")
        elsewhere = url.replace("127.0.0.1", "localhost") + "dot.svg"
        with page.expect_event("requestfailed", timeout=5000) as failed:
            page.evaluate("src => document.body.append(Object.assign(new Image(), {src}))", elsewhere)
        same_host = page.evaluate("fetch('dot.svg').then(response => response.status)")
        context.close()
    assert off_host == [elsewhere]
    assert failed.value.url == elsewhere and "NAME_NOT_RESOLVED" in failed.value.failure
    assert same_host == 200


def _get(url, headers=None) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as response:
        return response.read()


def test_the_search_index_is_emptied_only_on_request(site_url, built_site):
    built = (built_site / "search" / "search_index.json").read_bytes()
    assert _get(site_url + "search/search_index.json") == built
    emptied = json.loads(_get(site_url + "search/search_index.json?v=1", WITHOUT_SEARCH))
    assert emptied == {**json.loads(built), "docs": []}
    assert len(json.loads(built)["docs"]) > 100
    # Nothing else changes for that browser.
    assert _get(site_url + "index.html", WITHOUT_SEARCH) == (built_site / "index.html").read_bytes()


def test_a_fresh_page_finds_nothing_a_previous_test_stored(warm_context):
    before = fresh_page(warm_context)
    before.goto("index.html")
    before.evaluate("() => { localStorage.setItem('left-behind', '1'); sessionStorage.setItem('left-behind', '1') }")
    before.close()
    after = fresh_page(warm_context)
    after.goto("index.html")
    stored = after.evaluate("() => [localStorage.getItem('left-behind'), sessionStorage.getItem('left-behind')]")
    after.close()
    assert stored == [None, None]
