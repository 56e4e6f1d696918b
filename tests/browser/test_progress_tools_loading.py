"""The progress tools (export, import, reset, the progress link) live in their own file, fetched on demand.

Only the home page has them, and most visits never use them: roadmap.js fetches progress-tools.js when a
pointer or the focus reaches them, or when the page opens on a progress link, so no page pays for them
on load (issue 22: the online pages must not get heavier). What a learner does before the file arrives
is carried out once it has.
"""

from __future__ import annotations

import json
import time

import pytest

from conftest import save_progress

pytestmark = [pytest.mark.browser]

TOOLS = "progress-tools.js"


def record_tool_requests(page) -> list:
    requested = []
    page.on("request", lambda request: requested.append(request.url) if request.url.endswith("/" + TOOLS) else None)
    return requested


def wait_status(page, text: str) -> None:
    page.wait_for_function("t => document.querySelector('.rm-tools-status').textContent.includes(t)", arg=text)


def hold_tools(page) -> list:
    """Routes the tools' file to a list, where it waits until the test lets it through."""
    held = []
    page.route("**/" + TOOLS, lambda route: held.append(route))
    return held


def wait_held(page, held: list) -> None:
    deadline = time.monotonic() + 10
    while not held:  # route handlers run while Playwright waits
        assert time.monotonic() < deadline, "the page never asked for " + TOOLS
        page.wait_for_timeout(20)


def test_pages_load_without_the_tools(page):
    requested = record_tool_requests(page)
    for path in ("phases/data.html", "catalog.html", "study-plan.html", "index.html"):
        page.goto(path, wait_until="networkidle")
    assert requested == []
    assert page.evaluate("typeof window.mlerProgressTools") == "undefined"


@pytest.mark.parametrize("reach", ["pointer", "keyboard focus"])
def test_reaching_for_the_tools_fetches_them_once(page, reach):
    requested = record_tool_requests(page)
    page.goto("index.html", wait_until="networkidle")
    if reach == "pointer":
        page.locator(".rm-tools").hover()
    else:
        page.locator("button.rm-copy-link").focus()
    page.wait_for_function("() => typeof window.mlerProgressTools === 'function'")
    page.locator(".rm-tools").hover()
    page.locator("button.rm-export").focus()
    page.wait_for_load_state("networkidle")
    assert len(requested) == 1, requested


@pytest.mark.parametrize("action", ["click", "chosen file"])
def test_an_action_taken_before_the_tools_arrive_is_carried_out_once_they_have(page, tmp_path, action):
    held = hold_tools(page)
    page.goto("index.html")
    save_progress(page, {"python-basics": "2026-01-05"})
    if action == "click":
        page.locator("button.rm-copy-link").click()
        outcome = "it holds 1 topic done"
    else:
        export = tmp_path / "progress.json"
        export.write_text(json.dumps({"format": "ml-engineer-roadmap-progress", "version": 1,
                                      "done": {"numpy": "2026-02-01", "sql": "2026-02-02"}}), encoding="utf-8")
        page.locator("input.rm-import").set_input_files(export)
        outcome = "Progress imported: 2 topics done."
    wait_held(page, held)
    page.wait_for_timeout(100)
    assert page.locator(".rm-tools-status").text_content() == ""  # held: nothing has happened yet
    held[0].continue_()
    wait_status(page, outcome)
    page.wait_for_timeout(100)
    assert outcome in page.locator(".rm-tools-status").text_content()  # carried out once, not lost


def test_tools_that_cannot_be_fetched_are_said_and_the_page_keeps_working(page):
    page.route("**/" + TOOLS, lambda route: route.abort())
    page.goto("index.html")
    save_progress(page, {"python-basics": "2026-01-05"})
    page.locator("button.rm-copy-link").click()
    wait_status(page, "Could not load the progress tools: reload the page.")
    page.goto("phases/programming.html")
    assert page.locator('button.rm-done[data-topic="python-basics"]').get_attribute("aria-pressed") == "true"
