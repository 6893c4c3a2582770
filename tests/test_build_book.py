"""The site build (planeval.build.book): bad input and failed builds leave the last good site in place."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
from site_build import build, built_layout

from planeval.build import book
from planeval.core import paths


def _fingerprint(site) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*.html"))}


def test_a_bad_parameter_exits_2_starts_no_sphinx_and_keeps_the_site(monkeypatch):
    layout = built_layout()
    before = _fingerprint(layout.html)
    monkeypatch.setattr(book, "SphinxProcess", lambda *a: pytest.fail("Sphinx was started for bad input"))
    status, _, err = build(layout, "-p", "03_childcare.target_rate=lots")
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "target_rate" in lines[0] and lines[0].startswith("error:")
    assert _fingerprint(layout.html) == before


@pytest.mark.parametrize("code, out, err", [
    (1, "", "WARNING: a reference that does not resolve\n"),
    (0, "build succeeded.\n", "findfont: Font family 'Noto Sans CJK SC' not found.\n"),  # stderr alone fails
])
def test_a_failed_sphinx_build_keeps_the_previous_site(capsys, tmp_path, code, out, err):
    layout = built_layout()
    before = _fingerprint(layout.html)

    class FailingSphinx:
        def start(self):
            pass

        def wait(self):
            return code, out, err

    layout.stamp.write_text("an older build")
    assert book.build_site([FailingSphinx(), FailingSphinx()], layout) == 1
    shown = capsys.readouterr().err
    assert err.strip() in shown and "is kept" in shown
    assert _fingerprint(layout.html) == before
    assert not layout.stamp.exists()  # the next build cannot take the failed one for up to date


def test_help_prints_help_and_builds_nothing():
    proc = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "build_book.py"), "--help"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("usage: build_book.py") and "--params" in proc.stdout
    assert proc.stderr == ""


def test_a_notebook_missing_from_the_table_of_contents_is_refused(tmp_path):
    layout = built_layout()
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for nb in layout.notebooks.glob("*.ipynb"):
        (notebooks / nb.name).write_bytes(nb.read_bytes())
    (notebooks / "09_new.ipynb").write_bytes((notebooks / "01_sources.ipynb").read_bytes())
    other = book.Layout(root=layout.root, notebooks=notebooks, build=tmp_path / "_build")
    status, _, err = build(other)
    assert status == 2
    assert err == ("error: notebooks/09_new.ipynb is not in the table of contents: add "
                   f"'- file: book/chapters/09_new' under 'Chapters' in {layout.toc}\n")
    assert not (tmp_path / "_build").exists()


def test_an_interrupted_sphinx_build_is_one_line_and_keeps_the_site(monkeypatch, tmp_path):
    layout = built_layout()
    before = _fingerprint(layout.html)

    class Interrupted:
        def start(self):
            raise KeyboardInterrupt

        def stop(self):
            pass

    monkeypatch.setattr(book, "SphinxProcess", lambda *a: Interrupted())
    status, _, err = build(layout, "--force", "--only", "07_qingzhen_baseline")
    assert status == 130 and err.strip().splitlines()[-1] == (
        f"error: interrupted; the previous site in {layout.html} is kept")
    assert "Traceback" not in err and _fingerprint(layout.html) == before


def test_a_second_build_at_the_same_time_is_refused(tmp_path):
    import subprocess

    layout = built_layout()
    before = _fingerprint(layout.html)
    code = ("import time; from planeval.build.files import run_lock\n"
            f"with run_lock({str(layout.results)!r}):\n    print('held', flush=True); time.sleep(30)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        status, _, err = build(layout)
    finally:
        holder.kill()
        holder.wait()
    assert status == 1 and err.count("\n") == 1 and "another run is using" in err
    assert _fingerprint(layout.html) == before


def test_a_damaged_environment_is_found_without_importing_it(tmp_path, monkeypatch):
    import importlib.util

    script = paths.ROOT / "scripts" / "check_environment.py"
    spec = importlib.util.spec_from_file_location("check_environment", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.problems() == []  # this environment is whole
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("pandas==0.0.1\nno-such-package-planeval==1.0\n# a comment\n", encoding="utf-8")
    monkeypatch.setattr(module, "REQUIREMENTS", requirements)
    found = module.problems()
    assert any(p.startswith("pandas is ") and p.endswith("not the pinned 0.0.1") for p in found)
    assert "no-such-package-planeval is missing" in found
