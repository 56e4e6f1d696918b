"""Every built page is valid HTML by the W3C Nu Html Checker (vnu-jar from npm, on the machine's Java).

Material's own templates have a few errors on every page; they are counted apart, by message and by
the markup they quote, so that any error of ours fails, and a new kind of error from Material does too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.xdist_group("vnu")
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message, quoted markup) of the errors Material 9.8's templates make on every page.
MATERIALS = [
    # The drawer and search toggles are checkboxes with autocomplete="off" (base.html).
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"), re.compile(r'<input class="md-toggle"')),
    # navigation.sections renders section labels with an empty tabindex (partials/nav-item.html).
    (re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"), re.compile(r'<label class="md-nav__link')),
]


def check(site) -> tuple[list[dict], list[dict]]:
    """Every error the checker reports for the HTML files under `site`: (ours, Material's)."""
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail("the Nu Html Checker needs Java and node_modules/vnu-jar: `make test` installs vnu-jar (npm ci)")
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert errors or result.returncode == 0, result.stderr[-2000:]
    materials = [m for m in errors if any(msg.search(m["message"]) and extract.search(m.get("extract", ""))
                                          for msg, extract in MATERIALS)]
    ours = [m for m in errors if m not in materials]
    return ours, materials


def summary(errors: list[dict], site) -> list[str]:
    return [f'{m["url"].split(str(site), 1)[-1].lstrip("/")}:{m.get("lastLine")}: {m["message"]}' for m in errors[:20]]


@pytest.mark.slow
def test_every_page_is_valid_html_but_for_materials_own_errors(built_site):
    ours, materials = check(built_site)
    assert ours == [], summary(ours, built_site)
    # Material's own, counted apart: at most its few per page.
    pages = len(list(built_site.rglob("*.html")))
    assert len(materials) <= 6 * pages, len(materials)


def test_the_checker_reports_errors_of_ours(built_site, tmp_path):
    # Guard against a checker that silently passes everything: the two kinds issue 21 found must fail.
    page = (built_site / "phases" / "data.html").read_text(encoding="utf-8")
    planted = re.sub(r"(<tbody[^>]*>)", r'\1<tr role="row"><td role="cell">x</td></tr>', page, count=1)
    planted = planted.replace("</article>", "<p>checked <date>, and so on.</p></article>", 1)
    assert '<td role="cell">x</td>' in planted and "<date>" in planted
    (tmp_path / "planted.html").write_text(planted, encoding="utf-8")
    ours, materials = check(tmp_path)
    assert materials, "Material's known errors were not recognised"
    messages = " ".join(m["message"] for m in ours)
    assert "“role” attribute must not be used on a “tr” element" in messages, summary(ours, tmp_path)
    assert "“date”" in messages, summary(ours, tmp_path)


def test_the_contributing_guide_shows_its_placeholders_as_text(built_site):
    # "checked <date>" in CONTRIBUTING.md became an unknown element, and the page read "checked ,".
    html = (built_site / "contributing.html").read_text(encoding="utf-8")
    assert "checked &lt;date&gt;" in html and "<date>" not in html
