"""The built site in Debian's chromium: loads cleanly, offline, searchable, themeable."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser]


def test_home_page_loads_without_errors_or_off_host_requests(page):
    page.goto("index.html")
    page.wait_for_load_state("networkidle")
    assert page.title() == "ML Engineer Roadmap"
    assert page.locator("nav.rm-map li.rm-node").count() > 100
    assert page.console_errors == []
    assert page.off_host_requests == []


@pytest.mark.search
@pytest.mark.parametrize("query, anchor", [("feature selection", "feature-selection"), ("gradient boosting", "tree-ensembles")])
def test_material_search_finds_a_topic_and_leads_to_its_anchor(page, query, anchor):
    page.goto("index.html")
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    # Real key presses: Material reads the query on keyup, so fill() (input events only) is seen
    # only if the search worker happens to become ready after it, which made this test flaky.
    search.press_sequentially(query)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(h.endswith("#" + anchor) for h in hrefs), hrefs
    page.locator(f'.md-search-result__item a[href$="#{anchor}"]').first.click()
    page.wait_for_url(re.compile(f"#{anchor}$"))
    assert page.locator(f"h2#{anchor}").is_visible()
    assert page.off_host_requests == []


def test_palette_toggle_cycles_by_keyboard_keeps_focus_and_survives_a_reload(page):
    page.goto("index.html")
    body = page.locator("body")
    toggle = page.locator("[data-rm-palette] button:visible")
    assert toggle.count() == 1
    assert body.get_attribute("data-md-color-scheme") == "default"  # light system, first visit: follow it
    toggle.focus()
    seen = []
    for _ in range(3):
        label = toggle.get_attribute("aria-label")
        page.keyboard.press("Enter")
        # Each button names the mode it switches to; the next one takes the focus.
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") != label
        assert page.evaluate("document.activeElement.hidden") is False
        seen.append(body.get_attribute("data-md-color-scheme"))
    assert seen == ["default", "slate", "default"]  # light, dark, back to following the system
    assert page.locator("meta[name=color-scheme]").get_attribute("content") == "light"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # dark, chosen explicitly
    assert page.locator("meta[name=color-scheme]").get_attribute("content") == "dark"
    page.reload()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert toggle.get_attribute("aria-label") == "Switch to system preference"
    assert page.console_errors == []


def test_palette_follows_a_dark_system_until_the_reader_chooses(page):
    page.emulate_media(color_scheme="dark")
    page.goto("phases/data.html")
    body = page.locator("body")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.emulate_media(color_scheme="light")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.locator("[data-rm-palette] button:visible").click()  # light, chosen explicitly
    # A listener added now runs after roadmap.js's own: once it has fired, the page has reacted.
    page.evaluate("""() => { window.schemeChanged = false;
        matchMedia("(prefers-color-scheme: light)").addEventListener("change", () => { window.schemeChanged = true; }); }""")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("() => window.schemeChanged")
    assert body.get_attribute("data-md-color-scheme") == "default"


def test_first_visit_on_a_light_system_changes_no_colour_attribute(page):
    # Each change to <body>'s colour attributes restyles the whole page: on the most common first
    # visit the page is already right, so nothing may touch them (Material's own component did, three times).
    page.add_init_script("""
        window.colourChanges = [];
        new MutationObserver(records => records.forEach(r => colourChanges.push(r.attributeName)))
          .observe(document, {subtree: true, attributes: true, attributeFilter: [
            "data-md-color-switching", "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"]});
    """)
    page.goto("phases/data.html")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-rm-palette] button:visible").count() == 1  # the toggle did mount
    assert page.evaluate("colourChanges") == []
    assert page.locator("meta[name=color-scheme]").get_attribute("content") == "light"


def _root_classes(page) -> set[str]:
    page.wait_for_load_state("networkidle")
    return set(page.evaluate("document.documentElement.className").split())


def test_head_script_already_sets_every_class_materials_bundle_adds(page):
    # Every class change on <html> restyles the whole page, so the head script sets the bundle's classes first.
    page.goto("phases/data.html")
    with_bundle = _root_classes(page)
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto("phases/data.html")
    head_only = _root_classes(page)
    assert "js" in with_bundle and "no-js" not in with_bundle
    assert head_only == with_bundle


def test_start_up_rewrites_no_link_on_the_page(page):
    # Material's instant navigation rewrote every relative href to an absolute URL at start-up, a
    # quarter of its bundle's evaluation on the catalog; and a stylesheet link whose href changes is
    # parsed again and restyles every element. Links stay as the build wrote them, on every page.
    page.add_init_script("""
        window.rewrites = [];
        // Relative URLs only: the search share button's javascript: href is Material's to update.
        new MutationObserver(records => records.forEach(r => {
          if (r.oldValue && !/^(?:[a-z]+:|#|[/][/])/i.test(r.oldValue)) rewrites.push(r.target.tagName + " " + r.oldValue);
        }))
          .observe(document, {subtree: true, attributes: true, attributeFilter: ["href", "src"], attributeOldValue: true});
    """)
    page.goto("phases/data.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("rewrites") == []
    links = page.locator("a[href]:not([href^='http']):not([href^='#'])")
    assert links.count() > 50  # the page does have relative links that could have been rewritten
    assert page.locator("link[rel=stylesheet]").count() == 3
    styled = "() => getComputedStyle(document.querySelector('.md-header')).position === 'sticky'"
    assert page.evaluate(styled)
    page.locator(".md-footer__link--next").click()
    page.wait_for_url("**/phases/classical-ml.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(styled) and page.evaluate("rewrites") == []


def test_page_falls_back_to_materials_no_js_styles_when_its_bundle_fails(page):
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto("phases/data.html")
    classes = _root_classes(page)
    assert "no-js" in classes and "js" not in classes
    assert page.locator(".md-search").is_hidden()  # Material hides search it cannot run
    assert page.locator("h1").is_visible()


def test_browser_toolbar_colour_follows_the_header_in_each_scheme(page):
    page.goto("index.html")
    same_as_header = """() => { const meta = document.querySelector('meta[name=theme-color]');
        return meta && meta.content === getComputedStyle(document.querySelector('.md-header')).backgroundColor; }"""
    page.wait_for_function(same_as_header)
    light = page.locator("meta[name=theme-color]").get_attribute("content")
    toggle = page.locator("[data-rm-palette] button:visible")
    toggle.click()
    toggle.click()  # system -> light -> dark
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.wait_for_function(same_as_header)
    assert page.locator("meta[name=theme-color]").get_attribute("content") != light
