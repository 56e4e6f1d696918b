"""The benchmark's budget verdicts: each budget flips to 'NOT met' exactly when its figure crosses the line."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import bench  # noqa: E402

PERFECT = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}


def row(name, scores=PERFECT, own=100_000, bare=100_000, third_party=()):
    mine = {"scores": dict(scores), "own": own, "third_party": list(third_party)}
    return (name, f"{name}.html", mine, {"own": bare})


def verdicts(rows, normal=2.0, tenfold=3.0):
    return {line.split(":")[0]: line for line in bench.budget_report(rows, normal, tenfold)}


def test_every_budget_met():
    lines = verdicts([row("home"), row("phase", own=109_000)])
    assert len(lines) == 4
    assert all(": met (" in line for line in lines.values()), lines


def test_one_score_below_100_names_the_page_and_category():
    lines = verdicts([row("home"), row("catalog", scores={**PERFECT, "performance": 97})])
    lighthouse = next(v for k, v in lines.items() if k.startswith("Lighthouse"))
    assert "NOT met" in lighthouse and "catalog performance 97" in lighthouse and "home" not in lighthouse


def test_a_missed_score_is_set_beside_the_floor_of_the_stack():
    floor = {"scores": {**PERFECT, "performance": 98}}
    missed = bench.budget_report([row("catalog", scores={**PERFECT, "performance": 93})], 2.0, 3.0, floor=floor)[0]
    assert "NOT met" in missed and "catalog performance 93" in missed and "empty Material page scores 98" in missed
    met = bench.budget_report([row("home")], 2.0, 3.0, floor=floor)[0]
    assert ": met (all 100)" in met and "98" not in met


def test_the_floor_is_one_page_on_materials_defaults(tmp_path):
    import yaml

    project = bench.floor_project(tmp_path / "floor")
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    assert config["theme"] == {"name": "material", "font": False}  # no overrides, CSS or JS of ours
    assert [p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*")] == ["index.md"]
    assert bench.build(project, tmp_path / "site") > 0
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "search" / "search_index.json").is_file()


def test_weight_ratio_over_the_limit_fails():
    lines = verdicts([row("home", own=111_000)])
    weight = next(v for k, v in lines.items() if k.startswith("First-visit"))
    assert "NOT met" in weight and "1.11" in weight


def test_third_party_request_fails_and_is_listed():
    lines = verdicts([row("home", third_party=["https://fonts.googleapis.com/css"])])
    third = next(v for k, v in lines.items() if k.startswith("No third-party"))
    assert "NOT met" in third and "fonts.googleapis.com" in third


def test_tenfold_ratio_limit_is_inclusive():
    at_limit = verdicts([], normal=2.0, tenfold=4.0)
    over = verdicts([], normal=2.0, tenfold=4.1)
    assert list(at_limit) == ["Tenfold-data build <= 2 x normal"]
    assert ": met (2.00)" in at_limit["Tenfold-data build <= 2 x normal"]
    assert "NOT met (2.05)" in over["Tenfold-data build <= 2 x normal"]


MAIN, WORKER = (1, 10), (1, 20)


def thread(ids, name):
    return {"name": "thread_name", "ph": "M", "pid": ids[0], "tid": ids[1], "args": {"name": name}}


def restyle(ids, count):
    return {"name": "UpdateLayoutTree", "ph": "X", "pid": ids[0], "tid": ids[1], "dur": 10, "args": {"elementCount": count}}


def layout(ids, dirty):
    return {"name": "Layout", "ph": "X", "pid": ids[0], "tid": ids[1], "dur": 10, "args": {"beginData": {"dirtyObjects": dirty}}}


def test_rendering_work_counts_only_the_pages_main_thread():
    events = [thread(MAIN, "CrRendererMain"), thread(WORKER, "DedicatedWorker thread"),
              restyle(MAIN, 1000), restyle(MAIN, 40), layout(MAIN, 900), restyle(WORKER, 5000), layout(WORKER, 5000)]
    assert bench.rendering_work(events, elements=1000) == {"elements": 1000, "restyled": 1040, "laid_out": 900}


def test_rendering_work_ignores_instant_events_and_missing_counts():
    events = [thread(MAIN, "CrRendererMain"), dict(restyle(MAIN, 700), ph="I"),
              {"name": "UpdateLayoutTree", "ph": "X", "pid": 1, "tid": 10, "args": {}}, layout(MAIN, 30)]
    assert bench.rendering_work(events, elements=50) == {"elements": 50, "restyled": 0, "laid_out": 30}


def test_rendering_work_of_an_empty_trace_is_zero():
    assert bench.rendering_work([], elements=10) == {"elements": 10, "restyled": 0, "laid_out": 0}


def report(fcp=200, load=450, requests=(), scores=None):
    """The parts of a Lighthouse JSON report that summarize_report reads."""
    def numeric(value):
        return {"numericValue": value, "score": None}
    return {
        "categories": {k: {"score": v / 100} for k, v in (scores or PERFECT).items()},
        "environment": {"benchmarkIndex": 1500},
        "audits": {
            "network-requests": {"details": {"items": [{"url": u, "transferSize": n} for u, n in requests]}},
            "metrics": {"details": {"items": [{"observedFirstContentfulPaint": fcp, "observedLoad": load}]}},
            "first-contentful-paint": numeric(900), "largest-contentful-paint": numeric(1200), "total-blocking-time": numeric(150), "cumulative-layout-shift": numeric(0),
            "document-title": {"score": 1, "scoreDisplayMode": "binary"},
            "meta-description": {"score": 0, "scoreDisplayMode": "binary"},
        },
    }


URL = "http://127.0.0.1:8123/phases/data.html"


def test_summary_splits_own_bytes_from_third_party_and_lists_failed_audits():
    summary = bench.summarize_report(report(requests=[
        ("http://127.0.0.1:8123/phases/data.html", 30_000), ("http://127.0.0.1:8123/assets/x.js", 20_000),
        ("https://fonts.example.org/a.woff2", 5_000), ("data:image/svg+xml,abc", 0)]), URL)
    assert summary["own"] == 50_000 and summary["transfer"] == 55_000
    assert summary["third_party"] == ["https://fonts.example.org/a.woff2"]
    assert summary["failed"] == ["meta-description"]
    assert summary["scores"]["performance"] == 100 and summary["fcp"] == 0.9 and summary["lcp"] == 1.2


def test_a_first_paint_after_the_load_event_is_flagged_as_held_back():
    assert bench.summarize_report(report(fcp=1215, load=488), URL)["paint_held_back"] is True
    assert bench.summarize_report(report(fcp=199, load=486), URL)["paint_held_back"] is False


def test_host_bracket_follows_lighthouses_calibration_table():
    assert bench.host_bracket(2400)[1] == bench.host_bracket(1500)[1] == bench.DEFAULT_CPU_MULTIPLIER
    assert bench.host_bracket(1499)[1] == bench.host_bracket(1000)[1] == 2
    assert bench.host_bracket(999)[1] == 1
    assert "low-end desktop" in bench.host_bracket(1314)[0]


def test_lighthouse_budget_names_a_non_default_cpu_slowdown():
    default = next(v for k, v in verdicts([row("home")]).items() if k.startswith("Lighthouse"))
    calibrated = next(line for line in bench.budget_report([row("home")], 2.0, 3.0, cpu_multiplier=2)
                      if line.startswith("Lighthouse"))
    assert "default 4x" in default and "2x" not in default
    assert "2x CPU slowdown" in calibrated and "budget is set at the default 4x" in calibrated


def test_failing_audits_lists_binary_failures_with_their_reason_codes():
    audits = {
        "bf-cache": {"scoreDisplayMode": "binary", "score": 0, "details": {"items": [
            {"protocolReason": "OutstandingNetworkRequestXHR"}, {"protocolReason": "UnloadHandler"}, {}]}},
        "meta-description": {"scoreDisplayMode": "binary", "score": 0},
        "document-title": {"scoreDisplayMode": "binary", "score": 1},
        "largest-contentful-paint": {"scoreDisplayMode": "numeric", "score": 0.5},
        "bf-cache-headless": {"scoreDisplayMode": "binary", "score": None},
    }
    assert bench.failing_audits(audits) == ["bf-cache (OutstandingNetworkRequestXHR, UnloadHandler)", "meta-description"]
