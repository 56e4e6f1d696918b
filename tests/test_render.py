"""Render functions: escaping, links relative to the page, accessible tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest

from conftest import GOOD_RESOURCES, write_data
from macros import data, render

NASTY = "<script>alert(1)</script> | *bold* {{ x }} [x](y) & _under_ `code` #h"


@pytest.fixture()
def roadmap(tmp_path):
    resources = GOOD_RESOURCES.replace("title: scikit-learn user guide", f"title: '{NASTY}'")
    resources = resources.replace("why: The reference for every classical model", "why: Says <b>why</b> & \"how\" | ok")
    return data.load(write_data(tmp_path / "data", resources=resources), display_root=tmp_path)


class Collect(HTMLParser):
    """Elements and text as a browser would see them."""

    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, d):
        self.text.append(d)


def parse(html: str) -> Collect:
    collector = Collect()
    collector.feed(html)
    return collector


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "toc", "pymdownx.escapeall", "md_in_html", "tables"])


def test_resource_table_escapes_every_data_string(roadmap):
    html = render.resource_table(roadmap, "linear-models")
    parsed = parse(html)
    assert "script" not in [tag for tag, _ in parsed.tags]
    assert "b" not in [tag for tag, _ in parsed.tags]
    text = "".join(parsed.text)
    assert NASTY in text
    assert 'Says <b>why</b> & "how" | ok' in text


def test_resource_table_is_accessible(roadmap):
    parsed = parse(render.resource_table(roadmap, "linear-models"))
    tags = [tag for tag, _ in parsed.tags]
    assert "caption" in tags
    col_headers = [a for t, a in parsed.tags if t == "th" and a.get("scope") == "col"]
    assert len(col_headers) == 4
    row_headers = [a for t, a in parsed.tags if t == "th" and a.get("scope") == "row"]
    assert len(row_headers) == len(roadmap.resources_by_topic["linear-models"])
    links = [a for t, a in parsed.tags if t == "a"]
    # Same-tab links: no target, so no rel="noopener" bytes on every row.
    assert links and all("target" not in a and "rel" not in a for a in links)
    assert "Resources for Linear models" in "".join(parsed.text)


def test_resource_table_survives_markdown(roadmap):
    # The table is raw HTML in a Markdown page: Markdown must leave the data text alone.
    html = to_html("Intro\n\n" + render.resource_table(roadmap, "linear-models") + "\n\nAfter")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<em>bold</em>" not in html


def test_free_resources_come_first(roadmap):
    ordered = render.sort_resources(roadmap.resources_by_topic["linear-models"])
    assert [r.cost for r in ordered] == sorted((r.cost for r in ordered), key=render.COST_ORDER.get)
    assert ordered[0].cost == "free"


def test_md_text_renders_literally():
    html = to_html("## " + render.md_text(NASTY) + " {#anchor}")
    heading = re.search(r"<h2 id=\"anchor\">(.*)</h2>", html)
    assert heading, html
    assert "".join(parse(heading.group(1)).text) == NASTY


def test_topic_heading_anchor_is_the_id_and_title_is_escaped(tmp_path):
    roadmap_text = (write_data(tmp_path / "d") / "roadmap.yml").read_text()
    folder = write_data(tmp_path / "data", roadmap=roadmap_text.replace("title: SQL", "title: 'SQL *and* <b>x</b>'"))
    roadmap = data.load(folder, display_root=tmp_path)
    html = to_html(render.topic_block(roadmap, "sql", render.Linker("phases/basics.md")))
    assert '<h2 id="sql">' in html
    assert "SQL *and* <b>x</b>" in "".join(parse(html).text)


def test_topic_effort_says_what_the_hours_mean_in_visible_text(roadmap):
    # A title attribute alone never reaches touch users, and screen readers announce it unreliably.
    topic = roadmap.topics["linear-models"]
    parsed = parse(render.topic_block(roadmap, topic.id, render.Linker("phases/models.md")))
    assert f"about {topic.hours:g} h of study" in "".join(parsed.text)
    assert not [a for t, a in parsed.tags if "rm-hours" in a.get("class", "") and "title" in a]


def test_prerequisites_link_to_topic_anchors_relative_to_the_page(roadmap):
    html = render.topic_block(roadmap, "linear-models", render.Linker("phases/models.md"))
    hrefs = [a["href"] for t, a in parse(html).tags if t == "a" and "rm-badge" not in a.get("class", "")]
    assert hrefs == ["basics.html#python", "basics.html#sql"]
    assert "Before this:" in html
    first = render.topic_block(roadmap, "python", render.Linker("phases/basics.md"))
    assert "Before this: nothing" in first


@pytest.mark.parametrize(
    "page, target, anchor, directory_urls, expected",
    [
        ("phases/a.md", "phases/b.md", "x", False, "b.html#x"),
        ("phases/a.md", "phases/a.md", "x", False, "#x"),
        ("index.md", "phases/b.md", "x", False, "phases/b.html#x"),
        ("tracks/genai.md", "phases/b.md", "", False, "../phases/b.html"),
        ("phases/a.md", "index.md", "", False, "../index.html"),
        ("phases/a.md", "tracks/index.md", "", False, "../tracks/index.html"),
        ("phases/a.md", "phases/b.md", "x", True, "../b/#x"),
        ("index.md", "phases/b.md", "x", True, "phases/b/#x"),
        ("tracks/index.md", "tracks/genai.md", "", True, "genai/"),
    ],
)
def test_linker(page, target, anchor, directory_urls, expected):
    assert render.Linker(page, directory_urls).href(target, anchor) == expected


def test_map_lists_every_phase_and_topic_in_order(roadmap):
    html = render.roadmap_map(roadmap, render.Linker("index.md"))
    parsed = parse(html)
    nodes = [a["data-topic"] for t, a in parsed.tags if t == "li" and "data-topic" in a]
    assert nodes == [t.id for t in roadmap.topics_in_order()]
    hrefs = [a["href"] for t, a in parsed.tags if t == "a"]
    assert "phases/models.html#llms" in hrefs
    navs = [a for t, a in parsed.tags if t == "nav"]
    assert navs[0]["class"] == "rm-map" and navs[0]["aria-label"] == "Roadmap map"
    assert "data-search-exclude" in navs[0]  # search leads to the topics, not to the map's copies


def test_track_page_lists_its_topics_and_all_they_require_with_effort(roadmap):
    html = render.track_page(roadmap, "genai", render.Linker("tracks/genai.md"))
    topics = [a["data-topic"] for t, a in parse(html).tags if t == "li" and "data-topic" in a]
    # genai tags python and llms; llms requires linear-models, which requires python and sql.
    assert topics == ["python", "sql", "linear-models", "llms"]
    assert "about 35 h of study" in html  # 10 + 5 + 8 + 12


def test_link_status_shows_checked_date_and_flags_long_failures():
    import datetime

    today = datetime.date(2026, 11, 22)
    ok = data.LinkStatus("https://a.example/", last_ok="2026-11-16")
    assert "checked 2026-11-16" in render.link_status_note(ok, today)
    recent = data.LinkStatus("https://a.example/", last_ok="2026-11-01", failing_since="2026-11-16")
    assert "checked 2026-11-01" in render.link_status_note(recent, today)  # one failure is not a verdict yet
    old = data.LinkStatus("https://a.example/", last_ok="2026-10-01", failing_since="2026-10-20")
    assert "Link failing since 2026-10-20" in render.link_status_note(old, today)
    assert render.link_status_note(None, today) == ""


def test_planner_data_cannot_break_out_of_its_script_element(tmp_path):
    roadmap_text = (write_data(tmp_path / "d") / "roadmap.yml").read_text()
    folder = write_data(tmp_path / "data", roadmap=roadmap_text.replace("title: Basics", "title: '</script><script>alert(1)</script> & co'"))
    html = render.pace_planner(data.load(folder, display_root=tmp_path))
    assert html.count("</script>") == 1  # only the element's own closing tag
    payload = re.search(r'<script type="application/json" id="rm-plan-data">(.*)</script>', html).group(1)
    import json
    assert json.loads(payload)["phases"][0]["title"] == "</script><script>alert(1)</script> & co"


def test_search_view_keeps_the_words_of_resources_and_glossary_and_gives_them_back(roadmap):
    status = {"sklearn-guide": '<span class="rm-checked">checked 2026-11-01</span>'}
    table = render.resource_table(roadmap, "linear-models", lambda resource: status.get(resource.id, ""))
    glossary = render.glossary(roadmap, render.Linker("glossary.md", False))
    page = f"<h2 id='a'>A</h2><p>Before</p>{table}<p>Between <b>bold</b></p>{glossary}<h2 id='b'>B</h2>"

    flat, blocks = render.search_view(page)

    assert [block.split(" ", 1)[0] for block in blocks] == ["<table", "<dl"]
    assert all(block in page for block in blocks)
    shown = parse(flat)
    assert not {"table", "tr", "a", "span", "dl", "dt"} & {tag for tag, _ in shown.tags}
    words = " ".join(shown.text).split()
    # The glossary keeps every word a browser shows, in order, each text node apart (no "testA"
    # where a term meets its definition).
    assert " ".join(" ".join(parse(glossary).text).split()) in " ".join(words)
    # A resource table keeps what each resource is, and none of what every row or table repeats.
    table_words = " ".join(" ".join(parse(flat.split("<p>Between")[0]).text).split())
    for resource in roadmap.resources_by_topic["linear-models"]:
        for field in filter(None, (resource.title, resource.why, resource.author, resource.provider)):
            assert " ".join(field.split()) in table_words, field
    for repeated in ("Resources for", "Resource Type Cost Level", "Free", "Beginner", "checked 2026-11-01"):
        assert repeated not in table_words
    assert render.restore_search_view(flat, blocks) == page


def test_restoring_the_search_view_keeps_changes_made_around_the_blocks(roadmap):
    table = render.resource_table(roadmap, "linear-models", lambda resource: "")
    flat, blocks = render.search_view(f"<p data-search-exclude=\"x\">Intro</p>{table}")
    changed = flat.replace(' data-search-exclude="x"', "")  # what Material's search does after indexing
    assert render.restore_search_view(changed, blocks) == f"<p>Intro</p>{table}"
    assert render.search_view("<p>no tables</p>") == ("<p>no tables</p>", [])


def test_a_resource_not_in_english_says_its_language_and_filters_by_it(roadmap):
    import dataclasses

    bangla = dataclasses.replace(roadmap.resources[0], language="bn")
    cell = render.resource_cell(bangla)
    assert 'hreflang="bn"' in cell and ">In Bangla</span>" in cell
    assert "In " not in render.resource_cell(roadmap.resources[1])  # English says nothing
    mixed = dataclasses.replace(roadmap, resources=(bangla,) + roadmap.resources[1:])
    html = render.catalog(mixed, render.Linker("catalog.md"))
    assert '<option value="bn">Bangla</option>' in html and '<option value="en">English</option>' in html
    assert html.count('data-language="bn"') == 1
    assert html.count('data-language="en"') == len(roadmap.resources) - 1


# -- computed outputs against expectations written out by hand ------------------------------------


def test_plan_months_splits_phases_across_months_at_the_pace(tmp_path):
    fixture = data.load(write_data(tmp_path / "data"), display_root=tmp_path)
    # basics: python 10 h + sql 5 h = 15 h; models: linear-models 8 h + llms 12 h = 20 h.
    # 30/13 hours a week is 30/13 * 52/12 = 10 hours a month.
    months = render.plan_months(fixture, 30 / 13)
    got = [(number, [(phase.id, round(hours, 6)) for phase, hours in chunk]) for number, chunk in months]
    assert got == [
        (1, [("basics", 10)]),
        (2, [("basics", 5), ("models", 5)]),  # basics spills into month 2, which models then fills
        (3, [("models", 10)]),
        (4, [("models", 5)]),
    ]
    # At 35 hours a week (about 151.7 a month) everything fits in the first month.
    assert [(n, [(p.id, h) for p, h in c]) for n, c in render.plan_months(fixture, 35)] == [(1, [("basics", 15), ("models", 20)])]


@pytest.mark.parametrize("days, flagged", [(20, False), (21, True), (22, True)])
def test_a_link_is_flagged_after_three_weeks_of_failures(days, flagged):
    import datetime

    today = datetime.date(2026, 12, 3)
    since = (today - datetime.timedelta(days=days)).isoformat()
    note = render.link_status_note(data.LinkStatus("https://a.example/", last_ok="2026-10-01", failing_since=since), today)
    assert ("Link failing since" in note) is flagged
    assert ("checked 2026-10-01" in note) is not flagged


def test_catalog_default_order_is_free_first_then_easiest_then_title(tmp_path):
    fixture = data.load(write_data(tmp_path / "data"), display_root=tmp_path)
    html = render.catalog(fixture, render.Linker("catalog.md"))
    titles = re.findall(r'<th scope="row"[^>]*><a href="[^"]*">([^<]*)</a>', html)
    # free beginner, free intermediate, free advanced, then paid.
    assert titles == ["The Python Tutorial", "scikit-learn user guide", "Hugging Face LLM course", "SQL course"]


def test_resources_of_equal_cost_and_level_sort_by_title_ignoring_case(roadmap):
    import dataclasses

    base = roadmap.resources[0]
    same = [dataclasses.replace(base, id=f"r{i}", title=title, cost="free", level="beginner")
            for i, title in enumerate(["beta", "Alpha", "Gamma", "delta"])]
    harder = dataclasses.replace(base, id="r9", title="aardvark", cost="free", level="advanced")
    # Not code-point order, which would put "Gamma" before "beta".
    assert [r.title for r in render.sort_resources(same + [harder])] == ["Alpha", "beta", "delta", "Gamma", "aardvark"]


@pytest.mark.parametrize("phase_id, mentions_other_phases", [("programming", False), ("data", True)])
def test_a_phase_pictures_caption_mentions_other_phases_only_when_it_shows_them(phase_id, mentions_other_phases):
    from conftest import DATA

    roadmap = data.load(DATA)
    required = {r for t in roadmap.phases_by_id[phase_id].topics for r in t.requires}
    assert bool(required - {t.id for t in roadmap.phases_by_id[phase_id].topics}) == mentions_other_phases
    html = render.phase_prerequisites(roadmap, phase_id, render.Linker(f"phases/{phase_id}.md"))
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", html, re.S).group(1)
    assert ("other phases they build on come first" in caption) == mentions_other_phases
