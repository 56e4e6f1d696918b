"""Renamed topics keep learners' progress: a fixture site whose data renames 'regression' to 'linear-models'."""

from __future__ import annotations

import pytest

from browser.test_progress_link import fragment, stored, wait_status
from conftest import mkdocs_build, serve_directory, write_fixture_site

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("alias-site")
    project = write_fixture_site(root / "proj")
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with serve_directory(site) as url:
        yield url


@pytest.mark.parametrize("path", ["phases/models.html", "index.html"])
def test_progress_under_a_former_id_moves_to_the_new_id(browser, fixture_url, path):
    context = browser.new_context(base_url=fixture_url)
    page = context.new_page()
    page.goto(path)
    page.evaluate("""localStorage.setItem('mler-progress-v1', JSON.stringify(
        {version: 1, done: {regression: '2026-01-05', 'gone-topic': '2026-01-01'}}))""")
    page.reload()
    store = page.evaluate("JSON.parse(localStorage.getItem('mler-progress-v1'))")
    assert store["done"].get("linear-models") == "2026-01-05"
    assert "regression" not in store["done"]
    assert "is-done" in page.locator('.rm-node[data-topic="linear-models"]').first.get_attribute("class")
    assert page.locator('.rm-progress[data-phase="models"]').first.text_content() == "1 of 2 topics done"
    context.close()


# Issue 22: a progress link made before the rename carries the topic under its new id.

def test_a_link_made_before_a_topic_was_renamed_marks_the_renamed_topic(browser, fixture_url):
    context = browser.new_context(base_url=fixture_url)
    page = context.new_page()
    page.goto("index.html" + fragment(["regression", "python"]))
    page.locator(".rm-link-offer").wait_for(state="visible")
    assert page.locator("#rm-link-summary").text_content().startswith("This progress link holds 2 topics done;")
    page.locator("button.rm-link-merge").click()
    wait_status(page, "Progress merged: 2 topics done.")
    assert set(stored(page)) == {"linear-models", "python"}
    context.close()
