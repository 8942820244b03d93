"""The article markup: overlapping layers nest, quotes keep their speaker, repairs show on the raw text."""

from __future__ import annotations

from markupsafe import Markup

from khabar.serve.render import ENTITY, PARAGRAPH, QUOTE, Insert, Layer, raw_view, render
from khabar.serve.speakers import resolve_speakers, short_name, widen


def quote(start: int, end: int, speaker: str | None, at: int = 0) -> dict:
    who = None if speaker is None else {"entity": None, "text": speaker, "start": at, "end": at + len(speaker)}
    return {"kind": "direct", "content": {"start": start, "end": end, "text": ""}, "cue": None, "speaker": who}


def test_serve_render_nested_layers_stay_whole() -> None:
    text = "ab cd ef"
    layers = [Layer(0, 8, PARAGRAPH, "p"), Layer(3, 8, QUOTE, "span", (("class", "q"),)), Layer(3, 5, ENTITY, "a")]
    assert render(text, layers) == '<p>ab <span class="q"><a>cd</a> ef</span></p>'


def test_serve_render_crossing_layers_split_the_inner_one() -> None:
    text = "abcdef"
    layers = [Layer(0, 4, QUOTE, "span", (("data-quote", "0"),), (("id", "q0"),)), Layer(2, 6, ENTITY, "a")]
    html = render(text, layers)
    assert html == '<span data-quote="0" id="q0">ab<a>cd</a></span><a>ef</a>'


def test_serve_render_a_quote_across_paragraphs_keeps_its_id_once() -> None:
    text = "ab\ncd"
    layers = [
        Layer(0, 2, PARAGRAPH, "p"), Layer(3, 5, PARAGRAPH, "p"),
        Layer(1, 4, QUOTE, "span", (("data-quote", "0"),), (("id", "q0"),)),
    ]  # fmt: skip
    html = render(text, layers)
    first, between, second = '<p>a<span data-quote="0" id="q0">b</span></p>', '<span data-quote="0">\n</span>', "<p>"
    assert html == first + between + second + '<span data-quote="0">c</span>d</p>'
    assert html.count('id="q0"') == 1


def test_serve_render_badges_go_outside_inline_elements() -> None:
    text = "abcd"
    layers = [Layer(0, 4, PARAGRAPH, "p"), Layer(0, 2, QUOTE, "span"), Layer(1, 3, ENTITY, "a")]
    html = render(text, layers, [Insert(2, Markup("<b>!</b>"))])
    assert html == "<p><span>a<a>b</a></span><b>!</b><a>c</a>d</p>"


def test_serve_render_escapes_text_and_attributes() -> None:
    html = render('<x onerror="1">\u202e', [Layer(0, 3, QUOTE, "span", (("title", '"><script>'),))])
    assert html == '<span title="&#34;&gt;&lt;script&gt;">&lt;x </span>onerror=&#34;1&#34;&gt;⟦U+202E⟧'


def test_serve_render_raw_view_marks_each_repair() -> None:
    fixes = [
        {"start": 0, "end": 5, "text": "آتش\u200cبس", "kind": "restore_fused_zwnj", "reason": "r"},
        {"start": 5, "end": 7, "text": " ", "kind": "join_hard_wraps", "reason": "wrap"},
        {"start": 9, "end": 99, "text": "", "kind": "bad", "reason": "out of range"},
    ]
    html = raw_view("آتشبس\n\nخبر", fixes)
    assert html.count("<mark") == 2
    assert 'class="fix word"' in html and "«آتش¦بس»" in html
    assert 'class="fix ws"' in html and "⏎⏎\n\n" in html


def test_serve_render_speakers_resolve_by_meeting_comma_and_surname() -> None:
    doc = {
        "entities": [],
        "meetings": [{"participants": [{"text": "رئیس دفتر سیاسی جنبش حماس", "name": "اسماعیل هنیه"}]}],
        "quotes": [
            quote(0, 1, "رئیس دفتر سیاسی جنبش حماس"),
            quote(0, 1, "اسماعیل هنیه، رئیس دفتر سیاسی حماس"),
            quote(0, 1, "هنیه"),
            quote(0, 1, "وزیر امور خارجه"),
            quote(0, 1, None),
        ],
    }
    assert resolve_speakers(doc) == ["اسماعیل هنیه"] * 3 + ["وزیر امور خارجه", None]


def test_serve_render_speakers_prefer_the_entity_name() -> None:
    doc = {
        "entities": [{"id": "E1", "label": "PER", "name": "حسین امیرعبداللهیان", "mentions": []}],
        "quotes": [{**quote(0, 1, "وزیر امور خارجه"), "speaker": {"entity": "E1", "text": "وزیر امور خارجه"}}],
    }
    assert resolve_speakers(doc) == ["حسین امیرعبداللهیان"]


def test_serve_render_a_shared_surname_stays_as_written() -> None:
    assert widen("علی", ["علی لاریجانی", "علی مطهری"]) == "علی"
    assert widen("لاریجانی", ["علی لاریجانی", "علی مطهری"]) == "علی لاریجانی"
    assert short_name("اسماعیل هنیه، رئیس دفتر سیاسی حماس") == "اسماعیل هنیه"
