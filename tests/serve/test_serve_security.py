"""Hostile text renders inert, every response carries the security headers, and nothing leaks or listens widely."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from khabar.cli import main
from khabar.serve import queries
from khabar.serve.security import BIDI_CONTROLS, CSP, inert, is_loopback, safe_url

from .conftest import XSS_CASES

# The only tags and attributes khabar's templates write; anything else in a page came from a document.
TAGS = {
    "html", "head", "meta", "title", "link", "body", "header", "nav", "a", "form", "input", "button", "main",
    "footer", "section", "h1", "h2", "p", "small", "ol", "ul", "li", "span", "time", "code", "article", "div",
    "label", "aside", "table", "thead", "tbody", "tr", "th", "td", "mark", "blockquote", "bdi",
}  # fmt: skip
ATTRIBUTES = {
    "lang", "dir", "charset", "name", "content", "rel", "href", "type", "class", "aria-label", "action", "method",
    "role", "value", "maxlength", "placeholder", "autofocus", "datetime", "title", "id", "for", "data-doc",
    "data-quote", "data-speaker", "cite", "start", "colspan",
}  # fmt: skip


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_inert(html: str) -> None:
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in TAGS, tag
        for name, value in attrs:
            assert name in ATTRIBUTES, (tag, name)
            if name in ("href", "action", "cite"):
                assert (value or "").startswith(("/", "#", "?", "https://", "http://")), value
    assert not BIDI_CONTROLS.search(html)


@pytest.mark.parametrize("case", XSS_CASES, ids=[c["label"] for c in XSS_CASES])
def test_serve_security_article_pages_render_hostile_text_inert(client: Any, ids: dict, case: dict) -> None:
    response = client.get(f"/documents/{ids['xss'][case['label']]}")
    assert response.status_code == 200
    assert_inert(response.text)


def test_serve_security_markup_in_text_shows_as_text(client: Any, ids: dict) -> None:
    html = client.get(f"/documents/{ids['xss']['script-tag']}").text
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in html
    assert "<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; · خبر</title>" in html


def test_serve_security_bidi_overrides_are_shown_as_code_points(client: Any, ids: dict) -> None:
    html = client.get(f"/documents/{ids['xss']['rtl-override']}").text
    assert "⟦U+202E⟧" in html and "⟦U+2066⟧" in html and "⟦U+202D⟧" in html


def test_serve_security_unsafe_urls_are_not_links(client: Any, ids: dict) -> None:
    html = client.get(f"/documents/{ids['xss']['javascript-url']}").text
    assert 'class="unsafe-url"' in html and 'href="javascript' not in html
    assert safe_url("javascript:alert(1)") is None and safe_url(" JaVaScRiPt:x") is None
    assert safe_url("https://example.com/a b") is None and safe_url("//evil.example") is None
    assert safe_url("https://www.farsnews.ir/news/1") == "https://www.farsnews.ir/news/1"


@pytest.mark.parametrize("url", ["/", "/documents", "/speakers", "/entities", "/search?q=alert", "/search?q=script"])
def test_serve_security_listing_pages_render_hostile_text_inert(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert_inert(response.text)


def test_serve_security_speaker_and_search_pages_escape_the_query(client: Any) -> None:
    for url in ("/speakers/<script>alert(1)</script>سخنگو", "/search?q=<img src=x onerror=alert(1)>خبر"):
        assert_inert(client.get(url).text)


def test_serve_security_inert_escapes_and_shows_controls() -> None:
    assert inert('<a href="x">\u202eb') == "&lt;a href=&#34;x&#34;&gt;⟦U+202E⟧b"


@pytest.mark.parametrize(
    "url", ["/", "/v1/documents", "/static/khabar.css", "/nope", "/v1/nope", "/v1/search?q=", "/docs"]
)
def test_serve_security_every_response_carries_csp(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'none'" in CSP and "default-src 'none'" in CSP


def test_serve_security_crash_answers_500_without_details(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(queries, "list_documents", broken)
    for url in ("/v1/documents", "/documents"):
        response = client.get(url)
        assert response.status_code == 500
        assert "secret" not in response.text and "Traceback" not in response.text
        assert response.headers["content-security-policy"] == CSP
    assert client.get("/v1/documents").json()["error"]["status"] == 500


def test_serve_security_binds_loopback_unless_asked(
    serve_store: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    result = CliRunner().invoke(main, ["serve", "--db", str(serve_store[0])])
    assert result.exit_code == 0 and calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8000
    result = CliRunner().invoke(main, ["serve", "--db", str(serve_store[0]), "--host", "0.0.0.0"])
    assert calls[-1]["host"] == "0.0.0.0" and "other machines can reach" in result.output
    assert is_loopback("::1") and is_loopback("localhost") and not is_loopback("192.168.1.2")


def test_serve_security_missing_store_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error:") and "no corpus there" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    "html", ['<p><img src=x onerror="y"></p>', '<a href="javascript:x">', "<p onclick=x>", "<p>\u202e</p>"]
)
def test_serve_security_the_inertness_check_catches_live_markup(html: str) -> None:
    with pytest.raises(AssertionError):
        assert_inert(html)
