"""Sentence splitter over the words of one paragraph (a paragraph always ends a sentence: headlines need no dot).

A sentence ends after `.` `!` `?` `؟` (and `…` unless it reads "and so on"), together with the closing quotes,
brackets and further end marks written right after it («...است.»). Abbreviations, decimals and dates never end
a sentence because the tokeniser keeps their dots inside one token. A colon ends a sentence only after a news
dateline («تهران - ایرنا:»); a colon that opens a quotation («گفت: ...») does not.
"""

from __future__ import annotations

from khabar.segment import lexicons

TERMINALS = frozenset({".", "!", "?", "؟"})
ELLIPSES = frozenset({"…", "..", "...", "....", "……"})
CLOSERS = frozenset({"»", '"', "”", "’", "'", ")", "]", "}", "›"})
OPENERS = frozenset({"«", '"', "“", "(", "["})
# A sentence never starts with these: a mark that belongs to the words before it.
CONTINUERS = frozenset({"،", "؛", ":", ",", ";", "»", ")", "]", "}"})
DASHES = frozenset({"-", "–", "—"})
DATELINE_MAX_WORDS = 8  # «تهران - واحد مرکزی خبر:» has 6


class Words:
    """The words of a paragraph as strings, read lazily from the text (only a few are ever looked at)."""

    __slots__ = ("spans", "text")

    def __init__(self, text: str, spans: list[tuple[int, int, int]]) -> None:
        self.text = text
        self.spans = spans

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i: int) -> str:
        s, e, _ = self.spans[i]
        return self.text[s:e]

    def between(self, a: int, b: int) -> list[str]:
        return [self[k] for k in range(a, b)]

    def attached(self, i: int) -> bool:
        """No space between word i - 1 and word i."""
        return i > 0 and self.spans[i][0] == self.spans[i - 1][1]


def is_end_mark(word: str) -> bool:
    return word in TERMINALS or word in ELLIPSES or (word[0] in ".…" and not word.strip(".…"))


def boundaries(words: Words, marks: list[int]) -> list[int]:
    """Indices (0 < i < len(words)) where a new sentence starts; `marks`: the punctuation words to look at."""
    out: list[int] = []
    start = 0
    n = len(words)
    done = 0
    for i in marks:
        if i < done:
            continue  # already part of an end-mark group
        word = words[i]
        if is_end_mark(word):
            done = _end_of_group(words, i + 1)
            if done < n and _ends_sentence(words, i, done):
                out.append(done)
                start = done
        elif word == ":" and i + 1 < n and _is_dateline(words, start, i):
            out.append(i + 1)
            start = i + 1
    return out


def _end_of_group(words: Words, j: int) -> int:
    """Past the further end marks (`!؟`, also spaced `! ؟`) and the closers written right after (`.»`, `.)`)."""
    while j < len(words) and (is_end_mark(words[j]) or (words.attached(j) and words[j] in CLOSERS)):
        j += 1
    return j


def _ends_sentence(words: Words, first: int, nxt: int) -> bool:
    """Whether the end-mark group words[first:nxt] ends a sentence, judged by its marks and the next word."""
    following = words[nxt]
    if following in CONTINUERS or following[0].islower():
        return False
    if any(w in TERMINALS for w in words.between(first, nxt)):
        return True
    return first == 0 or words[first - 1] != "و"  # «و…» / «و...» is "and so on": the sentence goes on


def _is_dateline(words: Words, start: int, colon: int) -> bool:
    """A short opening, then a colon and no quotation: a place, a spaced dash and an agency («تهران - ایرنا:»),
    or a news desk alone («واحد مرکزی خبر:»). A dash written against a word («علی- علیه‌السلام-») does not count.
    """
    if colon - start > DATELINE_MAX_WORDS or words[colon + 1] in OPENERS:
        return False
    if any(words[k] in DASHES and not words.attached(k) and not words.attached(k + 1) for k in range(start, colon)):
        return True
    return " ".join(words.between(start, colon)) in lexicons.news_agencies()
