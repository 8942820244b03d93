"""Score khabar on UD treebanks from raw text, the CoNLL 2018 shared-task way: tokens, words, sentences, UPOS, lemma.

    python -m train.eval_ud FILE.conllu [FILE.conllu ...] [--stages segment] [--limit N] [--json]

Raw text in: as UD's conllu_to_text.pl builds it for the shared task, each sentence is written from its word forms
and SpaceAfter (= its `# text`), sentences follow each other after one space, `# newpar` / `# newdoc` start a
new paragraph after a blank line, and lines are broken at the last space before column 80 (the space becomes a
newline). The UD Persian files have no paragraph marks, so the whole file is one wrapped paragraph and every
sentence boundary has to be found from the text alone. The whole file goes through the pipeline as one document.

Alignment is by characters, as in conll18_ud_eval.py: every span is measured in non-whitespace characters of the
raw text, so spacing never matters. System spans are mapped to the raw text through `Document.to_raw`, so a
repair stage that changes characters costs only the words it really changes. Tokens and sentences match when
their spans are equal; words inside a multi-word token are aligned by the longest common subsequence of their
forms; UPOS and lemma are scored on aligned words (precision, recall and F1 against all words).

Without the repair stage in --stages, the raw text is used as is, with paragraphs at blank lines.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from khabar.document import Document, Span
from khabar.pipeline import DEFAULT_STAGES, Pipeline

WRAP = 80
EVALUATED = ("repair", "segment", "analyse")


@dataclass(slots=True)
class Word:
    """A word with the span it is scored by (a multi-word token's words all carry the token's span)."""

    start: int
    end: int
    form: str
    multiword: bool = False
    upos: str | None = None
    lemma: str | None = None


@dataclass(slots=True)
class Segmentation:
    """What is scored: token spans, words and sentence spans, all in non-whitespace character offsets."""

    tokens: list[tuple[int, int]] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class GoldSentence:
    text: str
    newpar: bool
    tokens: list[tuple[str, list[tuple[str, str, str]]]]  # (surface form, [(form, upos, lemma)])


def read_gold(path: Path, limit: int | None = None) -> list[GoldSentence]:
    """The sentences of a CoNLL-U file: text, paragraph starts, tokens with their words."""
    sentences: list[GoldSentence] = []
    current = GoldSentence("", False, [])
    fused_until = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            current.text = line[len("# text = ") :]
        elif re.match(r"#\s*new(par|doc)\b", line):
            current.newpar = True
        elif not line.strip():
            if current.tokens:
                sentences.append(current)
                if limit is not None and len(sentences) >= limit:
                    break
            current, fused_until = GoldSentence("", False, []), 0
        elif not line.startswith("#"):
            fused_until = _add_gold_line(current, line.split("\t"), fused_until)
    if current.tokens and (limit is None or len(sentences) < limit):
        sentences.append(current)
    return sentences


def _add_gold_line(sent: GoldSentence, cols: list[str], fused_until: int) -> int:
    ident = cols[0]
    if "-" in ident:
        sent.tokens.append((cols[1], []))
        return int(ident.split("-")[1])
    if "." in ident:
        return fused_until
    word = (cols[1], cols[3], cols[2])
    if int(ident) <= fused_until:
        sent.tokens[-1][1].append(word)
    else:
        sent.tokens.append((cols[1], [word]))
    return fused_until


def raw_text(sentences: list[GoldSentence]) -> tuple[str, list[int]]:
    """The shared-task raw text and each sentence's offset in it (see the module docstring)."""
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for i, sent in enumerate(sentences):
        sep = ("\n\n" if sent.newpar else " ") if i else ""
        pieces.append(sep + sent.text)
        offsets.append(pos + len(sep))
        pos += len(sep) + len(sent.text)
    return wrap_lines("".join(pieces) + "\n"), offsets


def wrap_lines(text: str, width: int = WRAP) -> str:
    """Break each line at its last space at or before `width` (that space becomes a newline), as UD does."""
    chars = list(text)
    line_start = 0
    while True:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - line_start < width:
            if line_end >= len(text):
                break
            line_start = line_end + 1
            continue
        cut = text.rfind(" ", line_start + 1, line_start + width + 1)
        if cut < 0:
            cut = text.find(" ", line_start + width + 1, line_end)
        if cut < 0:
            line_start = line_end + 1
            continue
        chars[cut] = "\n"
        line_start = cut + 1
    return "".join(chars)


class NonSpace:
    """Maps raw-text offsets to offsets counted in non-whitespace characters (the CoNLL 2018 coordinates)."""

    def __init__(self, text: str) -> None:
        self.prefix = [0] * (len(text) + 1)
        count = 0
        for i, ch in enumerate(text):
            self.prefix[i] = count
            count += not ch.isspace()
        self.prefix[len(text)] = count

    def __call__(self, start: int, end: int) -> tuple[int, int]:
        return self.prefix[start], self.prefix[end]


def gold_segmentation(sentences: list[GoldSentence], offsets: list[int], nonspace: NonSpace) -> Segmentation:
    out = Segmentation()
    for sent, base in zip(sentences, offsets):
        pos = 0
        for form, words in sent.tokens:
            at = sent.text.index(form, pos)
            pos = at + len(form)
            span = nonspace(base + at, base + pos)
            out.tokens.append(span)
            for wform, upos, lemma in words:
                out.words.append(Word(*span, wform, len(words) > 1, upos, lemma))
        if sent.tokens:
            first = out.tokens[-len(sent.tokens)]
            out.sentences.append((first[0], out.tokens[-1][1]))
    return out


def system_segmentation(doc: Document, nonspace: NonSpace) -> Segmentation:
    """Tokens, words and sentences of a processed document, mapped back to the raw text."""
    out = Segmentation()

    def raw(start: int, end: int) -> tuple[int, int]:
        return nonspace(*doc.to_raw(start, end))

    words = doc.tokens
    i = 0
    while i < len(words):
        fused = max(getattr(words[i], "fused", 1), 1)
        group = words[i : i + fused]
        span = raw(group[0].start, group[-1].end)
        out.tokens.append(span)
        for w in group:
            out.words.append(Word(*span, w.text, fused > 1, w.upos, w.lemma))
        i += fused
    out.sentences = [raw(s.start, s.end) for s in doc.sentences]
    return out


def align_words(gold: list[Word], system: list[Word]) -> list[tuple[Word, Word]]:
    """Pairs of aligned words: equal spans outside multi-word tokens, LCS of forms inside them."""
    pairs: list[tuple[Word, Word]] = []
    gi = si = 0
    while gi < len(gold) and si < len(system):
        if gold[gi].multiword or system[si].multiword:
            gs, ss, gi, si = _multiword_region(gold, system, gi, si)
            pairs.extend(_lcs_pairs(gold[gs:gi], system[ss:si]))
        elif (gold[gi].start, gold[gi].end) == (system[si].start, system[si].end):
            pairs.append((gold[gi], system[si]))
            gi += 1
            si += 1
        elif gold[gi].start <= system[si].start:
            gi += 1
        else:
            si += 1
    return pairs


def _multiword_region(gold: list[Word], system: list[Word], gi: int, si: int) -> tuple[int, int, int, int]:
    """The smallest stretch of words around a multi-word token that both sides cover completely."""
    if gold[gi].multiword:
        end = gold[gi].end
        if not system[si].multiword and system[si].start < gold[gi].start:
            si += 1
    else:
        end = system[si].end
        if not gold[gi].multiword and gold[gi].start < system[si].start:
            gi += 1
    gs, ss = gi, si
    while not _beyond(gold, gi, end) or not _beyond(system, si, end):
        if gi < len(gold) and (si >= len(system) or gold[gi].start <= system[si].start):
            end = max(end, gold[gi].end) if gold[gi].multiword else end
            gi += 1
        else:
            end = max(end, system[si].end) if system[si].multiword else end
            si += 1
    return gs, ss, gi, si


def _beyond(words: list[Word], i: int, end: int) -> bool:
    if i >= len(words):
        return True
    return words[i].start >= end if words[i].multiword else words[i].end > end


def _lcs_pairs(gold: list[Word], system: list[Word]) -> list[tuple[Word, Word]]:
    """Words paired along a longest common subsequence of their lowercased forms."""
    g_forms = [w.form.lower() for w in gold]
    s_forms = [w.form.lower() for w in system]
    table = [[0] * (len(system) + 1) for _ in range(len(gold) + 1)]
    for g in range(len(gold) - 1, -1, -1):
        for s in range(len(system) - 1, -1, -1):
            table[g][s] = table[g + 1][s + 1] + 1 if g_forms[g] == s_forms[s] else max(table[g + 1][s], table[g][s + 1])
    pairs, g, s = [], 0, 0
    while g < len(gold) and s < len(system):
        if g_forms[g] == s_forms[s]:
            pairs.append((gold[g], system[s]))
            g, s = g + 1, s + 1
        elif table[g + 1][s] >= table[g][s + 1]:
            g += 1
        else:
            s += 1
    return pairs


def prf(correct: int, gold: int, system: int) -> dict[str, float]:
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(gold: Segmentation, system: Segmentation) -> dict[str, dict[str, float]]:
    """CoNLL 2018 metrics: span F1 for tokens and sentences, aligned-word F1 for words, UPOS and lemma."""
    results = {
        "tokens": prf(len(set(gold.tokens) & set(system.tokens)), len(gold.tokens), len(system.tokens)),
        "sentences": prf(len(set(gold.sentences) & set(system.sentences)), len(gold.sentences), len(system.sentences)),
    }
    pairs = align_words(gold.words, system.words)
    results["words"] = prf(len(pairs), len(gold.words), len(system.words))
    if any(w.upos for w in system.words):
        correct = sum(g.upos == s.upos for g, s in pairs)
        results["upos"] = prf(correct, len(gold.words), len(system.words))
    if any(w.lemma for w in system.words):
        correct = sum(g.lemma == s.lemma or g.lemma == "_" for g, s in pairs)
        results["lemma"] = prf(correct, len(gold.words), len(system.words))
    return results


class BlankLineParagraphs:
    """Stand-in for the repair stage: the raw text unchanged, one paragraph per block between blank lines."""

    name = "paragraphs"
    requires = frozenset({"raw"})
    provides = frozenset({"text", "paragraphs"})

    def __call__(self, doc: Document) -> Document:
        doc.paragraphs = [Span(doc, m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", doc.text)]
        return doc


def build_pipeline(stages: list[str]) -> Pipeline:
    return Pipeline(stages if "repair" in stages else [BlankLineParagraphs(), *stages])


def evaluate(path: Path, pipeline: Pipeline, limit: int | None = None) -> dict:
    """Scores of `pipeline` on one treebank file, plus how many characters the pipeline changed."""
    sentences = read_gold(path, limit)
    text, offsets = raw_text(sentences)
    nonspace = NonSpace(text)
    doc = pipeline(text)
    results: dict = score(gold_segmentation(sentences, offsets, nonspace), system_segmentation(doc, nonspace))
    results["changed"] = [
        (e.start, doc.raw[e.start : e.end], e.text, e.kind)
        for e in doc.edits
        if "".join(doc.raw[e.start : e.end].split()) != "".join(e.text.split())
    ]
    return results


def table(rows: dict[str, dict]) -> str:
    metrics = ["tokens", "words", "sentences", "upos", "lemma"]
    shown = [m for m in metrics if any(m in r for r in rows.values())]
    lines = ["| file | " + " | ".join(f"{m} F1" for m in shown) + " |", "|---" * (len(shown) + 1) + "|"]
    for name, r in rows.items():
        cells = [f"{100 * r[m]['f1']:.2f}" if m in r else "" for m in shown]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="UD .conllu files")
    default = ",".join(s for s in DEFAULT_STAGES if s in EVALUATED)
    parser.add_argument("--stages", default=default, help=f"comma-separated pipeline stages (default: {default})")
    parser.add_argument("--limit", type=int, help="only the first N sentences of each file")
    parser.add_argument("--json", action="store_true", help="print all scores as JSON")
    parser.add_argument("--show-changes", type=int, default=0, metavar="K", help="print K character changes")
    args = parser.parse_args(argv)
    pipeline = build_pipeline([s for s in args.stages.split(",") if s])
    rows = {}
    for path in args.files:
        rows[path.name] = evaluate(path, pipeline, args.limit)
        changed = rows[path.name]["changed"]
        if changed:
            print(f"{path.name}: the pipeline changed non-space characters in {len(changed)} places", file=sys.stderr)
            for item in changed[: args.show_changes]:
                print(f"  at {item[0]}: {item[1]!r} -> {item[2]!r} ({item[3]})", file=sys.stderr)
    if args.json:
        print(json.dumps({k: {m: v for m, v in r.items() if m != "changed"} for k, r in rows.items()}, indent=2))
    else:
        print(f"stages: {','.join(pipeline.stage_names)}")
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
