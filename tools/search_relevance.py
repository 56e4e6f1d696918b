"""Search relevance: run data/search-queries.yml against a built site's real search, in Chromium.

Usage: python tools/search_relevance.py SITE_DIR   (after `make build`; prints hit@1, hit@5 and misses)

The queries go to Material's own search worker, loaded from the built site with the built index,
exactly as the search box sends them (the worker applies Material's query transform). A query
hits at k when its topic's section is in one of the first k results the search box shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES_FILE = ROOT / "data" / "search-queries.yml"

# Runs in the page: start the search worker the way Material does, then ask it every query.
_ASK_WORKER = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base + "/", location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  const results = [];
  for (const query of queries) {
    const answer = await ask({type: 2, data: query});
    results.push(answer.data.items.map(group => group.map(doc => doc.location)));
  }
  worker.terminate();
  return results;
}"""


def load_queries(path: Path = QUERIES_FILE) -> list[tuple[str, str]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    return [(str(entry["q"]), entry["topic"]) for entry in entries]


def rank_of(groups: list[list[str]], topic_id: str) -> int | None:
    """1-based position of the first result that holds the topic's section, or None."""
    for position, group in enumerate(groups, start=1):
        if any(location.endswith("#" + topic_id) for location in group):
            return position
    return None


def run(page, queries: list[tuple[str, str]]) -> list[tuple[str, str, int | None, list[str]]]:
    """(query, topic, rank, first three result locations) for each query, on a page of the site."""
    answers = page.evaluate(_ASK_WORKER, [q for q, _ in queries])
    return [(q, topic, rank_of(groups, topic), [g[0] for g in groups[:3]])
            for (q, topic), groups in zip(queries, answers)]


def summary(results) -> tuple[float, float]:
    total = len(results)
    hit1 = sum(1 for *_, rank, _ in results if rank == 1) / total
    hit5 = sum(1 for *_, rank, _ in results if rank is not None and rank <= 5) / total
    return hit1, hit5


def report(results) -> str:
    hit1, hit5 = summary(results)
    lines = [f"search relevance over {len(results)} queries: hit@1 {hit1:.1%}, hit@5 {hit5:.1%}"]
    for q, topic, rank, top in results:
        if rank != 1:
            lines.append(f"  {q!r} -> {topic}: rank {rank or 'none'}; first results {top}")
    return "\n".join(lines)


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, serve_directory  # noqa: E402  (the tests' local server)
    from playwright.sync_api import sync_playwright

    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    with serve_directory(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url + "index.html")
        print(report(run(page, load_queries())))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
