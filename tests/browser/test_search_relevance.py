"""Search relevance: every query in data/search-queries.yml, run through the built site's real search."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import search_relevance  # noqa: E402

pytestmark = [pytest.mark.browser]
QUERIES = search_relevance.load_queries()


def test_every_query_names_a_topic_that_exists():
    from macros import data

    roadmap = data.load(ROOT / "data", display_root=ROOT)
    unknown = sorted({topic for _, topic in QUERIES} - set(roadmap.topics))
    assert not unknown, f"data/search-queries.yml names unknown topics: {unknown}"
    assert len(QUERIES) >= 150
    assert len({q.casefold() for q, _ in QUERIES}) == len(QUERIES), "a query is listed twice"


@pytest.mark.search
def test_material_search_reaches_the_topic_for_what_learners_type(page):
    page.goto("index.html")
    results = search_relevance.run(page, QUERIES)
    print("\n" + search_relevance.report(results))  # hit@1 and hit@5 in the test log (pytest -s or -rA)
    hit1, hit5 = search_relevance.summary(results)
    assert hit5 == 1.0 and hit1 >= 0.9, search_relevance.report(results)


@pytest.mark.search
def test_british_and_american_spellings_find_the_same_topic_in_material_search(page):
    page.goto("index.html")
    pairs = {("regularization", "regularisation"): "bias-variance-regularization",
             ("tokenization", "tokenisation"): "text-preprocessing",
             ("optimization", "optimisation"): "optimization",
             ("nearest neighbor", "nearest neighbour"): "knn-and-svm",
             ("data visualization", "data visualisation"): "data-visualization",
             ("lemmatization", "lemmatisation"): "text-preprocessing",
             ("standardization", "standardisation"): "feature-engineering",
             ("quantization", "quantisation"): "inference-optimization"}
    queries = [(q, topic) for spellings, topic in pairs.items() for q in spellings]
    ranks = {q: rank for q, _, rank, _ in search_relevance.run(page, queries)}
    # Either spelling puts the topic among the first three results.
    assert all(rank is not None and rank <= 3 for rank in ranks.values()), ranks
