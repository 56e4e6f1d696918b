"""The pictures' geometry (macros/diagrams.py), checked on the real data and against expectations read
straight from the YAML: every edge the data holds is drawn and no other, boxes never overlap, labels
fit their boxes by the layout's own conservative text estimate (tests/browser/test_diagrams.py checks
that estimate against real fonts), sizes and layout time stay within their budgets."""

from __future__ import annotations

import gzip
import itertools
import re
import time
from html.parser import HTMLParser

import pytest
import yaml

from conftest import DATA, ROOT, expected_path, expected_reading_order, write_data
from macros import data, diagrams, render

ROADMAP = data.load(ROOT / "data", display_root=ROOT)
DOC = yaml.safe_load((DATA / "roadmap.yml").read_text(encoding="utf-8"))
PHASE_IDS = [p["id"] for p in DOC["phases"]]
WIDTHS = [diagrams.NARROW, diagrams.WIDE]
GZIP_BUDGET = 15_000


def linker_for(phase_id: str | None = None) -> render.Linker:
    return render.Linker(f"phases/{phase_id}.md" if phase_id else "index.md")


def prerequisites(phase_id: str, width: float) -> diagrams.Prerequisites:
    return diagrams.prerequisites_layout(ROADMAP, phase_id, linker_for(phase_id), width)


class Elements(HTMLParser):
    """Each element's tag and attributes, in document order, and the text of each <text>."""

    def __init__(self, markup: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, text):
        self.texts.append(text)

    def having(self, attribute: str, tag: str | None = None) -> list[dict]:
        return [a for t, a in self.elements if attribute in a and (tag is None or t == tag)]


def svgs(figure_markup: str) -> list[str]:
    """Each <svg> of a figure (one per width, or one for both), nested ones kept inside their parent."""
    return re.findall(r'<svg class="rm-dg .*?</svg>(?=<svg class="rm-dg |<figcaption)', figure_markup)


# -- what the YAML says, read without macros.data -----------------------------------------------------


def yaml_topics() -> list[dict]:
    return [dict(t, phase=p["id"]) for p in DOC["phases"] for t in p["topics"]]


def yaml_edges(phase_id: str) -> set[tuple[str, str]]:
    phase = next(p for p in DOC["phases"] if p["id"] == phase_id)
    return {(required, t["id"]) for t in phase["topics"] for required in t.get("requires", [])}


# -- edges ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("phase_id", PHASE_IDS)
def test_every_requires_edge_is_drawn_and_no_other(phase_id):
    figure = render.phase_prerequisites(ROADMAP, phase_id, linker_for(phase_id))
    pictures = svgs(figure)
    assert pictures
    for picture in pictures:
        drawn = [(g["data-from"], g["data-to"]) for g in Elements(picture).having("data-from", "g")]
        assert len(drawn) == len(set(drawn)), "an edge drawn twice"
        assert set(drawn) == yaml_edges(phase_id)


@pytest.mark.parametrize("phase_id", PHASE_IDS)
def test_nodes_are_the_phase_s_topics_after_what_they_build_on_in_reading_order(phase_id):
    for picture in svgs(render.phase_prerequisites(ROADMAP, phase_id, linker_for(phase_id))):
        nodes = [a["data-topic"] for a in Elements(picture).having("data-topic", "a")]
        assert nodes == expected_reading_order(DOC, phase_id)


@pytest.mark.parametrize("phase_id", PHASE_IDS)
@pytest.mark.parametrize("width", WIDTHS)
def test_arrows_run_from_the_prerequisite_s_box_to_the_box_that_needs_it(phase_id, width):
    layout = prerequisites(phase_id, width)
    box = {node.topic_id: node.box for node in layout.nodes}
    column_left = min(b.x for b in box.values())
    for arrow in layout.arrows:
        (x0, y0), (x1, y1) = arrow.start, arrow.tip
        source, target = box[arrow.source], box[arrow.target]
        assert x0 == source.x and source.y < y0 < source.bottom, arrow
        assert x1 == target.x and target.y < y1 < target.bottom, arrow
        # The lane runs left of every box, so no edge crosses a box.
        lane_x = arrow.points[1][0]
        assert diagrams.MARGIN <= lane_x < column_left and {p[0] for p in arrow.points[1:3]} == {lane_x}


@pytest.mark.parametrize("phase_id", PHASE_IDS)
def test_two_sources_never_share_a_stretch_of_lane(phase_id):
    layout = prerequisites(phase_id, diagrams.WIDE)
    stretches = {}
    for arrow in layout.arrows:
        low, high = sorted((arrow.points[1][1], arrow.points[2][1]))
        stretches.setdefault((arrow.lane, arrow.source), []).append((low, high))
    spans = {key: (min(s[0] for s in v), max(s[1] for s in v)) for key, v in stretches.items()}
    for (a, span_a), (b, span_b) in itertools.combinations(spans.items(), 2):
        if a[0] == b[0]:
            assert span_a[1] < span_b[0] or span_b[1] < span_a[0], (a, b)


def test_lanes_nest_shorter_spans_inside_longer_ones():
    spans = [(0, 9), (2, 3), (4, 6), (1, 8), (3, 5)]
    lanes = diagrams.assign_lanes(spans)
    for (s1, l1), (s2, l2) in itertools.permutations(zip(spans, lanes), 2):
        if s1[0] <= s2[0] and s2[1] <= s1[1]:  # s2 inside s1
            assert l2 < l1
        if l1 == l2:
            assert s1[1] < s2[0] or s2[1] < s1[0]


# -- boxes and labels ------------------------------------------------------------------------------


def assert_apart(boxes):
    ordered = sorted(boxes, key=lambda b: b.y)
    for first, second in zip(ordered, ordered[1:]):
        assert not first.overlaps(second), (first, second)
    for first, second in itertools.combinations(ordered, 2):
        assert not first.overlaps(second), (first, second)


def assert_inside(labels, box, pad=0.0):
    inner = diagrams.Box(box.x + pad, box.y, box.w - 2 * pad, box.h)
    for label in labels:
        assert inner.contains(label.box), (label, inner)


def canvas(layout) -> diagrams.Box:
    return diagrams.Box(0, 0, layout.width, layout.height)


@pytest.mark.parametrize("phase_id", PHASE_IDS)
@pytest.mark.parametrize("width", WIDTHS)
def test_topic_boxes_do_not_overlap_and_their_labels_fit(phase_id, width):
    layout = prerequisites(phase_id, width)
    assert layout.width <= width
    assert_apart([node.box for node in layout.nodes])
    for node in layout.nodes:
        assert canvas(layout).contains(node.box)
        # Text keeps clear of the border, and of the done mark on the right.
        text_area = diagrams.Box(node.box.x + 8, node.box.y, node.box.w - 8 - diagrams.CHECK_ROOM, node.box.h)
        assert_inside(node.lines, text_area)
        assert_inside([node.check], node.box, pad=4)
        assert node.lines[0].text and " ".join(l.text for l in node.lines).startswith(ROADMAP.topics[node.topic_id].title)
    for heading in layout.headings:
        assert canvas(layout).contains(heading.box)
        assert not any(heading.box.overlaps(node.box) for node in layout.nodes)


@pytest.mark.parametrize("width", WIDTHS)
def test_stations_do_not_overlap_and_their_labels_fit(width):
    metro = diagrams.metro_layout(ROADMAP, linker_for(), width)
    assert metro.width <= width
    assert [s.phase_id for s in metro.stations] == PHASE_IDS
    assert_apart([s.box for s in metro.stations])
    for station in metro.stations:
        assert canvas(metro).contains(station.box)
        assert station.box.contains(station.capsule)
        # The progress line is checked at its widest: every topic done, as the script writes it.
        n = len(next(p for p in DOC["phases"] if p["id"] == station.phase_id)["topics"])
        assert station.progress.text == f"{n} of {n} topics done"
        assert_inside(station.title + (station.hours, station.progress), station.box, pad=2)
        for _, x, y in station.stops:
            assert station.capsule.x < x < station.capsule.right and station.capsule.y < y < station.capsule.bottom
    track_labels = [label for line in metro.lines for label in (line.start, line.end)]
    assert_inside(track_labels, canvas(metro))
    assert_apart([label.box for label in track_labels] + [s.box for s in metro.stations])


@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_rows_do_not_overlap_and_their_labels_fit(width):
    timeline = diagrams.timeline_layout(ROADMAP, 10, width)
    assert_apart([row.box for row in timeline.rows])
    for row in timeline.rows:
        assert canvas(timeline).contains(row.box) and row.box.contains(row.bar)
        # Dates at their widest, as the script writes them.
        widest = diagrams.Label(row.dates.x, row.dates.y, diagrams.DATES_WIDEST, row.dates.size)
        text = row.title + (row.dates, widest)
        assert_inside(text, row.box)
        if width == diagrams.WIDE:  # beside the bars, not under them
            assert all(label.box.right < row.bar.x for label in text)
        else:
            assert all(label.box.bottom <= row.bar.y for label in text)
    ticks = [tick.label for tick in timeline.ticks]
    assert_inside(ticks, canvas(timeline))
    assert_apart([t.box for t in ticks])


def test_a_word_wider_than_its_box_is_split_rather_than_overflowing():
    lines = diagrams.wrap("Pneumonoultramicroscopicsilicovolcanoconiosis and more", 80, 13)
    assert len(lines) > 2 and all(diagrams.text_width(line, 13) <= 80 for line in lines)
    assert "".join(lines).replace(" ", "") == "Pneumonoultramicroscopicsilicovolcanoconiosisandmore"


# -- the metro map's tracks --------------------------------------------------------------------------


def yaml_stops(track_id: str) -> list[str]:
    """The phases whose topics on the track's path include one that is not core."""
    on_path = expected_path(DOC, track_id)
    return [p for p in PHASE_IDS if any(t["id"] in {x["id"] for x in on_path} and not t.get("core")
                                        for t in next(q for q in DOC["phases"] if q["id"] == p)["topics"])]


@pytest.mark.parametrize("track", [t["id"] for t in DOC["tracks"]])
def test_each_track_stops_at_the_phases_where_its_path_adds_topics_beyond_the_core(track):
    metro = diagrams.metro_layout(ROADMAP, linker_for())
    line = next(line for line in metro.lines if line.track_id == track)
    expected = yaml_stops(track)
    assert 0 < len(expected) and list(line.stations) == expected
    dotted = [s.phase_id for s in metro.stations if line.lane in {lane for lane, _, _ in s.stops}]
    assert dotted == expected
    # The line runs from above the first station to below the last, labelled at both ends.
    assert line.top < metro.stations[0].box.y and line.bottom > metro.stations[-1].box.bottom
    title = next(t["title"] for t in DOC["tracks"] if t["id"] == track)
    assert line.start.text == title == line.end.text


def test_tracks_differ_by_dash_pattern_as_well_as_colour():
    figure = render.roadmap_diagram(ROADMAP, linker_for())
    for picture in svgs(figure):
        lines = re.findall(r'<path class="(rm-dg-c\d)"[^>]*?(?: stroke-dasharray="([^"]*)")?/>', picture)
        assert len(lines) == len(DOC["tracks"])
        assert len({colour for colour, _ in lines}) == len(lines)
        assert len({dash for _, dash in lines}) == len(lines)


def test_every_station_links_to_its_phase_page_in_order_and_counts_its_topics():
    for picture in svgs(render.roadmap_diagram(ROADMAP, linker_for())):
        stations = Elements(picture).having("data-phase", "a")
        assert [s["href"] for s in stations] == [f"phases/{p}.html" for p in PHASE_IDS]
        progress = Elements(picture).having("data-topics")
        assert [p["data-topics"].split() for p in progress] == [[t["id"] for t in p["topics"]] for p in DOC["phases"]]
        assert all("rm-progress" in p["class"].split() for p in progress)


# -- the timeline ------------------------------------------------------------------------------------


def test_the_served_timeline_is_the_whole_roadmap_at_the_planner_s_default_pace():
    figure = render.plan_timeline(ROADMAP)
    hours = {p: sum(t["hours"] for t in expected_path(DOC, None) if t in next(q for q in DOC["phases"] if q["id"] == p)["topics"])
             for p in PHASE_IDS}
    total = sum(hours.values())
    for picture in svgs(figure):
        bars = Elements(picture).having("data-phase", "rect")
        assert [b["data-phase"] for b in bars] == PHASE_IDS
        start = 0.0
        for bar in bars:
            share = hours[bar["data-phase"]] / total
            assert float(bar["x"].rstrip("%")) == pytest.approx(100 * start, abs=0.01)
            assert float(bar["width"].rstrip("%")) == pytest.approx(100 * share, abs=0.01)
            start += share
        assert f'value="{render.PLANNER_HOURS}"' in render.pace_planner(ROADMAP)
        last_week = -(-total // render.PLANNER_HOURS)
        assert f"week {last_week}" in picture  # the last tick, before the script writes dates


# -- markup ------------------------------------------------------------------------------------------

NASTY = "<script>alert(1)</script> & \"quotes\" {{ x }}"


def test_data_text_is_escaped_in_every_picture(tmp_path):
    text = (write_data(tmp_path / "d") / "roadmap.yml").read_text()
    text = text.replace("title: Linear models", f"title: '{NASTY}'").replace("title: Models", f"title: '{NASTY}'")
    roadmap = data.load(write_data(tmp_path / "data", roadmap=text), display_root=tmp_path)
    for figure in (render.phase_prerequisites(roadmap, "models", render.Linker("phases/models.md")),
                   render.roadmap_diagram(roadmap, render.Linker("index.md")), render.plan_timeline(roadmap)):
        parsed = Elements(figure)
        assert "script" not in [tag for tag, _ in parsed.elements]
        assert any(NASTY in text for text in parsed.texts)


@pytest.mark.parametrize("figure", ["home", "phase", "timeline"])
def test_pictures_are_accessible_and_policy_safe(figure):
    markup = {"home": lambda: render.roadmap_diagram(ROADMAP, linker_for()),
              "phase": lambda: render.phase_prerequisites(ROADMAP, "data", linker_for("data")),
              "timeline": lambda: render.plan_timeline(ROADMAP)}[figure]()
    parsed = Elements(markup)
    assert parsed.elements[0] == ("figure", parsed.elements[0][1]) and "data-search-exclude" in parsed.elements[0][1]
    assert " style=" not in markup and "<style" not in markup and "<script" not in markup
    for picture in svgs(markup):
        root = Elements(picture).elements
        tag, attrs = root[0]
        # Title and description first, named by the svg; a picture with links is a group, not an image.
        assert [t for t, _ in root[1:3]] == ["title", "desc"]
        assert attrs["aria-labelledby"] == root[1][1]["id"] and attrs["aria-describedby"] == root[2][1]["id"]
        assert attrs["role"] == ("group" if any(t == "a" for t, _ in root) else "img")
    ids = [a["id"] for a in parsed.having("id")]
    assert len(ids) == len(set(ids))


# -- budgets -----------------------------------------------------------------------------------------


def largest_phase() -> str:
    return max(ROADMAP.phases, key=lambda p: len(p.topics) + len(diagrams.external_prerequisites(ROADMAP, p))).id


@pytest.mark.parametrize("figure", ["home", "largest phase", "timeline"])
def test_each_picture_adds_at_most_15_kb_gzipped(figure):
    phase = largest_phase()
    markup = {"home": lambda: render.roadmap_diagram(ROADMAP, linker_for()),
              "largest phase": lambda: render.phase_prerequisites(ROADMAP, phase, linker_for(phase)),
              "timeline": lambda: render.plan_timeline(ROADMAP)}[figure]()
    assert len(gzip.compress(markup.encode("utf-8"))) <= GZIP_BUDGET


def tenfold_roadmap(phases: int = 180, topics_per_phase: int = 8, big_phase: int = 0) -> data.Roadmap:
    """A roadmap shaped like ours at ten times its size: six tracks, a core, prerequisites within a
    phase and reaching back a few phases; `big_phase` topics more in the first phase."""
    tracks = tuple(data.Track(f"track-{i}", f"Track number {i}", "A track.") for i in range(6))
    made = []
    for p in range(phases):
        count = topics_per_phase + (big_phase if p == 0 else 0)
        topics = []
        for j in range(count):
            requires = [f"t-{p}-{j - 1}"] if j else []
            requires += [f"t-{p}-{j // 2}"] if j > 2 else []
            requires += [f"t-{p - k}-{j % topics_per_phase}" for k in (1, 3) if p >= k]
            topics.append(data.Topic(
                id=f"t-{p}-{j}", title=f"Topic {j} of phase {p} with a longish title", summary="A topic.",
                phase_id=f"phase-{p}", hours=5 + j % 7, requires=tuple(dict.fromkeys(requires)),
                tracks=(tracks[(p + j) % 6].id,), core=p < 3 and j == 0))
        made.append(data.Phase(f"phase-{p}", f"Phase {p} of the tenfold roadmap", "A phase.", p + 1, tuple(topics)))
    return data.Roadmap(tracks=tracks, phases=tuple(made), resources=())


def test_tenfold_data_lays_out_in_well_under_half_a_second():
    big = tenfold_roadmap(big_phase=10 * max(len(p.topics) for p in ROADMAP.phases))
    linker = render.Linker("index.md")
    start = time.perf_counter()
    for width in WIDTHS:
        diagrams.svg(diagrams.metro_layout(big, linker, width))
        diagrams.svg(diagrams.prerequisites_layout(big, "phase-0", linker, width))
        diagrams.svg(diagrams.timeline_layout(big, 10, width))
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5, elapsed
    # And it is still a sound picture at that size, boxes keeping half the width for their titles.
    for width in WIDTHS:
        layout = diagrams.prerequisites_layout(big, "phase-0", linker, width)
        assert len(layout.nodes) > 140 and len(layout.arrows) > 250
        assert layout.width <= width and all(node.box.x <= width / 2 for node in layout.nodes)
        assert_apart([node.box for node in layout.nodes])
