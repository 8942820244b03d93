"""CoNLL-U output: one block per sentence, with `# text`, multi-word token ranges and the exact spacing.

Spacing is written so the text round-trips: `SpaceAfter=No` where the next word follows directly, and
`SpacesAfter=` (UD escapes \\s \\t \\n \\p \\\\) where the gap is anything but one space (for example the
newline that ends a paragraph). UPOS, LEMMA and FEATS come from the words when the analyse stage has filled them,
`_` otherwise; HEAD and DEPREL are `_` (khabar does not parse).
"""

from __future__ import annotations

from khabar.document import Document, Sentence, Token

_ESCAPES = str.maketrans({"\\": "\\\\", " ": "\\s", "\t": "\\t", "\n": "\\n", "\r": "\\r", "|": "\\p"})


def to_conllu(doc: Document) -> str:
    """The whole document as CoNLL-U (empty string when it has no sentences)."""
    openers = _paragraph_openers(doc)
    blocks: list[str] = []
    for index, sent in enumerate(doc.sentences):
        lines: list[str] = []
        if index == 0:
            doc_id = doc.meta.get("id")
            lines.append("# newdoc" + (f" id = {doc_id}" if doc_id is not None else ""))
        if index in openers:
            lines.append("# newpar")
        lines.append(f"# sent_id = {index + 1}")
        lines.append("# text = " + " ".join(sent.text.split()))
        lines.extend(_word_lines(doc, sent))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks) + ("\n" if blocks else "")


def _paragraph_openers(doc: Document) -> set[int]:
    """Indices of the sentences that open a paragraph (both lists are in text order)."""
    openers: set[int] = set()
    paras = doc.paragraphs
    p = 0
    for index, sent in enumerate(doc.sentences):
        if p < len(paras) and paras[p].start <= sent.start:
            openers.add(index)
            while p < len(paras) and paras[p].start <= sent.start:
                p += 1
    return openers


def _word_lines(doc: Document, sent: Sentence) -> list[str]:
    lines: list[str] = []
    words = doc.tokens
    for index in range(sent.token_start, sent.token_end):
        word = words[index]
        ident = index - sent.token_start + 1
        fused = getattr(word, "fused", 1)
        if fused > 1:
            last = words[index + fused - 1]
            form = doc.text[word.start : last.end]
            lines.append(f"{ident}-{ident + fused - 1}\t{form}\t_\t_\t_\t_\t_\t_\t_\t{_misc(doc, last, index + fused)}")
        inside = fused != 1
        misc = "_" if inside else _misc(doc, word, index + 1)
        lines.append(
            f"{ident}\t{word.text}\t{word.lemma or '_'}\t{word.upos or '_'}\t_\t{word.feats or '_'}\t_\t_\t_\t{misc}"
        )
    return lines


def _misc(doc: Document, word: Token, next_index: int) -> str:
    """SpaceAfter / SpacesAfter for the gap between `word` and the next word (or the end of the text)."""
    nxt = doc.tokens[next_index].start if next_index < len(doc.tokens) else len(doc.text)
    gap = doc.text[word.end : nxt]
    if gap == " " or (not gap and next_index >= len(doc.tokens)):
        return "_"
    if not gap:
        return "SpaceAfter=No"
    return "SpacesAfter=" + gap.translate(_ESCAPES)
