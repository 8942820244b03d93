"""The reading pages, as HTML: the article's layers, the speaker page, the entity pages and search."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

HANIYEH = "اسماعیل هنیه"


def test_serve_pages_article_colours_quotes_by_resolved_speaker(client: Any, ids: dict) -> None:
    html = client.get(f"/documents/{ids['seed']}").text
    assert '<html lang="fa" dir="rtl">' in html
    spans = re.findall(r'<span class="quote (\w+) (sp\d)" data-quote="(\d+)" data-speaker="([^"]*)"', html)
    haniyeh = {(idx, colour) for _, colour, idx, who in spans if who == HANIYEH}
    assert {idx for idx, _ in haniyeh} == {"0", "4", "5", "6", "7", "8"}
    assert len({colour for _, colour in haniyeh}) == 1
    assert html.count(f'href="/speakers/{quote(HANIYEH, safe="")}">— {HANIYEH}</a>') == 6


def test_serve_pages_article_shows_source_chain_and_who_said_what(client: Any, ids: dict) -> None:
    html = client.get(f"/documents/{ids['seed']}").text
    assert re.search(r'<span class="source publisher">اسپادانا خبر</span>\s*<span class="arrow">← به نقل از</span>'
                     r'\s*<span class="source cited">ایسنا</span>', html)  # fmt: skip
    assert re.search(r'<span class="source cited" title="ایسنا">(?:<a class="ent ent-ORG"[^>]*>)?ایسنا', html)
    assert html.count('<li class="said-item') == 9


def test_serve_pages_article_links_entity_mentions(client: Any, ids: dict) -> None:
    html = client.get(f"/documents/{ids['entities']}").text
    href = "/entities/PER:" + quote("اسماعیل_هنیه")
    assert f'<a class="ent ent-PER" href="{href}" title="{HANIYEH} (PER)">{HANIYEH}</a>' in html
    assert '<a class="ent ent-LOC"' in html and '<a class="ent ent-ORG"' in html
    assert '<a class="ent ent-PER"' in client.get(f"/documents/{ids['seed']}").text.split("<aside")[0]  # by NER


def test_serve_pages_article_has_raw_text_and_repairs_behind_a_toggle(client: Any, ids: dict) -> None:
    html = client.get(f"/documents/{ids['seed']}").text
    assert '<input type="checkbox" id="show-raw" class="toggle">' in html
    raw = html[html.index('<div class="rawtext">') :]
    assert '<mark class="fix word"' in raw and "آتشبس" in raw and "<td>آتش¦بس</td>" in raw


def test_serve_pages_speaker_page_lists_quotes_with_dates_and_outlets(client: Any, ids: dict) -> None:
    html = client.get("/speakers/" + quote(HANIYEH)).text
    assert html.count('<li class="quote-card"') == 12
    assert "۵ آذر ۱۴۰۲" in html and "۶ آذر ۱۴۰۲" in html
    assert '<span class="outlet">اسپادانا خبر</span>' in html and '<span class="outlet">ایسنا</span>' in html
    assert f'href="/documents/{ids["seed"]}#q8"' in html
    assert "(در متن: هنیه)" in html


def test_serve_pages_speaker_with_no_quotes_is_empty_not_an_error(client: Any) -> None:
    response = client.get("/speakers/" + quote("کسی که نیست"))
    assert response.status_code == 200 and "نقل‌قولی پیدا نشد" in response.text


def test_serve_pages_search_with_a_fused_spelling_finds_the_article(client: Any, ids: dict) -> None:
    html = client.get("/search", params={"q": "آتشبس موقت"}).text
    assert f'href="/documents/{ids["seed"]}"' in html and "<mark>" in html


def test_serve_pages_entity_index_and_page(client: Any, ids: dict) -> None:
    index = client.get("/entities").text
    assert HANIYEH in index and "شخص" in index
    page = client.get("/entities/PER:" + quote("اسماعیل_هنیه")).text
    assert "رئیس دفتر سیاسی جنبش حماس" in page and "دیدارها" in page and "هم‌آیندها" in page
    assert page.count('<li class="quote-card"') == 12


def test_serve_pages_home_and_listing(client: Any, ids: dict) -> None:
    home = client.get("/").text
    assert f'href="/documents/{ids["entities"]}"' in home and HANIYEH in home
    listing = client.get("/documents?publisher=ایسنا").text
    assert f'href="/documents/{ids["entities"]}"' in listing and f'href="/documents/{ids["seed"]}"' not in listing


def test_serve_pages_errors_are_persian_pages(client: Any) -> None:
    response = client.get("/documents/" + "f" * 32)
    assert response.status_code == 404 and "پیدا نشد" in response.text and 'dir="rtl"' in response.text
    response = client.get("/search?q=" + "ا" * 501)
    assert response.status_code == 422 and "درخواست نادرست" in response.text
