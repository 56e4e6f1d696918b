"""axe-core over every built page in light and dark schemes, and no request ever leaves 127.0.0.1."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]


def built_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


# One xdist group per scheme so the two sweeps run on different workers.
@pytest.mark.parametrize("scheme", [
    pytest.param("light", marks=pytest.mark.xdist_group("axe-light")),
    pytest.param("dark", marks=pytest.mark.xdist_group("axe-dark")),
])
def test_every_page_has_no_axe_violations_and_no_off_host_requests(browser, site_url, built_site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(base_url=site_url, color_scheme=scheme)
    page = context.new_page()
    off_host = []

    def route(route_):
        url = route_.request.url
        if url.startswith(site_url) or url.startswith(("data:", "blob:")):
            route_.continue_()
        else:
            off_host.append(url)
            route_.abort()

    page.route("**/*", route)
    failures = {}
    pages = built_pages(built_site)
    assert len(pages) > 25
    for path in pages:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        result = axe.run(page)
        if result.violations_count:
            failures[path] = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in result.response["violations"]]
    context.close()
    assert not failures, failures
    assert off_host == [], off_host


@pytest.mark.xdist_group("axe-light")
def test_axe_reports_a_planted_violation(browser, site_url):
    # Guard against a silently broken axe run: a page with an unlabelled image must fail.
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(base_url=site_url)
    page = context.new_page()
    page.goto("index.html")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"assets/favicon.svg\">')")
    result = Axe().run(page)
    context.close()
    assert "image-alt" in [v["id"] for v in result.response["violations"]]
