"""The built site in a real browser: headless Chromium opens every page, with no console errors and
every image loaded, and the search box finds the childcare chapter for 托位. Screenshots are kept in
a temporary folder (planeval-test-artifacts) for people to look at."""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from site_build import built_layout
from test_site import indicator_pages, toc_pages

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ARTEFACTS = Path(tempfile.gettempdir()) / "planeval-test-artifacts"  # screenshots for people to look at

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="no Chromium: install it with `apt-get install chromium chromium-driver` (Debian) to run the browser tests")


@pytest.fixture(scope="module")
def server():
    site = built_layout().html  # the root page and both editions
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *a, **k: None
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a, **k: None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


#: Indicator pages opened in full: one with a chart and four sources, one with two national targets, one
#: with no observation (the phone test opens every one of them).
SAMPLE_INDICATORS = ["book/indicators/childcare-places-for-children-under-3-per-1000-people",
                     "book/indicators/neonatal-mortality-rate",
                     "book/indicators/15-minute-fitness-circle-sports-facilities-within-15-minutes"]


@pytest.mark.parametrize("page", [f"{e}/{p}" for e in ("zh", "en") for p in toc_pages() + SAMPLE_INDICATORS])
def test_page_loads_without_errors_and_images_load(server, browser, page):
    browser.get_log("browser")  # drop messages of earlier pages
    browser.get(f"{server}/{page}.html")
    assert browser.title, page
    broken = browser.execute_script(
        "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
        ".map(i => i.src.slice(0, 80));")
    assert broken == []
    assert _errors(browser) == []
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTEFACTS / f"{page.replace('/', '_')}.png"))


#: Queries a reader types in each edition, and the page the search must list first (any of them): an
#: indicator's page when the query names an indicator, else the chapter that treats it.
SEARCHES = {
    ("zh", "托位"): ("03_childcare",), ("zh", "孤儿"): ("04_orphan_allowance",),
    ("zh", "孤儿基本生活费"): ("04_orphan_allowance",),
    ("zh", "新生儿死亡率"): ("indicators/neonatal-mortality-rate",),
    ("zh", "每千人口拥有3岁以下婴幼儿托位数"): ("indicators/childcare-places-for-children-under-3-per-1000-people",),
    ("zh", "孕产妇死亡率"): ("indicators/maternal-mortality-ratio",),
    ("zh", "哈尔滨"): ("08_harbin_services", "04_orphan_allowance"),
    ("zh", "清镇"): ("07_qingzhen_baseline",), ("zh", "近视率"): ("myopia-rate",),
    ("zh", "督导员"): ("number-of-child-welfare-supervisors",),
    ("en", "neonatal mortality rate"): ("indicators/neonatal-mortality-rate",),
    ("en", "childcare"): ("03_childcare",), ("en", "orphan"): ("04_orphan_allowance",),
}


@pytest.mark.parametrize("edition, query", list(SEARCHES))
def test_the_search_lists_the_expected_page_first(server, browser, edition, query):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/{edition}/search.html?q={query}")
    WebDriverWait(browser, 30).until(
        lambda d: d.execute_script("return document.querySelectorAll('#search-results li').length") > 0)
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href'));")
    assert any(page in links[0] for page in SEARCHES[edition, query]), (query, links[:5])
    assert _errors(browser) == []


def test_the_front_page_answers_first(server, browser):
    """At 1400 px the four answers and the first findings are on the first screen, above everything else."""
    browser.set_window_size(1400, 900)
    try:
        browser.get(f"{server}/zh/book/intro.html")
        cards = browser.execute_script("return Array.from(document.querySelectorAll('.planeval-card'))"
                                       ".map(c => c.getBoundingClientRect().bottom);")
        assert len(cards) == 4 and max(cards) <= 900
        browser.save_screenshot(str(ARTEFACTS / "front_1400.png"))
    finally:
        browser.set_window_size(1280, 900)


@pytest.mark.parametrize("page", [f"zh/{p}" for p in toc_pages() + indicator_pages()]
                         + [f"en/{p}" for p in toc_pages() + SAMPLE_INDICATORS])
def test_no_page_scrolls_sideways_on_a_phone(server, browser, page):
    browser.set_window_size(390, 844)
    try:
        browser.get(f"{server}/{page}.html")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        assert overflow <= 1, page
        text = browser.execute_script("return document.body.innerText;")
        assert "```{" not in text and "\\(" not in text and "$$" not in text, page
    finally:
        browser.set_window_size(1280, 900)
    browser.save_screenshot(str(ARTEFACTS / f"phone_{page.replace('/', '_')}.png"))


def test_formulas_are_typeset(server, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/zh/book/methodology.html")
    WebDriverWait(browser, 30).until(
        lambda d: d.execute_script("return document.querySelectorAll('mjx-container').length") > 10)
    raw = browser.execute_script("return document.body.innerText;")
    assert "\\frac" not in raw and "\\(" not in raw and "$$" not in raw
def test_search_for_tuowei_lists_the_childcare_chapter(server, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/zh/search.html?q=托位")
    WebDriverWait(browser, 30).until(
        lambda d: d.execute_script("return document.querySelectorAll('#search-results li').length") > 0)
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href'));")
    assert any("03_childcare" in href for href in links), links
    assert _errors(browser) == []
    browser.save_screenshot(str(ARTEFACTS / "search_tuowei.png"))





#: The share of the letters of a page's own text (its article, without data cells, code and formulas: quotes
#: and numbers stay as the sources print them) that are Chinese characters.
CJK_SHARE = """
const article = document.querySelector('article') || document.body;
const copy = article.cloneNode(true);
copy.querySelectorAll('td, pre, code, script, style, mjx-container, .planeval-edition').forEach(e => e.remove());
const text = copy.textContent;
const cjk = (text.match(/[\\u3400-\\u9fff]/g) || []).length, latin = (text.match(/[A-Za-z]/g) || []).length;
return cjk / Math.max(1, cjk + latin);
"""


@pytest.mark.parametrize("page", [f"{e}/{p}" for e in ("zh", "en") for p in toc_pages() + SAMPLE_INDICATORS])
def test_each_edition_is_written_in_its_language(server, browser, page):
    """Over half the letters are Chinese in the Chinese edition, English in the English one."""
    browser.get(f"{server}/{page}.html")
    share = browser.execute_script(CJK_SHARE)
    assert (share > 0.5) if page.startswith("zh/") else (share < 0.5), (page, round(share, 2))
