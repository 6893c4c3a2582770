"""The built website: every page there, no broken links, Chinese search, safe rendering, determinism."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest
import yaml
from site_build import built_layout, built_site

from planeval.build.site_pages import glossary, md_table
from planeval.core import paths
from planeval.report import display

TOC = paths.ROOT / "book" / "_toc.yml"


def toc_pages() -> list[str]:
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [c["file"] for c in part["chapters"]]
    return pages


def indicator_pages() -> list[str]:
    """The page of every indicator of the catalogue (the table of contents lists them by a glob)."""
    from planeval.data.catalogue import load_catalogue

    return [f"book/indicators/{i}" for i in load_catalogue()["id"]]


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "img", "script", "link"):
                self.links.append(a[key])


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_every_toc_page_is_built_in_each_edition(edition):
    site = built_site(edition)
    missing = [p for p in toc_pages() if not (site / f"{p}.html").is_file()]
    assert missing == [] and (site / "index.html").is_file()


#: Sphinx's smart quotes in the English edition, back to the plain quotes of the data.
SMART_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def test_every_catalogue_indicator_has_a_page_a_line_and_a_download(site):
    from planeval.data.catalogue import load_catalogue

    catalogue = load_catalogue()
    listing = (site / "book" / "indicator_catalogue.html").read_text(encoding="utf-8")
    missing = []
    for row in catalogue.itertuples():
        page = site / "book" / "indicators" / f"{row.id}.html"
        if not page.is_file():
            missing.append(f"{row.id}: no page")
            continue
        heading = re.search(r"<h1>([^<]*)<a class=\"headerlink\"", page.read_text(encoding="utf-8"))
        if heading is None or heading.group(1).strip() != row.indicator_zh:
            missing.append(f"{row.id}: heading is not {row.indicator_zh}")
        english = (built_site("en") / "book" / "indicators" / f"{row.id}.html").read_text(encoding="utf-8")
        heading = re.search(r"<h1>([^<]*)<a class=\"headerlink\"", english)
        # The English edition sets apostrophes as typographic ones (Sphinx's smart quotes).
        shown = heading.group(1).strip().translate(SMART_QUOTES) if heading else None
        if shown != html.escape(row.indicator_en, quote=False):
            missing.append(f"{row.id}: English heading is not {row.indicator_en}")
        if f"indicators/{row.id}.html" not in listing:
            missing.append(f"{row.id}: not in the catalogue page")
        if not (site / "downloads" / "indicators" / f"{row.id}.csv").is_file():
            missing.append(f"{row.id}: no download")
    assert missing == [] and len(catalogue) == 181
    pages = sorted(p.stem for p in (site / "book" / "indicators").glob("*.html"))
    assert pages == sorted(catalogue["id"])  # and no page of an indicator the catalogue no longer has


def test_no_broken_internal_links():
    """In both editions, the switch between them included, and from the root page."""
    site = built_layout().html
    broken = []
    pages = [p for p in site.rglob("*.html") if not any(part.startswith("_") for part in p.relative_to(site).parts)]
    assert len(pages) >= 2 * len(toc_pages()) + 1
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            url = urlparse(link)
            if url.scheme or link.startswith(("#", "mailto:", "data:", "//")):
                continue
            target = (page.parent / unquote(url.path)).resolve()
            if url.path and not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert broken == []


def _search_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


@pytest.mark.parametrize("edition, term, page", [
    ("zh", "托位", "book/chapters/03_childcare"),
    ("zh", "孤儿", "book/chapters/04_orphan_allowance"),
    ("zh", "新生儿死亡率", "book/chapters/02_targets"),
    ("zh", "哈尔滨", "book/chapters/08_harbin_services"),
    ("zh", "清镇", "book/chapters/07_qingzhen_baseline"),
    ("en", "childcar", "book/chapters/03_childcare"),   # English words are stemmed
    ("en", "orphan", "book/chapters/04_orphan_allowance"),
    ("en", "harbin", "book/chapters/08_harbin_services"),
])
def test_search_index_finds_each_edition_s_terms(edition, term, page):
    index = _search_index(built_site(edition))
    docs = set()
    for field in ("terms", "titleterms"):
        hits = index[field].get(term, [])
        docs |= {index["docnames"][i] for i in ([hits] if isinstance(hits, int) else hits)}
    assert page in docs


def test_chapters_show_no_code_and_no_raw_parameters():
    page = (built_site("en") / "book" / "chapters" / "03_childcare.html").read_text(encoding="utf-8")
    assert "Parameters used" in page
    assert "injected-parameters" not in page and "national_population: float" not in page
    assert "from planeval" not in page


def test_every_figure_has_alt_text(site):
    for page in (site / "book" / "chapters").glob("*.html"):
        for tag in re.findall(r"<img [^>]*>", page.read_text(encoding="utf-8")):
            if "data:image/png" in tag:
                alt = re.search(r'alt="([^"]*)"', tag)
                assert alt and len(alt.group(1)) > 20, f"{page.name}: image without alt text"


def test_downloads_page_links_every_results_table(site):
    page = (site / "book" / "downloads.html").read_text(encoding="utf-8")
    results = sorted(built_layout().results.glob("*/*.csv"))
    assert results and all(f"../downloads/{r.parent.name}/{r.name}" in page for r in results)
    assert "planeval_tables.xlsx" in page and "datapackage.json" in page
    for r in results:  # and the file is there, byte for byte
        assert (site / "downloads" / r.parent.name / r.name).read_bytes() == r.read_bytes()


def test_html_markup_in_the_data_renders_as_text(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANEVAL_RESULTS_DIR", str(tmp_path))
    evil = pd.DataFrame({"indicator_zh": ["<script>alert(1)</script>托位"], "value": [4.5]})
    html = display.table(evil, "evil", "<b>caption</b>").data
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;托位" in html
    assert "&lt;b&gt;caption&lt;/b&gt;" in html
    assert (tmp_path / "evil.csv").read_text(encoding="utf-8").startswith("indicator_zh,value")
    md = md_table(evil)
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_glossary_has_both_languages_for_every_indicator():
    from planeval.data import load_indicators, load_reference
    from planeval.data.catalogue import load_catalogue

    figures, reference = load_indicators(), load_reference()
    gl = glossary(load_catalogue())
    indicators = gl[gl["类别 type"] == "指标 indicator"]
    assert set(figures["indicator_zh"]) | set(reference["indicator_zh"]) <= set(indicators["中文 Chinese"])
    assert indicators["English"].str.len().min() > 3
    assert {"health", "welfare"} <= set(gl.loc[gl["类别 type"] == "领域 domain", "English"])
    assert {"哈尔滨", "清镇", "全国"} <= set(gl.loc[gl["类别 type"] == "地区 place", "中文 Chinese"])


def test_two_clean_runs_give_byte_identical_tables_and_figures(tmp_path):
    from planeval.build import cli

    outputs = []
    for n in (1, 2):
        base = tmp_path / f"run{n}"
        status = cli.run_main(["--force", "--results", str(base / "results"), "--output", str(base / "chapters"),
                              "--failed", str(base / "failed")])
        assert status == 0
        outputs.append({p.relative_to(base / "results"): p.read_bytes()
                        for p in sorted((base / "results").rglob("*")) if p.suffix in (".csv", ".png")})
    first, second = outputs
    assert len(first) > 20 and any(p.suffix == ".png" for p in first)
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_a_chapter_writing_to_stderr_fails_the_strict_build(tmp_path):
    """The book's configuration turns a notebook's stderr output into a build error (with -W)."""
    import subprocess
    import sys

    import nbformat

    config = yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["nb_output_stderr"] == "error"
    book = tmp_path / "book"
    book.mkdir()
    small = {"title": "t", "only_build_toc_files": True, "execute": {"execute_notebooks": "off"},
             "sphinx": {"config": {"nb_output_stderr": config["sphinx"]["config"]["nb_output_stderr"]}}}
    (book / "_config.yml").write_text(yaml.safe_dump(small), encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: page\n", encoding="utf-8")
    cell = nbformat.v4.new_code_cell("import warnings")
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="UserWarning: something\n")]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Page"), cell])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "page.ipynb")
    jb = str(Path(sys.executable).parent / "jupyter-book")
    proc = subprocess.run([jb, "build", str(book), "-W", "-n"], capture_output=True, text=True)
    assert proc.returncode != 0 and "stderr" in (proc.stdout + proc.stderr).lower()


def test_status_words_are_coloured_and_other_text_is_not(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANEVAL_RESULTS_DIR", str(tmp_path))
    frame = pd.DataFrame({"status": ["on track", "fail", "<i>on track</i>"], "note": ["pass", "x", "y"]})
    html = display.table(frame, "statuses").data
    assert html.count('class="planeval-status"') == 2  # the two known status words; "pass" in note stays plain
    assert "<td class=\"planeval-wide\">pass</td>" in html
    assert f"background:{display.STATUS_COLOURS['on track']}" in html
    assert "&lt;i&gt;on track&lt;/i&gt;" in html and "<i>" not in html


def test_every_published_column_has_a_label():
    from planeval.report import labels

    unlabelled = set()
    for table in built_layout().results.glob("*/*.csv"):
        for column in pd.read_csv(table, nrows=0).columns:
            if not (column in labels.COLUMNS or labels.has_label(column)):
                unlabelled.add(f"{table.parent.name}/{table.name}: {column}")
    assert sorted(unlabelled) == []


def test_the_downloads_validate_as_a_reader_downloads_them(site, tmp_path):
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "downloads"
    shutil.copytree(site / "downloads", folder)
    frictionless = str(Path(sys.executable).parent / "frictionless")
    proc = subprocess.run([frictionless, "validate", "datapackage.json"], cwd=folder, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in package["resources"]}
    assert described == {p.relative_to(folder).as_posix() for p in folder.rglob("*.csv")}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_the_citation_gives_title_version_date_and_address(site):
    import planeval
    from planeval.build.site_pages import citation

    info = citation()
    assert info["version"] == planeval.__version__
    pyproject = (paths.ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{planeval.__version__}"' in pyproject
    for edition, version in (("zh", f"版本 {info['version']}"), ("en", f"version {info['version']}")):
        page = (built_site(edition) / "book" / "downloads.html").read_text(encoding="utf-8")
        assert version in page and info["url"] in page and info["date"] in page, edition
        assert "CC-BY-4.0" in page or "CC BY 4.0" in page
    chinese = (built_site("zh") / "book" / "downloads.html").read_text(encoding="utf-8")
    assert "planeval 贡献者（" in chinese and "《妇女儿童发展规划评估》" in chinese


def test_no_edition_numbers_figures():
    """sphinx-jupyterbook-latex turns figure numbering on for every builder; with it on, Sphinx unpickles every
    page's doctree at each incremental build (about 10 s for the book). The site's extension turns it off,
    after that extension, in every edition's environment."""
    import pickle

    from planeval.build.editions import EDITIONS

    for edition in EDITIONS:
        pickled = built_layout().sphinx_output(edition).parent / ".doctrees" / "environment.pickle"
        with open(pickled, "rb") as f:
            environment = pickle.load(f)
        assert environment.config.numfig is False, edition.code
