"""Readers for the shared corpora used by the build scripts, and the fixed dev/train split of the news text.

Held out from every lexicon build (they are the repair dev sets that bench/ and the README report):
- every 10th Fars News article (index % 10 == 0) of fars_varzesh3_news_json/news,
- the even-numbered Hamshahri and Radio Farda items (news_small_samples/mallahyari_Farsi-datasets): other
  outlets (the odd-numbered ones are training text).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(os.environ.get("KHABAR_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
DATA = SHARED / "data"


def fars_articles() -> list[dict]:
    """The 1,500 Fars News articles in file order (fars-news-1.json .. fars-news-5.json)."""
    folder = DATA / "fars_varzesh3_news_json" / "news"
    articles: list[dict] = []
    for path in sorted(folder.glob("fars-news-*.json")):
        articles.extend(json.loads(path.read_text(encoding="utf-8")))
    return articles


def article_paragraphs(article: dict) -> list[str]:
    """Title, lead and paragraphs of a Fars-style article, one paragraph each, blank ones dropped."""
    parts = [article.get("title") or "", article.get("abstract") or "", *(article.get("paragraphs") or [])]
    return [" ".join(p.split()) for p in parts if p and p.strip()]


def is_modern(article: dict) -> bool:
    """Articles written with Persian letters only; the older ones (Arabic yeh/kaf) rarely use half-spaces."""
    text = " ".join(article_paragraphs(article))
    return "\u064a" not in text and "\u0643" not in text


def fars_split() -> tuple[list[dict], list[dict]]:
    """(train, dev) modern Fars articles (see `is_modern`): every 10th article is dev."""
    articles = [a for a in fars_articles() if is_modern(a)]
    train = [a for i, a in enumerate(articles) if i % 10]
    dev = [a for i, a in enumerate(articles) if i % 10 == 0]
    return train, dev


def other_outlet_items() -> list[list[str]]:
    """Hamshahri and Radio Farda RSS items (title + lead) as paragraph lists: a dev set from other outlets."""
    folder = DATA / "news_small_samples" / "mallahyari_Farsi-datasets"
    items = []
    for name in ("hamshahri.json", "radiofarda.json"):
        for item in json.loads((folder / name).read_text(encoding="utf-8")):
            paras = [" ".join(str(item.get(k) or "").split()) for k in ("title", "summary")]
            items.append([p for p in paras if p])
    return items


def other_outlet_split() -> tuple[list[list[str]], list[list[str]]]:
    """(train, dev) Hamshahri + Radio Farda items: odd-numbered items train, even-numbered items are dev."""
    items = other_outlet_items()
    return [x for i, x in enumerate(items) if i % 2], [x for i, x in enumerate(items) if i % 2 == 0]


def training_texts() -> Iterator[str]:
    """Clean text with half-spaces, for counting: Fars train split, Fars 2023, Fars 2018, UD raw train text."""
    train, _ = fars_split()
    for article in train:
        yield "\n".join(article_paragraphs(article))
    for paragraphs in other_outlet_split()[0]:
        yield "\n".join(paragraphs)
    fars_2023 = DATA / "news_small_samples" / "faezeh-gholamrezaie_farsnews_2023" / "farsnews.csv"
    with open(fars_2023, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield (row.get("title") or "") + "\n" + (row.get("text") or "")
    # Fars 2018 (Arefee) is kept only where it is written with Persian letters, like the modern split above.
    with open(DATA / "news_small_samples" / "Arefee_NLP-PersianNews" / "farsnewsdata.jsonl", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            text = "\n".join(str(item.get(k) or "") for k in ("title", "subtitle", "body"))
            if "\u064a" not in text and "\u0643" not in text:
                yield text
    ud_train = (("ud_persian_perdt", "fa_dadegan-ud-train.txt"), ("ud_persian_seraji", "fa_seraji-ud-train.txt"))
    for treebank, name in ud_train:
        yield (DATA / treebank / "raw_train_text_from_history" / name).read_text(encoding="utf-8")
