"""Learner features in Debian's chromium: map, progress, export/import, catalog, planner, print, keyboard."""

from __future__ import annotations

import json
import re

import pytest

import yaml

from conftest import ROOT, expected_path, site_context
from macros import data, render

pytestmark = [pytest.mark.browser]
ROADMAP = data.load(ROOT / "data", display_root=ROOT)
DATA_PHASE = ROADMAP.phases_by_id["data"]
ROADMAP_DOC = yaml.safe_load((ROOT / "data" / "roadmap.yml").read_text(encoding="utf-8"))


def done_count_text(page, phase_id):
    return page.locator(f'.rm-progress[data-phase="{phase_id}"]').first.text_content()


def test_map_nodes_link_to_their_topic_anchors(page):
    page.goto("index.html")
    for topic_id in ("feature-selection", "rl-tools", "first-role"):
        page.goto("index.html")
        page.locator(f'.rm-map .rm-node[data-topic="{topic_id}"] a').click()
        page.wait_for_url(re.compile(f"#{topic_id}$"))
        assert page.locator(f"h2#{topic_id}").is_visible()


def test_marking_done_persists_and_updates_counter_and_map(page):
    page.goto("phases/data.html")
    button = page.locator('button.rm-done[data-topic="data-cleaning"]')
    assert button.get_attribute("aria-pressed") == "false"
    assert done_count_text(page, "data") == f"0 of {len(DATA_PHASE.topics)} topics done"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert done_count_text(page, "data") == f"1 of {len(DATA_PHASE.topics)} topics done"
    page.reload()
    assert page.locator('button.rm-done[data-topic="data-cleaning"]').get_attribute("aria-pressed") == "true"
    # Following a link to another page: the map there shows the same progress.
    page.locator(".md-header__title, .md-logo").first.click()
    page.wait_for_url(re.compile(r"index\.html$|/$"))
    node = page.locator('.rm-map .rm-node[data-topic="data-cleaning"]')
    node.wait_for()
    assert "is-done" in node.get_attribute("class")
    assert "(done)" in node.text_content()
    assert done_count_text(page, "data") == f"1 of {len(DATA_PHASE.topics)} topics done"
    assert page.off_host_requests == []


def test_unknown_ids_from_removed_topics_are_ignored(page):
    page.goto("phases/data.html")
    page.evaluate("""localStorage.setItem('mler-progress-v1', JSON.stringify(
        {version: 1, done: {'data-splitting': '2026-01-01', 'a-removed-topic': '2026-01-01'}}))""")
    page.reload()
    assert done_count_text(page, "data") == f"1 of {len(DATA_PHASE.topics)} topics done"
    assert page.console_errors == []


def _export(page, tmp_path):
    with page.expect_download() as download_info:
        page.locator("button.rm-export").click()
    path = tmp_path / "progress.json"
    download_info.value.save_as(path)
    return path


def test_export_then_import_round_trips(page, tmp_path):
    page.goto("phases/data.html")
    page.locator('button.rm-done[data-topic="data-collection"]').click()
    page.locator('button.rm-done[data-topic="feature-selection"]').click()
    page.goto("index.html")
    exported = _export(page, tmp_path)
    saved = json.loads(exported.read_text())
    assert set(saved["done"]) == {"data-collection", "feature-selection"}
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_event("dialog") as shown:
        page.locator("button.rm-reset").click()
    assert shown.value.type == "confirm"  # reset asked first
    expect_status(page, "Progress cleared.")
    assert done_count_text(page, "data") == f"0 of {len(DATA_PHASE.topics)} topics done"
    page.locator("input.rm-import").set_input_files(str(exported))
    expect_status(page, "Progress imported: 2 topics done.")
    assert done_count_text(page, "data") == f"2 of {len(DATA_PHASE.topics)} topics done"


def expect_status(page, text):
    page.wait_for_function("t => document.querySelector('.rm-tools-status').textContent.includes(t)", arg=text)


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not valid JSON"),
    ('{"format": "something-else", "version": 1, "done": {}}', "not a progress export"),
    ('{"format": "ml-engineer-roadmap-progress", "version": 1, "done": {"Bad Id": "2026-01-01"}}', "is not a topic id"),
])
def test_malformed_import_is_rejected_and_changes_nothing(page, tmp_path, content, reason):
    page.goto("index.html")
    page.evaluate("""localStorage.setItem('mler-progress-v1', JSON.stringify({version: 1, done: {'sql': '2026-01-01'}}))""")
    page.reload()
    before = page.evaluate("localStorage.getItem('mler-progress-v1')")
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    page.locator("input.rm-import").set_input_files(str(bad))
    expect_status(page, "Import failed, nothing changed")
    assert reason in page.locator(".rm-tools-status").text_content()
    assert page.evaluate("localStorage.getItem('mler-progress-v1')") == before
    # And as the script itself reads it: the one topic done before is still done.
    programming = ROADMAP.phases_by_id["programming"]
    assert done_count_text(page, "programming") == f"1 of {len(programming.topics)} topics done"


def test_cancelling_reset_keeps_progress(page):
    page.goto("phases/data.html")
    page.locator('button.rm-done[data-topic="data-collection"]').click()
    page.goto("index.html")
    # The dialog may come after the click returns (the progress tools are fetched on first use), so
    # it is answered as it opens, and waited for.
    page.once("dialog", lambda dialog: dialog.dismiss())
    with page.expect_event("dialog") as shown:
        page.locator("button.rm-reset").click()
    assert shown.value.type == "confirm" and shown.value.message
    assert done_count_text(page, "data") == f"1 of {len(DATA_PHASE.topics)} topics done"
    page.reload()
    assert done_count_text(page, "data") == f"1 of {len(DATA_PHASE.topics)} topics done"


def visible_rows(page):
    return page.locator("table.rm-catalog tbody tr:visible")


def test_catalog_filters_narrow_rows_update_the_url_and_announce_the_count(page):
    page.goto("catalog.html")
    total = len(ROADMAP.resources)
    first = render.CATALOG_FIRST_ROWS
    assert total > first
    assert visible_rows(page).count() == first
    assert page.locator(".rm-count").text_content() == f"First {first} of {total} matching resources shown"
    page.select_option("form.rm-filters select[name=cost]", "paid")
    page.select_option("form.rm-filters select[name=type]", "book")
    expected = sum(1 for r in ROADMAP.resources if r.cost == "paid" and r.type == "book")
    assert 0 < expected < total
    assert visible_rows(page).count() == expected
    assert re.search(r"type=book", page.url) and re.search(r"cost=paid", page.url)
    assert page.locator(".rm-count").text_content() == f"{expected} of {total} resources shown"
    assert page.locator(".rm-count").get_attribute("role") == "status"


def test_catalog_level_track_and_typed_text_filters(page):
    page.goto("catalog.html")
    total = len(ROADMAP.resources)
    page.select_option("form.rm-filters select[name=level]", "advanced")
    advanced = [r for r in ROADMAP.resources if r.level == "advanced"]
    assert visible_rows(page).count() == min(len(advanced), render.CATALOG_FIRST_ROWS)
    page.select_option("form.rm-filters select[name=track]", "rl")
    on_rl = [r for r in advanced if any("rl" in ROADMAP.tracks_of(t) for t in r.topics)]
    assert 0 < len(on_rl) < len(advanced)
    assert visible_rows(page).count() == len(on_rl)
    # Typing narrows further, by title, author or why, without regard to case.
    word = max(re.findall(r"[A-Za-z]{4,}", on_rl[0].title), key=len).lower()
    expected = [r for r in on_rl if word in " ".join(filter(None, (r.title, r.author, r.provider, r.why))).lower()]
    assert expected
    page.locator("form.rm-filters input[type=search]").press_sequentially(word.swapcase())
    assert visible_rows(page).count() == len(expected)
    assert page.locator(".rm-count").text_content() == f"{len(expected)} of {total} resources shown"


def test_catalog_url_restores_filters(page):
    page.goto("catalog.html?phase=reinforcement-learning&cost=free&q=gymnasium")
    assert page.locator("form.rm-filters select[name=phase]").input_value() == "reinforcement-learning"
    assert page.locator("form.rm-filters input[name=text]").input_value() == "gymnasium"
    rows = visible_rows(page)
    assert rows.count() >= 1
    for i in range(rows.count()):
        row = rows.nth(i)
        assert row.get_attribute("data-cost") == "free"
        assert "reinforcement-learning" in row.get_attribute("data-phases").split()
        assert "gymnasium" in row.text_content().lower()


def test_catalog_show_all_reveals_every_row_and_keeps_focus_in_the_table(page):
    page.goto("catalog.html")
    first = render.CATALOG_FIRST_ROWS
    more = page.locator(".rm-catalog-more button")
    assert more.text_content() == f"Show all {len(ROADMAP.resources)} matching resources"
    more.focus()
    page.keyboard.press("Enter")
    assert visible_rows(page).count() == len(ROADMAP.resources)
    assert more.is_hidden()
    focused = page.evaluate("document.activeElement.closest('tr') && [...document.activeElement.closest('tbody').rows].indexOf(document.activeElement.closest('tr'))")
    assert focused == first
    # Sorting keeps every row shown once the learner asked for all of them.
    page.locator('th button[data-sort="level"]').click()
    assert visible_rows(page).count() == len(ROADMAP.resources)


def test_without_scripting_every_row_shows_and_script_only_controls_stay_hidden(browser, site_url):
    context = site_context(browser, site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("catalog.html")
        assert page.locator("table.rm-catalog tbody tr").evaluate_all(
            "rows => rows.filter(r => r.getClientRects().length > 0).length") == len(ROADMAP.resources)
        assert page.locator("form.rm-filters").is_hidden()
        assert page.locator(".rm-catalog-more").is_hidden()
        page.goto("phases/data.html")
        assert page.locator(".rm-done").first.is_hidden()
        assert page.locator(".rm-progress").first.is_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["index.html", "phases/data.html", "catalog.html", "tracks/genai.html"])
def test_pages_do_not_shift_when_the_script_arrives(browser, site_url, path):
    """Script-only controls are laid out from the first paint, so running roadmap.js moves nothing."""
    context = site_context(browser, site_url, viewport={"width": 412, "height": 823})
    try:
        page = context.new_page()
        page.goto(path, wait_until="load")
        # roadmap.js has run once its palette toggle is set up; two frames later any shift is recorded.
        page.wait_for_function("() => document.querySelector('[data-rm-palette]')?.hasAttribute('data-rm-ready')")
        shift = page.evaluate("""() => new Promise(resolve => {
            let total = 0;
            new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
              .observe({type: "layout-shift", buffered: true});
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
        })""")
        assert shift < 0.01
    finally:
        context.close()


def test_catalog_sorts_by_a_column(page):
    page.goto("catalog.html")
    page.locator('th button[data-sort="title"]').click()
    titles = page.locator("table.rm-catalog tbody tr th a").evaluate_all("links => links.map(a => a.textContent.toLowerCase())")
    assert len(titles) == len(ROADMAP.resources)
    assert titles == sorted(titles)
    assert titles != [r.title.lower() for r in render.sort_resources(ROADMAP.resources)]  # the order did change
    assert page.locator('th:has(button[data-sort="title"])').get_attribute("aria-sort") == "ascending"


@pytest.mark.parametrize("column, rank_of", [
    ("cost", lambda row: render.COST_ORDER[row["cost"]]),
    ("level", lambda row: render.LEVEL_ORDER[row["level"]]),
    ("topic", lambda row: ROADMAP.phases_by_id[row["phases"].split()[0]].number),
])
def test_catalog_sorts_ranked_columns_in_roadmap_order_both_ways(page, column, rank_of):
    page.goto("catalog.html")
    read = "rows => rows.map(r => ({cost: r.dataset.cost, level: r.dataset.level, phases: r.dataset.phases}))"

    def ranks():
        return [rank_of(row) for row in page.locator("table.rm-catalog tbody tr").evaluate_all(read)]

    button = page.locator(f'th button[data-sort="{column}"]')
    button.click()
    ascending = ranks()
    assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
    button.click()
    descending = ranks()
    assert descending == sorted(descending, reverse=True)
    assert page.locator(f'th:has(button[data-sort="{column}"])').get_attribute("aria-sort") == "descending"


def test_keyboard_alone_reaches_map_nodes_and_toggles_done(page):
    page.goto("phases/data.html")
    reached = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate("() => { const e = document.activeElement; return [e.tagName, e.className, e.dataset.topic || ''] }")
        if info[0] == "BUTTON" and "rm-done" in info[1]:
            reached.add("done-button")
            page.keyboard.press("Space")
            assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
            break
    assert "done-button" in reached
    page.goto("index.html")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.rm-map .rm-node')"):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none"
            break
    else:
        pytest.fail("Tab never reached a map node")


def plan_summary(page):
    return page.locator(".rm-planner-summary").text_content()


def test_pace_planner_dates_follow_hours_and_done_topics(page):
    page.goto("study-plan.html")
    page.fill("form.rm-planner input[name=start]", "2027-01-04")
    page.fill("form.rm-planner input[name=hours]", "10")
    slow = plan_summary(page)
    page.fill("form.rm-planner input[name=hours]", "40")
    fast = plan_summary(page)
    assert slow != fast
    weeks = lambda text: int(re.search(r"About (\d+) weeks", text).group(1))
    assert weeks(fast) < weeks(slow)
    total_hours = sum(t["hours"] for t in expected_path(ROADMAP_DOC, None))  # one cloud, not three
    assert weeks(fast) == -(-total_hours // 40)
    # Mark a whole phase done elsewhere: the plan shrinks by its hours.
    done = {t.id: "2026-01-01" for t in ROADMAP.phases_by_id["programming"].topics}
    page.evaluate("d => localStorage.setItem('mler-progress-v1', JSON.stringify({version: 1, done: d}))", done)
    page.reload()
    page.fill("form.rm-planner input[name=start]", "2027-01-04")
    page.fill("form.rm-planner input[name=hours]", "40")
    left = total_hours - ROADMAP.phases_by_id["programming"].hours
    assert weeks(plan_summary(page)) == -(-left // 40)
    first_row = page.locator(".rm-planner-output tbody tr").first
    assert "nothing left" in first_row.text_content()


def test_planner_total_for_each_track_is_the_sum_of_its_path(page):
    page.goto("study-plan.html")
    page.fill("form.rm-planner input[name=hours]", "1")  # one hour a week: weeks equal hours
    weeks = lambda: int(re.search(r"About (\d+) weeks", plan_summary(page)).group(1))
    for track in [None] + [t["id"] for t in ROADMAP_DOC["tracks"]]:
        page.select_option("form.rm-planner select[name=track]", track or "")
        assert weeks() == sum(t["hours"] for t in expected_path(ROADMAP_DOC, track)), track


def test_planner_counts_the_cloud_the_learner_picks(page):
    page.goto("study-plan.html")
    page.evaluate("localStorage.setItem('mler-progress-v1', JSON.stringify({version: 1, done: {'cloud-gcp': '2026-01-01'}}))")
    page.reload()
    page.fill("form.rm-planner input[name=hours]", "1")
    page.select_option("form.rm-planner select[name=track]", "mlops")
    weeks = lambda: int(re.search(r"About (\d+) weeks", plan_summary(page)).group(1))
    on_aws = weeks()
    page.select_option("form.rm-planner select[data-group=cloud]", "cloud-gcp")
    assert weeks() == on_aws - ROADMAP.topics["cloud-gcp"].hours  # GCP is done, so picking it leaves less
    page.select_option("form.rm-planner select[data-group=cloud]", "cloud-azure")
    assert weeks() == on_aws - ROADMAP.topics["cloud-aws"].hours + ROADMAP.topics["cloud-azure"].hours


def test_print_page_contains_every_topic(page):
    page.goto("print.html")
    ids = page.locator(".rm-print-book h2[id]").evaluate_all("els => els.map(e => e.id)")
    assert ids == [t.id for t in ROADMAP.topics_in_order()]
    # With the prose: each topic's "What to learn" and self-check, as on its phase page.
    assert page.locator(".rm-print-book .admonition.success").count() >= len(ids)
    contents = page.locator(".rm-print-contents a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert all(page.locator(f"[id='{href[1:]}']").count() == 1 for href in contents)
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").first.is_hidden()


def test_map_reads_well_on_a_phone(browser, site_url):
    context = site_context(browser, site_url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto("index.html")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    context.close()


@pytest.mark.parametrize("path, form", [("catalog.html", "form.rm-filters"), ("study-plan.html", "form.rm-planner")])
def test_form_controls_fit_a_phone_and_are_large_enough_to_tap(browser, site_url, path, form):
    context = site_context(browser, site_url, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(path)
        boxes = page.locator(f"{form} :is(input:not([type=file]), select, button)").evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.height]; })")
        assert boxes
        for left, right, height in boxes:
            assert left >= 0 and right <= 360, (left, right)
            assert height >= 24  # WCAG 2.5.8 target size
        # Each label's text sits above its control, not beside it.
        label, control = page.locator(f"{form} .rm-field").first.locator("span, :is(input, select)").all()[:2]
        assert label.bounding_box()["y"] + label.bounding_box()["height"] <= control.bounding_box()["y"] + 1
    finally:
        context.close()


@pytest.mark.parametrize("width", [360, 412])
def test_page_titles_have_no_empty_line_under_them_on_a_phone(browser, site_url, width):
    """A title whose last line fills the width must not push its hidden permalink onto a blank line."""
    context = site_context(browser, site_url, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        for path in ["index.html", "phases/data.html", "phases/classical-ml.html", "catalog.html", "tracks/genai.html"]:
            page.goto(path)
            lines, text_lines = page.evaluate("""() => {
                const h1 = document.querySelector("article h1");
                const words = document.createRange();
                words.selectNodeContents(h1);
                const link = h1.querySelector(".headerlink");
                if (link) words.setEndBefore(link);
                const tops = new Set([...words.getClientRects()].map(r => Math.round(r.top)));
                return [h1.getBoundingClientRect().height / parseFloat(getComputedStyle(h1).lineHeight), tops.size];
            }""")
            assert round(lines) == text_lines, (path, lines, text_lines)
    finally:
        context.close()


@pytest.mark.parametrize("path, table", [("phases/data.html", "table.rm-resources"), ("catalog.html", "table.rm-catalog")])
def test_resources_read_as_cards_on_a_phone(browser, site_url, path, table):
    """Below tablet width each resource's title and note take the full width, its badges go under them,
    and nothing scrolls sideways; the catalog keeps its sort buttons."""
    context = site_context(browser, site_url, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        cards = page.locator(f"{table} tbody tr:visible")
        assert cards.count() >= 3
        for i in range(3):
            card = cards.nth(i).bounding_box()
            title = cards.nth(i).locator("th").bounding_box()
            badge = cards.nth(i).locator(".rm-badge").first.bounding_box()
            assert title["width"] >= 0.95 * card["width"], (i, title, card)
            assert badge["y"] >= title["y"] + title["height"] - 1, (i, badge, title)
        sort = page.locator(f"{table} thead button.rm-sort")
        if path == "catalog.html":
            assert sort.count() == 5 and all(sort.nth(i).is_visible() for i in range(5))
            sort.last.click()
            assert page.locator(f'{table} thead th:has(button[data-sort="level"])').get_attribute("aria-sort") == "ascending"
        else:
            # Column headings are left to screen readers: a card already labels its badges.
            assert page.locator(f"{table} thead tr").first.bounding_box()["width"] <= 1
    finally:
        context.close()
