"""The pictures in Debian's chromium: links that land, done marks from stored progress, keyboard order,
the planner's timeline, phone widths, real text inside its boxes, and colours in both schemes."""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import posixpath
import re
from html.parser import HTMLParser

import pytest
import yaml

from conftest import ROOT, expected_path, expected_reading_order, save_progress, site_context

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("diagrams")]
DOC = yaml.safe_load((ROOT / "data" / "roadmap.yml").read_text(encoding="utf-8"))
PHASES = {p["id"]: p for p in DOC["phases"]}
SHOWN = "svg.rm-dg:visible"  # of a picture's two widths, the one on screen


@contextlib.contextmanager
def opened(browser, site_url, **options):
    context = site_context(browser, site_url, **options)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    try:
        yield page
    finally:
        context.close()


def store_done(page, topic_ids):
    save_progress(page, {topic_id: "2026-01-05" for topic_id in topic_ids})


# -- links -------------------------------------------------------------------------------------------


class Figures(HTMLParser):
    """The hrefs inside the pictures of a page, and the ids of the page."""

    def __init__(self):
        super().__init__()
        self.depth, self.hrefs, self.ids = 0, [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "figure" and "rm-diagram" in (attrs.get("class") or ""):
            self.depth += 1
        elif tag == "figure" and self.depth:
            self.depth += 1
        if self.depth and tag == "a":
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "figure" and self.depth:
            self.depth -= 1


@functools.lru_cache(maxsize=None)  # a page is parsed once, however many links point into it
def parsed(path):
    figures = Figures()
    figures.feed(path.read_text(encoding="utf-8"))
    return figures


def test_every_picture_link_leads_to_a_page_that_has_its_anchor(built_site):
    pages = {p.relative_to(built_site).as_posix(): p for p in built_site.rglob("*.html")}
    checked = 0
    for name, path in pages.items():
        for href in parsed(path).hrefs:
            target, _, anchor = href.partition("#")
            target_name = posixpath.normpath(posixpath.join(posixpath.dirname(name), target)) if target else name
            assert target_name in pages, (name, href)
            if anchor:
                assert anchor in parsed(pages[target_name]).ids, (name, href)
            checked += 1
    # Home: every phase twice (two widths); each phase page: its topics and what they build on.
    assert checked >= 2 * len(DOC["phases"]) + sum(len(p["topics"]) for p in DOC["phases"])


# -- progress ----------------------------------------------------------------------------------------


def test_marking_a_topic_done_shows_on_its_picture_and_on_the_home_station(page):
    phase = PHASES["data"]
    page.goto("phases/data.html")
    node = page.locator(f'{SHOWN} a.rm-node[data-topic="data-cleaning"]')
    assert "is-done" not in node.get_attribute("class")
    assert node.locator(".rm-dg-check").is_hidden()
    page.locator('button.rm-done[data-topic="data-cleaning"]').click()
    assert "is-done" in node.get_attribute("class")
    assert node.locator(".rm-dg-check").is_visible()
    # Only that topic, wherever else it stands.
    assert page.locator(f"{SHOWN} a.rm-node.is-done").evaluate_all("els => els.map(e => e.dataset.topic)") == ["data-cleaning"]
    page.goto("index.html")
    station = page.locator(f'{SHOWN} a.rm-dg-station[data-phase="data"]')
    total = len(phase["topics"])
    assert station.locator(".rm-progress").text_content() == f"1 of {total} topics done"
    assert "is-done" not in station.get_attribute("class")
    # Every topic of the phase done: the station shows done too.
    store_done(page, [t["id"] for t in phase["topics"]])
    page.reload()
    assert station.locator(".rm-progress").text_content() == f"{total} of {total} topics done"
    assert "is-done" in station.get_attribute("class")
    assert page.locator(f"{SHOWN} a.rm-dg-station.is-done").count() == 1


def test_without_scripting_the_pictures_are_complete_and_neutral(browser, site_url):
    with opened(browser, site_url, java_script_enabled=False) as page:
        page.goto("index.html")
        stations = page.locator(f"{SHOWN} a.rm-dg-station")
        assert stations.count() == len(DOC["phases"])
        first = DOC["phases"][0]
        assert stations.first.locator(".rm-progress").text_content() == f"{len(first['topics'])} topics"
        page.goto("phases/data.html")
        assert page.locator(f"{SHOWN} a.rm-node").count() == len(expected_reading_order(DOC, "data"))
        assert page.locator(f"{SHOWN} .is-done").count() == 0
        page.goto("study-plan.html")
        bars = page.locator(f"{SHOWN} .rm-tl-bar")
        assert bars.count() == len(DOC["phases"])
        assert bars.first.bounding_box()["width"] > 10
        assert page.locator(f"{SHOWN} text[data-phase]").first.text_content().startswith("weeks 1 to ")


# -- keyboard ----------------------------------------------------------------------------------------


def tab_through_picture(page):
    """Tab from just before the picture on screen until focus leaves it: what each link says it is."""
    page.locator("figure.rm-diagram").first.evaluate(
        "f => f.insertAdjacentHTML('beforebegin', '<span id=rm-before tabindex=-1></span>')")
    page.locator("#rm-before").focus()
    reached = []
    for _ in range(200):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement;
            return e.closest('svg.rm-dg') ? (e.dataset.topic || e.dataset.phase) : null }""")
        if info is None:
            break
        reached.append(info)
    return reached


@pytest.mark.parametrize("phase_id", ["llm-engineering", "data"])
@pytest.mark.parametrize("width", [1280, 360])
def test_keyboard_reaches_a_phase_picture_s_topics_in_reading_order_with_a_visible_focus(browser, site_url, phase_id, width):
    with opened(browser, site_url, viewport={"width": width, "height": 800}) as page:
        page.goto(f"phases/{phase_id}.html")
        assert tab_through_picture(page) == expected_reading_order(DOC, phase_id)
        # Back on the last one: a solid ring in the accent colour, as every control of ours has.
        page.keyboard.press("Shift+Tab")
        style, width, colour, accent = page.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
            const probe = document.body.appendChild(document.createElement("i"));
            probe.style.color = "var(--md-accent-fg-color)";
            const accent = getComputedStyle(probe).color; probe.remove();
            return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor, accent] })()""")
        assert (style, width, colour) == ("solid", 2, accent)


def test_keyboard_reaches_the_home_stations_in_phase_order(page):
    page.goto("index.html")
    assert tab_through_picture(page) == [p["id"] for p in DOC["phases"]]


# -- the planner's timeline ------------------------------------------------------------------------------


def timeline(page):
    return page.locator(SHOWN).filter(has=page.locator(".rm-tl-bar")).evaluate("""svg => ({
        bars: [...svg.querySelectorAll('.rm-tl-bar')].map(b => [b.dataset.phase, b.getAttribute('x'), b.getAttribute('width')]),
        dates: [...svg.querySelectorAll('text[data-phase]')].map(t => t.textContent),
        ticks: [...svg.querySelectorAll('[data-fraction]')].map(t => t.textContent)})""")


def plan_start(page, hours):
    page.fill("form.rm-planner input[name=start]", "2027-01-04")
    page.fill("form.rm-planner input[name=hours]", str(hours))


def iso_after(weeks: float) -> str:
    return (datetime.datetime(2027, 1, 4) + datetime.timedelta(weeks=weeks)).date().isoformat()


def test_the_timeline_follows_the_pace_and_the_topics_done(page):
    page.goto("study-plan.html")
    plan_start(page, 10)
    slow = timeline(page)
    plan_start(page, 40)
    fast = timeline(page)
    # Same shares of a shorter plan: the bars stay, the dates move closer.
    assert fast["bars"] == slow["bars"] and fast["dates"] != slow["dates"] and fast["ticks"] != slow["ticks"]
    path = expected_path(DOC, None)
    hours = {p: sum(t["hours"] for t in path if t in PHASES[p]["topics"]) for p in PHASES}
    first = DOC["phases"][0]["id"]
    assert fast["dates"][0] == f"2027-01-04 to {iso_after(hours[first] / 40)}"
    assert fast["ticks"][0] == "2027-01-04" and fast["ticks"][-1] == iso_after(sum(hours.values()) / 40)
    # The first phase done elsewhere: its bar empties and the others move up to fill the plan.
    store_done(page, [t["id"] for t in PHASES[first]["topics"]])
    page.reload()
    plan_start(page, 40)
    done = timeline(page)
    assert done["bars"][0] == [first, "0.000%", "0.000%"] and done["dates"][0] == "nothing left"
    second = done["bars"][1]
    assert second[1] == "0.000%" and float(second[2].rstrip("%")) > float(fast["bars"][1][2].rstrip("%"))
    assert done["ticks"][-1] == iso_after((sum(hours.values()) - hours[first]) / 40)


def test_the_timeline_follows_the_track(page):
    page.goto("study-plan.html")
    plan_start(page, 10)
    before = timeline(page)
    page.select_option("form.rm-planner select[name=track]", "cv")
    after = timeline(page)
    off_track = [p for p in PHASES if not any(t["id"] in {x["id"] for x in expected_path(DOC, "cv")} for t in PHASES[p]["topics"])]
    widths = dict((phase, width) for phase, _, width in after["bars"])
    assert off_track and all(widths[p] == "0.000%" for p in off_track)
    assert after["bars"] != before["bars"]


# -- phones --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["index.html", "phases/mlops.html", "study-plan.html"])
def test_pictures_fit_a_360_px_phone_without_sideways_scrolling(browser, site_url, path):
    with opened(browser, site_url, viewport={"width": 360, "height": 740}) as page:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        shown = page.locator(SHOWN)
        assert shown.count() >= 1
        for i in range(shown.count()):
            box = shown.nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360
            assert "rm-dg-wide" not in shown.nth(i).get_attribute("class")
        assert page.errors == []


# -- real text in its boxes ------------------------------------------------------------------------------

# Each text's drawn extent (getBBox, in the picture's own units) against the box the layout gave it.
OVERFLOWS = """() => {
    const bad = [];
    const inside = (t, box, what) => {
        const b = t.getBBox();
        if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5) bad.push([what, t.textContent, b.x, b.width, box.x, box.width]);
    };
    const rect = r => ({x: r.x.baseVal.value, width: r.width.baseVal.value});
    for (const svg of document.querySelectorAll("svg.rm-dg")) {
        if (!svg.getClientRects().length) continue;
        for (const node of svg.querySelectorAll("a.rm-node")) {
            const box = rect(node.querySelector("rect"));
            for (const t of node.querySelectorAll("text:not(.rm-dg-check)")) inside(t, {x: box.x, width: box.width - 18}, "topic");
        }
        for (const station of svg.querySelectorAll("a.rm-dg-station")) {
            const hit = rect(station.querySelector("rect"));
            for (const t of station.querySelectorAll("text")) inside(t, hit, "station");
        }
        const rail = svg.querySelector("svg.rm-tl-rail");
        if (rail) {
            const wide = svg.classList.contains("rm-dg-wide");
            const column = wide ? {x: 0, width: rail.x.baseVal.value} : {x: 0, width: svg.viewBox.baseVal.width};
            for (const t of svg.querySelectorAll(":scope > text:not([data-fraction])")) inside(t, column, "timeline");
        }
        for (const t of svg.querySelectorAll("text")) inside(t, {x: 0, width: svg.viewBox.baseVal.width}, "picture");
    }
    return bad;
}"""


# The site's own font on the wide layout, and DejaVu Sans, the widest (the estimate's bound), on both.
# The site's font at 360 px would add a fifth of a minute and nothing DejaVu Sans there does not test.
@pytest.mark.slow
@pytest.mark.xdist_group("diagram-text")  # beside the module's other tests, on whichever worker is free
@pytest.mark.parametrize("font, width", [("site", 1280), ("DejaVu Sans", 1280), ("DejaVu Sans", 360)])
def test_real_text_fits_the_boxes_the_layout_estimated(browser, site_url, font, width):
    # With every topic done, so each progress line is at its widest; DejaVu Sans is the widest
    # common fallback where Helvetica and Arial are missing (a Linux desktop without them).
    overflows = {}
    with opened(browser, site_url, viewport={"width": width, "height": 800}, bypass_csp=True) as page:
        page.goto("index.html")
        store_done(page, [t["id"] for p in DOC["phases"] for t in p["topics"]])
        for path in ["index.html", "study-plan.html"] + [f"phases/{p}.html" for p in PHASES]:
            page.goto(path)
            if font != "site":
                page.add_style_tag(content=f'.rm-dg {{ font-family: "{font}" !important; }}')
            if path == "study-plan.html":
                plan_start(page, 1)
            found = page.evaluate(OVERFLOWS)
            if found:
                overflows[path] = found[:3]
    assert overflows == {}


# -- colours ---------------------------------------------------------------------------------------------

# Every colour a picture shows, with the page background it stands on: text (fill), lines and shapes
# (stroke of lines, boxes, stations; fill of stops' rings and bars). Translucent colours are composed
# over the background first.
COLOURS = """() => {
    const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const bg = parse(getComputedStyle(document.body).backgroundColor);
    const over = c => { const [r, g, b, a = 1] = parse(c); return [0, 1, 2].map(i => [r, g, b][i] * a + bg[i] * (1 - a)); };
    const lum = rgb => { const l = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                         return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
    const ratio = c => { const [x, y] = [lum(over(c)), lum(bg)].sort((a, b) => b - a); return (x + 0.05) / (y + 0.05) || 0; };
    const out = [];
    for (const svg of document.querySelectorAll("svg.rm-dg")) {
        if (!svg.getClientRects().length) continue;
        for (const t of svg.querySelectorAll("text")) if (t.getClientRects().length) out.push(["text", t.textContent, ratio(getComputedStyle(t).fill)]);
        for (const s of svg.querySelectorAll("path[class^=rm-dg-c], .rm-dg-stop, .rm-dg-capsule, .rm-dg-box, .rm-dg-edge path[fill=none]"))
            out.push(["line", s.getAttribute("class") || "edge", ratio(getComputedStyle(s).stroke)]);
        for (const s of svg.querySelectorAll(".rm-tl-bar")) out.push(["bar", "", ratio(getComputedStyle(s).fill)]);
    }
    return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_picture_colours_contrast_with_the_page_in_both_schemes(browser, site_url, scheme):
    low = []
    seen = set()
    with opened(browser, site_url, color_scheme=scheme) as page:
        page.goto("index.html")
        store_done(page, ["data-cleaning", "python-basics"])  # done marks shown too
        for path in ["index.html", "phases/data.html", "study-plan.html"]:
            page.goto(path)
            for kind, what, ratio in page.evaluate(COLOURS):
                seen.add(kind)
                if ratio < (4.5 if kind == "text" else 3):
                    low.append((path, kind, what, round(ratio, 2)))
    assert seen == {"text", "line", "bar"}
    assert low == []
