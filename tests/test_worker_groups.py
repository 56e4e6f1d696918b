"""How `make test` spreads the suite over two workers: each module on one worker, unless its tests
name an xdist group of their own, and groups with a slow test first (conftest.pytest_collection_modifyitems).

A module split over both workers builds its module fixtures (the PDF, the offline and Zensical
builds, fixture sites) twice, once per worker, and nothing fails: only the time shows it.
"""

from __future__ import annotations

import collections
import subprocess
import sys
import textwrap

from conftest import ROOT

# The project's hook, loaded from its file: the child run's own conftest cannot import a module
# named conftest, which is itself.
CHILD_CONFTEST = f"""
import importlib.util

_spec = importlib.util.spec_from_file_location("project_conftest", {str(ROOT / "tests" / "conftest.py")!r})
_project = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_project)
pytest_collection_modifyitems = _project.pytest_collection_modifyitems
"""

CHILD_MODULE = """
import os, pathlib, time
import pytest

def ran(unit):
    with open(pathlib.Path(__file__).with_name("ran.txt"), "a") as log:
        log.write(unit + " " + os.environ["PYTEST_XDIST_WORKER"] + "\\n")

@pytest.mark.parametrize("n", range(6))
def test_in_module(n):
    time.sleep(0.05)  # both workers stay busy, so the scheduler has a choice to make
    ran(__name__)

@pytest.mark.xdist_group("shared")
@pytest.mark.parametrize("n", range(2))
def test_in_shared_group(n):
    time.sleep(0.05)
    ran("shared")
"""


SLOW_MODULE = """
import pytest
from test_alpha import ran

@pytest.mark.slow
def test_slow():
    ran("slow")
"""


def test_each_module_runs_on_one_worker_a_named_group_too_and_slow_groups_start_first(tmp_path):
    (tmp_path / "conftest.py").write_text(CHILD_CONFTEST, encoding="utf-8")
    for name in ("test_alpha", "test_beta", "test_gamma"):
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(CHILD_MODULE), encoding="utf-8")
    (tmp_path / "test_zulu.py").write_text(SLOW_MODULE, encoding="utf-8")  # collected last
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "--no-loadscope-reorder", "-p", "no:cacheprovider",
         "-q", "-c", "/dev/null", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    workers, first = collections.defaultdict(set), {}
    for line in (tmp_path / "ran.txt").read_text(encoding="utf-8").splitlines():
        unit, worker = line.split()
        workers[unit].add(worker)
        first.setdefault(worker, unit)
    assert set(workers) == {"test_alpha", "test_beta", "test_gamma", "shared", "slow"}, dict(workers)
    assert all(len(ran_on) == 1 for ran_on in workers.values()), dict(workers)
    assert "slow" in first.values(), first
