"""British and American spellings: the variants search indexes, and Oxford spelling in the prose."""

from __future__ import annotations

import re

from conftest import ROOT
from macros import data, render, spelling


def test_ize_words_get_their_ise_spelling_and_back():
    assert spelling.variants("Regularization of tokenizers") == ["regularisation", "tokenisers"]
    assert spelling.variants("optimised") == ["optimized"]
    assert spelling.variants("normalize normalise") == []  # both spellings present: nothing to add


def test_other_british_words_get_their_american_spelling_and_back():
    assert spelling.variants("nearest neighbours, modelling behaviour") == ["neighbors", "modeling", "behavior"]
    assert spelling.variants("the catalog") == ["catalogue"]
    assert spelling.variants("analyse it") == ["analyze"]


def test_words_that_only_look_like_ise_get_no_variant():
    text = "supervised and unsupervised exercises raise noise; denoising, otherwise, pairwise, size, analysis, promising"
    assert spelling.variants(text) == []
    assert spelling.non_oxford(text) == []


def test_every_time_repeats_a_variant_per_occurrence():
    assert spelling.variants("tokenizer, tokenizer", every_time=True) == ["tokeniser", "tokeniser"]
    # Both spellings present: each gets the other's count, so the two occur equally often.
    assert sorted(spelling.variants("tokenizer tokenizer tokeniser", every_time=True)) == ["tokeniser", "tokeniser", "tokenizer"]
    assert spelling.variants("tokenizer, tokenizer") == ["tokeniser"]


def test_non_oxford_finds_ise_spellings():
    assert spelling.non_oxford("We optimise the tokeniser; visualisation helps.") == ["optimise", "tokeniser", "visualisation"]


def test_search_view_adds_variants_per_section_and_restoring_removes_them():
    page = "<p>Intro on normalisation.</p><h2 id='a'>A</h2><p>Tokenization.</p><h2 id='b'>B</h2><p>Nothing here.</p>"
    flat, blocks = render.search_view(page)
    first, second, third = flat.split("<h2")
    assert "normalization" in first and "tokenisation" not in first
    assert "tokenisation" in second and "normalization" not in second
    assert "<!--rm-spelling-->" not in third
    assert render.restore_search_view(flat, blocks) == page


def _prose(markdown: str) -> str:
    """A page's words without code, link targets, macro calls and anchors."""
    markdown = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    return re.sub(r"`[^`\n]*`|\]\([^)]*\)|https?://\S+|\{\{[^}]*\}\}|\{#[^}]*\}", " ", markdown)


def test_prose_and_data_text_use_oxford_spelling():
    found = {}
    for path in sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]:
        if words := spelling.non_oxford(_prose(path.read_text(encoding="utf-8"))):
            found[path.relative_to(ROOT).as_posix()] = sorted(set(words))
    roadmap = data.load(ROOT / "data", display_root=ROOT)
    texts = {
        "data/roadmap.yml": [x for p in roadmap.phases for x in (p.title, p.summary)]
        + [x for t in roadmap.topics_in_order() for x in (t.title, t.summary, *t.also_called)]
        + [x for t in roadmap.tracks for x in (t.title, t.summary)],
        # Resource titles are the publishers' own; the line that says why is ours.
        "data/resources.yml": [r.why for r in roadmap.resources],
        "data/glossary.yml": [x for g in roadmap.glossary for x in (g.term, g.definition, g.stands_for or "")],
    }
    for name, values in texts.items():
        if words := spelling.non_oxford(" ".join(values)):
            found[name] = sorted(set(words))
    assert not found, f"-ise spellings; write -ize (Oxford spelling, see README): {found}"
