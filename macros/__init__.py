"""Register the roadmap macros with mkdocs-macros.

The only module that knows MkDocs: it loads the data once per build, exposes
the render functions as macros, and turns data problems into a failed build
with one readable line per problem and no traceback.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import json
import re
from collections import defaultdict
from pathlib import Path

from . import data, html_blocks, render

# MkDocs is imported inside the hooks, not here, so `macros.data` and `macros.render`
# (and `python -m macros.validate`) load without MkDocs: the data layer outlives the theme.


# Search weight of pages that name topics without teaching them (tracks; the glossary sets its own).
OVERVIEW_SEARCH_BOOST = 0.1


class MacroUsageError(Exception):
    """A page called a macro with an id the data does not know, or on the wrong page."""


def _register_error_format() -> None:
    from mkdocs_macros.errors import format_error

    @format_error.register
    def _format_usage_error(error: MacroUsageError, markdown: str, page) -> str:  # noqa: ARG001
        # mkdocs-macros prints this and stops the build; our message needs no traceback.
        return str(error)


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    _register_error_format()
    project_dir = Path(env.project_dir)
    try:
        roadmap = data.load(project_dir / "data", display_root=project_dir)
    except data.DataError as error:
        count = len(error.problems)
        raise PluginError(f"{count} problem(s) in the roadmap data:\n{error}") from None

    extensions = env.conf["markdown_extensions"]
    blocks = next((ext for ext in extensions if isinstance(ext, html_blocks.HtmlBlocks)), None)
    if blocks is None:
        blocks = html_blocks.HtmlBlocks()
        extensions.append(blocks)

    def block_macro(function):
        """A macro that returns one HTML block, handed to Markdown unparsed (see html_blocks)."""
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            return blocks.wrap(function(*args, **kwargs))
        return env.macro(wrapper)

    directory_urls = bool(env.conf.get("use_directory_urls", False))
    today = datetime.date.today()

    def status_note(resource) -> str:
        return render.link_status_note(roadmap.status_by_url.get(resource.url), today)
    placed: dict[str, list[str]] = defaultdict(list)

    def page_src() -> str:
        return env.page.file.src_uri

    def linker() -> render.Linker:
        return render.Linker(page_src(), directory_urls)

    def known(kind: str, value: str, ids) -> None:
        if value not in ids:
            close = difflib.get_close_matches(value, list(ids), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise MacroUsageError(f"docs/{page_src()}: {kind}(\"{value}\"): unknown {kind} id '{value}'{hint}")

    def on_own_page(kind: str, value: str, phase_id: str) -> None:
        expected = render.PHASE_PAGE.format(id=phase_id)
        if page_src() != expected:
            raise MacroUsageError(
                f"docs/{page_src()}: {kind}(\"{value}\"): belongs on docs/{expected}, "
                "where its anchor and links point"
            )

    @env.macro
    def phase(phase_id: str) -> str:
        """Page header of a phase: title, summary, facts, progress and topic overview."""
        known("phase", phase_id, roadmap.phases_by_id)
        on_own_page("phase", phase_id, phase_id)
        # Material prints page.meta.description unescaped, so data text is escaped here.
        env.page.meta.setdefault("description", render.html_text(roadmap.phases_by_id[phase_id].summary))
        return render.phase_header(roadmap, phase_id, linker())

    @env.macro
    def topic(topic_id: str) -> str:
        """A topic's heading, prerequisites, badges and done button."""
        known("topic", topic_id, roadmap.topics)
        on_own_page("topic", topic_id, roadmap.topics[topic_id].phase_id)
        placed[topic_id].append(page_src())
        return render.topic_block(roadmap, topic_id, linker())

    @block_macro
    def resources(topic_id: str) -> str:
        """The accessible resource table of one topic."""
        known("topic", topic_id, roadmap.topics)
        return render.resource_table(roadmap, topic_id, status_note)

    @block_macro
    def phase_overview(phase_id: str) -> str:
        known("phase", phase_id, roadmap.phases_by_id)
        return render.phase_overview(roadmap, phase_id, linker())

    @block_macro
    def roadmap_map() -> str:
        """Every phase and topic as a linked map."""
        return render.roadmap_map(roadmap, linker())

    @env.macro
    def track(track_id: str) -> str:
        """A track's page body: its topics in roadmap order."""
        known("track", track_id, roadmap.tracks_by_id)
        expected = render.TRACK_PAGE.format(id=track_id)
        if page_src() != expected:
            raise MacroUsageError(f"docs/{page_src()}: track(\"{track_id}\"): belongs on docs/{expected}")
        env.page.meta.setdefault("description", render.html_text(roadmap.tracks_by_id[track_id].summary))
        # A track page names topics it does not teach: it must not outrank the phase pages that do.
        env.page.meta.setdefault("search", {"boost": OVERVIEW_SEARCH_BOOST})
        placed["track:" + track_id].append(page_src())
        return render.track_page(roadmap, track_id, linker())

    @block_macro
    def tracks_overview() -> str:
        """All tracks with their size, for the tracks index page."""
        return render.tracks_overview(roadmap, linker())

    @env.macro
    def core_topics() -> str:
        """The topics on every track's path, as links (inline, for a sentence)."""
        return render.core_topics(roadmap, linker())

    @env.macro
    def optional_topics() -> str:
        """The topics on no track's path, as links (inline, for a sentence)."""
        return render.optional_topics(roadmap, linker())

    @block_macro
    def progress_tools() -> str:
        """Export, import and reset buttons for saved progress."""
        return render.progress_tools()

    @block_macro
    def catalog() -> str:
        """Every resource in one filterable, sortable table."""
        return render.catalog(roadmap, linker(), status_note)

    @block_macro
    def study_plan(**paces: float) -> str:
        """Month-by-month plans, e.g. study_plan(full_time=35, part_time=10)."""
        labels = {key.replace("_", "-").capitalize(): hours for key, hours in paces.items()}
        return render.study_plan(roadmap, linker(), labels)

    @block_macro
    def pace_planner() -> str:
        """The interactive planner: hours per week and track in, dates per phase out."""
        return render.pace_planner(roadmap)

    @block_macro
    def print_view() -> str:
        """The whole roadmap on one page, for printing or saving as PDF."""
        return render.print_view(roadmap, linker())

    @block_macro
    def glossary() -> str:
        """Every glossary term with its definition."""
        return render.glossary(roadmap, linker())

    env.conf.plugins["roadmap-search-view"] = _search_view_plugin()
    titles = {t.term: t.stands_for for t in roadmap.glossary if t.stands_for}
    env.variables[_BUILD] = _BuildState(roadmap, placed, titles, [t for t in titles if " " in t])


_BUILD = "_roadmap_build"


@dataclasses.dataclass(repr=False)
class _BuildState:
    """What the page and build hooks below need from define_env."""

    roadmap: data.Roadmap
    placed: dict[str, list[str]]
    abbreviations: dict[str, str]
    phrases: list[str]

    def __repr__(self) -> str:
        # mkdocs-macros writes every variable to its debug log as JSON on each build, shown or not;
        # the default repr of the whole roadmap cost 0.08 s at tenfold data.
        return f"<roadmap build state: {len(self.roadmap.resources)} resources>"


def _search_view_plugin():
    """Material's search indexes resource tables and the glossary from their text only (see render.search_view)."""
    from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

    class SearchView(BasePlugin):
        def __init__(self):
            super().__init__()
            self.taken: dict[str, list[str]] = {}

        @event_priority(100)  # before the search plugin reads page.content
        def _flatten(self, context, *, page, config, nav):
            if (page.meta.get("search") or {}).get("exclude"):
                return context
            page.content, self.taken[page.file.src_uri] = render.search_view(page.content)
            return context

        @event_priority(-100)  # after it, before the theme writes the page
        def _restore(self, context, *, page, config, nav):
            page.content = render.restore_search_view(page.content, self.taken.pop(page.file.src_uri, []))
            return context

        on_page_context = CombinedEvent(_flatten, _restore)

    return SearchView()


_WORD = re.compile(r"[A-Za-z0-9²][A-Za-z0-9²/.+&-]*")
_PARTS = re.compile(r"[/.+&-]")


def on_post_page_macros(env) -> None:
    """Append the glossary abbreviations this page uses, so Material shows them as tooltips."""
    build: _BuildState = env.variables[_BUILD]
    titles, phrases = build.abbreviations, build.phrases
    if not titles:
        return
    text = html_blocks.without_blocks(env.markdown)
    for included in re.findall(r'^--8<-- "([^"]+)"', text, flags=re.M):  # snippets expand after macros
        path = Path(env.project_dir) / included
        if path.is_file():
            text += path.read_text(encoding="utf-8")
    # Only the terms that occur: every definition costs Markdown parsing time on every page. A set
    # lookup per word keeps this linear in page size; one regex of all terms was not (46 s at 10x data).
    words = {word.rstrip("/.+&-") for word in _WORD.findall(text)}
    words |= {part for word in words for part in _PARTS.split(word) if part}
    used = sorted({term for term in titles if term in words} | {p for p in phrases if p in text})
    if used:
        # One block per definition: Markdown re-scans a multi-line block once per line (quadratic).
        env.markdown += "\n\n" + "\n\n".join(f"*[{term}]: {titles[term]}" for term in used) + "\n"


def on_post_build(env) -> None:
    """Fail the build when a topic is missing from every page or placed twice."""
    from mkdocs.exceptions import PluginError

    build: _BuildState = env.variables[_BUILD]
    roadmap, placed = build.roadmap, build.placed
    problems = []
    for topic in roadmap.topics_in_order():
        pages = placed.get(topic.id, [])
        expected = render.PHASE_PAGE.format(id=topic.phase_id)
        if not pages:
            problems.append(f"topic '{topic.id}': no page places it; add {{{{ topic(\"{topic.id}\") }}}} to docs/{expected}")
        elif len(pages) > 1:
            problems.append(f"topic '{topic.id}': placed {len(pages)} times (docs/{', docs/'.join(pages)}); place it once")
    for track in roadmap.tracks:
        if not placed.get("track:" + track.id):
            expected = render.TRACK_PAGE.format(id=track.id)
            problems.append(f"track '{track.id}': no page; create docs/{expected} containing {{{{ track(\"{track.id}\") }}}}")
    if problems:
        raise PluginError("Pages and data disagree:\n" + "\n".join(problems))
    # Material's search plugin has written its index by now (it comes first in mkdocs.yml).
    index_file = Path(env.conf["site_dir"]) / "search" / "search_index.json"
    if index_file.is_file():
        index = json.loads(index_file.read_text(encoding="utf-8"))
        index_file.write_text(json.dumps(render.search_tags(index, roadmap), separators=(",", ":")), encoding="utf-8")
