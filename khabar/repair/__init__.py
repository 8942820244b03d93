"""Repair: raw text → repaired text plus the edits between them, as ordered, explainable fixes.

Each fix is a function from the current text to a list of edits; its name is the edit's `kind` and the switch
in `RepairConfig`. The runner composes the edits into one list in raw coordinates, so every repaired character
maps back to the raw input (`Document.to_raw`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields

from khabar.document import Document, Edit, Span, apply_edits, compose_edits
from khabar.repair import halfspace, layout, punctuation, unicode

Fix = Callable[[str], list[Edit]]


@dataclass(frozen=True)
class RepairConfig:
    """One switch per fix, named after it; all on by default."""

    decode_html_entities: bool = True
    fix_line_endings: bool = True
    remove_control_chars: bool = True
    fix_letter_forms: bool = True
    fix_odd_spaces: bool = True
    keep_typed_zwnj: bool = True
    fix_stray_zwnj: bool = True
    tidy_spaces: bool = True
    remove_page_residue: bool = True
    join_hard_wraps: bool = True
    join_spaced_zwnj: bool = True
    restore_fused_zwnj: bool = True
    fix_punctuation_spacing: bool = True


def _half_spaces(config: RepairConfig) -> Fix:
    def repair_half_spaces(text: str) -> list[Edit]:
        return halfspace.repair_half_spaces(text, config.join_spaced_zwnj, config.restore_fused_zwnj)

    return repair_half_spaces


def plan(config: RepairConfig) -> list[tuple[str, Fix]]:
    """The fixes that `config` switches on, in the order they run."""
    ordered: list[tuple[str, Fix]] = [
        ("decode_html_entities", unicode.decode_html_entities),
        ("fix_line_endings", unicode.fix_line_endings),
        ("remove_control_chars", unicode.remove_control_chars),
        ("fix_letter_forms", unicode.fix_letter_forms),
        ("fix_odd_spaces", unicode.fix_odd_spaces),
        ("keep_typed_zwnj", halfspace.keep_typed_zwnj),
        ("fix_stray_zwnj", unicode.fix_stray_zwnj),
        ("tidy_spaces", layout.tidy_spaces),
        ("remove_page_residue", layout.remove_page_residue),
        ("join_hard_wraps", layout.join_hard_wraps),
        ("half_spaces", _half_spaces(config)),
        ("fix_punctuation_spacing", punctuation.fix_punctuation_spacing),
    ]
    enabled = {f.name for f in fields(config) if getattr(config, f.name)}
    if {"join_spaced_zwnj", "restore_fused_zwnj"} & enabled:
        enabled.add("half_spaces")
    return [(name, fix) for name, fix in ordered if name in enabled]


def repair(doc: Document, config: RepairConfig | None = None) -> Document:
    """Run the fixes on `doc.raw`; set `doc.text`, `doc.edits` and `doc.paragraphs`."""
    doc.set_edits(_run_fixes(doc.raw, config or RepairConfig(), keep_edits=True)[1])
    doc.paragraphs = [Span(doc, m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text)]
    if unicode.looks_visually_ordered(doc.text, halfspace.load_model().known):
        doc.warnings.append("text looks extracted in visual (reversed) order: words read correctly backwards")
    return doc


def _run_fixes(text: str, config: RepairConfig, keep_edits: bool) -> tuple[str, list[Edit]]:
    """Apply the fixes in order; with `keep_edits`, also compose their edits into raw coordinates."""
    edits: list[Edit] = []
    skip = set() if unicode.needs_character_fixes(text) else set(unicode.CHARACTER_FIXES)
    for name, fix in plan(config):
        if name in skip:
            continue
        changes = fix(text)
        if changes:
            if keep_edits:
                edits = compose_edits(edits, text, changes)
            text = apply_edits(text, changes)
    return text, edits


def repair_text(text: str, config: RepairConfig | None = None) -> str:
    """The repaired text alone, paragraphs separated by one newline (no offset map is built: faster)."""
    return _run_fixes(text, config or RepairConfig(), keep_edits=False)[0]


BLOCK_CHARS = 1_000_000  # large inputs are repaired in blocks of about this many characters


def text_blocks(lines: Iterable[str]) -> Iterator[tuple[str, int]]:
    """Cut a stream of lines into blocks of about BLOCK_CHARS; yields each block and its character offset.

    A block ends at a paragraph break that layout would keep anyway (a line ending a sentence, then a blank
    line), so repairing block by block matches repairing the whole text while memory stays proportional to a
    block.
    """
    block: list[str] = []
    size = offset = 0
    previous = ""
    for line in lines:
        safe_cut = not line.strip() and layout.ends_sentence(previous)
        if block and size >= BLOCK_CHARS and (safe_cut or size >= 3 * BLOCK_CHARS):
            text = "".join(block)
            yield text, offset
            offset += len(text)
            block, size = [], 0
        block.append(line)
        size += len(line)
        previous = line if line.strip() else previous
    if block:
        yield "".join(block), offset


def explain_edits(doc: Document, offset: int = 0) -> Iterator[str]:
    """One readable line per fix: raw character span, what it was, what it became, and why."""
    for edit in doc.edits:
        before = doc.raw[edit.start : edit.end]
        yield f"{edit.start + offset}-{edit.end + offset}\t{before!r} -> {edit.text!r}\t{edit.kind}: {edit.reason}"


class Repairer:
    """The repair stage: provides the repaired text and its paragraphs."""

    name = "repair"
    requires = frozenset({"raw"})
    provides = frozenset({"text", "paragraphs"})

    def __init__(self, config: RepairConfig | None = None) -> None:
        self.config = config or RepairConfig()

    def __call__(self, doc: Document) -> Document:
        return repair(doc, self.config)


__all__ = ["RepairConfig", "Repairer", "explain_edits", "plan", "repair", "repair_text", "text_blocks"]
