"""Progress links (issue 22): done topics in the URL fragment, offered to merge or replace, never applied silently.

A link is "#progress=1", five base-36 characters per topic (macros.data.progress_code, itself checked
against FNV-1a's published test vectors in tests/test_data.py) and five more of the codes' own.
"""

from __future__ import annotations

import datetime
import json

import pytest

from conftest import DATA, STORE, save_progress
from macros import data

pytestmark = [pytest.mark.browser]

ROADMAP = data.load(DATA)
ALL_IDS = [t.id for t in ROADMAP.topics_in_order()]
A, B, C = "python-basics", "numpy", "sql"


def fragment(ids) -> str:
    codes = "".join(sorted(data.progress_code(i) for i in ids))
    return "#progress=1" + codes + data.progress_code(codes)


def today() -> str:
    return datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def stored(page) -> dict:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key) || '{\"done\": {}}')", STORE)["done"]


def status(page) -> str:
    return page.locator(".rm-tools-status").text_content()


def wait_status(page, text: str) -> None:
    page.wait_for_function("t => document.querySelector('.rm-tools-status').textContent.includes(t)", arg=text)


def focused_class(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.className")


def open_link(page, done_here: dict, link: str) -> None:
    page.goto("index.html")
    save_progress(page, done_here)
    page.goto("index.html" + link)


def test_copy_puts_exactly_the_done_topics_of_this_roadmap_in_the_link(page, site_url):
    page.goto("index.html")
    save_progress(page, {A: "2026-01-05", C: "2026-02-01", "topic-removed-long-ago": "2025-12-01"})
    page.reload()
    page.locator("button.rm-copy-link").click()
    wait_status(page, "2 topics done")
    assert page.locator(".rm-link-field").input_value() == site_url + "index.html" + fragment([A, C])
    assert "rm-link-field" in focused_class(page)  # selected, ready for Ctrl+C where the clipboard is refused


def test_copy_with_nothing_done_says_so_and_makes_no_link(page):
    page.goto("index.html")
    page.locator("button.rm-copy-link").click()
    wait_status(page, "nothing to put in a link")
    assert page.locator(".rm-link-output").is_hidden()


def test_an_opened_link_is_offered_first_and_saves_nothing_until_chosen(page):
    open_link(page, {A: "2026-01-05", C: "2026-02-01"}, fragment([A, B]))
    offer = page.locator(".rm-link-offer")
    offer.wait_for(state="visible")
    assert "rm-link-offer" in focused_class(page)  # taken to the choice, which names itself
    assert page.locator("#rm-link-summary").text_content() == (
        "This progress link holds 2 topics done; this browser has 2, 1 of them in the link. "
        "Merge them, or replace this browser's progress with the link's?")
    assert stored(page) == {A: "2026-01-05", C: "2026-02-01"}


def test_merge_keeps_both_and_the_dates_already_here(page):
    open_link(page, {A: "2026-01-05", C: "2026-02-01"}, fragment([A, B]))
    page.locator("button.rm-link-merge").click()
    wait_status(page, "Progress merged: 3 topics done.")
    assert stored(page) == {A: "2026-01-05", B: today(), C: "2026-02-01"}
    assert page.locator(".rm-link-offer").is_hidden()
    assert "#progress" not in page.url  # a reload does not offer it again
    assert "rm-copy-link" in focused_class(page)
    assert "is-done" in page.locator(f'.rm-node[data-topic="{B}"]').get_attribute("class")


def test_replace_keeps_only_the_links_topics(page):
    open_link(page, {A: "2026-01-05", C: "2026-02-01"}, fragment([A, B]))
    page.locator("button.rm-link-replace").click()
    wait_status(page, "Progress replaced: 2 topics done.")
    assert stored(page) == {A: "2026-01-05", B: today()}


def test_ignore_changes_nothing(page):
    open_link(page, {C: "2026-02-01"}, fragment([A, B]))
    page.locator("button.rm-link-ignore").click()
    wait_status(page, "The link was ignored: nothing changed.")
    assert stored(page) == {C: "2026-02-01"}
    assert "#progress" not in page.url


def test_the_offer_works_with_the_keyboard_alone(page):
    open_link(page, {}, fragment(ALL_IDS[:10]))
    page.locator(".rm-link-offer").wait_for(state="visible")
    page.keyboard.press("Tab")
    assert "rm-link-merge" in focused_class(page)
    page.keyboard.press("Enter")
    wait_status(page, "Progress merged: 10 topics done.")
    assert sorted(stored(page)) == sorted(ALL_IDS[:10])


def test_a_link_pasted_into_the_open_home_page_is_offered_too(page):
    page.goto("index.html")
    page.evaluate("hash => { location.hash = hash; }", fragment([B]))
    page.locator(".rm-link-offer").wait_for(state="visible")
    assert page.locator("#rm-link-summary").text_content().startswith("This progress link holds 1 topic done;")


def test_codes_of_removed_topics_are_skipped_and_said(page):
    open_link(page, {}, fragment([A, "a-topic-that-was-removed"]))
    page.locator(".rm-link-offer").wait_for(state="visible")
    assert "1 entry in it is no longer a topic and will be skipped." in page.locator("#rm-link-summary").text_content()
    page.locator("button.rm-link-merge").click()
    wait_status(page, "Progress merged: 1 topic done.")
    assert list(stored(page)) == [A]


def test_a_link_of_removed_topics_only_changes_nothing(page):
    open_link(page, {C: "2026-02-01"}, fragment(["gone-one", "gone-two"]))
    wait_status(page, "Nothing changed: this progress link holds no topic of this roadmap. 2 entries")
    assert page.locator(".rm-link-offer").is_hidden()
    assert stored(page) == {C: "2026-02-01"}


def _tampered(link: str) -> str:
    position = len("#progress=1") + 2
    swapped = "0" if link[position] != "0" else "1"
    return link[:position] + swapped + link[position + 1:]


@pytest.mark.parametrize("damage", [
    pytest.param(_tampered, id="one character changed"),
    pytest.param(lambda link: link[:-5], id="cut by one code"),
    pytest.param(lambda link: link[:-1], id="cut by one character"),
    pytest.param(lambda link: link.replace("#progress=1", "#progress=2"), id="unknown version"),
    pytest.param(lambda link: link + "%3Cscript%3E", id="characters no link holds"),
    pytest.param(lambda link: "#progress=", id="empty"),
])
def test_a_damaged_link_gets_a_clear_message_and_changes_nothing(page, damage):
    open_link(page, {C: "2026-02-01"}, damage(fragment([A, B, C])))
    wait_status(page, "Nothing changed: this progress link is damaged or incomplete; ask for a new one.")
    assert page.locator(".rm-link-offer").is_hidden()
    assert stored(page) == {C: "2026-02-01"}


def test_the_outcome_is_announced_to_screen_readers(page):
    page.goto("index.html")
    region = page.locator(".rm-tools-status")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    assert page.locator(".rm-link-offer").get_attribute("aria-labelledby") == "rm-link-summary"


def test_link_lengths_stay_short():
    """The closing note's figures: a fragment grows by five characters a topic."""
    lengths = {n: len(fragment(ALL_IDS[:n])) for n in (10, 50, len(ALL_IDS))}
    assert lengths[10] == len("#progress=1") + 10 * 5 + 5
    assert lengths[len(ALL_IDS)] < 1000, json.dumps(lengths)
