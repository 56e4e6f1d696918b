"""Turn roadmap records into escaped Markdown and HTML.

Pure functions: records in, string out. Every string that comes from the data
passes through `html_text` (HTML contexts) or `md_text` (Markdown contexts), so
a title such as `<script>`, `|`, `*`, `{{` or `[x](y)` shows literally.
Links between pages are computed here, relative to the page being rendered,
so the output works on any host and from a folder on disk.
"""

from __future__ import annotations

import datetime
import functools
import html
import json
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Iterable

from . import diagrams, spelling
from .data import LANGUAGE_NAMES, LinkStatus, Phase, Resource, Roadmap, Topic

PHASE_PAGE = "phases/{id}.md"
TRACK_PAGE = "tracks/{id}.md"
TRACKS_INDEX = "tracks/index.md"

COST_ORDER = {"free": 0, "freemium": 1, "paid": 2}
LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}
COST_LABEL = {"free": "Free", "freemium": "Free to audit", "paid": "Paid"}
TYPE_LABEL = {
    "docs": "Docs", "course": "Course", "book": "Book", "video": "Video", "article": "Article",
    "tutorial": "Tutorial", "tool": "Tool", "practice": "Practice", "dataset": "Dataset",
    "paper": "Paper", "community": "Community",
}
# Characters that Markdown (with pymdownx.escapeall) would otherwise read as syntax.
_MD_ESCAPED = set("\\`*_{}[]()#+-.!|~^=:$%")
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def html_text(value: object) -> str:
    return html.escape(str(value), quote=True)


def md_text(value: str) -> str:
    """Escape text for inline Markdown so that it renders literally."""
    out = []
    for char in value:
        if char in _MD_ENTITIES:
            out.append(_MD_ENTITIES[char])
        elif char in _MD_ESCAPED:
            out.append("\\" + char)
        elif char == "\n":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def hours_text(hours: float) -> str:
    return f"{hours:g} h"


def progress_text(total: int) -> str:
    """The progress line before the script reads stored progress; the script rewrites it with the same words."""
    return f"0 of {total} topics done"


# ----------------------------------------------------------------------------
# Links
# ----------------------------------------------------------------------------


def _page_url(src: str, directory_urls: bool) -> str:
    path = PurePosixPath(src)
    if path.name in ("index.md", "README.md"):
        parent = path.parent.as_posix()
        return "" if parent == "." else parent + "/"
    if directory_urls:
        return path.with_suffix("").as_posix() + "/"
    return path.with_suffix(".html").as_posix()


# Pages link to the same few dozen pages thousands of times (the catalog once per topic of every
# resource), and posixpath.relpath is slow enough to show in the build profile.
@functools.lru_cache(maxsize=4096)
def _relative_url(page_src: str, target_src: str, directory_urls: bool) -> str:
    here, there = _page_url(page_src, directory_urls), _page_url(target_src, directory_urls)
    if here == there:
        return ""
    here_dir = here if here.endswith("/") or not here else posixpath.dirname(here)
    here_dir = here_dir.rstrip("/") or "."
    if there.endswith("/") or not there:
        rel = posixpath.relpath(there.rstrip("/") or ".", here_dir)
        rel = "./" if rel == "." else rel + "/"
    else:
        rel = posixpath.relpath(there, here_dir)
    if not directory_urls and rel.endswith("/"):
        rel += "index.html"
    return rel


@dataclass(frozen=True)
class Linker:
    """Relative links from the page being rendered (`page_src`, e.g. 'phases/data.md')."""

    page_src: str
    directory_urls: bool = False

    def href(self, target_src: str, anchor: str = "") -> str:
        rel = _relative_url(self.page_src, target_src, self.directory_urls)
        fragment = f"#{anchor}" if anchor else ""
        return rel + fragment if rel else (fragment or "./")

    def topic(self, topic: Topic) -> str:
        return self.href(PHASE_PAGE.format(id=topic.phase_id), topic.id)

    def phase(self, phase: Phase) -> str:
        return self.href(PHASE_PAGE.format(id=phase.id))

    def track(self, track_id: str) -> str:
        return self.href(TRACK_PAGE.format(id=track_id))


# ----------------------------------------------------------------------------
# Small pieces
# ----------------------------------------------------------------------------


def _attrs(**attrs: object) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{html_text(value)}"')
    return (" " + " ".join(parts)) if parts else ""


def track_badges(roadmap: Roadmap, track_ids: Iterable[str], linker: Linker) -> str:
    track_ids = tuple(track_ids)
    if len(track_ids) == len(roadmap.tracks):
        return f'<a class="rm-badge rm-track rm-track-all" href="{html_text(linker.href(TRACKS_INDEX))}">On every track</a>'
    badges = []
    for track_id in track_ids:
        track = roadmap.tracks_by_id[track_id]
        badges.append(
            f'<a class="rm-badge rm-track rm-track-{html_text(track.id)}" href="{html_text(linker.track(track.id))}">'
            f'{html_text(track.title)}</a>'
        )
    return " ".join(badges)


def prerequisites_line(roadmap: Roadmap, topic: Topic, linker: Linker) -> str:
    if not topic.requires:
        return '<p class="rm-prereq">Before this: nothing, start here.</p>'
    links = ", ".join(
        f'<a href="{html_text(linker.topic(roadmap.topics[r]))}">{html_text(roadmap.topics[r].title)}</a>'
        for r in topic.requires
    )
    return f'<p class="rm-prereq">Before this: {links}</p>'


# ----------------------------------------------------------------------------
# Page blocks
# ----------------------------------------------------------------------------

# Controls the script drives carry two marks: rm-needs-js hides them when scripting is off, and
# data-search-exclude keeps their words ("Mark as done", "0 of 6 topics done") out of the search
# index, where they matched every search for "done" and showed a stale count in result previews.


def phase_header(roadmap: Roadmap, phase_id: str, linker: Linker) -> str:
    """The H1, the phase's summary and figures, its progress line and its part of the map."""
    phase = roadmap.phases_by_id[phase_id]
    topic_ids = " ".join(t.id for t in phase.topics)
    figures = (
        f'<p class="rm-phase-facts">Phase {phase.number} of {len(roadmap.phases)} · '
        f"{len(phase.topics)} topics · about {hours_text(phase.hours)} of study</p>"
    )
    progress = (
        f'<p class="rm-progress rm-needs-js" data-search-exclude{_attrs(data_phase=phase.id, data_topics=topic_ids)} aria-live="polite">'
        f"{progress_text(len(phase.topics))}</p>"
    )
    return "\n\n".join(
        [
            f"# {md_text(phase.title)}",
            f'<p class="rm-lead">{html_text(phase.summary)}</p>',
            figures + "\n" + progress,
            phase_prerequisites(roadmap, phase_id, linker),
            phase_overview(roadmap, phase_id, linker),
        ]
    )


def phase_prerequisites(roadmap: Roadmap, phase_id: str, linker: Linker) -> str:
    """The picture of how the phase's topics build on each other and on other phases' topics."""
    layout = functools.partial(diagrams.prerequisites_layout, roadmap, phase_id, linker)
    narrow, wide = layout(diagrams.NARROW), layout(diagrams.WIDE)
    return diagrams.figure(
        narrow, wide,
        "How the topics build on each other: an arrow runs from a topic to each topic that needs it."
        + (" The topics of other phases they build on come first." if any(n.external for n in wide.nodes) else ""))


def roadmap_diagram(roadmap: Roadmap, linker: Linker) -> str:
    """The roadmap as a metro map: phases as stations, tracks as lines (its text alternative is
    roadmap_map, the list that follows it on the page)."""
    return diagrams.figure(
        diagrams.metro_layout(roadmap, linker, diagrams.NARROW), diagrams.metro_layout(roadmap, linker, diagrams.WIDE),
        "Each phase is a station with its hours and your progress. Each track is a line: a dot marks a phase "
        "where it adds topics of its own.", "rm-metro")


def phase_overview(roadmap: Roadmap, phase_id: str, linker: Linker) -> str:
    """The phase's topics in order, each a link to its anchor with its summary."""
    phase = roadmap.phases_by_id[phase_id]
    items = "".join(
        f'<li{_attrs(class_="rm-node", data_topic=t.id)}><a href="{html_text(linker.topic(t))}">'
        f"{html_text(t.title)}</a> <span class=\"rm-node-summary\">{html_text(t.summary)}</span></li>"
        for t in phase.topics
    )
    return (
        f'<nav class="rm-overview" aria-label="Topics in {html_text(phase.title)}" data-search-exclude>'
        f'<ol class="rm-overview-list">{items}</ol></nav>'
    )


def topic_block(roadmap: Roadmap, topic_id: str, linker: Linker) -> str:
    """The topic's heading (anchor = id), then prerequisites, effort, tracks and the done button."""
    topic = roadmap.topics[topic_id]
    tracks = roadmap.tracks_of(topic_id)
    meta = [
        f'<p class="rm-summary">{html_text(topic.summary)}</p>',
        *([f'<p class="rm-also">Also called: {html_text(", ".join(topic.also_called))}</p>'] if topic.also_called else []),
        prerequisites_line(roadmap, topic, linker),
        '<p class="rm-topic-facts">'
        f'<span class="rm-badge rm-hours">about {hours_text(topic.hours)} of study</span>'
        + (" " + track_badges(roadmap, tracks, linker) if tracks else "")
        + "</p>",
        f'<button type="button" class="rm-done md-button rm-needs-js" data-search-exclude{_attrs(data_topic=topic.id)} aria-pressed="false">'
        "Mark as done</button>",
    ]
    block = (
        f'<div class="rm-topic"{_attrs(data_topic=topic.id, data_aliases=" ".join(topic.aliases) or None)}>'
        + "".join(meta)
        + "</div>"
    )
    return f"## {md_text(topic.title)} {{#{topic.id}}}\n\n{block}"


def sort_resources(resources: Iterable[Resource]) -> list[Resource]:
    """Free first, then easiest first, then by title, so the first row is where to start."""
    return sorted(resources, key=lambda r: (COST_ORDER[r.cost], LEVEL_ORDER[r.level], r.title.casefold()))


def resource_cell(resource: Resource, status_note: str = "") -> str:
    by = ", ".join(x for x in (resource.author, resource.provider) if x)
    return (
        f'<a href="{html_text(resource.url)}"{_attrs(hreflang=resource.language)}>{html_text(resource.title)}</a>'
        + (f' <span class="rm-by">{html_text(by)}</span>' if by else "")
        + (f' {badge("lang", resource.language, "In " + LANGUAGE_NAMES[resource.language])}' if resource.language else "")
        # Whitespace between adjacent elements: a search indexer that keeps only the text joins
        # them, and "Title</a><span>Why" became one word ("TitleWhy") in Zensical's index.
        + f' <span class="rm-why">{html_text(resource.why)}</span>'
        + (" " + status_note if status_note else "")
    )


def badge(kind: str, value: str, label: str) -> str:
    return f'<span class="rm-badge rm-{kind}-{html_text(value)}">{html_text(label)}</span>'


def badge_cells(resource: Resource, after_type: str = "") -> str:
    """The type, cost and level cells every resource row ends with."""
    return (
        # A space inside each cell keeps its word apart from the cell before in a search index (a
        # browser drops it at the start of a line); between the cells it would widen the gaps of
        # the inline-block cells in the phone layout.
        f'<td> {badge("type", resource.type, TYPE_LABEL[resource.type])}{html_text(after_type)}</td>'
        f'<td> {badge("cost", resource.cost, COST_LABEL[resource.cost])}</td>'
        f'<td> {badge("level", resource.level, resource.level.capitalize())}</td>'
    )


def resource_table(roadmap: Roadmap, topic_id: str, status_note=lambda r: "") -> str:
    topic = roadmap.topics[topic_id]
    rows = []
    for resource in sort_resources(roadmap.resources_by_topic.get(topic_id, ())):
        hours = f" · {hours_text(resource.hours)}" if resource.hours else ""
        rows.append(
            f'<tr{_attrs(data_resource=resource.id)}>'
            f'<th scope="row">{resource_cell(resource, status_note(resource))}</th>'
            f"{badge_cells(resource, hours)}</tr>\n"
        )
    return (
        # No explicit roles: on a real table, role attributes on its rows and cells are invalid HTML
        # (the Nu Html Checker's errors), and Chromium keeps the table semantics of the stacked cards
        # that phones show (display: block) without them; tests/browser/test_hardening.py checks it.
        '<div class="rm-table-wrap"><table class="rm-resources rm-stack">'
        f"<caption>Resources for {html_text(topic.title)}</caption>"
        '\n<thead><tr><th scope="col">Resource</th>'
        '\n<th scope="col">Type</th>\n<th scope="col">Cost</th>'
        '\n<th scope="col">Level</th></tr></thead>'
        f'\n<tbody>{"".join(rows)}</tbody></table></div>'
    )


def roadmap_map(roadmap: Roadmap, linker: Linker) -> str:
    """Every phase in order with its topics as linked nodes: the roadmap at a glance.

    Semantic nested lists, so it works without JavaScript and a screen reader
    hears phases and topics in order; CSS lays it out as a map.
    """
    phases = []
    for phase in roadmap.phases:
        nodes = "".join(
            f'<li{_attrs(class_="rm-node", data_topic=t.id, data_aliases=" ".join(t.aliases) or None)}>'
            f'<a href="{html_text(linker.topic(t))}">{html_text(t.title)}</a>{_track_marks(roadmap, t)}</li>'
            for t in phase.topics
        )
        topic_ids = " ".join(t.id for t in phase.topics)
        phases.append(
            f'<li class="rm-map-phase"{_attrs(data_phase=phase.id)}>'
            f'<p class="rm-map-phase-title"><a href="{html_text(linker.phase(phase))}">'
            f'<span class="rm-map-number">{phase.number}</span> {html_text(phase.title)}</a>'
            f' <span class="rm-progress rm-needs-js" data-search-exclude{_attrs(data_phase=phase.id, data_topics=topic_ids)}>'
            f"{progress_text(len(phase.topics))}</span></p>"
            f'<ol class="rm-map-topics">{nodes}</ol></li>'
        )
    # data-search-exclude: the map repeats every topic title; search should lead to the topics themselves.
    return f'<nav class="rm-map" aria-label="Roadmap map" data-search-exclude><ol class="rm-map-phases">{"".join(phases)}</ol></nav>'


def _track_marks(roadmap: Roadmap, topic: Topic) -> str:
    tracks = roadmap.tracks_of(topic.id)
    if not tracks or len(tracks) == len(roadmap.tracks):
        return ""
    marks = " ".join(f'<span class="rm-mark rm-track-{html_text(t)}">{html_text(t)}</span>' for t in tracks)
    return f' <span class="rm-marks"><span class="rm-visually-hidden">tracks:</span> {marks}</span>'


def script_json(payload: object) -> str:
    """JSON that is safe inside a <script> element: no '</script>' or HTML entity can end it early."""
    return json.dumps(payload, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _alternatives(roadmap: Roadmap, topic: Topic, linker: Linker) -> str:
    """' or X, Y: pick one' after a topic that stands for a group of alternatives."""
    if not topic.one_of:
        return ""
    others = [roadmap.topics[m] for m in roadmap.groups[topic.one_of] if m != topic.id]
    return f' <span class="rm-alternatives">(or {_topic_links(others, linker)}: pick one)</span>'


def track_page(roadmap: Roadmap, track_id: str, linker: Linker) -> str:
    """A track's path (Roadmap.path): its topics in roadmap order, grouped by phase, with effort."""
    track = roadmap.tracks_by_id[track_id]
    path = roadmap.path(track_id)
    groups = []
    for phase in roadmap.phases:
        topics = [t for t in path if t.phase_id == phase.id]
        if not topics:
            continue
        items = "".join(
            f'<li{_attrs(class_="rm-node", data_topic=t.id)}><a href="{html_text(linker.topic(t))}">{html_text(t.title)}</a>'
            f' <span class="rm-badge rm-hours">{hours_text(t.hours)}</span>{_alternatives(roadmap, t, linker)}'
            f'<span class="rm-node-summary">{html_text(t.summary)}</span></li>'
            for t in topics
        )
        groups.append(
            f'<li class="rm-track-phase"><a href="{html_text(linker.phase(phase))}">{html_text(phase.title)}</a>'
            f' <span class="rm-badge rm-hours">{hours_text(sum(t.hours for t in topics))}</span>'
            f'<ol class="rm-overview-list">{items}</ol></li>'
        )
    topic_ids = " ".join(t.id for t in path)
    return "\n\n".join(
        [
            f"# {md_text(track.title)}",
            f'<p class="rm-lead">{html_text(track.summary)}</p>',
            f'<p class="rm-phase-facts">{len(path)} topics · about {hours_text(sum(t.hours for t in path))} of study, '
            f'foundations included</p>\n'
            f'<p class="rm-progress rm-needs-js" data-search-exclude{_attrs(data_phase="track-" + track.id, data_topics=topic_ids)} aria-live="polite">'
            f"{progress_text(len(path))}</p>",
            # data-search-exclude: the path repeats topic titles and summaries, which outranked the topics themselves.
            f'<nav class="rm-overview" aria-label="Topics of the {html_text(track.title)} track" data-search-exclude>'
            f'<ol class="rm-track-path">{"".join(groups)}</ol></nav>',
        ]
    )


def tracks_overview(roadmap: Roadmap, linker: Linker) -> str:
    """Every track with its summary, size and link."""
    items = []
    for track in roadmap.tracks:
        path = roadmap.path(track.id)
        items.append(
            f'<li><a href="{html_text(linker.track(track.id))}"><strong>{html_text(track.title)}</strong></a>'
            f' <span class="rm-badge">{len(path)} topics</span> <span class="rm-badge rm-hours">{hours_text(sum(t.hours for t in path))}</span>'
            f'<span class="rm-node-summary">{html_text(track.summary)}</span></li>'
        )
    return f'<ul class="rm-overview-list rm-tracks">{"".join(items)}</ul>'


def _topic_links(topics: Iterable[Topic], linker: Linker) -> str:
    return ", ".join(f'<a href="{html_text(linker.topic(t))}">{html_text(t.title)}</a>' for t in topics)


def core_topics(roadmap: Roadmap, linker: Linker) -> str:
    """The topics marked core, which every track's path holds, as links in roadmap order."""
    return _topic_links((t for t in roadmap.topics_in_order() if t.core), linker)


def optional_topics(roadmap: Roadmap, linker: Linker) -> str:
    """The topics marked optional, which no track's path holds."""
    return _topic_links((t for t in roadmap.topics_in_order() if t.optional), linker)


def progress_tools() -> str:
    """Progress link, export, import and reset controls; hidden until the script can make them work.

    The link's offer (what an opened progress link holds: merge, replace or ignore) waits hidden,
    focusable so that the script can take the learner to it.
    """
    return (
        '<div class="rm-tools rm-needs-js" data-search-exclude><p><strong>Your progress</strong> is saved in this browser only.'
        ' A progress link carries it to another browser or device without an account.</p>'
        '<div class="rm-link-offer" hidden tabindex="-1" role="group" aria-labelledby="rm-link-summary">'
        '<p class="rm-link-summary" id="rm-link-summary"></p>'
        '<p><button type="button" class="md-button md-button--primary rm-link-merge">Merge</button> '
        '<button type="button" class="md-button rm-link-replace">Replace</button> '
        '<button type="button" class="md-button rm-link-ignore">Ignore the link</button></p></div>'
        '<p><button type="button" class="md-button rm-copy-link">Copy progress link</button> '
        '<button type="button" class="md-button rm-export">Export progress</button> '
        '<label class="md-button rm-import-label">Import progress'
        '<input type="file" class="rm-import rm-visually-hidden" accept="application/json,.json"></label> '
        '<button type="button" class="md-button rm-reset">Reset progress</button></p>'
        '<p class="rm-link-output" hidden><label class="rm-field">Progress link'
        '<input type="text" class="rm-link-field" readonly spellcheck="false"></label></p>'
        '<p class="rm-tools-status" role="status" aria-live="polite"></p></div>'
    )


def _options(name: str, label: str, choices: Iterable[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{html_text(v)}">{html_text(t)}</option>' for v, t in choices)
    return (
        f'<label class="rm-field"><span>{html_text(label)}</span>'
        f'<select name="{name}"><option value="">Any</option>{opts}</select></label>'
    )


# With scripting on, the catalog opens with this many rows and a "show all" button: laying out
# every row at once cost mobile browsers over a second of main-thread time.
CATALOG_FIRST_ROWS = 50


def catalog(roadmap: Roadmap, linker: Linker, status_note=lambda r: "") -> str:
    """Every resource in one table, with filters that the script wires up (the full table without it)."""
    form = (
        '<form class="rm-filters rm-needs-js" data-search-exclude role="search" aria-label="Filter resources">'
        '<label class="rm-field rm-field-wide"><span>Search</span>'
        # Not "q": Material's search reads ?q= on every page and would open over the catalog.
        '<input type="search" name="text" placeholder="Title, author, description"></label>'
        + _options("type", "Type", ((k, v) for k, v in TYPE_LABEL.items()))
        # roadmap.js sorts the cost, level and topic columns in the order of these options.
        + _options("cost", "Cost", ((k, COST_LABEL[k]) for k in COST_ORDER))
        + _options("level", "Level", ((k, k.capitalize()) for k in LEVEL_ORDER))
        + _options("phase", "Phase", ((p.id, p.title) for p in roadmap.phases))
        + _options("track", "Track", ((t.id, t.title) for t in roadmap.tracks))
        + _options("language", "Language", [("en", "English")] + sorted(
            ((code, LANGUAGE_NAMES[code]) for code in {r.language for r in roadmap.resources if r.language}),
            key=lambda choice: choice[1]))
        + '<button type="reset" class="md-button">Clear filters</button></form>'
    )
    rows = []
    for position, resource in enumerate(sort_resources(roadmap.resources)):
        topics = [roadmap.topics[t] for t in resource.topics]
        phases = sorted({t.phase_id for t in topics}, key=lambda p: roadmap.phases_by_id[p].number)
        tracks = sorted({tr for t in topics for tr in roadmap.tracks_of(t.id)})
        topic_links = ", ".join(
            f'<a href="{html_text(linker.topic(t))}">{html_text(t.title)}</a>' for t in topics
        )
        rows.append(
            "<tr"
            + _attrs(
                class_="rm-later" if position >= CATALOG_FIRST_ROWS else None,
                data_type=resource.type, data_cost=resource.cost, data_level=resource.level,
                data_language=resource.language or "en",
                data_phases=" ".join(phases), data_tracks=" ".join(tracks),
            )
            + '>'
            f'<th scope="row">{resource_cell(resource, status_note(resource))}</th>'
            f'<td>{topic_links}</td>{badge_cells(resource)}</tr>'
        )

    def header(label: str, key: str) -> str:
        return (f'<th scope="col"><button type="button" class="rm-sort" data-sort="{key}">'
                f'{label}</button></th>')

    more = len(rows) > CATALOG_FIRST_ROWS
    return (
        form
        + f'<p class="rm-count" role="status" aria-live="polite">{len(rows)} resources</p>'
        # The same rows are searchable in each topic's own table; indexing them twice doubled search_index.json.
        f'<div class="rm-table-wrap" data-search-exclude><table class="rm-resources rm-stack rm-catalog" '
        f'data-first-rows="{CATALOG_FIRST_ROWS}"><caption>All resources, free first</caption>'
        '<thead><tr class="rm-sort-bar">'
        + header("Resource", "title") + header("Topics", "topic") + header("Type", "type")
        + header("Cost", "cost") + header("Level", "level")
        + f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        + (f'<p class="rm-needs-js rm-catalog-more" data-search-exclude><button type="button" class="md-button">Show all {len(rows)} resources</button></p>'
           if more else "")
    )


def plan_months(roadmap: Roadmap, hours_per_week: float) -> list[tuple[int, list[tuple[Phase, float]]]]:
    """Split the whole roadmap's path (one of each group of alternatives), in order, into months of
    study at a given weekly pace."""
    path_hours: dict[str, float] = defaultdict(float)
    for topic in roadmap.path():
        path_hours[topic.phase_id] += topic.hours
    per_month = hours_per_week * 52 / 12
    months: list[tuple[int, list[tuple[Phase, float]]]] = []
    month, left = 1, per_month
    current: list[tuple[Phase, float]] = []
    for phase in roadmap.phases:
        remaining = path_hours[phase.id]
        while remaining > 1e-9:
            # A phase meets a month at most once: the month closes, or the phase ends, whichever is first.
            take = min(remaining, left)
            current.append((phase, take))
            remaining -= take
            left -= take
            if left <= 1e-9:
                months.append((month, current))
                month, left, current = month + 1, per_month, []
    if current:
        months.append((month, current))
    return months


def study_plan(roadmap: Roadmap, linker: Linker, paces: dict[str, float]) -> str:
    """Month-by-month plans at fixed paces, plus the data the pace planner needs."""
    parts = []
    for label, hours in paces.items():
        months = plan_months(roadmap, hours)
        rows = "".join(
            f'<tr><th scope="row">Month {number}</th><td>'
            + "; ".join(
                f'<a href="{html_text(linker.phase(phase))}">{html_text(phase.title)}</a> ({hours_text(round(h))})'
                for phase, h in chunk
            )
            + "</td></tr>"
            for number, chunk in months
        )
        parts.append(
            f'<div class="rm-table-wrap"><table class="rm-resources rm-plan"><caption>{html_text(label)}: '
            f"{hours:g} hours a week, about {len(months)} months</caption>"
            '<thead><tr><th scope="col">Month</th><th scope="col">What to study</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )
    return "\n\n".join(parts)


# The planner's pace before the learner sets one; the timeline without scripting shows this plan.
PLANNER_HOURS = 10


def plan_timeline(roadmap: Roadmap) -> str:
    """The planner's plan as bars over weeks: the default plan as served, which roadmap.js redraws
    (bars, dates, ticks) whenever the plan changes."""
    return diagrams.figure(
        diagrams.timeline_layout(roadmap, PLANNER_HOURS, diagrams.NARROW),
        diagrams.timeline_layout(roadmap, PLANNER_HOURS, diagrams.WIDE),
        "One bar per phase over the weeks of the plan, in order.", "rm-timeline")


def pace_planner(roadmap: Roadmap) -> str:
    # Each topic carries the tracks whose path (Roadmap.path) holds it, so the script sums exactly the
    # path a track page shows; `group` marks alternatives, of which the plan counts the chosen one.
    payload = {
        "phases": [
            {"id": p.id, "title": p.title,
             "topics": [{"id": t.id, "hours": t.hours, "paths": list(roadmap.tracks_of(t.id)),
                         **({"group": t.one_of} if t.one_of else {})} for t in p.topics]}
            for p in roadmap.phases
        ]
    }
    data_json = script_json(payload)
    track_options = "".join(f'<option value="{html_text(t.id)}">{html_text(t.title)}</option>' for t in roadmap.tracks)
    group_fields = "".join(
        f'<label class="rm-field"><span>{html_text(group.replace("-", " ").capitalize())}</span>'
        f'<select name="group-{html_text(group)}" data-group="{html_text(group)}">'
        + "".join(f'<option value="{html_text(m)}">{html_text(roadmap.topics[m].title)}</option>' for m in members)
        + "</select></label>"
        for group, members in roadmap.groups.items()
    )
    return (
        '<form class="rm-planner rm-needs-js" data-search-exclude aria-label="Pace planner">'
        '<label class="rm-field"><span>Hours per week</span><input type="number" name="hours" min="1" max="80" '
        f'value="{PLANNER_HOURS}"></label>'
        f'<label class="rm-field"><span>Track</span><select name="track"><option value="">Whole roadmap</option>{track_options}</select></label>'
        + group_fields +
        '<label class="rm-field"><span>Start date</span><input type="date" name="start"></label></form>'
        + plan_timeline(roadmap) +
        '<div class="rm-planner-output rm-needs-js" data-search-exclude><p class="rm-planner-summary" role="status" aria-live="polite"></p>'
        '<div class="rm-table-wrap"><table class="rm-resources"><caption>Your plan, topics marked done left out</caption>'
        '<thead><tr><th scope="col">Phase</th><th scope="col">Hours left</th><th scope="col">Weeks</th><th scope="col">Dates</th></tr></thead>'
        "<tbody></tbody></table></div></div>"
        f'<script type="application/json" id="rm-plan-data">{data_json}</script>'
    )


def print_view() -> str:
    """The placeholder print_book.assemble fills after the build with the book's contents and every
    phase page's article: links and their targets come from one step, on either generator."""
    from .print_book import PLACEHOLDER

    return PLACEHOLDER


def downloads(linker: Linker) -> str:
    """Empty slots that macros/downloads.py fills, after `make build` wrote the files, with a link to
    each and its size: a build without them (a test, `make serve`) shows no link to a missing file."""
    from .downloads import FILES

    slots = "".join(f'<li data-download="{html_text(key)}" hidden></li>' for key in FILES)
    return f'<ul class="rm-downloads" data-search-exclude data-base="{html_text(linker.href("index.md"))}">{slots}</ul>'


def glossary(roadmap: Roadmap, linker: Linker) -> str:
    """Every term, alphabetically, with its expansion, definition and the topic that explains it."""
    items = []
    for term in sorted(roadmap.glossary, key=lambda t: t.term.casefold()):
        expansion = f" ({html_text(term.stands_for)})" if term.stands_for else ""
        where = ""
        if term.topic:
            topic = roadmap.topics[term.topic]
            where = f' See <a href="{html_text(linker.topic(topic))}">{html_text(topic.title)}</a>.'
        items.append(f"<dt>{html_text(term.term)}{expansion}</dt>\n<dd>{html_text(term.definition)}{where}</dd>\n")
    return f'<dl class="rm-glossary">{"".join(items)}</dl>'


FAILING_WEEKS_BEFORE_FLAG = 3


def link_status_note(status: LinkStatus | None, today: datetime.date) -> str:
    """'checked <date>' for a link the weekly check saw working; a warning once it has failed for weeks."""
    if status is None:
        return ""
    if status.failing_since:
        since = datetime.date.fromisoformat(status.failing_since)
        if (today - since).days >= 7 * FAILING_WEEKS_BEFORE_FLAG:
            return f'<span class="rm-flag">Link failing since {html_text(status.failing_since)}: it may have moved.</span>'
    if status.last_ok:
        return f'<span class="rm-checked">checked {html_text(status.last_ok)}</span>'
    return ""


# ----------------------------------------------------------------------------
# Search view
# ----------------------------------------------------------------------------

# A search indexer keeps the text of these blocks, not their markup, yet parsing their markup tag by
# tag was its largest cost, and it grows with the data (3 s of a 10 s build at tenfold data).
_TEXT_ONLY_FOR_SEARCH = (('<table class="rm-resources', "</table>"), ('<dl class="rm-glossary', "</dl>"))
_TAG = re.compile(r"<[^>]*>")
_FLATTENED = re.compile(r"<div>[^<]*</div><!--rm-search-view (\d+)-->")


_RESOURCE_CELL = re.compile(r'<th scope="row">(.*?)</th>', re.S)
_LINK_STATUS = re.compile(r'<span class="rm-(?:checked|flag)">[^<]*</span>')


def _searchable_part(block: str) -> str:
    """What a resource table is searched by: each resource's title, author and why, not the caption,
    column headers, badges ("Docs Free Beginner" on every row matched every search for "free") or
    link-check dates. Other blocks (glossary, study plans) keep all their text."""
    if 'class="rm-resources rm-stack' not in block[:80]:
        return block
    return " ".join(_LINK_STATUS.sub("", cell) for cell in _RESOURCE_CELL.findall(block))


def search_view(page_html: str) -> tuple[str, list[str]]:
    """`page_html` with each resource table and glossary list reduced to its text, and the blocks
    taken out, for `restore_search_view`. Text stays escaped; each tag becomes a space."""
    blocks: list[str] = []
    for start_tag, end_tag in _TEXT_ONLY_FOR_SEARCH:
        parts, position = [], 0
        # str.find, not one regex: a lazy match over megabytes of table cost more than the parse it saves.
        while (start := page_html.find(start_tag, position)) >= 0:
            end = page_html.find(end_tag, start)
            if end < 0:
                break
            end += len(end_tag)
            block = page_html[start:end]
            text = " ".join(_TAG.sub(" ", _searchable_part(block)).split())
            parts += [page_html[position:start], f"<div>{text}</div><!--rm-search-view {len(blocks)}-->"]
            blocks.append(block)
            position = end
        page_html = "".join(parts) + page_html[position:]
    return with_spelling_variants(page_html), blocks


_HEADING = re.compile(r"<h[1-6][\s>]")
_VARIANTS = re.compile(r"<p>[^<]*</p><!--rm-spelling-->")


def with_spelling_variants(page_html: str) -> str:
    """Each section (the text up to the next heading, as the search index splits a page) followed by
    the other spellings of its words (see spelling.variants), so British and American queries both
    find it. Only the search indexer sees them: restore_search_view takes them out again."""
    starts = [m.start() for m in _HEADING.finditer(page_html)]
    bounds = list(zip([0] + starts, starts + [len(page_html)]))
    out = []
    for start, end in bounds:
        section = page_html[start:end]
        words = spelling.variants(html.unescape(_TAG.sub(" ", section)), every_time=True)
        out.append(section + (f"<p>{' '.join(words)}</p><!--rm-spelling-->" if words else ""))
    return "".join(out)


def search_tags(index: dict, roadmap: Roadmap) -> dict:
    """Material's search index with each topic's other names as the tags of its section: tags weigh
    like a title in ranking (mkdocs.yml), so a query by any name leads to the topic that teaches it,
    and the names show as chips under the result."""
    for doc in index.get("docs", []):
        page, _, anchor = doc.get("location", "").partition("#")
        topic = roadmap.topics.get(anchor)
        if topic and page == _page_url(PHASE_PAGE.format(id=topic.phase_id), False):
            # With the other spelling of its title and names, which weighs as much as the title:
            # "Optimisation" is found as "optimization" too.
            names = (topic.title,) + topic.also_called
            tags = list(dict.fromkeys(topic.also_called + tuple(v for name in names for v in spelling.variants(name))))
            if tags:
                doc["tags"] = tags
    return index


def restore_search_view(page_html: str, blocks: list[str]) -> str:
    """Put back the blocks `search_view` took out and drop the spelling variants it added, keeping
    any other change made meanwhile."""
    page_html = _VARIANTS.sub("", page_html)
    if not blocks:
        return page_html
    return _FLATTENED.sub(lambda match: blocks[int(match.group(1))], page_html)
