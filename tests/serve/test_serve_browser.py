"""The reading flows in a real browser: Debian's Chromium, driven by Playwright, against a live server.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Without it (or without the playwright
package) these tests skip, except under CI, where .ci/run installs both and a skip would hide a broken UI.
Screenshots go to tests/artifacts/serve/ (git-ignored), to look at after a run.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("KHABAR_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "serve"
HANIYEH = "اسماعیل هنیه"


def _require_browser() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is not None and CHROMIUM.exists():
        return sync_playwright
    reason = f"browser tests need playwright and {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; .ci/run installs them")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(serve_store: tuple[Path, dict]) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread, for the whole module."""
    import uvicorn

    from khabar.serve import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    live = uvicorn.Server(uvicorn.Config(create_app(serve_store[0]), log_level="warning"))
    thread = threading.Thread(target=live.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not live.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    live.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _require_browser()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A desktop-sized page that fails the test on any script dialog or blocked-by-CSP console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fa-IR")
    tab = context.new_page()
    tab.events = []
    tab.on("dialog", lambda dialog: (tab.events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("console", lambda msg: tab.events.append(f"console {msg.type}: {msg.text}"))
    yield tab
    context.close()


def shot(tab: Any, name: str, full: bool = False) -> None:
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def test_serve_browser_article_highlights_and_attributes_haniyeh(server: str, page: Any, ids: dict) -> None:
    page.goto(f"{server}/documents/{ids['seed']}")
    quotes = page.locator(f'.repaired .quote[data-speaker="{HANIYEH}"]')
    assert quotes.count() >= 6
    assert {quotes.nth(i).get_attribute("data-quote") for i in range(quotes.count())} == {"0", "4", "5", "6", "7", "8"}
    colours = {quotes.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(quotes.count())}
    assert len(colours) == 1 and colours != {"rgba(0, 0, 0, 0)"}
    other = page.locator(f'.repaired .quote:not([data-speaker="{HANIYEH}"])').first
    assert other.evaluate("e => getComputedStyle(e).backgroundColor") not in colours
    badges = page.locator(".repaired a.who", has_text=HANIYEH)
    assert badges.count() == 6 and badges.first.is_visible()
    assert page.locator("html").get_attribute("dir") == "rtl"
    family = page.evaluate(
        "() => document.fonts.check('16px Vazirmatn', 'سلام') && getComputedStyle(document.body).fontFamily"
    )
    assert family and "Vazirmatn" in family
    shot(page, "article-desktop")
    assert not page.events, page.events


def test_serve_browser_raw_toggle_shows_the_repairs(server: str, page: Any, ids: dict) -> None:
    page.goto(f"{server}/documents/{ids['seed']}")
    assert not page.locator(".raw").is_visible()
    page.locator("label[for=show-raw]").click()
    assert page.locator(".raw").is_visible() and not page.locator(".repaired").is_visible()
    assert page.locator(".rawtext mark.fix").count() > 20
    shot(page, "article-raw")


def test_serve_browser_search_fused_spelling_then_speaker_page(server: str, page: Any, ids: dict) -> None:
    page.goto(server + "/")
    page.locator("main form.search input[name=q]").fill("آتشبس موقت")
    page.locator("main form.search button").click()
    page.wait_for_url("**/search?q=*")
    shot(page, "search-fused")
    page.locator(f'ol.hits a.title[href="/documents/{ids["seed"]}"]').click()
    page.wait_for_url(f"**/documents/{ids['seed']}")
    page.locator(".said a.speaker-link", has_text=HANIYEH).first.click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text() == HANIYEH
    cards = page.locator("li.quote-card")
    assert cards.count() == 12
    assert "۵ آذر ۱۴۰۲" in cards.first.inner_text() or "۶ آذر ۱۴۰۲" in cards.first.inner_text()
    assert page.locator("li.quote-card .outlet", has_text="اسپادانا خبر").count() == 6
    shot(page, "speaker-haniyeh", full=True)
    assert not page.events, page.events


def test_serve_browser_entity_pages(server: str, page: Any, ids: dict) -> None:
    page.goto(f"{server}/documents/{ids['entities']}")
    page.locator("a.ent-PER", has_text=HANIYEH).first.click()
    page.wait_for_url("**/entities/*")
    assert HANIYEH in page.locator("h1").inner_text()
    assert page.locator("ul.meetings li").count() >= 1
    shot(page, "entity-haniyeh", full=True)
    page.goto(server + "/entities")
    shot(page, "entity-index")


def test_serve_browser_phone_layout_fits_the_screen(server: str, browser: Any, ids: dict) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2)
    tab = context.new_page()
    tab.goto(f"{server}/documents/{ids['seed']}")
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert tab.locator(".side").bounding_box()["y"] > tab.locator(".repaired").bounding_box()["y"]
    shot(tab, "article-phone")
    context.close()


def test_serve_browser_xss_corpus_runs_nothing(server: str, page: Any, ids: dict) -> None:
    for label, doc_id in ids["xss"].items():
        page.goto(f"{server}/documents/{doc_id}")
        assert page.evaluate("() => window.hacked === undefined")
        assert page.locator(".repaired img, .repaired svg, .repaired iframe, .repaired script").count() == 0
        if label == "script-tag":
            assert "<script>" in page.locator(".repaired").inner_text()
            shot(page, "xss-script-tag")
        if label == "rtl-override":  # repair drops the controls; the raw view and the title show them
            assert "⟦U+202E⟧" in page.locator(".rawtext").text_content()
            assert page.locator("h1").inner_text() == "عنوان ⟦U+202E⟧etirw⟦U+202C⟧ وارونه"
    page.goto(server + "/speakers/" + quote("<img src=x onerror=alert(1)>", safe=""))
    page.goto(server + "/search?q=" + quote("<script>alert(1)</script>"))
    assert not [e for e in page.events if e.startswith("dialog")], page.events


def test_serve_browser_chromium_is_the_debian_one() -> None:
    _require_browser()
    assert shutil.which(str(CHROMIUM))
