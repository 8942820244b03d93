"""An article as HTML: the repaired text with its layers (quotes, speakers, cues, sources, entities) marked.

Layers overlap (a speaker is often an entity mention; a quote runs across a paragraph break), while HTML
elements must nest. Each layer has a rank (paragraphs outermost, then quotes, then speakers, cues and sources,
then entities); the text is cut at every boundary, and between two cuts the open elements are exactly the spans
covering that piece, outer ranks first. Moving to the next piece closes only what no longer matches, so an
element is split only where something outer to it starts or ends, and each fragment keeps its attributes.

All text goes through `inert`; attribute values are escaped; nothing from the document becomes a tag name,
an attribute name or a URL other than through `quote` into this server's own paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from khabar.serve.security import inert
from khabar.serve.speakers import resolve_speakers, short_name
from khabar.store.corpus import name_key

PALETTE = 8  # speaker colours sp0..sp7 in khabar.css; more speakers than that reuse them in order
LABELS = {"PER": "شخص", "ORG": "سازمان", "LOC": "مکان", "GPE": "کشور یا شهر", "EVE": "رویداد", "FAC": "مکان"}

# Ranks: a lower rank is outer. Paragraphs are blocks; everything else is inline.
PARAGRAPH, QUOTE, MARK, ENTITY = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Layer:
    """One span to mark: [start, end) in the repaired text, rendered as `<tag attrs>`."""

    start: int
    end: int
    rank: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    first_attrs: tuple[tuple[str, str], ...] = ()  # only on the first fragment (element ids)


@dataclass(frozen=True, slots=True)
class Insert:
    """Markup placed at one offset, outside every inline element (a quote's attribution badge)."""

    at: int
    html: Markup


@dataclass(slots=True)
class SpeakerKey:
    """The colour and link of each resolved speaker, in order of first appearance."""

    names: list[str] = field(default_factory=list)

    def colour(self, name: str | None) -> str:
        if name is None:
            return "unattributed"
        if name not in self.names:
            self.names.append(name)
        return f"sp{self.names.index(name) % PALETTE}"


def entity_id(label: str, name: str) -> str:
    """The corpus-wide id of an entity group: its label and folded name (`PER:اسماعیل_هنیه`)."""
    return f"{label}:{'_'.join(name_key(name).split())}"


def speaker_path(name: str) -> str:
    return "/speakers/" + quote(name, safe="")


def document_view(doc: dict[str, Any]) -> dict[str, Any]:
    """Everything the article template shows: the marked text, the speakers legend, who said what, sources."""
    text = str(doc.get("text") or "")
    names = resolve_speakers(doc)
    key = SpeakerKey()
    layers, inserts, said = _quote_layers(doc, names, key, len(text))
    sources, chain = _source_layers(doc.get("source"), text)
    layers += sources + _entity_layers(doc.get("entities") or [], len(text)) + _paragraph_layers(doc, len(text))
    return {
        "html": render(text, layers, inserts),
        "speakers": [{"name": n, "colour": key.colour(n), "href": speaker_path(n)} for n in key.names],
        "said": said,
        "source": chain,
        "entities": _entity_list(doc.get("entities") or []),
    }


def _quote_layers(
    doc: dict[str, Any], names: list[str | None], key: SpeakerKey, size: int
) -> tuple[list[Layer], list[Insert], list[dict[str, Any]]]:
    layers: list[Layer] = []
    inserts: list[Insert] = []
    said: list[dict[str, Any]] = []
    speaker_spans: set[tuple[int, int]] = set()
    for idx, (quote_, name) in enumerate(zip(doc.get("quotes") or [], names)):
        if not isinstance(quote_, dict):
            continue
        colour = key.colour(name)
        content, cue, speaker = quote_.get("content"), quote_.get("cue"), quote_.get("speaker")
        who = name or "نامعلوم"
        attrs = (
            ("class", f"quote {_css_word(str(quote_.get('kind')))} {colour}"),
            ("data-quote", str(idx)),
            ("data-speaker", name or ""),
            ("title", f"{who} — {(cue or {}).get('text') or ''}".strip(" —")),
        )
        if _valid(content, size):
            layers.append(Layer(content["start"], content["end"], QUOTE, "span", attrs, (("id", f"q{idx}"),)))
            inserts.append(Insert(content["end"], _badge(idx, name, colour)))
        if _valid(cue, size):
            layers.append(Layer(cue["start"], cue["end"], MARK, "span", (("class", "cue"), ("data-quote", str(idx)))))
        if _valid(speaker, size) and (speaker["start"], speaker["end"]) not in speaker_spans:
            speaker_spans.add((speaker["start"], speaker["end"]))
            speaker_attrs = (("class", f"speaker {colour}"), ("data-quote", str(idx)), ("title", who))
            layers.append(Layer(speaker["start"], speaker["end"], MARK, "span", speaker_attrs))
        said.append(
            {
                "idx": idx, "name": name, "colour": colour, "href": speaker_path(name) if name else None,
                "as_written": (speaker or {}).get("text") if isinstance(speaker, dict) else None,
                "kind": quote_.get("kind"), "cue": (cue or {}).get("text"), "content": (content or {}).get("text"),
                "confidence": quote_.get("confidence"),
            }
        )  # fmt: skip
    return layers, inserts, said


def _badge(idx: int, name: str | None, colour: str) -> Markup:
    """The attribution after a quote: the speaker's short name, linking to every quote of that speaker."""
    if name is None:
        return Markup('<span class="who unattributed" data-quote="{}">— ؟</span>').format(idx)
    return Markup('<a class="who {}" data-quote="{}" href="{}">— {}</a>').format(
        colour, idx, speaker_path(name), inert(short_name(name))
    )


def _source_layers(source: Any, text: str) -> tuple[list[Layer], list[dict[str, str]]]:
    """The publisher and cited sources: marked where the text names them, and listed as a chain."""
    if not isinstance(source, dict):
        return [], []
    layers: list[Layer] = []
    chain: list[dict[str, str]] = []
    items = [("publisher", source.get("publisher"))] + [("cited", c) for c in source.get("cited") or []]
    for role, item in items:
        name = item.get("name") or item.get("text") if isinstance(item, dict) else item
        if not isinstance(name, str) or not name.strip():
            continue
        chain.append({"role": role, "name": name})
        start, end = _located(item, name, text)
        if start >= 0:
            layers.append(Layer(start, end, MARK, "span", (("class", f"source {role}"), ("title", name))))
    return layers, chain


def _located(item: Any, name: str, text: str) -> tuple[int, int]:
    if isinstance(item, dict) and _valid(item, len(text)):
        return int(item["start"]), int(item["end"])
    start = text.find(name)
    return start, start + len(name)


def _entity_layers(entities: list[Any], size: int) -> list[Layer]:
    """Entity mentions as links to the entity's corpus page; overlapping mentions keep the longest."""
    mentions = []
    for entity in entities:
        if not isinstance(entity, dict):
            continue
        label, name = str(entity.get("label") or ""), str(entity.get("name") or "")
        href = "/entities/" + quote(entity_id(label, name), safe=":")
        for m in entity.get("mentions") or []:
            if _valid(m, size):
                attrs = (("class", f"ent ent-{_css_word(label)}"), ("href", href), ("title", f"{name} ({label})"))
                mentions.append(Layer(m["start"], m["end"], ENTITY, "a", attrs))
    kept: list[Layer] = []
    taken: list[tuple[int, int]] = []
    for layer in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if all(layer.end <= s or layer.start >= e for s, e in taken):
            kept.append(layer)
            taken.append((layer.start, layer.end))
    return kept


def _entity_list(entities: list[Any]) -> list[dict[str, Any]]:
    out = []
    for e in entities:
        if isinstance(e, dict) and e.get("name"):
            label = str(e.get("label") or "")
            out.append(
                {
                    "name": e["name"], "label": label, "label_fa": LABELS.get(label, label),
                    "href": "/entities/" + quote(entity_id(label, str(e["name"])), safe=":"),
                    "mentions": len(e.get("mentions") or []), "roles": e.get("roles") or [],
                }
            )  # fmt: skip
    return out


def _css_word(value: str) -> str:
    return "".join(c for c in value if c.isascii() and c.isalnum()) or "x"


def _paragraph_layers(doc: dict[str, Any], size: int) -> list[Layer]:
    paragraphs = [p for p in doc.get("paragraphs") or [] if _valid(p, size)]
    if not paragraphs and size:
        return [Layer(0, size, PARAGRAPH, "p")]
    return [Layer(p["start"], p["end"], PARAGRAPH, "p") for p in paragraphs]


def _valid(span: Any, size: int) -> bool:
    """A span with integer offsets inside the text (anything else from a document is ignored, not trusted)."""
    if not isinstance(span, dict):
        return False
    start, end = span.get("start"), span.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size


def render(text: str, layers: list[Layer], inserts: Sequence[Insert] = ()) -> Markup:
    """`text` with `layers` as properly nested elements (split only where an outer layer forces it)."""
    cuts = sorted({0, len(text)} | {x for la in layers for x in (la.start, la.end)} | {i.at for i in inserts})
    at_cut: dict[int, list[Markup]] = {}
    for ins in inserts:
        at_cut.setdefault(ins.at, []).append(ins.html)
    order = {id(la): (la.rank, la.start, -la.end, n) for n, la in enumerate(layers)}
    out: list[str] = []
    opened: list[Layer] = []
    seen: set[int] = set()
    for a, b in zip(cuts, [*cuts[1:], None]):
        if a in at_cut:
            _close_to(out, opened, PARAGRAPH)
            out.extend(at_cut[a])
        if b is None:
            break
        wanted = sorted((la for la in layers if la.start <= a and b <= la.end), key=lambda la: order[id(la)])
        keep = 0
        while keep < min(len(opened), len(wanted)) and opened[keep] is wanted[keep]:
            keep += 1
        _close(out, opened, keep)
        for layer in wanted[keep:]:
            out.append(_open(layer, first=id(layer) not in seen))
            seen.add(id(layer))
            opened.append(layer)
        out.append(str(inert(text[a:b])))
    _close(out, opened, 0)
    return Markup("".join(out))


def _close(out: list[str], opened: list[Layer], keep: int) -> None:
    while len(opened) > keep:
        out.append(f"</{opened.pop().tag}>")


def _close_to(out: list[str], opened: list[Layer], rank: int) -> None:
    """Close every open element ranked deeper than `rank` (they reopen on the next piece if they go on)."""
    keep = 0
    while keep < len(opened) and opened[keep].rank <= rank:
        keep += 1
    _close(out, opened, keep)


def _open(layer: Layer, first: bool) -> str:
    attrs = layer.attrs + (layer.first_attrs if first else ())
    return f"<{layer.tag}" + "".join(f' {k}="{inert(v)}"' for k, v in attrs) + ">"


def raw_view(raw: str, fixes: list[Any]) -> Markup:
    """The raw input with every repair marked where it happened; whitespace-only fixes shown as symbols."""
    out: list[Markup] = []
    pos = 0
    for fix in sorted((f for f in fixes if _valid_fix(f, len(raw))), key=lambda f: f["start"]):
        if fix["start"] < pos:
            continue
        out.append(inert(raw[pos : fix["start"]]))
        out.append(_fix_mark(raw[fix["start"] : fix["end"]], fix))
        pos = fix["end"]
    out.append(inert(raw[pos:]))
    return Markup("").join(out)


def _valid_fix(fix: Any, size: int) -> bool:
    if not isinstance(fix, dict):
        return False
    start, end = fix.get("start"), fix.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= size


def _fix_mark(was: str, fix: dict[str, Any]) -> Markup:
    became = str(fix.get("text") or "")
    title = f"{fix.get('kind')}: «{shown(was)}» → «{shown(became)}» ({fix.get('reason') or ''})"
    kind = "ins" if not was else "ws" if not was.strip() else "word"
    visible = inert(was) if was.strip() else Markup(inert(shown(was)) + inert(was))
    return Markup('<mark class="fix {}" title="{}">{}</mark>').format(kind, inert(title), visible)


def shown(text: str) -> str:
    """Invisible characters as symbols (`⏎` newline, `¦` half-space); spaces as `·` when nothing else is there."""
    visible = text.replace("\n", "⏎").replace("\u200c", "¦").replace("\u200d", "[ZWJ]").replace("\t", "⇥")
    return visible.replace(" ", "·") if not text.strip() else visible
