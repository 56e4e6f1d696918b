"""Pictures of the roadmap, laid out at build time from the data and written as inline SVG.

Three pictures: the home page's metro map (phases as stations, tracks as lines), each phase's
prerequisites (its topics with an arrow from every topic they build on) and the study plan's
timeline (phases as bars over weeks). Each is laid out in two steps kept apart so tests can check
the geometry without parsing SVG:
- `metro_layout`, `prerequisites_layout`, `timeline_layout` return frozen records: boxes (x, y, w, h),
  text lines with their baselines, edges with their end points, hrefs;
- `svg(layout, ...)` writes any of them as one <svg> string, every data string escaped.

There are no font metrics at build time: `text_width` estimates a string's width from a table of
conservative per-character widths, and labels are wrapped to fit their boxes by that estimate
(tests/browser/test_diagrams.py measures the real text). Each picture comes in two widths, one for
phones and one for wider screens; CSS shows one, and `figure` emits one only when they differ.

Pure: records in, records or strings out. Imports no generator, and nothing from render.py (which
imports this module); a linker is anything with `.topic(topic)` and `.phase(phase)`.
"""

from __future__ import annotations

import functools
import html
import math
from bisect import bisect_left, insort
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover - types only
    from .data import Phase, Roadmap, Topic

# ----------------------------------------------------------------------------
# Text
# ----------------------------------------------------------------------------

# Widths in em, each at or above what the site's fonts draw: Helvetica/Arial (Liberation Sans on
# Linux) and DejaVu Sans, the widest common fallback, measured in Chromium. Bold text is 12% wider
# in DejaVu Sans Bold. A uniform 0.6 em fell short for short capitalised words ("SQL", "NumPy").
_WIDE = frozenset("MWmw@%—")
_NARROW = frozenset("fijlrtI.,:;'!|()[]/-·")
_EM = {"space": 0.32, "wide": 1.0, "narrow": 0.42, "upper": 0.78, "other": 0.64}
BOLD_FACTOR = 1.12


def _char_em(char: str) -> float:
    if char == " ":
        return _EM["space"]
    if char in _WIDE:
        return _EM["wide"]
    if char in _NARROW:
        return _EM["narrow"]
    return _EM["upper"] if char.isupper() else _EM["other"]


@functools.lru_cache(maxsize=65536)
def _ems(text: str) -> float:
    """The estimated width of `text` in em, remembered: labels and their words repeat."""
    return sum(_char_em(c) for c in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A conservative estimate of the drawn width of `text` at font size `size` (px)."""
    return _ems(text) * size * (BOLD_FACTOR if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """`text` in lines that each fit `width` by the estimate, broken between words (inside a word
    only when the word alone is too wide). Linear: each word's width is estimated once."""
    scale = size * (BOLD_FACTOR if bold else 1.0)
    space = _EM["space"] * scale
    lines: list[str] = []
    line, line_w = "", 0.0
    for word in text.split():
        word_w = _ems(word) * scale
        if line and line_w + space + word_w <= width:
            line, line_w = f"{line} {word}", line_w + space + word_w
            continue
        if line:
            lines.append(line)
        line, line_w = "", 0.0
        if word_w <= width:
            line, line_w = word, word_w
            continue
        for char in word:  # a word wider than the box: split it where it overflows
            char_w = _char_em(char) * scale
            if line and line_w + char_w > width:
                lines.append(line)
                line, line_w = "", 0.0
            line, line_w = line + char, line_w + char_w
    if line:
        lines.append(line)
    return tuple(lines) or ("",)


# ----------------------------------------------------------------------------
# Geometry records
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def contains(self, other: Box) -> bool:
        return self.x <= other.x and self.y <= other.y and other.right <= self.right and other.bottom <= self.bottom


@dataclass(frozen=True)
class Label:
    """One line of text; `y` is its baseline. `kind` says what it is (a topic's name, a detail, the
    progress...); the SVG writer gives each kind its CSS class."""

    x: float
    y: float
    text: str
    size: float
    kind: str = "text"
    bold: bool = False
    anchor: str = "start"  # start | middle | end

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, self.bold)

    @property
    def box(self) -> Box:
        """Where the text is drawn, by the estimate: ascenders to descenders."""
        left = self.x - {"start": 0.0, "middle": self.width / 2, "end": self.width}[self.anchor]
        return Box(left, self.y - 0.8 * self.size, self.width, 1.05 * self.size)


# -- the metro map ---------------------------------------------------------------


@dataclass(frozen=True)
class Station:
    """A phase: a link from the station across the lanes to its title and figures."""

    phase_id: str
    href: str
    box: Box  # the link's area, outlined on keyboard focus
    capsule: Box  # the station across the lanes
    title: tuple[Label, ...]
    hours: Label
    progress: Label  # its text at its widest, every topic done; the script writes the real count
    progress_text: str  # what it says before the script counts stored progress
    topic_ids: tuple[str, ...]
    stops: tuple[tuple[int, float, float], ...]  # (lane, x, y) of each track that stops here


@dataclass(frozen=True)
class TrackLine:
    """A track: a line from its label at the top, down its lane, to its label at the bottom."""

    track_id: str
    lane: int
    x: float
    top: float  # where the line turns down from its start label
    bottom: float  # where it turns towards its end label
    start: Label
    end: Label
    dash: str
    stations: tuple[str, ...]  # the phases it stops at, in order


@dataclass(frozen=True)
class Metro:
    key: str
    width: float
    height: float
    title: str
    description: str
    turn_x: float  # where the lines' horizontal ends meet their labels
    lines: tuple[TrackLine, ...]
    stations: tuple[Station, ...]


# -- a phase's prerequisites -------------------------------------------------------


@dataclass(frozen=True)
class TopicNode:
    topic_id: str
    href: str
    box: Box
    lines: tuple[Label, ...]
    external: bool  # a topic of another phase that a topic of this one requires
    check: Label  # the done mark, shown by CSS once the topic is marked done


@dataclass(frozen=True)
class Arrow:
    """A `requires` edge: from the prerequisite's port out to its lane, along it, and into the
    port of the topic that needs it, where the arrowhead's tip touches the box."""

    source: str
    target: str
    lane: int
    points: tuple[tuple[float, float], ...]  # source port, two corners on the lane, tip

    @property
    def start(self) -> tuple[float, float]:
        return self.points[0]

    @property
    def tip(self) -> tuple[float, float]:
        return self.points[-1]


@dataclass(frozen=True)
class Prerequisites:
    key: str
    width: float
    height: float
    title: str
    description: str
    headings: tuple[Label, ...]
    nodes: tuple[TopicNode, ...]  # in reading order: other phases' topics, then this phase's
    arrows: tuple[Arrow, ...]


# -- the study plan's timeline ---------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    phase_id: str
    box: Box  # the row's area
    title: tuple[Label, ...]
    dates: Label  # what the plan gives this phase; the script writes dates into it
    bar: Box  # the bar's lane, the whole span of the plan
    start: float  # where the phase's bar starts and ends, as fractions of the plan
    end: float


@dataclass(frozen=True)
class Tick:
    fraction: float
    label: Label


@dataclass(frozen=True)
class Timeline:
    key: str
    width: float
    height: float
    title: str
    description: str
    rail: Box  # the area the bars share; bars and ticks are placed in fractions of its width
    ticks: tuple[Tick, ...]
    rows: tuple[TimelineRow, ...]


# ----------------------------------------------------------------------------
# Shared sizes, in the SVG's own units (shown at DISPLAY_SCALE px each where the column has room)
# ----------------------------------------------------------------------------

NARROW = 330  # fits a 360 px phone's column at nearly full size
WIDE = 660  # the column beside Material's sidebars
MARGIN = 8
TITLE_SIZE, TEXT_SIZE, SMALL_SIZE = 14.0, 13.0, 12.0
LINE = 1.3  # line height, in font sizes
CHECK = "✓"
CHECK_ROOM = 18  # kept free at the right of a topic box for the done mark


def _lines(texts: Iterable[str], x: float, first_baseline: float, size: float, kind: str,
           bold: bool = False) -> tuple[Label, ...]:
    step = size * LINE
    return tuple(Label(x, first_baseline + i * step, text, size, kind, bold) for i, text in enumerate(texts))


def _widest(texts: Iterable[str], size: float, bold: bool = False) -> float:
    return max((text_width(t, size, bold) for t in texts), default=0.0)


def hours_label(hours: float) -> str:
    return f"{round(hours):d} h"


# ----------------------------------------------------------------------------
# The metro map
# ----------------------------------------------------------------------------

# Six dash patterns, so that two tracks never differ by colour alone; a seventh track repeats the
# first pattern (its label still names it). Solid, long dash, dots, dash-dot, medium dash, dash-dot-dot.
DASHES = ("", "10 4", "1.5 4", "10 4 2 4", "5 4", "10 3 2 3 2 3")
LANE_STEP = 14  # between two tracks' lanes
HEADER_STEP = 18  # between two tracks' label rows above and below the stations
CAPSULE_H = 18
STATION_GAP = 12


def passed_phases(roadmap: Roadmap, track_id: str) -> set[str]:
    """The phases a track stops at: those holding a topic of its path (Roadmap.path) that is not
    core. Core topics are on every path, so counting them would stop every track at every phase
    that has one and say nothing; the non-core topics are what a track adds, and what a learner
    choosing a track wants to see."""
    return {t.phase_id for t in roadmap.path(track_id) if not t.core}


def metro_layout(roadmap: Roadmap, linker, max_width: float = WIDE) -> Metro:
    """Phases top to bottom as stations, tracks as vertical lines on their left (one lane each),
    each line starting at its label above the first station and ending at its label below the
    last. A phase's title and figures wrap to fit `max_width`."""
    lanes = len(roadmap.tracks)
    capsule_w = CAPSULE_H + max(lanes - 1, 0) * LANE_STEP
    lane_x = [MARGIN + CAPSULE_H / 2 + i * LANE_STEP for i in range(lanes)]
    label_x = MARGIN + capsule_w + 14
    titles = {p.id: f"{p.number}. {p.title}" for p in roadmap.phases}
    needed = max(
        _widest(titles.values(), TITLE_SIZE, bold=True),
        max((_station_facts_width(p) for p in roadmap.phases), default=0.0),
        _widest((t.title for t in roadmap.tracks), SMALL_SIZE),
    )
    label_w = min(max_width - label_x - MARGIN, needed)

    header_top = MARGIN + 6
    turns_top = [header_top + i * HEADER_STEP for i in range(lanes)]
    cursor = header_top + max(lanes - 1, 0) * HEADER_STEP + 24
    stops = [passed_phases(roadmap, track.id) for track in roadmap.tracks]
    stations = []
    for phase in roadmap.phases:
        lanes_here = [i for i in range(lanes) if phase.id in stops[i]]
        station = _station(phase, linker, cursor, lane_x, label_x, label_w, titles[phase.id], lanes_here)
        stations.append(station)
        cursor = station.box.bottom + STATION_GAP

    footer_top = cursor + 10
    turns_bottom = [footer_top + (lanes - 1 - i) * HEADER_STEP for i in range(lanes)]
    lines = tuple(
        TrackLine(
            track_id=track.id, lane=i, x=lane_x[i], top=turns_top[i], bottom=turns_bottom[i],
            start=Label(label_x, turns_top[i] + 4, track.title, SMALL_SIZE, "track"),
            end=Label(label_x, turns_bottom[i] + 4, track.title, SMALL_SIZE, "track"),
            dash=DASHES[i % len(DASHES)],
            stations=tuple(p.id for p in roadmap.phases if p.id in stops[i]),
        )
        for i, track in enumerate(roadmap.tracks)
    )
    height = (max(turns_bottom) if lanes else footer_top) + 8 + MARGIN
    return Metro("metro", label_x + label_w + MARGIN, height, "The roadmap at a glance",
                 _metro_description(roadmap, lines), label_x - 6, lines, tuple(stations))


def _hours_text(phase: Phase) -> str:
    return f"{hours_label(phase.hours)} ·"


def _progress_widest(phase: Phase) -> str:
    """The progress at its widest: what the script writes once every topic is done."""
    n = len(phase.topics)
    return f"{n} of {n} topic{'s' if n != 1 else ''} done"


def _station_facts_width(phase: Phase) -> float:
    return text_width(_hours_text(phase) + " ", SMALL_SIZE) + text_width(_progress_widest(phase), SMALL_SIZE, bold=True)


def _station(phase: Phase, linker, top: float, lane_x: list[float], label_x: float, label_w: float,
             title: str, stops: list[int]) -> Station:
    """One station: its title, then its hours and progress on one line, or on two when that is too wide."""
    title_labels = _lines(wrap(title, label_w, TITLE_SIZE, bold=True), label_x, top + 14, TITLE_SIZE, "name", bold=True)
    hours = Label(label_x, title_labels[-1].y + 17, _hours_text(phase), SMALL_SIZE, "facts")
    if _station_facts_width(phase) <= label_w:
        progress_at = (label_x + text_width(hours.text + " ", SMALL_SIZE), hours.y)
    else:
        hours = Label(hours.x, hours.y, hours.text.rstrip(" ·"), hours.size, hours.kind)
        progress_at = (label_x, hours.y + SMALL_SIZE * LINE)
    # Bold: the page's stylesheet sets every .rm-progress in bold.
    progress = Label(*progress_at, _progress_widest(phase), SMALL_SIZE, "progress", bold=True)
    capsule = Box(MARGIN, top, CAPSULE_H + (len(lane_x) - 1) * LANE_STEP, CAPSULE_H)
    box = Box(MARGIN - 4, top - 5, label_x + label_w + 4 - (MARGIN - 4), progress.y + 7 - (top - 5))
    return Station(
        phase_id=phase.id, href=linker.phase(phase), box=box, capsule=capsule, title=title_labels, hours=hours,
        progress=progress, progress_text=f"{len(phase.topics)} topic{'s' if len(phase.topics) != 1 else ''}",
        topic_ids=tuple(t.id for t in phase.topics),
        stops=tuple((i, lane_x[i], top + CAPSULE_H / 2) for i in stops),
    )


def _metro_description(roadmap: Roadmap, lines: tuple[TrackLine, ...]) -> str:
    numbers = {p.id: p.number for p in roadmap.phases}
    tracks = "; ".join(
        f"{roadmap.tracks_by_id[line.track_id].title} stops at phases {', '.join(str(numbers[s]) for s in line.stations)}"
        for line in lines
    )
    return (f"The {len(roadmap.phases)} phases from top to bottom, each a link to its page with its hours and "
            "topics done. Each track is a line down the left with its own dash pattern; a dot marks a phase "
            f"where the track adds topics beyond the core. {tracks}.")


# ----------------------------------------------------------------------------
# A phase's prerequisites
# ----------------------------------------------------------------------------

LANE_GAP = 8  # between two edge lanes, at most
LANES_SHARE = 0.4  # of the width, at most, for the lanes (unless they would be closer than 2 px)
INNER_LANE = 14  # from a box's left side to the innermost lane: room for the arrowhead and a curve
NODE_PAD = 10
NODE_GAP = 10
PORT_STEP = 7  # between two edges' ends on one side of a box
ARROW = 6  # arrowhead length


def external_prerequisites(roadmap: Roadmap, phase: Phase) -> list[Topic]:
    """The topics of other phases that this phase's topics require, in roadmap order."""
    topics = [roadmap.topics[r] for r in {r for t in phase.topics for r in t.requires}]
    others = [t for t in topics if t.phase_id != phase.id]
    place = {t.id: i for p in {roadmap.phases_by_id[t.phase_id] for t in others} for i, t in enumerate(p.topics)}
    return sorted(others, key=lambda t: (roadmap.phases_by_id[t.phase_id].number, place[t.id]))


def assign_lanes(spans: list[tuple[int, int]]) -> list[int]:
    """A lane for each span (first, last position of an edge's two boxes in the column) so that no
    two spans that share a lane overlap or touch; shorter spans take the inner lanes, so the edges
    nest instead of crossing. Sorting is O(n log n); each lane is searched by bisection."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][1] - spans[i][0], spans[i][0]))
    lanes: list[list[tuple[int, int]]] = []  # per lane, its spans sorted by start
    result = [0] * len(spans)
    for i in order:
        first, last = spans[i]
        for lane, taken in enumerate(lanes):
            at = bisect_left(taken, (first, last))
            if (at == 0 or taken[at - 1][1] < first) and (at == len(taken) or taken[at][0] > last):
                insort(taken, (first, last))
                result[i] = lane
                break
        else:
            lanes.append([(first, last)])
            result[i] = len(lanes) - 1
    return result


def prerequisites_layout(roadmap: Roadmap, phase_id: str, linker, max_width: float = WIDE) -> Prerequisites:
    """The phase's topics in one column in roadmap order, after the topics of other phases they
    build on (under their own heading). Each prerequisite has one lane left of the column, from
    its box past every box that requires it, and an arrow branches off the lane into each of them:
    one lane per source instead of one per edge takes half the width, and a lane never joins two
    sources, so every arrow can be traced back to one box."""
    phase = roadmap.phases_by_id[phase_id]
    external = external_prerequisites(roadmap, phase)
    column = external + list(phase.topics)
    position = {t.id: i for i, t in enumerate(column)}
    edges = [(r, t.id) for t in phase.topics for r in t.requires]
    reach: dict[str, list[int]] = {}
    for source, target in edges:
        reach.setdefault(source, [position[source]]).append(position[target])
    sources = list(reach)
    lane_of = dict(zip(sources, assign_lanes([(min(reach[s]), max(reach[s])) for s in sources])))
    lane_count = max(lane_of.values(), default=-1) + 1

    # Lanes close up when there are many, so the boxes keep at least half the width.
    gap = min(LANE_GAP, max(2.0, (max_width * LANES_SHARE - INNER_LANE) / max(lane_count - 1, 1)))
    node_x = MARGIN + (INNER_LANE + (lane_count - 1) * gap + 4 if lane_count else 0)
    subtitles = {t.id: _phase_name(roadmap, t.phase_id) for t in external}
    needed = max(_widest((t.title for t in column), TEXT_SIZE), _widest(subtitles.values(), SMALL_SIZE))
    node_w = min(max_width - node_x - MARGIN, needed + 2 * NODE_PAD + CHECK_ROOM)
    ports = [0] * len(column)
    for positions in reach.values():
        for at in set(positions):
            ports[at] += 1

    headings: list[Label] = []
    nodes: list[TopicNode] = []
    cursor = MARGIN
    for i, topic in enumerate(column):
        if i == 0 and external:
            cursor = _heading("From other phases", node_x, cursor, node_w, headings)
        if i == len(external):
            cursor = _heading("In this phase", node_x, cursor, node_w, headings)
        node = _topic_node(topic, subtitles.get(topic.id), linker, node_x, cursor, node_w, ports[i])
        nodes.append(node)
        cursor = node.box.bottom + NODE_GAP
    return Prerequisites(
        key=f"phase-{phase.id}", width=node_x + node_w + MARGIN, height=cursor - NODE_GAP + MARGIN,
        title=f"Prerequisites in {phase.title}",
        description=(f"The {len(phase.topics)} topics of this phase in order"
                     + (f", after the {len(external)} topics of other phases they build on" if external else "")
                     + ". An arrow runs from each topic to every topic of this phase that requires it;"
                     " each topic links to its section."),
        headings=tuple(headings), nodes=tuple(nodes),
        arrows=_arrows(edges, reach, lane_of, nodes, position, node_x, gap),
    )


def _phase_name(roadmap: Roadmap, phase_id: str) -> str:
    phase = roadmap.phases_by_id[phase_id]
    return f"Phase {phase.number}: {phase.title}"


def _heading(text: str, x: float, top: float, width: float, headings: list[Label]) -> float:
    """Adds a heading's lines at `top`; returns where what follows it starts."""
    lines = _lines(wrap(text, width, SMALL_SIZE, bold=True), x, top + 6 + SMALL_SIZE, SMALL_SIZE, "heading", bold=True)
    headings.extend(lines)
    return lines[-1].y + 8


def _topic_node(topic: Topic, subtitle: str | None, linker, x: float, top: float, w: float, ports: int) -> TopicNode:
    text_w = w - 2 * NODE_PAD - CHECK_ROOM
    labels = _lines(wrap(topic.title, text_w, TEXT_SIZE), x + NODE_PAD, top + 7 + TEXT_SIZE, TEXT_SIZE, "topic")
    if subtitle:
        labels += _lines(wrap(subtitle, text_w, SMALL_SIZE), x + NODE_PAD, labels[-1].y + SMALL_SIZE * LINE + 1,
                         SMALL_SIZE, "sub")
    text_h = labels[-1].y + 0.25 * labels[-1].size + 7 - top
    box = Box(x, top, w, max(text_h, (ports + 1) * PORT_STEP))
    check = Label(x + w - NODE_PAD, labels[0].y, CHECK, TEXT_SIZE, "check", anchor="end")
    return TopicNode(topic.id, linker.topic(topic), box, labels, subtitle is not None, check)


def _arrows(edges, reach, lane_of, nodes: list[TopicNode], position, node_x: float, gap: float) -> tuple[Arrow, ...]:
    """Each edge's polyline, through its source's lane. A box has one port per lane that touches it.
    Top to bottom: lanes that run up from the box, inner first; lanes that run both ways; lanes
    that run down, outer first. Then no lane's branch crosses another lane ending at the same box."""
    ends: list[list[tuple[tuple[int, int], str]]] = [[] for _ in nodes]
    for source, positions in reach.items():
        lane, first, last = lane_of[source], min(positions), max(positions)
        for at in set(positions):
            side = 0 if at == last else 2 if at == first else 1
            ends[at].append(((side, -lane if side == 2 else lane), source))
    port_y: dict[tuple[int, str], float] = {}
    for at, attached in enumerate(ends):
        box = nodes[at].box
        for k, (_, source) in enumerate(sorted(attached)):
            port_y[(at, source)] = box.y + box.h * (k + 1) / (len(attached) + 1)
    arrows = []
    for source, target in edges:
        lane_x = node_x - INNER_LANE - lane_of[source] * gap
        y0, y1 = port_y[(position[source], source)], port_y[(position[target], source)]
        arrows.append(Arrow(source, target, lane_of[source], ((node_x, y0), (lane_x, y0), (lane_x, y1), (node_x, y1))))
    return tuple(arrows)


# ----------------------------------------------------------------------------
# The study plan's timeline
# ----------------------------------------------------------------------------

BAR_H = 10
TITLE_COLUMN = 220  # the wide timeline's column of titles and dates, left of the bars
TICKS_NARROW = (0.0, 0.5, 1.0)
TICKS_WIDE = (0.0, 0.25, 0.5, 0.75, 1.0)
DATES_WIDEST = "2027-12-31 to 2027-12-31"  # what the script writes into a row: ISO dates, as the table


def plan_weeks(roadmap: Roadmap, hours_per_week: float) -> list[tuple[Phase, float, float, float]]:
    """(phase, hours, first week, last week) of the whole roadmap's path (one of each group of
    alternatives, nothing done) at a weekly pace: the plan the planner shows before any change."""
    hours = {p.id: 0.0 for p in roadmap.phases}
    for topic in roadmap.path():
        hours[topic.phase_id] += topic.hours
    cursor, rows = 0.0, []
    for phase in roadmap.phases:
        weeks = hours[phase.id] / hours_per_week
        rows.append((phase, hours[phase.id], cursor, cursor + weeks))
        cursor += weeks
    return rows


def weeks_text(hours: float, first: float, last: float) -> str:
    """A row's dates before the script knows the start date: the weeks of the plan."""
    if not hours:
        return "nothing left"
    return f"weeks {math.floor(first) + 1} to {max(math.ceil(last), 1)}"


def timeline_layout(roadmap: Roadmap, hours_per_week: float, max_width: float = WIDE) -> Timeline:
    """Phases top to bottom, each a bar over the weeks of the plan, with its title and dates. Wide
    (`max_width` of WIDE or more): title and dates in a column left of the bars. Narrow: title,
    dates, then the bar under them."""
    plan = plan_weeks(roadmap, hours_per_week)
    total = plan[-1][3] if plan else 0.0
    wide = max_width >= WIDE
    text_w = TITLE_COLUMN if wide else max_width - 2 * MARGIN
    rail_x = MARGIN + TITLE_COLUMN + 14 if wide else MARGIN
    rail_w = max_width - MARGIN - rail_x
    axis_y = MARGIN + SMALL_SIZE
    cursor = axis_y + 14
    rows = []
    for phase, hours, first, last in plan:
        title = _lines(wrap(phase.title, text_w, TEXT_SIZE), MARGIN, cursor + TEXT_SIZE, TEXT_SIZE, "row")
        dates = Label(MARGIN, title[-1].y + SMALL_SIZE * LINE + 1, weeks_text(hours, first, last), SMALL_SIZE, "dates")
        if wide:
            bar_y = (cursor + dates.y + 4) / 2 - BAR_H / 2
            bottom = dates.y + 4
        else:
            bar_y = dates.y + 8
            bottom = bar_y + BAR_H
        start, end = (first / total, last / total) if total else (0.0, 0.0)
        rows.append(TimelineRow(phase.id, Box(MARGIN, cursor, max_width - 2 * MARGIN, bottom - cursor), title, dates,
                                Box(rail_x, bar_y, rail_w, BAR_H), start, end))
        cursor = bottom + (12 if wide else 16)
    rail = Box(rail_x, axis_y + 6, rail_w, cursor - 6 - (axis_y + 6))
    ticks = tuple(
        Tick(f, Label(rail_x + f * rail_w, axis_y, f"week {round(f * total)}" if f else "start", SMALL_SIZE, "tick",
                      anchor="start" if f == 0 else "end" if f == 1 else "middle"))
        for f in (TICKS_WIDE if wide else TICKS_NARROW)
    )
    return Timeline(
        "timeline", max_width, cursor - 6 + MARGIN, "Timeline of the plan",
        f"Each phase as a bar over the weeks of the plan, in order: the whole roadmap at {hours_per_week:g} hours "
        "a week, or, once the planner runs, the plan for the pace, track and start date chosen, with dates. "
        "The month-by-month tables give the same plan in text.", rail, ticks, tuple(rows))


# ----------------------------------------------------------------------------
# SVG
# ----------------------------------------------------------------------------

# Colours and the focus ring come from classes in roadmap.css, so the pictures follow the light and
# dark schemes; geometry, line widths and dash patterns are presentation attributes. No style
# attribute and no <style> element: the Content-Security-Policy allows neither.


def _n(value: float) -> str:
    return f"{round(value, 1):g}"


def _pct(fraction: float) -> str:
    return f"{round(fraction * 100, 3):g}%"


def _attrs(**attrs) -> str:
    """name="value" pairs, escaped; None and "" are left out; trailing _ dropped, _ becomes -."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{html.escape(str(value), quote=True)}"'
        for name, value in attrs.items() if value is not None and value != ""
    )


# The CSS class of each kind of label: link-coloured names, muted details, the script's progress.
_LABEL_CLASS = {"name": "rm-dg-name", "topic": "rm-dg-name", "facts": "rm-dg-muted", "sub": "rm-dg-muted",
                "heading": "rm-dg-muted", "tick": "rm-dg-muted", "dates": "rm-dg-muted", "check": "rm-dg-check",
                "progress": "rm-progress"}


def _text(label: Label, content: str | None = None, **attrs) -> str:
    """A <text> for `label`; `content` replaces its text with markup already escaped."""
    anchor = None if label.anchor == "start" else label.anchor
    return (f'<text{_attrs(class_=_LABEL_CLASS.get(label.kind), x=_n(label.x), y=_n(label.y), font_size=_n(label.size))}'
            f'{_attrs(font_weight="bold" if label.bold else None, text_anchor=anchor, **attrs)}>'
            f"{html.escape(label.text) if content is None else content}</text>")


def _rect(box: Box, cls: str | None, rx: float = 0, **attrs) -> str:
    return (f'<rect{_attrs(class_=cls, x=_n(box.x), y=_n(box.y), width=_n(box.w), height=_n(box.h))}'
            f'{_attrs(rx=_n(rx) if rx else None, **attrs)}/>')


# The size a picture is shown at, in CSS px per unit of its layout, where the column is wide enough:
# text a little under the page's own. Narrower columns shrink it (max-width: 100%), so a 330-unit
# picture fills a 360 px phone's column at about its layout size.
DISPLAY_SCALE = 1.15


def _open(layout, variant: str, role: str) -> str:
    ids = f"rm-dg-{layout.key}-{variant}"
    return (f'<svg{_attrs(class_=f"rm-dg rm-dg-{variant}", viewBox=f"0 0 {_n(layout.width)} {_n(layout.height)}")}'
            f'{_attrs(width=_n(layout.width * DISPLAY_SCALE), height=_n(layout.height * DISPLAY_SCALE), role=role)}'
            f' aria-labelledby="{ids}-t" aria-describedby="{ids}-d">'
            f'<title id="{ids}-t">{html.escape(layout.title)}</title>'
            f'<desc id="{ids}-d">{html.escape(layout.description)}</desc>')


def _rounded(points: list[tuple[float, float]], radius: float) -> str:
    """A path along `points`, which turn at right angles, with each corner rounded."""
    d = [f"M{_n(points[0][0])} {_n(points[0][1])}"]
    for (x0, y0), (x1, y1), (x2, y2) in zip(points, points[1:], points[2:]):
        r = min(radius, math.dist((x0, y0), (x1, y1)) / 2, math.dist((x1, y1), (x2, y2)) / 2)

        def toward(fx: float, fy: float) -> tuple[float, float]:
            length = math.dist((x1, y1), (fx, fy)) or 1.0
            return x1 + (fx - x1) * r / length, y1 + (fy - y1) * r / length

        (ax, ay), (bx, by) = toward(x0, y0), toward(x2, y2)
        d.append(f"L{_n(ax)} {_n(ay)}Q{_n(x1)} {_n(y1)} {_n(bx)} {_n(by)}")
    d.append(f"L{_n(points[-1][0])} {_n(points[-1][1])}")
    return "".join(d)


def _colour(lane: int) -> str:
    return f"rm-dg-c{lane % len(DASHES) + 1}"


def _metro_svg(metro: Metro, variant: str) -> str:
    """Lines first, under the stations; then the stations in order, each one link; the end labels last."""
    out = [_open(metro, variant, "group")]
    for line in metro.lines:
        corners = [(metro.turn_x, line.top), (line.x, line.top), (line.x, line.bottom), (metro.turn_x, line.bottom)]
        path = _attrs(class_=_colour(line.lane), d=_rounded(corners, 8), fill="none", stroke_width=3,
                      stroke_dasharray=line.dash)
        out.append(f"<path{path}/>")
        out.append(_text(line.start))
    for station in metro.stations:
        out.append(f'<a{_attrs(class_="rm-dg-station", href=station.href, data_phase=station.phase_id)}>')
        # The link's area, transparent: it takes the pointer between the texts and shows the focus.
        out.append(_rect(station.box, None, 6, fill="transparent"))
        out.append(_rect(station.capsule, "rm-dg-capsule", station.capsule.h / 2, fill="none", stroke_width=1.5))
        out.extend(f'<circle{_attrs(class_="rm-dg-stop " + _colour(lane), cx=_n(x), cy=_n(y), r="4.5", stroke_width=2.5)}/>'
                   for lane, x, y in station.stops)
        out.extend(_text(label) for label in station.title)
        out.append(_station_facts(station))
        out.append("</a>")
    out.extend(_text(line.end) for line in sorted(metro.lines, key=lambda line: line.bottom))
    out.append("</svg>")
    return "".join(out)


def _station_facts(station: Station) -> str:
    """Hours and progress: one <text> with the progress as a <tspan> when they share a line. The
    progress is written as it reads before the script counts; the layout made room for its widest."""
    topics = " ".join(station.topic_ids)
    progress = html.escape(station.progress_text)
    if station.progress.y != station.hours.y:
        return _text(station.hours) + _text(station.progress, progress, data_topics=topics)
    tspan = f'<tspan{_attrs(class_="rm-progress", data_topics=topics)}>{progress}</tspan>'
    return _text(station.hours, f"{html.escape(station.hours.text)} {tspan}")


def _prerequisites_svg(diagram: Prerequisites, variant: str) -> str:
    """Edges first, under the boxes; then headings and boxes from top to bottom, the reading order."""
    out = [_open(diagram, variant, "group")]
    for arrow in diagram.arrows:
        tip_x, tip_y = arrow.tip
        line = _rounded(list(arrow.points[:-1]) + [(tip_x - ARROW, tip_y)], 5)
        out.append(f'<g{_attrs(class_="rm-dg-edge", data_from=arrow.source, data_to=arrow.target, stroke_width=1.5)}>'
                   f'<path d="{line}" fill="none"/><path d="M{_n(tip_x)} {_n(tip_y)}l-{ARROW} -3.5v7z" stroke="none"/></g>')
    items = [(h.y, 0, _text(h)) for h in diagram.headings] + [(n.box.y, 1, _node_svg(n)) for n in diagram.nodes]
    out.extend(markup for _, _, markup in sorted(items, key=lambda item: item[:2]))
    out.append("</svg>")
    return "".join(out)


def _node_svg(node: TopicNode) -> str:
    box = _rect(node.box, "rm-dg-box", 5, stroke_width=1.5, stroke_dasharray="4 3" if node.external else None)
    # rm-node, as every topic node of the site: roadmap.js gives it the done class (and, an <svg> link
    # having no <a> inside, no hidden "(done)" mark).
    return (f'<a{_attrs(class_="rm-node", href=node.href, data_topic=node.topic_id)}>{box}'
            + "".join(_text(label) for label in node.lines) + _text(node.check, display="none") + "</a>")


def _timeline_svg(timeline: Timeline, variant: str) -> str:
    """Bars and grid in a nested <svg> over the rail, placed in percentages of its width: the script
    sets a bar's x and width, a row's dates and a tick's date, and lays out nothing."""
    rail = timeline.rail
    out = [_open(timeline, variant, "img"),
           f'<svg{_attrs(class_="rm-tl-rail", x=_n(rail.x), y=_n(rail.y), width=_n(rail.w), height=_n(rail.h))}>']
    for tick in timeline.ticks:
        x = _pct(tick.fraction)
        out.append(f'<line{_attrs(class_="rm-dg-grid", x1=x, x2=x, y1="0", y2="100%", stroke_dasharray="2 3")}/>')
    for row in timeline.rows:
        y = _n(row.bar.y - rail.y)
        out.append(f'<rect{_attrs(class_="rm-tl-lane", y=y, width="100%", height=_n(row.bar.h))}/>')
        span = _attrs(x=_pct(row.start), y=y, width=_pct(row.end - row.start), height=_n(row.bar.h))
        out.append(f'<rect{_attrs(class_="rm-tl-bar", data_phase=row.phase_id)}{span}/>')
    out.append("</svg>")
    out.extend(_text(tick.label, data_fraction=f"{tick.fraction:g}") for tick in timeline.ticks)
    for row in timeline.rows:
        out.extend(_text(label) for label in row.title)
        out.append(_text(row.dates, data_phase=row.phase_id))
    out.append("</svg>")
    return "".join(out)


_WRITERS = {Metro: _metro_svg, Prerequisites: _prerequisites_svg, Timeline: _timeline_svg}


def svg(layout, variant: str = "only") -> str:
    """Any layout above as one <svg> element. `variant` ('narrow', 'wide' or 'only') goes into its
    class, for CSS to show the one that suits the screen, and into its ids, which stay unique."""
    return _WRITERS[type(layout)](layout, variant)


def figure(narrow, wide, caption: str, extra_class: str = "") -> str:
    """A picture in both widths in one <figure> with a visible caption, or in one <svg> when both
    widths came out the same. Out of the search index: the picture repeats what the page's text says."""
    pictures = svg(wide) if narrow == wide else svg(narrow, "narrow") + svg(wide, "wide")
    classes = " ".join(filter(None, ("rm-diagram", extra_class)))
    return (f'<figure class="{classes}" data-search-exclude>{pictures}'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")
