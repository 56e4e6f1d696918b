"""The roadmap's macros, and their registration with each generator that builds the site.

`Site` is the generator-independent core: it loads the data once per build, gives the page
macros (each a call into `render`), appends the glossary abbreviations a page uses, and checks
after the build that every topic is placed exactly once. Nothing in it imports a generator.

Two adapters share it:
- mkdocs-macros (below: `define_env` and the page and build hooks), with Material's search view;
  MkDocs is imported inside the hooks only, so this module loads without it.
- `macros.prerender`, which renders every page's macros to plain Markdown and HTML blocks that any
  Markdown generator can build (Zensical, see the README).

Every problem reaches the contributor as one line, `file:line: entry: field: message`, never as a
traceback: `RoadmapError` carries those lines, and `describe_error` turns anything raised while a
page renders into them.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import html
import inspect
import json
import re
import sys
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

from . import after_build, data, html_blocks, render

# Search weight of pages that name topics without teaching them (tracks; the glossary sets its own).
OVERVIEW_SEARCH_BOOST = 0.1


class RoadmapError(Exception):
    """Problems a contributor must fix, one line each: `file:line: entry: field: message`."""

    def __init__(self, lines: Iterable[str]):
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


class MacroUsageError(RoadmapError):
    """A page called a macro with an id the data does not know, or on the wrong page."""


class _Usage(Exception):
    """Raised inside a macro; the macro's wrapper adds the page, line and call in front of it."""


@dataclasses.dataclass
class Page:
    """The page being rendered, as much of it as the macros need from any generator."""

    src_uri: str  # relative to the docs folder, with forward slashes: 'phases/data.md'
    meta: dict  # its front matter; macros add `description` and `search` where the data gives them
    line_offset: int = 0  # lines before the Markdown body (front matter), so error lines match the file


# ----------------------------------------------------------------------------
# The core: one per build
# ----------------------------------------------------------------------------


def _block(function):
    """Marks a macro that returns one whole HTML block (see html_blocks)."""
    function.html_block = True
    return function


class Site:
    """The macros of one build. Raises `data.DataError` when the data does not load."""

    def __init__(self, project_dir: Path, directory_urls: bool = False, today: datetime.date | None = None):
        self.project_dir = Path(project_dir)
        self.roadmap = data.load(self.project_dir / "data", display_root=self.project_dir)
        self.directory_urls = directory_urls
        self.today = today or datetime.date.today()
        self.page: Page | None = None
        # topic id, or 'track:<id>', -> the pages that placed it
        self.placed: dict[str, list[str]] = defaultdict(list)
        self.abbreviations = {t.term: t.stands_for for t in self.roadmap.glossary if t.stands_for}
        self.phrases = [term for term in self.abbreviations if " " in term]

    def __repr__(self) -> str:
        # mkdocs-macros writes every variable to its debug log as JSON on each build, shown or not;
        # the default repr of the whole roadmap cost 0.08 s at tenfold data.
        return f"<roadmap site: {len(self.roadmap.resources)} resources>"

    # -- what the adapters call -------------------------------------------------

    def macros(self, wrap_block: Callable[[str], str] = lambda html_: html_) -> dict[str, Callable]:
        """Every macro by name, bound to this build. `wrap_block` receives each whole HTML block
        (the MkDocs adapter hands it to Markdown unparsed; the pre-render writes it as it is)."""
        table = {}
        for name in MACRO_NAMES:
            method = getattr(self, name)
            table[name] = self._wrapped(name, method, wrap_block if getattr(method, "html_block", False) else None)
        return table

    def abbreviations_for(self, markdown: str) -> str:
        """The glossary abbreviations this page's text uses, as Markdown abbreviation definitions,
        so pages show what each one stands for ('' when none occurs)."""
        if not self.abbreviations:
            return ""
        text = html_blocks.without_blocks(markdown)
        for included in re.findall(r'^--8<-- "([^"]+)"', text, flags=re.M):  # snippets expand after macros
            path = self.project_dir / included
            if path.is_file():
                text += path.read_text(encoding="utf-8")
        # Only the terms that occur: every definition costs Markdown parsing time on every page. A set
        # lookup per word keeps this linear in page size; one regex of all terms was not (46 s at 10x data).
        words = {word.rstrip("/.+&-") for word in _WORD.findall(text)}
        words |= {part for word in words for part in _PARTS.split(word) if part}
        used = sorted({term for term in self.abbreviations if term in words} | {p for p in self.phrases if p in text})
        # One block per definition: Markdown re-scans a multi-line block once per line (quadratic).
        return "".join(f"\n\n*[{term}]: {self.abbreviations[term]}" for term in used) + ("\n" if used else "")

    def placement_problems(self) -> list[str]:
        """After every page rendered: topics no page placed or two pages placed, tracks without a page."""
        problems = []
        for topic in self.roadmap.topics_in_order():
            pages = self.placed.get(topic.id, [])
            expected = render.PHASE_PAGE.format(id=topic.phase_id)
            if not pages:
                problems.append(f"topic '{topic.id}': no page places it; add {{{{ topic(\"{topic.id}\") }}}} to docs/{expected}")
            elif len(pages) > 1:
                problems.append(f"topic '{topic.id}': placed {len(pages)} times (docs/{', docs/'.join(pages)}); place it once")
        for track in self.roadmap.tracks:
            if not self.placed.get("track:" + track.id):
                expected = render.TRACK_PAGE.format(id=track.id)
                problems.append(f"track '{track.id}': no page; create docs/{expected} containing {{{{ track(\"{track.id}\") }}}}")
        return problems

    # -- helpers of the macros ----------------------------------------------------

    def _wrapped(self, name: str, method: Callable, wrap_block: Callable[[str], str] | None) -> Callable:
        signature = inspect.signature(method)

        def macro(*args, **kwargs):
            try:
                signature.bind(*args, **kwargs)  # a wrong call is the page's mistake, not a traceback
            except TypeError as error:
                raise self._usage_error(name, args, kwargs, str(error)) from None
            try:
                out = method(*args, **kwargs)
            except _Usage as error:
                raise self._usage_error(name, args, kwargs, str(error)) from None
            return wrap_block(out) if wrap_block else out

        macro.__name__ = name
        macro.__doc__ = method.__doc__
        return macro

    def _usage_error(self, name: str, args: tuple, kwargs: dict, message: str) -> MacroUsageError:
        # The call as the page wrote it: resources("sqll"), study_plan(full_time=35).
        show = lambda value: json.dumps(value, default=str)  # noqa: E731
        call = ", ".join([show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()])
        return MacroUsageError([f"{page_location(self.page, template_line())}: {name}({call}): {message}"])

    def _src(self) -> str:
        return self.page.src_uri if self.page else ""

    def _linker(self) -> render.Linker:
        return render.Linker(self._src(), self.directory_urls)

    def _status_note(self, resource) -> str:
        return render.link_status_note(self.roadmap.status_by_url.get(resource.url), self.today)

    def _known(self, kind: str, value: str, ids) -> None:
        if value not in ids:
            close = difflib.get_close_matches(value, list(ids), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise _Usage(f"unknown {kind} id '{value}'{hint}")

    def _on_own_page(self, expected: str, why: str = ", where its anchor and links point") -> None:
        if self._src() != expected:
            raise _Usage(f"belongs on docs/{expected}{why}")

    def _set_meta(self, key: str, value) -> None:
        if self.page is not None:
            self.page.meta.setdefault(key, value)

    # -- the macros ----------------------------------------------------------------

    def phase(self, phase_id: str) -> str:
        """Page header of a phase: title, summary, facts, progress and topic overview."""
        self._known("phase", phase_id, self.roadmap.phases_by_id)
        self._on_own_page(render.PHASE_PAGE.format(id=phase_id))
        # Material prints page.meta.description unescaped, so data text is escaped here.
        self._set_meta("description", render.html_text(self.roadmap.phases_by_id[phase_id].summary))
        return render.phase_header(self.roadmap, phase_id, self._linker())

    def topic(self, topic_id: str) -> str:
        """A topic's heading, prerequisites, badges and done button."""
        self._known("topic", topic_id, self.roadmap.topics)
        self._on_own_page(render.PHASE_PAGE.format(id=self.roadmap.topics[topic_id].phase_id))
        self.placed[topic_id].append(self._src())
        return render.topic_block(self.roadmap, topic_id, self._linker())

    @_block
    def resources(self, topic_id: str) -> str:
        """The accessible resource table of one topic."""
        self._known("topic", topic_id, self.roadmap.topics)
        return render.resource_table(self.roadmap, topic_id, self._status_note)

    @_block
    def phase_overview(self, phase_id: str) -> str:
        self._known("phase", phase_id, self.roadmap.phases_by_id)
        return render.phase_overview(self.roadmap, phase_id, self._linker())

    @_block
    def roadmap_diagram(self) -> str:
        """The roadmap as a metro map: phases as stations, tracks as lines."""
        return render.roadmap_diagram(self.roadmap, self._linker())

    @_block
    def roadmap_map(self) -> str:
        """Every phase and topic as a linked map."""
        return render.roadmap_map(self.roadmap, self._linker())

    def track(self, track_id: str) -> str:
        """A track's page body: its topics in roadmap order."""
        self._known("track", track_id, self.roadmap.tracks_by_id)
        self._on_own_page(render.TRACK_PAGE.format(id=track_id), why="")
        self._set_meta("description", render.html_text(self.roadmap.tracks_by_id[track_id].summary))
        # A track page names topics it does not teach: it must not outrank the phase pages that do.
        self._set_meta("search", {"boost": OVERVIEW_SEARCH_BOOST})
        self.placed["track:" + track_id].append(self._src())
        return render.track_page(self.roadmap, track_id, self._linker())

    @_block
    def tracks_overview(self) -> str:
        """All tracks with their size, for the tracks index page."""
        return render.tracks_overview(self.roadmap, self._linker())

    def core_topics(self) -> str:
        """The topics on every track's path, as links (inline, for a sentence)."""
        return render.core_topics(self.roadmap, self._linker())

    def optional_topics(self) -> str:
        """The topics on no track's path, as links (inline, for a sentence)."""
        return render.optional_topics(self.roadmap, self._linker())

    @_block
    def progress_tools(self) -> str:
        """Export, import and reset buttons for saved progress."""
        return render.progress_tools()

    @_block
    def catalog(self) -> str:
        """Every resource in one filterable, sortable table."""
        return render.catalog(self.roadmap, self._linker(), self._status_note)

    @_block
    def study_plan(self, **paces: float) -> str:
        """Month-by-month plans, e.g. study_plan(full_time=35, part_time=10)."""
        labels = {key.replace("_", "-").capitalize(): hours for key, hours in paces.items()}
        return render.study_plan(self.roadmap, self._linker(), labels)

    @_block
    def pace_planner(self) -> str:
        """The interactive planner: hours per week and track in, dates per phase out."""
        return render.pace_planner(self.roadmap)

    @_block
    def print_view(self) -> str:
        """The whole roadmap on one page, for printing or saving as PDF."""
        return render.print_view()

    @_block
    def glossary(self) -> str:
        """Every glossary term with its definition."""
        return render.glossary(self.roadmap, self._linker())

    @_block
    def downloads(self) -> str:
        """Where the PDF and the offline zip will be linked, with their sizes, once `make build` made them."""
        return render.downloads(self._linker())


MACRO_NAMES = (
    "phase", "topic", "resources", "phase_overview", "roadmap_diagram", "roadmap_map", "track", "tracks_overview",
    "core_topics", "optional_topics", "progress_tools", "catalog", "study_plan", "pace_planner",
    "print_view", "glossary", "downloads",
)

_WORD = re.compile(r"[A-Za-z0-9²][A-Za-z0-9²/.+&-]*")
_PARTS = re.compile(r"[/.+&-]")


# ----------------------------------------------------------------------------
# Error lines, for every adapter
# ----------------------------------------------------------------------------


def template_line() -> int:
    """The line of the page template that is rendering now (0 outside a template): Jinja compiles
    a page to Python code whose frames carry the template, which maps code lines to page lines."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return 0


def _error_line(error: BaseException) -> int:
    """The page line an exception came from: Jinja rewrites tracebacks to show template lines."""
    lineno = getattr(error, "lineno", None)  # syntax errors know it
    if lineno:
        return lineno
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return lines[-1] if lines else 0


def page_location(page: Page | None, line: int = 0) -> str:
    """'docs/<page>:<line>', as a page's error lines start (the line counted in the file, front matter included)."""
    if page is None:
        return "docs/(unknown page)"
    return f"docs/{page.src_uri}:{line + page.line_offset}" if line else f"docs/{page.src_uri}"


_UNDEFINED = re.compile(r"^'([^']+)' is undefined$")


def describe_error(error: BaseException, page: Page | None, known: Iterable[str] = MACRO_NAMES,
                   line: int = 0) -> list[str]:
    """One line per problem for anything raised while `page` rendered (`line`: where, when the
    exception cannot tell); never a traceback."""
    if isinstance(error, RoadmapError):
        return error.lines
    if isinstance(error, data.DataError):
        return [str(problem) for problem in error.problems]
    where = page_location(page, _error_line(error) or line)
    text = str(getattr(error, "message", None) or error).strip()
    message = text.splitlines()[0] if text else ""
    kind = type(error).__name__
    if kind == "UndefinedError" and (match := _UNDEFINED.match(message)):
        name = match.group(1)
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (the macros are: {', '.join(known)})"
        return [f"{where}: {name}: unknown macro or variable{hint}"]
    if kind == "TemplateSyntaxError":
        return [f"{where}: macro syntax: {message}"]
    return [f"{where}: {kind}: {message}"]


def error_notice(lines: Iterable[str]) -> str:
    """An HTML block that shows build errors on the page itself (the dev server's pages only)."""
    items = "".join(f"<li><code>{_inert(line)}</code></li>" for line in lines)
    return (
        '\n\n<div class="admonition failure rm-build-error"><p class="admonition-title">This page did not build</p>'
        f"<ul>{items}</ul><p>Fix it and save: the page reloads.</p></div>\n\n"
    )


def _inert(text: str) -> str:
    # Escaped for HTML, and braces as entities so the macro engine never reads the notice as a macro.
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def front_matter_lines(source: str, body: str) -> int:
    """How many lines of `source` (a page file) stand before `body` (its Markdown after the front matter)."""
    return source[: len(source) - len(body)].count("\n") if body and source.endswith(body) else 0


# ----------------------------------------------------------------------------
# Adapter: mkdocs-macros (MkDocs imported inside the hooks only)
# ----------------------------------------------------------------------------

_BUILD = "_roadmap_build"


@dataclasses.dataclass(repr=False)
class _BuildState:
    """What the page and build hooks below need from define_env."""

    site: Site | None  # None when the data did not load (dev server only; a build stops instead)
    serving: bool
    data_errors: list[str]
    page: Page | None = None  # the page being rendered
    undefined: type | None = None  # the dev server's class for unknown names in a page
    page_failed: bool = False  # dev server: a page showed an error, so its topics may look unplaced

    def __repr__(self) -> str:
        return f"<roadmap build state: {self.site!r}>"


def _serving() -> bool:
    """Whether this is a build of `mkdocs serve`. There a mistake must show on the pages and in the
    terminal while the server keeps running; `mkdocs build` (and so `make test`) stays strict."""
    try:
        import click
    except ImportError:  # pragma: no cover - MkDocs depends on click
        return False
    context = click.get_current_context(silent=True)
    return context is not None and context.info_name == "serve"


def report(lines: Iterable[str]) -> None:
    """Print problems to the dev server's terminal. Not through MkDocs' logger: in strict mode it counts
    every warning and aborts the build, which leaves the server waiting (and every page request hanging)."""
    for line in lines:
        print(f"ERROR   -  {line}", file=sys.stderr, flush=True)


def _register_error_format() -> None:
    from jinja2.exceptions import TemplateSyntaxError, UndefinedError
    from mkdocs_macros.errors import format_error

    # mkdocs-macros prints what these return and stops the build: our lines, no traceback. Registered
    # for the exact classes mkdocs-macros registers its own formatters (with a traceback) for.
    def our_lines(error: Exception, markdown: str, page) -> str:
        return "\n".join(describe_error(error, _page_of(page, markdown)))

    for kind in (RoadmapError, UndefinedError, TemplateSyntaxError):
        format_error.register(kind)(our_lines)


def _page_of(page, markdown: str) -> Page:
    """Our `Page` for an MkDocs page whose body (after the front matter) is `markdown`."""
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    except (OSError, TypeError, AttributeError):
        source = ""
    return Page(page.file.src_uri, page.meta, front_matter_lines(source, markdown))


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    serving = _serving()
    _register_error_format()
    extensions = env.conf["markdown_extensions"]
    blocks = next((ext for ext in extensions if isinstance(ext, html_blocks.HtmlBlocks)), None)
    if blocks is None:
        blocks = html_blocks.HtmlBlocks()
        extensions.append(blocks)

    try:
        site = Site(Path(env.project_dir), bool(env.conf.get("use_directory_urls", False)))
    except data.DataError as error:
        if not serving:
            raise PluginError(f"{len(error.problems)} problem(s) in the roadmap data:\n{error}") from None
        lines = describe_error(error, None)
        report(lines)
        # Every page shows the problems (see on_post_page_macros); the macros render nothing meanwhile.
        for name in MACRO_NAMES:
            env.macro(lambda *args, **kwargs: "", name)
        env.variables[_BUILD] = _BuildState(None, True, lines)
        _lenient(env)
        return

    build = env.variables[_BUILD] = _BuildState(site, serving, [])
    for name, macro in site.macros(blocks.wrap).items():
        env.macro(_shown_on_page(macro, build) if serving else macro, name)
    if serving:
        _lenient(env)
    env.conf.plugins["roadmap-search-view"] = _search_view_plugin()


def _shown_on_page(macro: Callable, build: _BuildState) -> Callable:
    """For the dev server: a macro whose mistakes are printed and shown where the macro stands."""
    def shown(*args, **kwargs):
        try:
            return macro(*args, **kwargs)
        except RoadmapError as error:
            report(error.lines)
            build.page_failed = True
            return error_notice(error.lines)
    shown.__name__, shown.__doc__ = macro.__name__, macro.__doc__
    return shown


def _lenient(env) -> None:
    """The dev server's settings: mkdocs-macros exits the process (exit 100) on an error when
    on_error_fail is on, and an undefined name raises; here both show on the page instead."""
    env.config["on_error_fail"] = False


def _shown_undefined(build: _BuildState):
    """For the dev server: an unknown name in a page prints its line and shows it on the page."""
    import jinja2

    class ShownUndefined(jinja2.Undefined):
        def _shown(self, *args, **kwargs):
            lines = describe_error(jinja2.UndefinedError(self._undefined_message), build.page, line=template_line())
            report(lines)
            build.page_failed = True
            return error_notice(lines)

        # Calling or printing an unknown name, or reading an attribute of one.
        __call__ = __str__ = _fail_with_undefined_error = _shown

    return ShownUndefined


def on_pre_page_macros(env) -> None:
    build: _BuildState = env.variables[_BUILD]
    build.page = _page_of(env.page, env.markdown)
    if build.site is not None:
        build.site.page = build.page
    if build.serving and env.page.meta.get("render_macros") is not False:
        import jinja2

        # mkdocs-macros makes its Jinja environment after define_env: the dev server's setting is made here.
        env.env.undefined = build.undefined = build.undefined or _shown_undefined(build)
        # A syntax error would reach mkdocs-macros' own error path (a warning, so a strict build aborts
        # and the server waits): the page shows the error instead of its text until it is fixed.
        try:
            env.env.parse(env.markdown)
        except jinja2.TemplateSyntaxError as error:
            lines = describe_error(error, build.page)
            report(lines)
            build.page_failed = True
            env.markdown = error_notice(lines)


def on_post_page_macros(env) -> None:
    """Append the glossary abbreviations this page uses, so Material shows them as tooltips."""
    build: _BuildState = env.variables[_BUILD]
    if build.site is None:  # dev server with broken data: every page says why
        env.markdown = error_notice(build.data_errors) + env.markdown
        return
    env.markdown += build.site.abbreviations_for(env.markdown)


def on_post_build(env) -> None:
    """Fail the build when a topic is missing from every page or placed twice."""
    from mkdocs.exceptions import PluginError

    build: _BuildState = env.variables[_BUILD]
    if build.site is None:
        return
    # On the dev server, a page that showed an error placed none of its topics: no second report.
    problems = [] if build.page_failed else build.site.placement_problems()
    if problems:
        if not build.serving:
            raise PluginError("Pages and data disagree:\n" + "\n".join(problems))
        report(problems)
    after_build.run(Path(env.conf["site_dir"]), build.site.roadmap)
    # Material's search plugin has written its index by now (it comes first in mkdocs.yml).
    index_file = Path(env.conf["site_dir"]) / "search" / "search_index.json"
    if index_file.is_file():
        index = json.loads(index_file.read_text(encoding="utf-8"))
        index_file.write_text(json.dumps(render.search_tags(index, build.site.roadmap), separators=(",", ":")), encoding="utf-8")


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
