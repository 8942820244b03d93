"""Tokeniser: one precompiled regex finds the written tokens, the clitic splitter turns them into UD words.

Written tokens follow the UD Persian treebanks: a half-space word is one token (می‌شود, آتش‌بس), every
punctuation mark is its own token, a number keeps its separators (۱۲.۵, 1402/07/15, 12:30, 5%), a dotted
abbreviation keeps its dots (ه.ق., ج.ا.ا, initials such as «م.»), and URLs, e-mail addresses, hashtags,
mentions and emoji are one token each. Offsets are character offsets into the text given, never copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from khabar.document import Token
from khabar.segment import lexicons
from khabar.segment.clitics import CliticSplitter

# Arabic-script letters and their combining marks (harakat, hamza above, superscript alef), incl. tatweel and the
# presentation forms the repair stage would normally have folded already.
LETTER = (
    "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06dc\u06df-\u06e8\u06ea-\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdfb\ufe70-\ufefc"
)
SINGLE = "\u0621-\u063a\u0641-\u0648\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"  # a bare letter (no و) for initials
DIGIT = "0-9\u06f0-\u06f9\u0660-\u0669"
LATIN = "A-Za-z\u00c0-\u024f"
EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
EMOJI_TAIL = "\ufe0f\U0001f3fb-\U0001f3ff"


def _trie_pattern(words: tuple[str, ...], after_first: str = "") -> str:
    """One regex for a word list, factored by shared prefixes (a flat alternation is tried word by word);
    `after_first` is inserted after the first character of every word.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    branches = [re.escape(ch) + after_first + _trie_node(child) for ch, child in sorted(trie.items())]
    return "(?:" + "|".join(branches) + ")"


def _trie_node(node: dict) -> str:
    branches = [re.escape(ch) + _trie_node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _abbreviation_pattern() -> str:
    """Listed abbreviations (longest match) and the generic shapes: ه.ق / ج.ا.ا, an initial before a name.

    Every branch starts by consuming a character and only then looks behind it (`(?<!X.)`: the character before
    the match is not X), so the regex engine can still skip quickly to the characters a token can start with.
    """
    not_after_letter = rf"(?<![{LETTER}{LATIN}\u200c.].)"
    listed = _trie_pattern(lexicons.abbreviations(), not_after_letter)
    return (
        rf"{listed}(?![{LETTER}{LATIN}])"
        rf"|[{SINGLE}]{not_after_letter}\.(?:(?:[{SINGLE}]\.)*[{SINGLE}](?![{LETTER}])\.?|(?=\s+[{LETTER}]))"
        rf"|[A-Z]{not_after_letter}\.(?:(?:[A-Z]\.)+|(?=\s+[A-Z]))"
    )


def _token_regex() -> re.Pattern[str]:
    """The written-token regex. Alternatives are tried in order: abbreviations before the words they start like,
    then the frequent Persian word, then the rest (e-mail before Latin words and numbers, which it starts like).
    """
    parts = {
        "abbr": _abbreviation_pattern(),
        "word": rf"\u200c*[{LETTER}]+(?:[\u200c\u200d]+[{LETTER}]+)*\u200c*",
        "url": r"(?:https?://|www\.)[^\s«»<>\"']*[^\s«»<>\"'.,;:!?؟،؛)\]}]",
        "email": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
        "latin": rf"[{LATIN}0-9]*[{LATIN}][{LATIN}0-9]*(?:[-'’.&_][{LATIN}0-9]+)*",
        "number": rf"[{DIGIT}]+(?:[.,/:٫٬][{DIGIT}]+)*[%٪]?",
        "tag": rf"[#@][{LETTER}{LATIN}{DIGIT}_\u200c]*[{LETTER}{LATIN}{DIGIT}_]",
        "emoji": rf"[\U0001f1e6-\U0001f1ff]{{2}}|[{EMOJI}][{EMOJI_TAIL}]*(?:\u200d[{EMOJI}][{EMOJI_TAIL}]*)*",
        "dots": r"\.{2,}|…+",
        "letters": r"[^\W\d_]+",
        "other": r"\S",
    }
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in parts.items()))


@dataclass(slots=True)
class Word(Token):
    """A syntactic word. `fused` is n > 1 on the first word of a written token split into n words (a UD
    multi-word token), 0 on the other words of that token, and 1 on a word that is a whole written token.
    """

    fused: int = 1

    def to_dict(self) -> dict[str, Any]:
        out = Token.to_dict(self)
        out["fused"] = self.fused
        return out


WordSpan = tuple[int, int, int]  # (start, end, fused)


# First characters of the punctuation tokens that can end a sentence (end marks, and the colon of a dateline).
MARK_FIRST = frozenset(".!?؟…:")


class Tokenizer:
    """Finds words in a span of text: `spans(text, start, end)` → [(start, end, fused)], in text order."""

    def __init__(self, split_clitics: bool = True) -> None:
        self.regex = _token_regex()
        self.splitter = CliticSplitter() if split_clitics else None

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[WordSpan]:
        """Word spans of text[start:end]; a dotted abbreviation that ends the span gives its final dot back."""
        return self.scan(text, start, end)[0]

    def scan(self, text: str, start: int = 0, end: int | None = None) -> tuple[list[WordSpan], list[int]]:
        """Word spans, and the indices of the punctuation words that may end a sentence (for the splitter)."""
        end = len(text) if end is None else end
        out: list[WordSpan] = []
        marks: list[int] = []
        append = out.append  # a local: this loop runs once per word
        splitter = self.splitter
        last_letters = splitter.last_letters if splitter is not None else frozenset()
        for match in self.regex.finditer(text, start, end):
            s, e = match.span()
            kind = match.lastgroup
            if kind == "word":
                if text[e - 1] in last_letters:
                    offsets = splitter.cuts(text[s:e])  # type: ignore[union-attr]
                    if offsets:
                        bounds = [s, *(s + o for o in offsets), e]
                        append((s, bounds[1], len(bounds) - 1))
                        out.extend((a, b, 0) for a, b in pairwise(bounds[1:]))
                        continue
            elif kind == "other" or kind == "dots":
                if text[s] in MARK_FIRST:
                    marks.append(len(out))
            elif kind == "abbr" and text[e - 1] == "." and e - s > 2 and not text[e:end].strip():
                append((s, e - 1, 1))
                s = e - 1
            append((s, e, 1))
        return out, marks
