"""Every validation rule of macros.data: each bad case names file, line, entry and field."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
import yaml

from conftest import GOOD_GLOSSARY, GOOD_RESOURCES, GOOD_ROADMAP, ROOT, load_error, write_data
from macros import data


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing needle: computed from the fixture, not the code."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def test_good_fixture_loads_into_frozen_records(tmp_path):
    roadmap = data.load(write_data(tmp_path / "data"), display_root=tmp_path)
    assert [p.id for p in roadmap.phases] == ["basics", "models"]
    assert roadmap.topics["linear-models"].requires == ("python", "sql")
    assert roadmap.topics["linear-models"].aliases == ("regression",)
    assert roadmap.phase_of("llms").title == "Models"
    assert [r.id for r in roadmap.resources_by_topic["linear-models"]] == ["sql-course", "sklearn-guide"]
    assert roadmap.glossary[0].stands_for == "Large language model"
    with pytest.raises(AttributeError):
        roadmap.topics["python"].title = "changed"  # frozen


def test_real_data_is_valid():
    roadmap = data.load(ROOT / "data", display_root=ROOT)
    assert len(roadmap.phases) >= 10
    assert all(roadmap.resources_by_topic.get(t.id) for t in roadmap.topics_in_order())


def test_invalid_yaml_names_file_and_line(tmp_path):
    bad = GOOD_RESOURCES.replace("    type: course\n", "    type: [course\n", 1)
    error = load_error(tmp_path, resources=bad)
    (problem,) = error.problems
    assert problem.file == "data/resources.yml"
    assert "invalid YAML" in problem.message
    # Where the broken value opens, and where the parser gave up, both named.
    assert problem.line == line_of(bad, "type: [course")
    assert f"on line {line_of(bad, 'type: [course') + 1}" in problem.message


def test_missing_required_field(tmp_path):
    bad = GOOD_RESOURCES.replace("    why: The reference for every classical model, with runnable examples.\n", "")
    error = load_error(tmp_path, resources=bad)
    assert f"data/resources.yml:{line_of(bad, 'id: sklearn-guide')}: resource 'sklearn-guide': field 'why': missing required field" in str(error)


def test_unknown_field_suggests_the_known_one(tmp_path):
    bad = GOOD_RESOURCES.replace("    provider: Example\n", "    provder: Example\n")
    error = load_error(tmp_path, resources=bad)
    message = str(error)
    assert f"data/resources.yml:{line_of(bad, 'provder')}: resource 'sql-course': field 'provder': unknown field" in message
    assert "did you mean 'provider'" in message


def test_wrong_type(tmp_path):
    bad = GOOD_ROADMAP.replace("        hours: 5\n", "        hours: five\n")
    error = load_error(tmp_path, roadmap=bad)
    assert f"data/roadmap.yml:{line_of(bad, 'hours: five')}: topic 'sql': field 'hours': must be a number, got 'five'" in str(error)


def test_value_outside_vocabulary(tmp_path):
    bad = GOOD_RESOURCES.replace("    type: course\n", "    type: blog\n", 1)
    error = load_error(tmp_path, resources=bad)
    text = str(error)
    assert f"data/resources.yml:{line_of(bad, 'type: blog')}: resource 'sql-course': field 'type': must be one of" in text
    assert "got 'blog'" in text


class ExplainsNothing:
    """Stands in for jsonschema's validator when it finds no error the fast validator did find."""

    def __init__(self, schema):
        pass

    def iter_errors(self, document):
        return iter(())


def test_data_is_refused_even_if_the_explaining_validator_finds_nothing(tmp_path, monkeypatch):
    """The fast validator decides; should the pure-Python one disagree, the build still fails."""
    bad = GOOD_RESOURCES.replace("    type: course\n", "    type: blog\n", 1)

    monkeypatch.setattr(data.jsonschema, "Draft202012Validator", ExplainsNothing)
    error = load_error(tmp_path, resources=bad)
    (problem,) = error.problems
    assert problem.file == "data/resources.yml"
    assert "does not match resources.schema.json" in problem.message and "blog" in problem.message
    assert problem.field.startswith("resources/") and problem.field.endswith("/type")
    assert problem.line == line_of(bad, "type: blog")


def test_a_rejection_without_any_reason_still_fails_the_load(tmp_path, monkeypatch):
    class Rejects:
        def is_valid(self, document):
            return False

        def iter_errors(self, document):
            return iter(())

    monkeypatch.setattr(data.jsonschema_rs, "validator_for", lambda schema: Rejects())
    monkeypatch.setattr(data.jsonschema, "Draft202012Validator", ExplainsNothing)
    error = load_error(tmp_path)
    assert {p.file for p in error.problems} >= {"data/resources.yml", "data/roadmap.yml"}
    assert all("rejected without a reason" in p.message for p in error.problems)


def test_id_must_be_a_lowercase_slug(tmp_path):
    bad = GOOD_RESOURCES.replace("id: hf-course", "id: HF Course")
    error = load_error(tmp_path, resources=bad)
    assert f"data/resources.yml:{line_of(bad, 'id: HF Course')}: resource 'HF Course': field 'id': must be a lowercase slug" in str(error)


def test_duplicate_resource_id(tmp_path):
    bad = GOOD_RESOURCES.replace("id: hf-course", "id: python-tutorial")
    error = load_error(tmp_path, resources=bad)
    second = line_of(bad, "id: python-tutorial", 2)
    assert f"data/resources.yml:{second}: resource 'python-tutorial': field 'id': duplicate id; first used on line {line_of(bad, 'id: python-tutorial')}" in str(error)


def test_duplicate_topic_id_across_phases(tmp_path):
    bad = GOOD_ROADMAP.replace("id: llms", "id: python")
    error = load_error(tmp_path, roadmap=bad)
    assert f"data/roadmap.yml:{line_of(bad, 'id: python', 2)}: topic 'python': field 'id': duplicate id 'python'" in str(error)


def test_duplicate_url_even_with_trailing_slash_and_www(tmp_path):
    bad = GOOD_RESOURCES.replace("https://huggingface.co/learn", "https://www.docs.python.org/3/tutorial")
    error = load_error(tmp_path, resources=bad)
    assert f"data/resources.yml:{line_of(bad, 'www.docs.python.org')}: resource 'hf-course': field 'url': duplicate URL; resource 'python-tutorial'" in str(error)


def test_duplicate_key_inside_an_entry(tmp_path):
    bad = GOOD_RESOURCES.replace("    hours: 20\n", "    hours: 20\n    hours: 21\n")
    error = load_error(tmp_path, resources=bad)
    assert f"data/resources.yml:{line_of(bad, 'hours: 21')}: resource 'hf-course': field 'hours': appears twice" in str(error)


def test_resource_pointing_at_unknown_topic(tmp_path):
    bad = GOOD_RESOURCES.replace("topics: [llms]", "topics: [llm]")
    error = load_error(tmp_path, resources=bad)
    text = str(error)
    assert f"data/resources.yml:{line_of(bad, 'topics: [llm]')}: resource 'hf-course': field 'topics': unknown topic 'llm' (did you mean 'llms'?)" in text
    # The same edit leaves llms without any resource: also reported, at the topic.
    assert f"data/roadmap.yml:{line_of(GOOD_ROADMAP, 'id: llms')}: topic 'llms': has no resource" in text


def test_resource_pointing_at_a_renamed_topic_says_the_new_id(tmp_path):
    bad = GOOD_RESOURCES.replace("topics: [linear-models]", "topics: [regression]")
    assert "unknown topic 'regression' (it was renamed to 'linear-models')" in str(load_error(tmp_path, resources=bad))


@pytest.mark.parametrize(
    "url, reason",
    [
        ("javascript:alert(1)", "must be an https:// or http:// URL with a host"),
        ("ftp://example.org/file", "must be an https:// or http:// URL with a host"),
        ("https://", "must be an https:// or http:// URL with a host"),
        ("https://example.org/a b", "must be an https:// or http:// URL with a host"),
        ("https://example.org/sql?utm_source=roadmap", "carries the tracking or affiliate parameter 'utm_source'"),
        ("https://example.org/sql?x=1&si=abc", "carries the tracking or affiliate parameter 'si'"),
        ("https://example.org/sql?ref=someone", "carries the tracking or affiliate parameter 'ref'"),
    ],
)
def test_bad_urls(tmp_path, url, reason):
    bad = GOOD_RESOURCES.replace("url: https://example.org/sql", f"url: '{url}'")
    error = load_error(tmp_path, resources=bad)
    assert f"data/resources.yml:{line_of(bad, 'url: ' + repr(url))}: resource 'sql-course': field 'url': {reason}" in str(error)


def test_plain_query_strings_are_fine():
    assert data.url_problem("https://www.youtube.com/playlist?list=PLZHQObOWTQDPD3MizzM2xVFitgF8hE_ab") is None
    assert data.url_problem("http://example.org/") is None


def test_requires_unknown_topic(tmp_path):
    bad = GOOD_ROADMAP.replace("requires: [python, sql]", "requires: [python, sqll]")
    error = load_error(tmp_path, roadmap=bad)
    assert f"data/roadmap.yml:{line_of(bad, 'sqll')}: topic 'linear-models': field 'requires': unknown topic 'sqll' (did you mean 'sql'?)" in str(error)


def test_topic_cannot_require_itself(tmp_path):
    bad = GOOD_ROADMAP.replace("requires: [linear-models]", "requires: [llms]")
    assert "topic 'llms': field 'requires': a topic cannot require itself" in str(load_error(tmp_path, roadmap=bad))


def test_alias_clashing_with_a_live_id(tmp_path):
    bad = GOOD_ROADMAP.replace("aliases: [regression]", "aliases: [sql]")
    error = load_error(tmp_path, roadmap=bad)
    assert f"data/roadmap.yml:{line_of(bad, 'aliases: [sql]')}: topic 'linear-models': field 'aliases': 'sql' clashes with the id of an existing topic" in str(error)


def test_alias_claimed_twice(tmp_path):
    bad = GOOD_ROADMAP.replace("        tracks: [genai]\n        hours: 12", "        aliases: [regression]\n        tracks: [genai]\n        hours: 12")
    assert "topic 'llms': field 'aliases': 'regression' is already an alias of topic 'linear-models'" in str(load_error(tmp_path, roadmap=bad))


def test_prerequisite_cycle(tmp_path):
    bad = GOOD_ROADMAP.replace("        requires: []\n        tracks: [tabular, genai]", "        requires: [llms]\n        tracks: [tabular, genai]")
    text = str(load_error(tmp_path, roadmap=bad))
    assert "field 'requires': prerequisite cycle (each requires the next):" in text
    # python requires llms, llms requires linear-models, linear-models requires python: any rotation.
    assert any(cycle in text for cycle in (
        "python -> llms -> linear-models -> python",
        "llms -> linear-models -> python -> llms",
        "linear-models -> python -> llms -> linear-models",
    ))


def test_unknown_track(tmp_path):
    bad = GOOD_ROADMAP.replace("tracks: [genai]\n", "tracks: [gen-ai]\n")
    assert "topic 'llms': field 'tracks': unknown track 'gen-ai' (did you mean 'genai'?)" in str(load_error(tmp_path, roadmap=bad))


def test_glossary_unknown_topic(tmp_path):
    from conftest import GOOD_GLOSSARY

    bad = GOOD_GLOSSARY.replace("topic: llms", "topic: llm")
    assert f"data/glossary.yml:{line_of(bad, 'topic: llm')}: term 'LLM': field 'topic': unknown topic 'llm'" in str(load_error(tmp_path, glossary=bad))


def test_every_problem_is_reported_at_once_sorted_by_file_and_line(tmp_path):
    bad = GOOD_RESOURCES.replace("type: docs", "type: doc").replace("cost: paid", "cost: expensive")
    error = load_error(tmp_path, resources=bad)
    assert len(error.problems) == 3
    lines = [p.line for p in error.problems]
    assert lines == sorted(lines)


def test_validate_command_exits_1_with_messages_and_no_traceback(tmp_path):
    folder = write_data(tmp_path / "data", resources=GOOD_RESOURCES.replace("cost: free", "cost: gratis", 1))
    result = subprocess.run([sys.executable, "-m", "macros.validate", str(folder)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "resource 'python-tutorial': field 'cost': must be one of free, freemium, paid, got 'gratis'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_validate_command_passes_on_real_data():
    result = subprocess.run([sys.executable, "-m", "macros.validate", "data"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout


def test_data_and_render_load_without_mkdocs():
    code = "import sys, macros.data, macros.diagrams, macros.render, macros.validate; print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'mkdocs_macros', 'material')))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# The loader builds strings, lists and mappings itself and leaves every other node to PyYAML:
# whatever the document, it must give what PyYAML's own safe loader gives (dates kept as text).
class _PyYAMLReference(yaml.SafeLoader):
    yaml_implicit_resolvers = data._LineLoader.yaml_implicit_resolvers


@pytest.mark.parametrize("text", [
    "a: 1\nb: [1, 2.5, true, false, null, ~, '1', '', yes, No, 0x1f, 0o17, .inf, 1_000, -3, +4]\nc:\nd: 2024-01-01\n",
    "base: &base {type: course, cost: free}\nentry:\n  <<: *base\n  cost: paid\nlist: [*base, *base]\n",
    "'quoted key': \"value: with colon\"\n? complex key\n: |\n  block\n  text\nfolded: >\n  one\n  two\n",
    "- 1\n- [2, [3, {x: y}]]\n- !!str 5\n- !!float 6\n",
    "",
])
def test_yaml_loader_gives_what_pyyaml_gives(text):
    assert data._parse_yaml(text)[0] == yaml.load(text, Loader=_PyYAMLReference)


@pytest.mark.parametrize("name", ["roadmap.yml", "resources.yml", "glossary.yml", "link-status.yml"])
def test_yaml_loader_gives_what_pyyaml_gives_on_the_real_data(name):
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    assert data._parse_yaml(text)[0] == yaml.load(text, Loader=_PyYAMLReference)


@pytest.mark.parametrize("bad, needle, reason", [
    ("resources:\n  - &loop\n    id: x\n    topics: *loop\n", "&loop", "alias that contains itself"),
    ("resources:\n  - &loop [*loop]\n", "&loop", "alias that contains itself"),
    ("resources:\n  - ? [a, b]\n    : 1\n", "? [a, b]", "a key that is a list or mapping"),
])
def test_yaml_that_cannot_become_data_names_file_and_line(tmp_path, bad, needle, reason):
    # Valid YAML, but no Python data: before the fast loader, an unhashable key ended in a traceback.
    (problem,) = load_error(tmp_path, resources=bad).problems
    assert problem.file == "data/resources.yml"
    assert "invalid YAML" in problem.message and reason in problem.message
    assert problem.line == line_of(bad, needle)


@pytest.mark.parametrize("resources, loads", [(GOOD_RESOURCES, True), ("resources: [\n", False)])
def test_loading_leaves_the_garbage_collector_as_it_found_it(tmp_path, resources, loads):
    folder = write_data(tmp_path / "data", resources=resources)
    for collecting in (True, False):
        (gc.enable if collecting else gc.disable)()
        try:
            if loads:
                assert len(data.load(folder, display_root=tmp_path).resources) == 4
            else:
                with pytest.raises(data.DataError, match="invalid YAML"):
                    data.load(folder, display_root=tmp_path)
        finally:
            still = gc.isenabled()
            gc.enable()
        assert still is collecting


# -- track paths: core, optional, groups of alternatives ------------------------------------------

PATH_ROADMAP = GOOD_ROADMAP.replace(
    "      - id: sql\n        title: SQL\n        summary: Query tables.\n        hours: 5\n",
    "      - id: sql\n        title: SQL\n        summary: Query tables.\n        core: true\n        hours: 5\n"
    "      - id: aws\n        title: AWS\n        summary: One cloud.\n        tracks: [tabular]\n        one_of: cloud\n        hours: 20\n"
    "      - id: gcp\n        title: GCP\n        summary: Another cloud.\n        tracks: [tabular]\n        one_of: cloud\n        hours: 30\n"
    "      - id: trivia\n        title: Trivia\n        summary: Nice to know.\n        optional: true\n        hours: 2\n",
)
PATH_RESOURCES = GOOD_RESOURCES.replace("topics: [sql, linear-models]", "topics: [sql, linear-models, aws, gcp, trivia]")


def test_a_path_is_core_and_tagged_topics_with_their_requires_closure(tmp_path):
    roadmap = data.load(write_data(tmp_path / "data", roadmap=PATH_ROADMAP, resources=PATH_RESOURCES))
    # genai tags python and llms; sql is core; llms needs linear-models; the clouds and trivia are not genai's.
    assert [t.id for t in roadmap.path("genai")] == ["python", "sql", "linear-models", "llms"]
    # tabular tags both clouds, which are alternatives: the path counts the first unless told otherwise.
    assert [t.id for t in roadmap.path("tabular")] == ["python", "sql", "aws", "linear-models"]
    assert [t.id for t in roadmap.path("tabular", {"cloud": "gcp"})] == ["python", "sql", "gcp", "linear-models"]
    assert [t.id for t in roadmap.path(None)] == ["python", "sql", "aws", "trivia", "linear-models", "llms"]
    assert roadmap.tracks_of("sql") == ("tabular", "genai")
    assert roadmap.tracks_of("gcp") == ("tabular",)  # an alternative belongs where its group does
    assert roadmap.tracks_of("trivia") == ()


def test_a_topic_on_no_path_must_be_marked_optional(tmp_path):
    bad = PATH_ROADMAP.replace("        optional: true\n        hours: 2\n", "        hours: 2\n")
    error = load_error(tmp_path, roadmap=bad, resources=PATH_RESOURCES)
    assert f"data/roadmap.yml:{line_of(bad, 'id: trivia')}: topic 'trivia': is on no track's path; " \
        "tag it for a track, mark it 'core: true', or mark it 'optional: true'" in str(error)


def test_core_and_optional_together_is_refused(tmp_path):
    bad = PATH_ROADMAP.replace("        optional: true\n", "        optional: true\n        core: true\n")
    error = load_error(tmp_path, roadmap=bad, resources=PATH_RESOURCES)
    assert f"data/roadmap.yml:{line_of(bad, 'optional: true')}: topic 'trivia': field 'optional': " \
        "a topic cannot be both core and optional" in str(error)


def test_a_group_of_one_and_requiring_an_alternative_are_refused(tmp_path):
    bad = PATH_ROADMAP.replace("        one_of: cloud\n        hours: 30\n", "        one_of: clouds\n        hours: 30\n")
    bad = bad.replace("        requires: [linear-models]\n", "        requires: [linear-models, aws]\n")
    text = str(load_error(tmp_path, roadmap=bad, resources=PATH_RESOURCES))
    assert f"data/roadmap.yml:{line_of(bad, 'one_of: cloud', 1)}: topic 'aws': field 'one_of': group 'cloud' has no other member" in text
    assert f"data/roadmap.yml:{line_of(bad, 'requires: [linear-models, aws]')}: topic 'llms': field 'requires': " \
        "'aws' is one of the alternatives in group 'cloud'" in text


def test_language_is_a_known_two_letter_code(tmp_path):
    bad = GOOD_RESOURCES.replace("    provider: Example\n", "    provider: Example\n    language: xx\n")
    text = str(load_error(tmp_path, resources=bad))
    assert f"data/resources.yml:{line_of(bad, 'language: xx')}: resource 'sql-course': field 'language': unknown language code 'xx'" in text
    worse = GOOD_RESOURCES.replace("    provider: Example\n", "    provider: Example\n    language: Bangla\n")
    text = str(load_error(tmp_path, resources=worse))
    assert f"data/resources.yml:{line_of(worse, 'language: Bangla')}: resource 'sql-course': field 'language': must be the two-letter" in text


# -- every remaining rule, each at its exact line -------------------------------------------------


def test_duplicate_track_id(tmp_path):
    bad = GOOD_ROADMAP.replace("  - id: genai\n    title: GenAI\n", "  - id: tabular\n    title: GenAI\n")
    text = str(load_error(tmp_path, roadmap=bad))
    assert f"data/roadmap.yml:{line_of(bad, 'id: tabular', 2)}: track 'tabular': field 'id': duplicate id; " \
        f"first used on line {line_of(bad, 'id: tabular', 1)}" in text


def test_duplicate_glossary_term_ignores_case(tmp_path):
    bad = GOOD_GLOSSARY + "  - term: llm\n    definition: Said again in lower case.\n"
    text = str(load_error(tmp_path, glossary=bad))
    assert f"data/glossary.yml:{line_of(bad, 'term: llm')}: term 'llm': field 'term': duplicate term; " \
        f"first defined on line {line_of(bad, 'term: LLM')}" in text


def test_url_with_user_name_or_password(tmp_path):
    bad = GOOD_RESOURCES.replace("url: https://example.org/sql", "url: https://me:secret@example.org/sql")
    text = str(load_error(tmp_path, resources=bad))
    assert f"data/resources.yml:{line_of(bad, 'me:secret@')}: resource 'sql-course': field 'url': " \
        "must not carry a user name or password" in text


def test_bad_url_in_link_status(tmp_path):
    folder = write_data(tmp_path / "data")
    status = "links:\n  - url: https://example.org/ok\n    last_ok: 2026-11-01\n  - url: ftp://example.org/file\n"
    (folder / "link-status.yml").write_text(status, encoding="utf-8")
    with pytest.raises(data.DataError) as caught:
        data.load(folder, display_root=tmp_path)
    assert f"data/link-status.yml:{line_of(status, 'ftp://')}: link 'ftp://example.org/file': field 'url': " \
        "must be an https:// or http:// URL with a host" in str(caught.value)


def test_missing_data_file(tmp_path):
    folder = write_data(tmp_path / "data")
    (folder / "resources.yml").unlink()
    with pytest.raises(data.DataError) as caught:
        data.load(folder, display_root=tmp_path)
    assert [str(p) for p in caught.value.problems] == ["data/resources.yml: file not found"]


def test_data_file_that_is_not_utf8(tmp_path):
    folder = write_data(tmp_path / "data")
    (folder / "roadmap.yml").write_bytes(GOOD_ROADMAP.replace("Where everyone starts.", "Caf\xe9.").encode("latin-1"))
    with pytest.raises(data.DataError) as caught:
        data.load(folder, display_root=tmp_path)
    (problem,) = caught.value.problems
    assert problem.file == "data/roadmap.yml" and problem.message.startswith("not UTF-8 text")


@pytest.mark.parametrize("which, old, new, needle, field, message", [
    ("roadmap", "    title: Models\n", "    title: " + "M" * 81 + "\n", "M" * 81, "title",
     "is longer than 80 characters; keep it to one line"),
    ("resources", "    why: The reference for every classical model, with runnable examples.\n", "    why: Too short\n",
     "why: Too short", "why", "must not be empty"),
    ("roadmap", "        hours: 12\n", "        hours: 0\n", "hours: 0", "hours", "is out of range"),
    ("roadmap", "        hours: 12\n", "        hours: 501\n", "hours: 501", "hours", "is out of range"),
    ("roadmap", "        requires: [python, sql]\n", "        requires: [python, python]\n", "requires: [python, python]",
     "requires", "lists the same value twice"),
    ("resources", "    topics: [python]\n", "    topics: []\n", "topics: []", "topics", "must not be empty"),
])
def test_schema_length_minimum_and_uniqueness_rules(tmp_path, which, old, new, needle, field, message):
    good = GOOD_ROADMAP if which == "roadmap" else GOOD_RESOURCES
    assert old in good
    bad = good.replace(old, new, 1)
    text = str(load_error(tmp_path, **{which: bad}))
    assert f"data/{which}.yml:{line_of(bad, needle)}: " in text and f"field '{field}': {message}" in text, text


# Progress-link codes (issue 22): FNV-1a's published 32-bit test vectors, taken down to five base-36 digits.

@pytest.mark.parametrize("text, fnv1a", [("", 0x811C9DC5), ("a", 0xE40C292C), ("foobar", 0xBF9CF968)])
def test_progress_code_is_fnv1a_in_five_base36_digits(text, fnv1a):
    code = data.progress_code(text)
    assert len(code) == 5 and code == code.lower()
    assert int(code, 36) == fnv1a % 36**5


def test_two_ids_with_one_progress_code(tmp_path):
    # Found by search: two ids whose codes collide, so a link could not tell them apart.
    assert data.progress_code("topic-10929") == data.progress_code("topic-41084")
    bad = (GOOD_ROADMAP.replace("aliases: [regression]", "aliases: [regression, topic-10929]")
           .replace("        tracks: [genai]\n        hours: 12", "        aliases: [topic-41084]\n        tracks: [genai]\n        hours: 12"))
    assert (f"data/roadmap.yml:{line_of(bad, 'aliases: [topic-41084]')}: topic 'llms': field 'aliases': 'topic-41084' has the "
            "progress-link code of 'topic-10929' (topic 'linear-models'); a link could not tell them apart, so choose another id"
            ) in str(load_error(tmp_path, roadmap=bad))
