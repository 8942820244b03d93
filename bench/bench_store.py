"""Corpus store benchmark: ingest throughput against the single-process pipeline, and search latency.

    python bench/bench_store.py [--workers 2] [--docs 1500] [--search-docs 10000]

1. Anchor: the default pipeline run in this process over the Fars News articles (docs/s, no store). Also the
   same anchor in `--workers` processes at once, each on its share: what the machine itself allows.
2. Ingest the same articles with `--workers` processes into a fresh store (docs/s, wall clock, everything
   included: planning, worker start-up, pipeline, writing). Target: >= 80% of anchor x workers.
   Peak memory per worker (ru_maxrss) target: < 500 MB.
3. Search: 10,000 documents made from the real ones (paragraphs of random articles recombined, some written
   with Arabic letters, Arabic-Indic digits, or compounds fused/split), then median and p95 latency per
   query, snippets included. Target: < 100 ms.

Both halves of each ratio are measured in the same run on the same machine. Results go to
bench/out/bench_store.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from khabar.document import Document  # noqa: E402
from khabar.pipeline import load  # noqa: E402
from khabar.store.corpus import Corpus, prepare  # noqa: E402
from khabar.store.ingest import IngestOptions, ingest  # noqa: E402
from khabar.store.readers import Record, read_inputs  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared"))
FARS = SHARED / "data/fars_varzesh3_news_json/news"
OUT = ROOT / "bench/out/bench_store.json"
QUERIES = [
    "آتش بس", "آتشبس", "آتش‌بس", "کشور", "كشور", "بین‌المللی", "بين المللي", "۱۳۸۷", "1387",
    "وزیر امور خارجه", '"مجلس شورای اسلامی"', "نفت*", "ایران آمریکا مذاکره", "(( NEAR \"",
]  # fmt: skip
VARIANTS = [("ی", "ي"), ("ک", "ك"), ("\u200c", ""), ("\u200c", " ")]
DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def fars_records(limit: int) -> list[Record]:
    records = [r for r in read_inputs([FARS]) if isinstance(r, Record)]
    return records[:limit]


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the ingest workers, once shut down)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def anchor(records: list[Record]) -> dict[str, float]:
    """The single-process pipeline alone: what one core does without any store or process overhead."""
    pipeline = load()
    started, cpu = time.perf_counter(), cpu_seconds()
    for _ in pipeline.pipe(Document.from_text(r.text, **r.meta) for r in records):
        pass
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    n = len(records)
    return {"docs": n, "docs_per_s": round(n / wall, 1), "cpu_ms_per_doc": round(1000 * cpu / n, 2)}


def side_by_side(records: list[Record], workers: int) -> float:
    """The machine's own ceiling: the anchor run in `workers` processes at once, each on its share of the
    records with no store, no transfer and start-up not timed; returns their summed docs/s."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        return sum(r["docs_per_s"] for r in pool.map(anchor, [records[i::workers] for i in range(workers)]))


def start_up_seconds(workers: int, tmp: Path, records: list[Record]) -> float:
    """Wall time of an ingest of one short document per worker: almost all of it is starting the workers."""
    folder = tmp / "start-up"
    folder.mkdir()
    for n, record in enumerate(records[:workers]):
        (folder / f"{n}.txt").write_text(record.text[:200] + f" {n}", encoding="utf-8")
    with Corpus(tmp / "start-up.db") as corpus:
        return ingest([folder], corpus, IngestOptions(workers=workers), progress=False).seconds


def ingest_run(workers: int, db: Path) -> dict[str, float]:
    cpu = cpu_seconds()
    with Corpus(db) as corpus:
        report = ingest([FARS], corpus, IngestOptions(workers=workers), progress=False)
        assert report.ok, report.failures[:3]
    cpu = cpu_seconds() - cpu
    return {
        "docs": report.processed,
        "seconds": round(report.seconds, 2),
        "docs_per_s": round(report.processed / report.seconds, 1),
        "write_seconds": round(report.write_seconds, 2),
        "cpu_ms_per_doc": round(1000 * cpu / report.processed, 2),
        "worker_peak_mb": round(report.worker_peak_mb, 1),
    }


def synthetic_texts(corpus: Corpus, n: int, seed: int = 13) -> list[tuple[str, dict]]:
    """n documents recombined from real paragraphs, with the spelling variants search has to see through."""
    rng = random.Random(seed)
    docs = [(d["text"], d["meta"].get("title", "")) for d in corpus.documents()]
    paragraphs = [p for text, _ in docs for p in text.split("\n") if len(p) > 40]
    out = []
    for i in range(n):
        text = "\n".join(rng.sample(paragraphs, rng.randint(3, 8)))
        title = rng.choice(docs)[1]
        for old, new in rng.sample(VARIANTS, rng.randint(0, 2)):
            text = text.replace(old, new)
        if rng.random() < 0.2:
            text = text.translate(DIGITS)
        out.append((f"{text}\n{i}", {"title": title, "date": f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{i % 9}"}))
    return out


def search_latency(source_db: Path, db: Path, n: int, repeats: int) -> dict[str, object]:
    with Corpus(source_db) as source:
        texts = synthetic_texts(source, n)
    started = time.perf_counter()
    with Corpus(db) as corpus:
        batch = []
        for text, meta in texts:
            batch.append(prepare(Document.from_text(text, **meta)))
            if len(batch) == 500:
                corpus.write(batch)
                batch = []
        corpus.write(batch)
        build = time.perf_counter() - started
        per_query = {}
        for query in QUERIES:
            times = []
            hits = 0
            for _ in range(repeats):
                t = time.perf_counter()
                hits = len(corpus.search(query, limit=10))
                times.append((time.perf_counter() - t) * 1000)
            per_query[query] = {"median_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2)}
            per_query[query]["hits"] = hits
        all_medians = [v["median_ms"] for v in per_query.values()]
        return {
            "documents": len(corpus),
            "build_seconds": round(build, 1),
            "worst_median_ms": max(all_medians),
            "mean_median_ms": round(statistics.mean(all_medians), 2),
            "queries": per_query,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=max(1, os.cpu_count() or 1))
    parser.add_argument("--docs", type=int, default=1500, help="Fars articles for the pipeline anchor")
    parser.add_argument("--search-docs", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    results: dict[str, object] = {"cpu_count": os.cpu_count(), "workers": args.workers, "load": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        base = anchor(fars_records(args.docs))
        ceiling = side_by_side(fars_records(args.docs), args.workers) / (base["docs_per_s"] * args.workers)
        run = ingest_run(args.workers, Path(tmp) / "fars.db")
        wall_ratio = run["docs_per_s"] / (base["docs_per_s"] * args.workers)
        cpu_ratio = base["cpu_ms_per_doc"] / run["cpu_ms_per_doc"]
        results |= {"anchor": base, "ingest": run, "wall_ratio": round(wall_ratio, 3), "cpu_ratio": round(cpu_ratio, 3)}
        results["side_by_side_ratio"] = round(ceiling, 3)
        start_up = start_up_seconds(args.workers, Path(tmp), fars_records(args.workers))
        steady = run["docs"] / max(1e-9, run["seconds"] - start_up) / (base["docs_per_s"] * args.workers)
        results |= {"start_up_seconds": round(start_up, 2), "ratio_after_start_up": round(steady, 3)}
        print(f"load average before: {results['load'][0]:.1f} on {os.cpu_count()} cores", flush=True)
        print(f"pipeline alone, 1 process: {base['docs_per_s']} docs/s, {base['cpu_ms_per_doc']:.1f} CPU ms/doc")
        print(f"ingest, {args.workers} workers: {run['docs_per_s']} docs/s = {wall_ratio:.0%} of anchor x workers "
              f"(target 80%); {run['cpu_ms_per_doc']:.1f} CPU ms/doc (workers + writer) = {cpu_ratio:.0%} "
              f"efficiency; writer {run['write_seconds']} s; worker peak {run['worker_peak_mb']} MB (target < 500)",
              flush=True)  # fmt: skip
        print(f"starting {args.workers} workers (an ingest of {args.workers} short documents): {start_up:.2f} s; "
              f"the ingest above without it: {steady:.0%} of anchor x workers", flush=True)  # fmt: skip
        print(f"the pipeline alone in {args.workers} processes at once (no store, start-up not timed): "
              f"{ceiling:.0%} of anchor x workers, the machine's own ceiling for that ratio", flush=True)  # fmt: skip
        search = search_latency(Path(tmp) / "fars.db", Path(tmp) / "search.db", args.search_docs, args.repeats)
        results["search"] = search
        print(f"search over {search['documents']} docs: worst median {search['worst_median_ms']} ms, "
              f"mean median {search['mean_median_ms']} ms (target < 100)")  # fmt: skip
        for query, timing in search["queries"].items():
            print(f"  {timing['median_ms']:7.2f} ms  (max {timing['max_ms']:7.2f})  {timing['hits']:3} hits  {query}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
