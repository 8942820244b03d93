"""Long documents: the whole pipeline's speed on one document made of more and more Fars articles.

    .venv/bin/python bench/bench_long.py [--sizes 25,100,400,1400]

A book-length text is one document: every stage must stay linear in its length. Each size joins that many Fars
News articles (one paragraph per line) into one text and times `khabar.load()(text)` once (CPU, this process,
after one article as warm-up). The ratio column is each size's MB/s against the first size's: near 1.0 means
linear; a stage that compares everything with everything shows as a ratio falling with size. The articles
column is what the document holds (fewer than asked when the corpus runs out).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from train.corpora import article_paragraphs, fars_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,100,400,1400", help="articles per document, comma-separated")
    args = parser.parse_args()
    import khabar

    articles = ["\n".join(article_paragraphs(a)) for a in fars_articles()]
    nlp = khabar.load()
    nlp(articles[0])
    print("| articles | MB | CPU s | MB/s | × the first |\n|---|---|---|---|---|")
    first = None
    for n in (int(x) for x in args.sizes.split(",")):
        chosen = articles[:n]
        text = "\n".join(chosen)
        size = len(text.encode()) / 1e6
        start = time.process_time()
        nlp(text)
        seconds = time.process_time() - start
        rate = size / seconds
        first = first or rate
        print(f"| {len(chosen)} | {size:.2f} | {seconds:.1f} | {rate:.3f} | {rate / first:.2f} |", flush=True)


if __name__ == "__main__":
    main()
