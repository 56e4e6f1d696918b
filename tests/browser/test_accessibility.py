"""axe-core over every built page in light and dark schemes, and no request ever leaves 127.0.0.1.

The light scheme is checked on a desktop with nothing done; the dark one on a 320 px phone with
every topic done, so both layouts and both states of every progress mark are checked, and no page
may scroll sideways on the phone.
"""

from __future__ import annotations

import json

import pytest

from conftest import DATA, ROOT, record_off_host, save_progress, site_context
from macros import data

pytestmark = [pytest.mark.browser]

EVERY_TOPIC_DONE = {topic.id: "2026-01-05" for topic in data.load(DATA).topics_in_order()}
LAYOUTS = {"light": {"width": 1280, "height": 900}, "dark": {"width": 320, "height": 640}}


# axe-core as package.json pins it, not the older copy inside axe-playwright-python (4.12.1): from
# 4.12 to 4.14 the contrast rule came to check the same elements in about half the time.
AXE_CORE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def site_axe():
    from axe_playwright_python.sync_playwright import Axe

    if not AXE_CORE.exists():
        pytest.fail(f"{AXE_CORE} is missing: run 'make test', which installs it with npm ci")
    return Axe.from_file(AXE_CORE)


def built_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


# The print page holds every phase page's article, one section each, under the same stylesheet. On it,
# axe's contrast rule took 24 s of a 30 s run (22,000 elements), as long as on all other pages
# together. So it checks contrast on everything but the second and later sections, whose text the phase
# pages' own runs check; every other rule checks the whole page. test_the_print_pages_contrast_run_...
# shows what that run still catches.
PRINT_CONTRAST = {"exclude": [[".rm-print-phase ~ .rm-print-phase"]]}
VIOLATIONS = {"resultTypes": ["violations"]}


def run_axe(axe, page, path: str) -> list:
    if path != "print.html":
        return axe.run(page, options=VIOLATIONS).response["violations"]
    rest = axe.run(page, options={**VIOLATIONS, "rules": {"color-contrast": {"enabled": False}}})
    return rest.response["violations"] + print_page_contrast(axe, page)


def print_page_contrast(axe, page) -> list:
    only_contrast = {**VIOLATIONS, "runOnly": {"type": "rule", "values": ["color-contrast"]}}
    return axe.run(page, context=PRINT_CONTRAST, options=only_contrast).response["violations"]


# One xdist group per scheme and per half (the print page, the others), so the sweeps spread over the workers.
SWEEPS = [pytest.param(scheme, half, marks=[pytest.mark.slow, pytest.mark.xdist_group(f"axe-{scheme}-{half}")], id=f"{scheme}-{half}")
          for scheme in ("light", "dark") for half in ("print", "others")]


@pytest.mark.parametrize("scheme, half", SWEEPS)
def test_every_page_has_no_axe_violations_and_no_off_host_requests(browser, site_url, built_site, scheme, half):
    axe = site_axe()
    context = site_context(browser, site_url, color_scheme=scheme, viewport=LAYOUTS[scheme])
    page = context.new_page()
    off_host, errors, wide = record_off_host(page, site_url), [], {}
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    failures = {}
    pages = built_pages(built_site)
    assert len(pages) > 25 and "print.html" in pages
    if scheme == "dark":
        page.goto("index.html")
        save_progress(page, EVERY_TOPIC_DONE)
    for path in (["print.html"] if half == "print" else [p for p in pages if p != "print.html"]):
        page.goto(path)  # waits for the load event: every script of the page has run
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        violations = run_axe(axe, page, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > LAYOUTS[scheme]["width"]:
            wide[path] = width
        if violations:
            failures[path] = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in violations]
    # A late request still counts: the last page is left to go quiet.
    page.wait_for_load_state("networkidle")
    context.close()
    assert not failures, failures
    assert wide == {}, wide
    assert off_host == [] and errors == [], (off_host, errors)


@pytest.mark.xdist_group("axe-light-others")
def test_axe_reports_a_planted_violation(browser, site_url):
    # Guard against a silently broken axe run: a page with an unlabelled image must fail.
    context = site_context(browser, site_url)
    page = context.new_page()
    page.goto("index.html")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"assets/favicon.svg\">')")
    result = site_axe().run(page)
    context.close()
    assert "image-alt" in [v["id"] for v in result.response["violations"]]
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    assert result.response["testEngine"]["version"] == pinned


@pytest.mark.xdist_group("axe-light-print")
def test_the_print_pages_contrast_run_checks_all_but_the_repeated_sections(browser, site_url):
    context = site_context(browser, site_url)
    page = context.new_page()
    page.goto("print.html")
    # Grey on grey (2.1:1), through the CSSOM: the Content-Security-Policy refuses style attributes.
    planted = """where => {
        const p = document.createElement("p");
        p.className = "planted-" + where;
        p.textContent = "Low contrast text";
        p.style.color = "#777"; p.style.background = "#999";
        const sections = document.querySelectorAll(".rm-print-phase");
        ({ intro: document.querySelector(".rm-print-book"), first: sections[0], last: sections[sections.length - 1] })[where].prepend(p);
    }"""
    for where in ("intro", "first", "last"):
        page.evaluate(planted, where)
    found = {node["target"][0] for v in print_page_contrast(site_axe(), page) for node in v["nodes"]}
    context.close()
    assert {target for target in found if "planted" in target} == {".planted-intro", ".planted-first"}


def _luminance(rgb: str) -> float:
    channels = [float(c) / 255 for c in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_icon_only_controls_show_their_name_on_keyboard_focus_only(browser, site_url, scheme):
    # With Material's tooltips off, a title appears on mouse hover only: a keyboard user landing on
    # an icon needs to see what it does.
    context = site_context(browser, site_url, viewport={"width": 412, "height": 823}, color_scheme=scheme)
    page = context.new_page()
    page.goto("phases/data.html")
    after = "el => { const s = getComputedStyle(el, '::after'); return [s.content, s.color, s.backgroundColor, s.display] }"
    for control in (page.locator("[data-rm-palette] button:visible"), page.locator("a.md-content__button[rel=edit]")):
        # Pressed with the mouse, it takes the focus but shows no label over what the pointer points
        # at. The pointer is released elsewhere, so nothing is activated (the edit link leaves the site).
        box = control.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        assert control.evaluate("el => el === document.activeElement")
        assert control.evaluate(after)[0] == "none"
        page.mouse.move(5, 400)
        page.mouse.up()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.getAttribute('title')")
        content, color, background, display = page.evaluate(after.replace("el =>", "(el => ") + ")(document.activeElement)")
        assert content == f'"{focused}"' and display != "none", (focused, content)
        lighter, darker = sorted((_luminance(color), _luminance(background)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (focused, color, background)
    context.close()
