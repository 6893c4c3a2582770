"""The Sphinx step of the site build (planeval.build.sphinx) and the site extension's search language."""

from __future__ import annotations

import subprocess
import sys

import pytest
from site_build import site_extension

from planeval.core import paths

SAMPLES = [
    "哈尔滨市普惠托位 4.5 places per 1,000 people; Childcare targets 托育服务",
    "孤儿基本生活费 institutional care 2585 yuan, dispersed care 2255 yuan (ICs, NGOs, UN)",
    "新生儿死亡率 neonatal mortality rate per 1000 live births; rates rated rating",
    "Running runs ran; DNA, IQ, SDG, OK; 妇女儿童发展规划 2021-2025",
]


def test_the_faster_chinese_search_gives_sphinx_s_words_and_stems():
    """Same split and same stems, in the same order of calls, as Sphinx's own Chinese search language."""
    from sphinx.search.zh import SearchChinese

    ours, theirs = site_extension()._chinese_search_language()({}), SearchChinese({})
    SearchChinese.latin_terms.clear()  # Sphinx's class-level list outlives instances
    for text in SAMPLES:
        words = theirs.split(text)
        assert ours.split(text) == words
        assert [ours.stem(w) for w in words] == [theirs.stem(w) for w in words]
    assert ours.stem("ICs") == theirs.stem("ICs") == "ics"  # a short stem kept whole for a Latin term


def test_a_prepared_sphinx_that_is_not_told_to_build_writes_nothing(tmp_path):
    out = tmp_path / "html"
    proc = subprocess.run([sys.executable, "-m", "planeval.build.sphinx", "--wait", "--output", str(out)],
                          input="", capture_output=True, text=True, cwd=paths.ROOT)
    assert proc.returncode == 0 and proc.stderr == ""
    assert not (out / "index.html").exists()


@pytest.mark.parametrize("argv", [["--bogus"], ["--output"]])
def test_bad_arguments_exit_2(argv):
    proc = subprocess.run([sys.executable, "-m", "planeval.build.sphinx", *argv], capture_output=True, text=True,
                          cwd=paths.ROOT)
    assert proc.returncode == 2 and "usage:" in proc.stderr


def _scripts(page) -> list[str]:
    """The scripts a page loads, by file name (query strings and paths aside), in order."""
    import re

    names = []
    for tag in re.findall(r"<script[^>]*>", page.read_text(encoding="utf-8")):
        src = re.search(r'src="([^"]+)"', tag)
        names.append(src.group(1).split("?")[0].split("/")[-1] if src else "inline")
    return names


def test_plain_jupyter_book_builds_the_same_pages_with_the_same_scripts(tmp_path):
    """The custom build (Sphinx prepared while the chapters run) against Jupyter Book's own command on the same
    executed chapters: the same set of pages, and every page loads the same scripts (MathJax included)."""
    import shutil

    from site_build import built_layout

    from planeval.build.book import Layout, PlainJupyterBook
    from planeval.build.editions import DEFAULT

    custom = built_layout()
    root = tmp_path / "book-root"
    shutil.copytree(custom.root, root)
    plain = Layout(root=root, notebooks=custom.notebooks, build=tmp_path / "_build")
    code, _, err = PlainJupyterBook(plain, DEFAULT).build()  # the Chinese edition: the other is built alike
    assert code == 0, err
    out, ours = plain.sphinx_output(DEFAULT), custom.edition_html(DEFAULT)
    pages = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*.html"))
    assert pages == sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    differ = [p for p in pages if _scripts(ours / p) != _scripts(out / p)]
    assert differ == []
    assert "tex-chtml.js" in _scripts(ours / "book" / "methodology.html")


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(name for name in set(a) & set(b) if a[name] != b[name])


def test_clean_builds_and_an_incremental_build_give_the_same_bytes(tmp_path):
    """Two clean builds of the same inputs, and an incremental build that comes back to the same inputs (a
    parameter changed, then reset), give byte-identical sites."""
    from site_build import build, built_layout

    from planeval.build.book import copy_sources

    first = _tree(built_layout().html)
    layout = copy_sources(tmp_path)
    assert build(layout)[0] == 0
    assert _differences(first, _tree(layout.html)) == []
    catalogues = {p: p.read_bytes() for p in sorted((layout.generated / "locales").rglob("*.po"))}
    assert build(layout, "-p", "03_childcare.target_rate=4.7")[0] == 0
    # A parameter leaves the generated catalogues as they were: a changed catalogue makes Sphinx read every
    # page of the edition again (what the parameter changes is written in both languages in the page).
    assert catalogues and {p: p.read_bytes() for p in catalogues} == catalogues
    changed = _tree(layout.html)
    assert "zh/book/chapters/03_childcare.html" in _differences(first, changed)  # the change did reach the site
    assert "en/book/chapters/03_childcare.html" in _differences(first, changed)  # both editions
    # and the front page's sentence that depends on the parameter changed with it
    sentence = "4.7个的目标"
    assert sentence in changed["zh/book/intro.html"].decode() and sentence not in first["zh/book/intro.html"].decode()
    assert build(layout, "--reset")[0] == 0
    assert _differences(first, _tree(layout.html)) == []
    # A new translation in the written catalogue, and nothing else, reaches its page in an incremental build
    # (Sphinx records one catalogue per domain, and the one generated from the data has the same domain).
    catalogue = layout.root / "book" / "locales" / "zh_CN" / "LC_MESSAGES" / "book.po"
    written = catalogue.read_bytes()
    catalogue.write_bytes(written.replace('msgstr "阅读说明"'.encode(), 'msgstr "阅读本书的说明"'.encode(), 1))
    assert catalogue.read_bytes() != written
    assert build(layout)[0] == 0
    assert "阅读本书的说明" in (layout.html / "zh" / "book" / "how_to_read.html").read_text(encoding="utf-8")
    # An edited template (the footer's copyright line) reaches every page in an incremental build too.
    template = layout.root / "book" / "_templates" / "copyright.html"
    template.write_text(template.read_text(encoding="utf-8").replace("版权所有", "保留所有权利"), encoding="utf-8")
    assert build(layout)[0] == 0
    for page in ("book/methodology.html", "book/chapters/05_audit.html"):
        assert "保留所有权利" in (layout.html / "zh" / page).read_text(encoding="utf-8")
