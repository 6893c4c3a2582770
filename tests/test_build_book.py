"""scripts/build_book.py: bad input and failed builds leave the last good site in place."""

from __future__ import annotations

import hashlib
import importlib.util

import pytest
from site_build import built_site

from planeval.core import paths


@pytest.fixture
def build_book():
    spec = importlib.util.spec_from_file_location("build_book_under_test", paths.ROOT / "scripts" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fingerprint(site) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*.html"))}


def test_a_bad_parameter_exits_2_starts_no_sphinx_and_keeps_the_site(build_book, capsys, monkeypatch):
    site = built_site()
    before = _fingerprint(site)
    monkeypatch.setattr(build_book, "SphinxProcess", lambda: pytest.fail("Sphinx was started for bad input"))
    assert build_book.main(["-p", "03_childcare.target_rate=lots"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "target_rate" in err[0] and err[0].startswith("error:")
    assert _fingerprint(site) == before


@pytest.mark.parametrize("code, out, err", [
    (1, "", "WARNING: a reference that does not resolve\n"),
    (0, "build succeeded.\n", "findfont: Font family 'Noto Sans CJK SC' not found.\n"),  # stderr alone fails
])
def test_a_failed_sphinx_build_keeps_the_previous_site(build_book, capsys, monkeypatch, tmp_path, code, out, err):
    site = built_site()
    before = _fingerprint(site)

    class FailingSphinx:
        def build(self):
            return code, out, err

    stamp = tmp_path / "inputs.sha256"
    stamp.write_text("an older build")
    monkeypatch.setattr(build_book, "STAMP", stamp)
    assert build_book.build_site(FailingSphinx()) == 1
    shown = capsys.readouterr().err
    assert err.strip() in shown and "the previous site in _build/html is kept" in shown
    assert _fingerprint(site) == before
    assert not stamp.exists()  # the next build cannot take the failed one for up to date
