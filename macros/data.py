"""Load and validate the roadmap data.

Knows YAML and JSON Schema, nothing of MkDocs: `load()` returns one frozen
`Roadmap` or raises one `DataError` that lists every problem found, each with
file, line, entry and field, so a contributor can fix them all in one pass.
"""

from __future__ import annotations

import difflib
import gc
import json
import re
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import parse_qsl, urlsplit

import jsonschema
import jsonschema_rs
import yaml

ROADMAP_FILE = "roadmap.yml"
RESOURCES_FILE = "resources.yml"
GLOSSARY_FILE = "glossary.yml"
LINK_STATUS_FILE = "link-status.yml"

# Query parameters that track or pay someone rather than identify the page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
        "ref", "ref_src", "referrer", "affiliate", "affiliate_id", "aff", "aff_id", "affid",
        "si", "_hsenc", "_hsmi", "spm", "trk",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

# The languages a resource may be marked as (ISO 639-1), with the name a reader sees. English is the
# default and never written; add a language here when a resource in it is added.
LANGUAGE_NAMES = {
    "ar": "Arabic", "bn": "Bangla", "de": "German", "es": "Spanish", "fa": "Persian", "fr": "French",
    "hi": "Hindi", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "pt": "Portuguese",
    "ru": "Russian", "ta": "Tamil", "te": "Telugu", "tr": "Turkish", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


# ----------------------------------------------------------------------------
# Records
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    summary: str
    phase_id: str
    hours: float
    requires: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()  # tagged by hand; a track's full path is Roadmap.path(track)
    core: bool = False  # on every track's path
    optional: bool = False  # on no track's path on purpose
    one_of: str | None = None  # a group of alternatives a learner picks one of
    also_called: tuple[str, ...] = ()  # other names people search it by


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    summary: str
    number: int
    topics: tuple[Topic, ...]

    @property
    def hours(self) -> float:
        return sum(topic.hours for topic in self.topics)


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    url: str
    type: str
    cost: str
    level: str
    topics: tuple[str, ...]
    why: str
    author: str | None = None
    provider: str | None = None
    hours: float | None = None
    language: str | None = None  # ISO 639-1 code; None is English


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    stands_for: str | None = None
    topic: str | None = None


@dataclass(frozen=True)
class LinkStatus:
    """What the weekly external link check last saw for one URL."""

    url: str
    last_ok: str | None = None  # ISO date the URL last answered 2xx
    failing_since: str | None = None  # ISO date of the first failure in the current run of failures
    note: str | None = None


@dataclass(frozen=True)
class Roadmap:
    tracks: tuple[Track, ...]
    phases: tuple[Phase, ...]
    resources: tuple[Resource, ...]
    glossary: tuple[Term, ...] = ()
    link_status: tuple[LinkStatus, ...] = ()
    # Indexes, derived once in __post_init__.
    topics: dict[str, Topic] = field(init=False, repr=False, compare=False)
    phases_by_id: dict[str, Phase] = field(init=False, repr=False, compare=False)
    tracks_by_id: dict[str, Track] = field(init=False, repr=False, compare=False)
    resources_by_topic: dict[str, tuple[Resource, ...]] = field(init=False, repr=False, compare=False)
    status_by_url: dict[str, LinkStatus] = field(init=False, repr=False, compare=False)
    groups: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _paths: dict[str | None, tuple[Topic, ...]] = field(init=False, repr=False, compare=False)
    _tracks_of: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_topic: dict[str, list[Resource]] = defaultdict(list)
        for resource in self.resources:
            for topic_id in resource.topics:
                by_topic[topic_id].append(resource)
        set_ = object.__setattr__
        set_(self, "topics", {t.id: t for p in self.phases for t in p.topics})
        set_(self, "phases_by_id", {p.id: p for p in self.phases})
        set_(self, "tracks_by_id", {t.id: t for t in self.tracks})
        set_(self, "resources_by_topic", {k: tuple(v) for k, v in by_topic.items()})
        set_(self, "status_by_url", {s.url: s for s in self.link_status})
        groups: dict[str, list[str]] = defaultdict(list)
        for topic in self.topics_in_order():
            if topic.one_of:
                groups[topic.one_of].append(topic.id)
        set_(self, "groups", {k: tuple(v) for k, v in groups.items()})
        set_(self, "_paths", {})
        set_(self, "_tracks_of", {})

    def path(self, track_id: str | None = None, choices: dict[str, str] | None = None) -> tuple[Topic, ...]:
        """What a learner studies, in roadmap order: for a track, the core topics and the track's own,
        with everything they require, transitively; for None, the whole roadmap. Of each `one_of`
        group a path holds one member: the one `choices` names, else the group's first."""
        if not choices and track_id in self._paths:
            return self._paths[track_id]
        chosen = {group: members[0] for group, members in self.groups.items()}
        chosen.update({g: c for g, c in (choices or {}).items() if c in self.groups.get(g, ())})

        def pick(topic_id: str) -> str:
            group = self.topics[topic_id].one_of
            return chosen[group] if group else topic_id

        if track_id is None:
            wanted = {t.id for t in self.topics_in_order() if not t.one_of or chosen[t.one_of] == t.id}
        else:
            wanted = set()
            stack = [pick(t.id) for t in self.topics_in_order() if t.core or track_id in t.tracks]
            while stack:
                topic_id = stack.pop()
                if topic_id not in wanted:
                    wanted.add(topic_id)
                    stack.extend(pick(r) for r in self.topics[topic_id].requires)
        path = tuple(t for t in self.topics_in_order() if t.id in wanted)
        if not choices:
            self._paths[track_id] = path
        return path

    def tracks_of(self, topic_id: str) -> tuple[str, ...]:
        """The tracks whose path holds this topic (for one of a group of alternatives: holds the group)."""
        if topic_id not in self._tracks_of:
            topic = self.topics[topic_id]
            members = self.groups[topic.one_of] if topic.one_of else (topic_id,)
            self._tracks_of[topic_id] = tuple(
                track.id for track in self.tracks
                if any(p.id in members for p in self.path(track.id)))
        return self._tracks_of[topic_id]

    def on_every_track(self, topic_id: str) -> bool:
        return len(self.tracks_of(topic_id)) == len(self.tracks)

    def topics_in_order(self) -> Iterable[Topic]:
        for phase in self.phases:
            yield from phase.topics

    def phase_of(self, topic_id: str) -> Phase:
        return self.phases_by_id[self.topics[topic_id].phase_id]


# ----------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts + [self.message])


class DataError(Exception):
    """Every problem found in the data, sorted by file and line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


# ----------------------------------------------------------------------------
# YAML with line numbers
# ----------------------------------------------------------------------------


class Mapping(dict):
    """A YAML mapping that remembers where it and each of its keys stand."""

    line: int = 0
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]


# libyaml's parser when PyYAML has it (the wheels do): the pure-Python one dominated build time.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def __init__(self, stream: str):
        super().__init__(stream)
        self.found_duplicate_keys = False

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        # libyaml calls this once per scalar: the fast path skips the path-resolver machinery we never use.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    return _mapping(node, lambda child: loader.construct_object(child, deep=True), loader)


def _mapping(node: yaml.MappingNode, build: Callable[[yaml.Node], Any], loader: _LineLoader) -> Mapping:
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.duplicate_keys = []
    for key_node, value_node in node.value:
        key = build(key_node)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, "found a key that is a list or mapping", key_node.start_mark)
        line = key_node.start_mark.line + 1
        if key in mapping:
            mapping.duplicate_keys.append((key, line))
            loader.found_duplicate_keys = True
        mapping[key] = build(value_node)
        mapping.key_lines[key] = line
    return mapping


_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _parse_yaml(text: str) -> tuple[Any, bool]:
    """The document in `text`, mappings carrying their lines, and whether any mapping repeats a key.

    Plain strings, lists and mappings (nearly every node in our data) are built straight from
    libyaml's node tree; PyYAML's generic constructor took three quarters of a second per
    5,000 resources. Anything else (numbers, booleans, merge keys) goes through that constructor.
    """
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, False
        on_path: set[int] = set()

        def build(node: yaml.Node) -> Any:
            tag = node.tag
            if tag == _STR_TAG:
                return node.value
            if tag != _SEQ_TAG and (tag != _MAP_TAG or any(key.tag == _MERGE_TAG for key, _ in node.value)):
                return loader.construct_object(node, deep=True)
            if id(node) in on_path:
                raise yaml.constructor.ConstructorError(None, None, "found an alias that contains itself", node.start_mark)
            on_path.add(id(node))
            try:
                return [build(item) for item in node.value] if tag == _SEQ_TAG else _mapping(node, build, loader)
            finally:
                on_path.discard(id(node))

        return build(node), loader.found_duplicate_keys
    finally:
        loader.dispose()


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: the schema speaks of strings, and YAML's implicit dates surprise people.
_LineLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Where the parser was when it stopped is not always where the mistake is: an unclosed quote or
# bracket is noticed lines later (at the end of the file, for a quote), so for those the error is
# reported where the quoted text or the bracket opens, and the message names both lines.
_OPENED_EARLIER = ("while scanning a quoted scalar", "while scanning a block scalar", "while parsing a flow")


def _yaml_error_position(error: yaml.YAMLError) -> tuple[int, str]:
    """(line, message) of a YAML error; line 0 when the parser gave no position."""
    problem_mark, context_mark = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if problem_mark is None:
        return (context_mark.line + 1 if context_mark else 0), problem
    line = problem_mark.line + 1
    if not context or context_mark is None or context_mark.line + 1 == line:
        return line, problem
    opened = context_mark.line + 1
    if context.startswith(_OPENED_EARLIER):
        return opened, f"{problem} on line {line}, {context} that starts on this line"
    return line, f"{problem} ({context} that starts on line {opened})"


def _line_of(node: Any, key: str | None = None) -> int:
    if isinstance(node, Mapping):
        if key is not None and key in node.key_lines:
            return node.key_lines[key]
        return node.line
    return 0


# ----------------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------------

ENTRY_KINDS = {"tracks": "track", "phases": "phase", "topics": "topic", "resources": "resource", "terms": "term", "links": "link"}


class _Checker:
    """Collects problems for one data folder."""

    def __init__(self, data_dir: Path, display_root: Path | None):
        self.data_dir = data_dir
        self.display_root = display_root
        self.problems: list[Problem] = []

    def display(self, path: Path) -> str:
        root = self.display_root
        if root is not None:
            try:
                return path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def add(self, file: str, line: int, entry: str, field_: str, message: str) -> None:
        self.problems.append(Problem(file, line, entry, field_, message))

    # -- reading ---------------------------------------------------------------

    def read(self, name: str, required: bool = True) -> tuple[str, Any]:
        path = self.data_dir / name
        shown = self.display(path)
        if not path.exists():
            if required:
                self.add(shown, 0, "", "", "file not found")
            return shown, None
        try:
            document, repeats_a_key = _parse_yaml(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            line, message = _yaml_error_position(error)
            self.add(shown, line, "", "", f"invalid YAML: {message}")
            return shown, None
        except UnicodeDecodeError as error:
            self.add(shown, 0, "", "", f"not UTF-8 text: {error.reason}")
            return shown, None
        if repeats_a_key:  # walking every entry again to name the culprit is for the rare bad file only
            self._report_duplicate_keys(shown, document)
        return shown, document

    def _report_duplicate_keys(self, shown: str, node: Any, entry: str = "", kind: str = "entry") -> None:
        if isinstance(node, Mapping):
            entry = _entry_name(node, entry, kind)
            for key, line in node.duplicate_keys:
                self.add(shown, line, entry, str(key), "appears twice in the same entry; the second would silently win")
            for key, value in node.items():
                self._report_duplicate_keys(shown, value, entry, ENTRY_KINDS.get(key, "entry"))
        elif isinstance(node, list):
            for item in node:
                self._report_duplicate_keys(shown, item, entry, kind)

    # -- schema ----------------------------------------------------------------

    def check_schema(self, shown: str, document: Any, schema_name: str) -> bool:
        schema = json.loads((self.data_dir / schema_name).read_text(encoding="utf-8"))
        # jsonschema-rs answers "valid?" some fifty times faster (jsonschema took 1.5 s of an 11 s
        # build at tenfold data); the pure-Python validator, run only on failure, says where and why.
        fast = jsonschema_rs.validator_for(schema)
        if fast.is_valid(document):
            return True
        found = False
        for error in jsonschema.Draft202012Validator(schema).iter_errors(document):
            found = True
            self._report_schema_error(shown, document, error)
        if not found:  # the validators disagree: still refuse the data, in the fast one's words
            error = next(iter(fast.iter_errors(document)), None)
            path = list(error.instance_path) if error else []
            parent = document
            for step in path[:-1]:
                parent = parent[step]
            line = _line_of(parent, path[-1] if path and isinstance(path[-1], str) else None)
            place = "/".join(str(step) for step in path)
            reason = error.message if error else "rejected without a reason"
            self.add(shown, line, "", place, f"does not match {schema_name}: {reason}")
        return False

    def _report_schema_error(self, shown: str, document: Any, error: jsonschema.ValidationError) -> None:
        # Walk the path to the deepest mapping: that is the entry; the next key is the field.
        path = list(error.absolute_path)
        node, entry, field_, line, kind = document, "", "", _line_of(document), ""
        for index, step in enumerate(path):
            if isinstance(node, Mapping) and isinstance(step, str):
                field_ = step
                line = _line_of(node, step)
                kind = step
            elif isinstance(node, list) and isinstance(step, int) and isinstance(node[step], Mapping):
                entry = _entry_name(node[step], "", ENTRY_KINDS.get(kind, "entry"), step)
                field_ = ""
                line = _line_of(node[step])
            node = node[step] if isinstance(node, (list, dict)) and _has(node, step) else node
        validator = error.validator
        if validator == "required":
            missing = re.search(r"'([^']+)' is a required property", error.message)
            name = missing.group(1) if missing else "?"
            self.add(shown, line, entry, name, "missing required field")
        elif validator == "additionalProperties":
            known = sorted(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(known)):
                self.add(shown, _line_of(error.instance, extra), entry, extra,
                         f"unknown field{_suggest(extra, known)}; allowed fields: {', '.join(known)}")
        elif validator == "enum":
            allowed = ", ".join(str(v) for v in error.validator_value)
            self.add(shown, line, entry, _field_name(path, field_), f"must be one of {allowed}, got {error.instance!r}")
        elif validator == "type":
            self.add(shown, line, entry, _field_name(path, field_),
                     f"must be {_type_words(error.validator_value)}, got {_describe(error.instance)}")
        elif validator == "pattern":
            hint = error.schema.get("description", f"must match {error.validator_value}")
            self.add(shown, line, entry, _field_name(path, field_), f"{hint}, got {error.instance!r}")
        elif validator in ("minLength", "minItems"):
            self.add(shown, line, entry, _field_name(path, field_), "must not be empty")
        elif validator == "maxLength":
            self.add(shown, line, entry, _field_name(path, field_),
                     f"is longer than {error.validator_value} characters; keep it to one line")
        elif validator in ("minimum", "exclusiveMinimum", "maximum"):
            self.add(shown, line, entry, _field_name(path, field_), f"is out of range: {error.message}")
        elif validator == "uniqueItems":
            self.add(shown, line, entry, _field_name(path, field_), "lists the same value twice")
        else:
            self.add(shown, line, entry, _field_name(path, field_), error.message)


def _has(node: Any, step: Any) -> bool:
    if isinstance(node, list):
        return isinstance(step, int) and 0 <= step < len(node)
    return step in node


def _field_name(path: list, field_: str) -> str:
    # A list item inside a field reads as "topics[2]".
    if path and isinstance(path[-1], int) and field_:
        return f"{field_}[{path[-1]}]"
    return field_


def _entry_name(node: Any, default: str, kind: str = "entry", index: int | None = None) -> str:
    if not isinstance(node, Mapping):
        return default
    label = node.get("id") if "id" in node else node.get("term") if "term" in node else node.get("url")
    if isinstance(label, str) and label:
        return f"{kind} '{label}'"
    if index is not None:
        return f"{kind} #{index + 1}"
    return default


def _type_words(expected: Any) -> str:
    names = expected if isinstance(expected, list) else [expected]
    words = {"string": "text", "array": "a list", "object": "a mapping", "integer": "a whole number",
             "number": "a number", "boolean": "true or false", "null": "empty"}
    return " or ".join(words.get(n, n) for n in names)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return repr(value)


def _suggest(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


_WHITESPACE = re.compile(r"\s")


PROGRESS_CODE_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
PROGRESS_CODE_LENGTH = 5


def progress_code(topic_id: str) -> str:
    """The five base-36 characters that stand for a topic id in a progress link.

    FNV-1a (32 bits) of the id, modulo 36**5: the same arithmetic as codeOf() in roadmap.js. Two
    ids with one code would be one topic to a link, so the loader refuses them.
    """
    value = 0x811C9DC5
    for char in topic_id:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    value %= len(PROGRESS_CODE_DIGITS) ** PROGRESS_CODE_LENGTH
    digits = []
    for _ in range(PROGRESS_CODE_LENGTH):
        value, digit = divmod(value, len(PROGRESS_CODE_DIGITS))
        digits.append(PROGRESS_CODE_DIGITS[digit])
    return "".join(reversed(digits))


def url_problem(url: str) -> str | None:
    """Why a resource URL is not acceptable, or None when it is fine."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"must be an https:// or http:// URL with a host, got {url!r}"
    if parts.scheme not in ("https", "http") or not parts.hostname or _WHITESPACE.search(url):
        return f"must be an https:// or http:// URL with a host, got {url!r}"
    if parts.username or parts.password:
        return "must not carry a user name or password"
    for key, _ in parse_qsl(parts.query, keep_blank_values=True):
        lowered = key.lower()
        if lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES):
            return f"carries the tracking or affiliate parameter '{key}'; link the clean URL"
    return None


def normalise_url(url: str) -> str:
    """The form two URLs share when they point at the same page."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def _find_cycle(requires: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Every prerequisite cycle, each as the list of ids around it."""
    white, grey, black = 0, 1, 2
    colour = {node: white for node in requires}
    cycles: list[list[str]] = []
    stack: list[str] = []

    def visit(node: str) -> None:
        colour[node] = grey
        stack.append(node)
        for nxt in requires.get(node, ()):
            if nxt not in colour:
                continue
            if colour[nxt] == grey:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif colour[nxt] == white:
                visit(nxt)
        stack.pop()
        colour[node] = black

    for node in requires:
        if colour[node] == white:
            visit(node)
    return cycles


def load(data_dir: str | Path, display_root: str | Path | None = None) -> Roadmap:
    """Read, validate and freeze the data in `data_dir`, or raise DataError."""
    # Loading builds some 10^5 small lists and dicts per 5,000 resources, and Python's cyclic
    # collector rescans every live one each time a generation fills: half the load time at tenfold
    # data. None of them forms a cycle that needs collecting early; the collector resumes after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(data_dir), display_root)
    finally:
        if collecting:
            gc.enable()


def _load(data_dir: Path, display_root: str | Path | None) -> Roadmap:
    checker = _Checker(data_dir, Path(display_root) if display_root else data_dir.parent)
    roadmap_file, roadmap_doc = checker.read(ROADMAP_FILE)
    resources_file, resources_doc = checker.read(RESOURCES_FILE)
    glossary_file, glossary_doc = checker.read(GLOSSARY_FILE, required=False)
    status_file, status_doc = checker.read(LINK_STATUS_FILE, required=False)

    schema_ok = True
    if roadmap_doc is not None:
        schema_ok &= checker.check_schema(roadmap_file, roadmap_doc, "roadmap.schema.json")
    if resources_doc is not None:
        schema_ok &= checker.check_schema(resources_file, resources_doc, "resources.schema.json")
    if glossary_doc is not None:
        schema_ok &= checker.check_schema(glossary_file, glossary_doc, "glossary.schema.json")
    if status_doc is not None:
        schema_ok &= checker.check_schema(status_file, status_doc, "link-status.schema.json")
    if checker.problems or not schema_ok or roadmap_doc is None or resources_doc is None:
        raise DataError(checker.problems)

    add = checker.add

    # -- tracks, phases, topics -----------------------------------------------
    track_ids: dict[str, int] = {}
    for entry in roadmap_doc["tracks"]:
        if entry["id"] in track_ids:
            add(roadmap_file, _line_of(entry, "id"), f"track '{entry['id']}'", "id",
                f"duplicate id; first used on line {track_ids[entry['id']]}")
        track_ids.setdefault(entry["id"], _line_of(entry, "id"))

    seen_ids: dict[str, tuple[str, int]] = {}  # phase and topic ids share one namespace: both are anchors

    def claim(kind: str, entry: Mapping, key: str = "id") -> None:
        value = entry[key]
        line = _line_of(entry, key)
        if value in seen_ids:
            other_kind, other_line = seen_ids[value]
            add(roadmap_file, line, f"{kind} '{entry['id']}'", key,
                f"duplicate id '{value}'; already used by a {other_kind} on line {other_line}")
        else:
            seen_ids[value] = (kind, line)

    for phase_entry in roadmap_doc["phases"]:
        claim("phase", phase_entry)
        for topic_entry in phase_entry["topics"]:
            claim("topic", topic_entry)

    topic_entries = {t["id"]: t for p in roadmap_doc["phases"] for t in p["topics"]}
    topic_ids = set(topic_entries)
    alias_owner: dict[str, str] = {}
    code_owner: dict[str, tuple[str, str]] = {}  # progress-link code: (topic, the id or alias that has it)
    for topic_id, entry in topic_entries.items():
        name = f"topic '{topic_id}'"
        for required in entry.get("requires", []):
            if required == topic_id:
                add(roadmap_file, _line_of(entry, "requires"), name, "requires", "a topic cannot require itself")
            elif required not in topic_ids:
                add(roadmap_file, _line_of(entry, "requires"), name, "requires",
                    f"unknown topic '{required}'{_suggest(required, topic_ids)}")
        for alias in entry.get("aliases", []):
            if alias in seen_ids:
                add(roadmap_file, _line_of(entry, "aliases"), name, "aliases",
                    f"'{alias}' clashes with the id of an existing {seen_ids[alias][0]}; an alias must be a retired id")
            elif alias in alias_owner:
                add(roadmap_file, _line_of(entry, "aliases"), name, "aliases",
                    f"'{alias}' is already an alias of topic '{alias_owner[alias]}'")
            else:
                alias_owner[alias] = topic_id
        for field_, ids in (("id", [topic_id]), ("aliases", entry.get("aliases", []))):
            for id_ in ids:
                owner = code_owner.setdefault(progress_code(id_), (topic_id, id_))
                if owner[0] != topic_id:
                    add(roadmap_file, _line_of(entry, field_), name, field_,
                        f"'{id_}' has the progress-link code of '{owner[1]}' (topic '{owner[0]}'); "
                        "a link could not tell them apart, so choose another id")
        for track in entry.get("tracks", []):
            if track not in track_ids:
                add(roadmap_file, _line_of(entry, "tracks"), name, "tracks",
                    f"unknown track '{track}'{_suggest(track, track_ids)}; tracks: {', '.join(track_ids)}")

    group_of = {tid: e["one_of"] for tid, e in topic_entries.items() if "one_of" in e}
    group_sizes: dict[str, list[str]] = defaultdict(list)
    for tid, group in group_of.items():
        group_sizes[group].append(tid)
    for tid, entry in topic_entries.items():
        name = f"topic '{tid}'"
        if entry.get("core") and entry.get("optional"):
            add(roadmap_file, _line_of(entry, "optional"), name, "optional", "a topic cannot be both core and optional")
        if entry.get("optional") and entry.get("tracks"):
            add(roadmap_file, _line_of(entry, "optional"), name, "optional",
                "an optional topic is on no track's path; remove 'optional' or its 'tracks'")
        if tid in group_of and len(group_sizes[group_of[tid]]) < 2:
            add(roadmap_file, _line_of(entry, "one_of"), name, "one_of",
                f"group '{group_of[tid]}' has no other member; alternatives need at least two topics")
        for required in entry.get("requires", []):
            if required in group_of:
                add(roadmap_file, _line_of(entry, "requires"), name, "requires",
                    f"'{required}' is one of the alternatives in group '{group_of[required]}', which a learner may skip; "
                    "require what the alternatives share instead")

    requires = {tid: tuple(r for r in e.get("requires", []) if r in topic_ids and r != tid)
                for tid, e in topic_entries.items()}
    reported: set[frozenset[str]] = set()
    for cycle in _find_cycle(requires):
        key = frozenset(cycle)
        if key in reported:
            continue
        reported.add(key)
        first = cycle[0]
        add(roadmap_file, _line_of(topic_entries[first], "requires"), f"topic '{first}'", "requires",
            f"prerequisite cycle (each requires the next): {' -> '.join(cycle)}")

    # -- resources -------------------------------------------------------------
    resource_ids: dict[str, int] = {}
    urls: dict[str, tuple[str, int]] = {}
    covered: set[str] = set()
    for entry in resources_doc["resources"]:
        rid = entry["id"]
        name = f"resource '{rid}'"
        if rid in resource_ids:
            add(resources_file, _line_of(entry, "id"), name, "id",
                f"duplicate id; first used on line {resource_ids[rid]}")
        resource_ids.setdefault(rid, _line_of(entry, "id"))
        problem = url_problem(entry["url"])
        if problem:
            add(resources_file, _line_of(entry, "url"), name, "url", problem)
        else:
            key = normalise_url(entry["url"])
            if key in urls:
                other, other_line = urls[key]
                add(resources_file, _line_of(entry, "url"), name, "url",
                    f"duplicate URL; resource '{other}' on line {other_line} links the same page "
                    "(list both topics on one resource instead)")
            else:
                urls[key] = (rid, _line_of(entry, "url"))
        if "language" in entry and entry["language"] not in LANGUAGE_NAMES:
            add(resources_file, _line_of(entry, "language"), name, "language",
                f"unknown language code {entry['language']!r}; known: {', '.join(sorted(LANGUAGE_NAMES))} "
                "(add it to LANGUAGE_NAMES in macros/data.py); leave the field out for English")
        for topic_id in entry["topics"]:
            if topic_id in topic_ids:
                covered.add(topic_id)
            else:
                hint = _suggest(topic_id, topic_ids)
                if topic_id in alias_owner:
                    hint = f" (it was renamed to '{alias_owner[topic_id]}')"
                add(resources_file, _line_of(entry, "topics"), name, "topics", f"unknown topic '{topic_id}'{hint}")

    for topic_id in sorted(topic_ids - covered):
        add(roadmap_file, _line_of(topic_entries[topic_id], "id"), f"topic '{topic_id}'", "",
            f"has no resource; add at least one in {resources_file}")

    # -- glossary ---------------------------------------------------------------
    if glossary_doc is not None:
        terms_seen: dict[str, int] = {}
        for entry in glossary_doc["terms"]:
            name = f"term '{entry['term']}'"
            key = entry["term"].casefold()
            if key in terms_seen:
                add(glossary_file, _line_of(entry, "term"), name, "term",
                    f"duplicate term; first defined on line {terms_seen[key]}")
            terms_seen.setdefault(key, _line_of(entry, "term"))
            if "topic" in entry and entry["topic"] not in topic_ids:
                add(glossary_file, _line_of(entry, "topic"), name, "topic",
                    f"unknown topic '{entry['topic']}'{_suggest(entry['topic'], topic_ids)}")

    if status_doc is not None:
        for entry in status_doc["links"]:
            problem = url_problem(entry["url"])
            if problem:
                add(status_file, _line_of(entry, "url"), f"link '{entry['url']}'", "url", problem)

    if checker.problems:
        raise DataError(checker.problems)

    roadmap = _freeze(roadmap_doc, resources_doc, glossary_doc, status_doc)
    for topic in roadmap.topics_in_order():
        if not topic.optional and not roadmap.tracks_of(topic.id):
            add(roadmap_file, _line_of(topic_entries[topic.id], "id"), f"topic '{topic.id}'", "",
                "is on no track's path; tag it for a track, mark it 'core: true', or mark it 'optional: true'")
    if checker.problems:
        raise DataError(checker.problems)
    return roadmap


def _freeze(roadmap_doc: Mapping, resources_doc: Mapping, glossary_doc: Any, status_doc: Any) -> Roadmap:
    tracks = tuple(Track(t["id"], t["title"], t["summary"]) for t in roadmap_doc["tracks"])
    phases = tuple(
        Phase(
            id=p["id"],
            title=p["title"],
            summary=p["summary"],
            number=number,
            topics=tuple(
                Topic(
                    id=t["id"],
                    title=t["title"],
                    summary=t["summary"],
                    phase_id=p["id"],
                    hours=t["hours"],
                    requires=tuple(t.get("requires", ())),
                    aliases=tuple(t.get("aliases", ())),
                    tracks=tuple(t.get("tracks", ())),
                    core=t.get("core", False),
                    optional=t.get("optional", False),
                    one_of=t.get("one_of"),
                    also_called=tuple(t.get("also_called", ())),
                )
                for t in p["topics"]
            ),
        )
        for number, p in enumerate(roadmap_doc["phases"], start=1)
    )
    resources = tuple(
        Resource(
            id=r["id"],
            title=r["title"],
            url=r["url"],
            type=r["type"],
            cost=r["cost"],
            level=r["level"],
            topics=tuple(r["topics"]),
            why=r["why"],
            author=r.get("author"),
            provider=r.get("provider"),
            hours=r.get("hours"),
            language=r.get("language"),
        )
        for r in resources_doc["resources"]
    )
    glossary = tuple(
        Term(g["term"], g["definition"], g.get("stands_for"), g.get("topic"))
        for g in (glossary_doc or {}).get("terms", [])
    )
    link_status = tuple(
        LinkStatus(s["url"], s.get("last_ok"), s.get("failing_since"), s.get("note"))
        for s in (status_doc or {}).get("links", [])
    )
    return Roadmap(tracks=tracks, phases=phases, resources=resources, glossary=glossary, link_status=link_status)
