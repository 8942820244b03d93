"""Who a quote belongs to, by name: one article's speakers resolved to the fullest name that article gives them.

A story names a person in full once (`اسماعیل هنیه، رئیس دفتر سیاسی حماس`) and then by surname (`هنیه`) or by
office (`رئیس دفتر سیاسی جنبش حماس`). A reader wants all of those quotes under one name, so each speaker is
resolved, inside its own document only, by the first of:

1. the entity its mention resolves to (once the entities stage has run);
2. a meeting participant written the same way whose name the quotes stage resolved (`رئیس دفتر سیاسی جنبش
   حماس` at a meeting with the minister is `اسماعیل هنیه`);
3. the words before an appositive comma (`اسماعیل هنیه، رئیس …` is `اسماعیل هنیه`);

and then a name whose words all occur in exactly one longer name of the same document becomes that name (`هنیه`
→ `اسماعیل هنیه`); a surname shared by two people in one story stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from khabar.store.normalize import words

APPOSITIVE = re.compile(r"\s*[،,]\s*")


def name_words(name: str) -> frozenset[str]:
    return frozenset(words(name))


def short_name(text: str) -> str:
    """A speaker as written, cut at its first appositive comma (the title that follows is not the name)."""
    head = APPOSITIVE.split(text.strip(), maxsplit=1)[0].strip()
    return head or text.strip()


def resolve_speakers(doc: dict[str, Any]) -> list[str | None]:
    """The resolved name of each quote's speaker in `doc` (the document JSON), None for unattributed quotes."""
    entities = {str(e.get("id")): e for e in doc.get("entities") or [] if isinstance(e, dict)}
    by_text = _meeting_names(doc.get("meetings") or [], entities)
    first: list[str | None] = []
    for quote in doc.get("quotes") or []:
        speaker = quote.get("speaker") if isinstance(quote, dict) else None
        first.append(_first_name(speaker, entities, by_text) if isinstance(speaker, dict) else None)
    known = [n for n in first if n] + list(by_text.values())
    known += [str(e.get("name")) for e in entities.values() if e.get("label") == "PER" and e.get("name")]
    return [None if n is None else widen(n, known) for n in first]


def widen(name: str, names: Iterable[str]) -> str:
    """`name`, or the one longer name among `names` that contains all of its words (else `name` unchanged)."""
    mine = name_words(name)
    if not mine:
        return name
    wider: dict[frozenset[str], str] = {}
    for other in names:
        theirs = name_words(other)
        if mine < theirs:
            wider.setdefault(theirs, other)
    return next(iter(wider.values())) if len(wider) == 1 else name


def _first_name(speaker: dict[str, Any], entities: dict[str, dict], by_text: dict[frozenset[str], str]) -> str:
    text = str(speaker.get("text") or "")
    entity = entities.get(str(speaker.get("entity"))) if speaker.get("entity") is not None else None
    if entity and entity.get("name"):
        return str(entity["name"])
    return by_text.get(name_words(text)) or short_name(text)


def _meeting_names(meetings: list[Any], entities: dict[str, dict]) -> dict[frozenset[str], str]:
    """Participants' words as written → the name the quotes stage (or the entity) gives them."""
    found: dict[frozenset[str], str] = {}
    for meeting in meetings:
        for part in meeting.get("participants") or [] if isinstance(meeting, dict) else []:
            if not isinstance(part, dict):
                continue
            entity = entities.get(str(part.get("entity"))) if part.get("entity") is not None else None
            name = (entity or {}).get("name") or part.get("name")
            key = name_words(str(part.get("text") or ""))
            if name and key:
                found.setdefault(key, str(name))
    return found
