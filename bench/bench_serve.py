"""Server benchmark: POST /v1/process latency, and 50 concurrent searches for 30 s against 1,500 articles.

    python bench/bench_serve.py [--docs 1500] [--concurrency 50] [--seconds 30] [--fresh]

Everything runs on this machine: the server is `khabar serve` in a child process bound to 127.0.0.1 (never any
other address), and the clients are in this process. Every wait is bounded (server start 60 s, each request
30 s, the load phase `--seconds`, at most 120), and the server is stopped at the end whatever happens.

1. Store: the Fars News articles (topped up from the 2023 Fars sample to `--docs`), processed with the default
   pipeline, kept in bench/out/serve-corpus.db and reused while it holds `--docs` documents.
2. Process: the seed story, 10 warm-up requests, then 100 timed ones, one at a time. Anchor: the same
   pipeline called in this process. Target: every request after warm-up under 200 ms.
3. Search: one client in a loop for 5 s (anchor), then `--concurrency` clients for `--seconds`, each sending
   the next query as soon as its last answer arrives. Target: no error (every answer 200, no timeout).

Results go to bench/out/bench_serve.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from khabar.pipeline import load  # noqa: E402
from khabar.store.corpus import Corpus, prepare  # noqa: E402
from khabar.store.readers import Record, read_inputs  # noqa: E402

HOST = "127.0.0.1"  # loopback only, by design
SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared"))
SOURCES = [
    SHARED / "data/fars_varzesh3_news_json/news",
    SHARED / "data/news_small_samples/faezeh-gholamrezaie_farsnews_2023/farsnews.csv",
]
OUT = ROOT / "bench/out"
SEED = ROOT / "examples/seed.txt"
QUERIES = [
    "آتش بس", "آتشبس", "آتش‌بس", "کشور", "كشور", "بین‌المللی", "بين المللي", "بینالمللی", "۱۳۸۷", "1387",
    "وزیر امور خارجه", '"مجلس شورای اسلامی"', "نفت*", "ایران آمریکا مذاکره", "رئیس‌جمهور", "رئیسجمهور",
    "هسته‌ای", "هستهای", "تحریم", "فوتبال", "مجلس", "دولت",
]  # fmt: skip
MAX_SECONDS = 120


def build_store(db: Path, docs: int, fresh: bool) -> int:
    """The benchmark store with `docs` distinct articles (reused when it already has them)."""
    if db.exists() and not fresh:
        with Corpus(db) as corpus:
            if len(corpus) >= docs:
                return len(corpus)
    db.unlink(missing_ok=True)
    records: dict[str, Record] = {}
    for item in read_inputs([p for p in SOURCES if p.exists()]):
        if isinstance(item, Record):
            records.setdefault(item.id, item)
        if len(records) >= docs:
            break
    pipeline = load()
    started = time.perf_counter()
    with Corpus(db) as corpus:
        chosen = list(records.values())
        texts = (pipeline(r.text, **r.meta) for r in chosen)
        batch = []
        for record, doc in zip(chosen, texts):
            batch.append(prepare(doc, origin=record.origin))
            if len(batch) == 100:
                corpus.write(batch)
                batch = []
        corpus.write(batch)
        print(f"store: {len(corpus)} documents built in {time.perf_counter() - started:.0f} s", flush=True)
        return len(corpus)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "khabar", "serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"http://{HOST}:{port}/v1/documents?limit=1", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within 60 s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (Linux /proc), to split the cost between server and clients."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentiles(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    at = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    return {"median_ms": round(statistics.median(ms), 2), "p95_ms": round(at(0.95), 2),
            "p99_ms": round(at(0.99), 2), "max_ms": round(ms[-1], 2)}  # fmt: skip


def process_latency(base: str) -> dict[str, object]:
    text = SEED.read_text(encoding="utf-8")
    pipeline = load()
    for _ in range(5):
        pipeline(text)
    local = []
    for _ in range(50):
        t = time.perf_counter()
        pipeline(text)
        local.append((time.perf_counter() - t) * 1000)
    served = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for _ in range(10):
            client.post("/v1/process", content=text.encode()).raise_for_status()
        for _ in range(100):
            t = time.perf_counter()
            client.post("/v1/process", content=text.encode()).raise_for_status()
            served.append((time.perf_counter() - t) * 1000)
    return {"anchor_in_process": percentiles(local), "http": percentiles(served), "requests": len(served)}


def sequential_search(base: str, seconds: float) -> dict[str, object]:
    ms, rng = [], random.Random(1)
    with httpx.Client(base_url=base, timeout=30) as client:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            t = time.perf_counter()
            client.get("/v1/search", params={"q": rng.choice(QUERIES)}).raise_for_status()
            ms.append((time.perf_counter() - t) * 1000)
    return {"requests": len(ms), "per_s": round(len(ms) / seconds, 1), **percentiles(ms)}


async def load_search(base: str, clients: int, seconds: float) -> dict[str, object]:
    statuses: Counter[str] = Counter()
    ms: list[float] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        end = time.monotonic() + seconds

        async def worker(n: int) -> None:
            rng = random.Random(n)
            while time.monotonic() < end:
                t = time.perf_counter()
                try:
                    response = await client.get("/v1/search", params={"q": rng.choice(QUERIES), "limit": 10})
                    statuses[str(response.status_code)] += 1
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                ms.append((time.perf_counter() - t) * 1000)

        started = time.monotonic()
        await asyncio.gather(*(worker(n) for n in range(clients)))
        wall = time.monotonic() - started
    errors = sum(n for status, n in statuses.items() if status != "200")
    return {"clients": clients, "seconds": round(wall, 1), "requests": len(ms), "per_s": round(len(ms) / wall, 1),
            "statuses": dict(statuses), "errors": errors, **percentiles(ms)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1500)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark store")
    args = parser.parse_args()
    seconds = min(args.seconds, MAX_SECONDS)
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "serve-corpus.db"
    results: dict[str, object] = {"cpu_count": os.cpu_count(), "load_before": os.getloadavg()}
    results["documents"] = build_store(db, args.docs, args.fresh)
    port = free_port()
    server = start_server(db, port)
    base = f"http://{HOST}:{port}"
    try:
        results["process"] = process = process_latency(base)
        print(f"POST /v1/process (seed, {process['requests']} after warm-up): {process['http']} "
              f"(in-process pipeline: {process['anchor_in_process']}); target: max < 200 ms", flush=True)  # fmt: skip
        results["search_sequential"] = anchor = sequential_search(base, 5)
        print(f"search, 1 client: {anchor['per_s']} req/s, median {anchor['median_ms']} ms", flush=True)
        server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
        results["search_load"] = loaded = asyncio.run(load_search(base, args.concurrency, seconds))
        server_cpu, client_cpu = cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
        loaded["server_cpu_ms_per_request"] = round(1000 * server_cpu / max(1, loaded["requests"]), 2)
        loaded["client_cpu_ms_per_request"] = round(1000 * client_cpu / max(1, loaded["requests"]), 2)
        print(f"search, {loaded['clients']} clients for {loaded['seconds']} s: {loaded['requests']} requests, "
              f"{loaded['per_s']} req/s, statuses {loaded['statuses']}, errors {loaded['errors']} (target 0); "
              f"median {loaded['median_ms']} ms, p95 {loaded['p95_ms']} ms, max {loaded['max_ms']} ms; "
              f"CPU per request: server {loaded['server_cpu_ms_per_request']} ms, "
              f"clients {loaded['client_cpu_ms_per_request']} ms", flush=True)  # fmt: skip
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    results["load_after"] = os.getloadavg()
    (OUT / "bench_serve.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
