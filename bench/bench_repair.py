"""Repair accuracy, speed and memory: khabar against offline Persian normalisers on the same damaged text.

    .venv/bin/python bench/bench_repair.py [--limit N] [--systems khabar,hazm,shekar,parsivar] [--repeat 3]
    .venv/bin/python bench/bench_repair.py --memory [--memory-mb 100]

Each baseline (hazm's `Normalizer` 0.10.0, shekar, parsivar) is pip-installed into its own throwaway virtual
environment under bench/out/venvs/ (git-ignored; reused while its pinned requirement is unchanged, `--fresh`
rebuilds it). Every system, khabar included (from the interpreter running this script), goes through the same
runner script in its own process pinned to one core: it loads the normaliser, warms it up on `--warmup` Fars
training articles (damaged as pdf), then times only the normalise calls, once per article. Each article is timed
once per process (a second pass would hit caches the first one filled); `--repeat` fresh processes, and the
fastest counts.

The damaged input is the shared protocol's (../shared/eval/corrupt.py, one seed per article, as in
bench/repair_eval.py), and the scores are ../shared/eval/score_repair.py's gaps summed over articles (micro F1).
The normalisers do not join hard-wrapped lines; their output is scored as they give it.

`--memory` repairs a ~100 MB damaged file with `khabar repair FILE > /dev/null` and reports the child's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from repair_eval import MODES, ROOT, Tally, corrupt, dev_sets

from train.corpora import article_paragraphs, fars_split

OUT = ROOT / "bench" / "out"
SPEED_SET = ("fars-dev", "pdf")  # the headline speed input: whole Fars articles damaged as PDF extraction does
MEMORY_TARGET_KB = 2 * 1024 * 1024
SPEED_TARGET = 2.0  # khabar's bytes/s over hazm's


@dataclass(frozen=True)
class System:
    """A normaliser under test: what pip puts in its venv (nothing for khabar) and the code that builds it.

    `setup` runs inside the runner and must bind `normalise`, a function from damaged text to repaired text.
    """

    name: str
    package: str
    requirements: tuple[str, ...]
    setup: str


SYSTEMS = {
    s.name: s
    for s in (
        System("khabar", "khabar", (), "from khabar.repair import repair_text as normalise"),
        System("hazm", "hazm", ("hazm==0.10.0",), "from hazm import Normalizer\nnormalise = Normalizer().normalize"),
        System(
            "shekar", "shekar", ("shekar==1.7.0",), "from shekar import Normalizer\nnormalise = Normalizer().normalize"
        ),
        System(
            "parsivar",
            "parsivar",
            ("parsivar==0.2.3.1",),
            "from parsivar import Normalizer\nnormalise = Normalizer().normalize",
        ),
    )
}

RUNNER = '''\
"""Normalise a JSON list of texts with one system, once; time only the normalise calls (written by bench_repair.py).

The warm-up texts (other articles) run first, untimed: caches keyed by words then hold what a long run would
hold, but nothing about the timed texts, which each process sees only once.
"""
import importlib.metadata
import json
import os
import sys
import time

os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
setup, package, inputs, output, warmup = sys.argv[1:6]
texts = json.load(open(inputs, encoding="utf-8"))
start = time.perf_counter()
scope = {}
exec(setup, scope)
normalise = scope["normalise"]
normalise("این یک متن کوتاه برای گرم کردن است.")  # not a timed text: those are seen once, when timed
load_s = time.perf_counter() - start
for text in json.load(open(warmup, encoding="utf-8")):
    normalise(text)
outputs, cpu, wall = [], [], []
for text in texts:
    c, w = time.process_time(), time.perf_counter()
    outputs.append(normalise(text))
    wall.append(time.perf_counter() - w)
    cpu.append(time.process_time() - c)
result = {"version": importlib.metadata.version(package), "load_s": load_s, "outputs": outputs, "cpu": cpu,
          "wall": wall}
json.dump(result, open(output, "w", encoding="utf-8"), ensure_ascii=False)
'''


@dataclass(frozen=True)
class Item:
    """One damaged article: which dev set and damage mode it belongs to, its clean text and its damaged text."""

    dev_set: str
    mode: str
    gold: str
    damaged: str


def damaged_items(limit: int | None) -> list[Item]:
    """Every dev article in every mode, damaged with the seed bench/repair_eval.py gives it."""
    return [
        Item(name, mode, text, corrupt(text, mode, seed=i))
        for name, texts in dev_sets(limit).items()
        for mode in MODES
        for i, text in enumerate(texts)
    ]


def python_for(system: System, fresh: bool) -> str:
    """The interpreter that runs `system`: this one for khabar, else a venv built for its pinned requirements."""
    if not system.requirements:
        return sys.executable
    venv = OUT / "venvs" / system.name
    stamp = venv / "bench-requirements.txt"
    wanted = "\n".join(system.requirements)
    if fresh or not stamp.exists() or stamp.read_text() != wanted:
        build_venv(venv, system.requirements)
        stamp.write_text(wanted)
    return str(venv / "bin" / "python")


def build_venv(venv: Path, requirements: tuple[str, ...]) -> None:
    """`python3 -m venv` plus `pip install`, logged next to the venv; a failed install stops the bench."""
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    log = venv.with_suffix(".log")
    print(f"building {venv} ({' '.join(requirements)}), log in {log}", file=sys.stderr, flush=True)
    with open(log, "w") as f:
        subprocess.run(["python3", "-m", "venv", str(venv)], check=True, stdout=f, stderr=f)
        pip = [str(venv / "bin" / "pip"), "install", "--disable-pip-version-check", *requirements]
        if subprocess.run(pip, stdout=f, stderr=f).returncode:
            sys.exit(f"pip install {' '.join(requirements)} failed: see {log}")


def run_system(system: System, python: str, texts_path: Path, warmup_path: Path, repeat: int, tmp: Path) -> dict:
    """Run the shared runner for one system on one core, `repeat` times in fresh processes.

    Returns the first run's outputs and load time, and every run's per-article timings (one pass each): a pass
    over texts the process has already seen would be timed against caches they filled.
    """
    runner = tmp / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    output = tmp / f"{system.name}.json"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    command = [python, str(runner), system.setup, system.package, str(texts_path), str(output), str(warmup_path)]
    runs = []
    for _ in range(repeat):
        result = subprocess.run(command, env=env, cwd=tmp, capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"{system.name} failed:\n{result.stderr[-2000:]}")
        runs.append(json.loads(output.read_text(encoding="utf-8")))
    return {**runs[0], "cpu": [r["cpu"] for r in runs], "wall": [r["wall"] for r in runs]}


def warmup_texts(count: int, mode: str | None) -> list[str]:
    """`count` Fars training articles (never timed nor scored), damaged as `mode` unless it is None."""
    train, _ = fars_split()
    texts = ["\n".join(article_paragraphs(a)) for a in train[:count]]
    return texts if mode is None else [corrupt(text, mode, seed=i) for i, text in enumerate(texts)]


def accuracy_tables(items: list[Item], results: dict[str, dict]) -> str:
    """Half-space and paragraph F1 per dev set and mode (rows) and system (columns)."""
    tallies: dict[tuple[str, str, str], Tally] = {}
    for name, result in results.items():
        for item, output in zip(items, result["outputs"]):
            tallies.setdefault((item.dev_set, item.mode, name), Tally()).add(item.gold, output)
    sizes = {(i.dev_set, i.mode): 0 for i in items}
    for item in items:
        sizes[item.dev_set, item.mode] += 1
    blocks = []
    for label, title in (("ZWNJ", "Half-space F1"), ("PARA", "Paragraph F1")):
        header = "| dev set | mode | " + " | ".join(results) + " |"
        rows = [f"**{title}**", "", header, "|---|---|" + "---|" * len(results)]
        for (dev_set, mode), n in sizes.items():
            cells = " | ".join(f"{tallies[dev_set, mode, name].f1(label):.4f}" for name in results)
            rows.append(f"| {dev_set} ({n}) | {mode} | {cells} |")
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)


def fastest_pass(result: dict, indices: list[int], clock: str) -> float:
    """Seconds of the fastest pass over the articles at `indices`."""
    return min(sum(times[i] for i in indices) for times in result[clock])


def speed_table(items: list[Item], results: dict[str, dict]) -> str:
    """Bytes per second on the speed input and on all inputs, and the ratio to hazm (CPU time, one core)."""
    chosen = [i for i, item in enumerate(items) if (item.dev_set, item.mode) == SPEED_SET]
    every = list(range(len(items)))
    size = {key: sum(len(items[i].damaged.encode()) for i in idx) for key, idx in (("speed", chosen), ("all", every))}
    rate = {name: size["speed"] / fastest_pass(r, chosen, "cpu") for name, r in results.items()}
    rows = [
        f"Speed input: {len(chosen)} {SPEED_SET[0]} articles damaged as {SPEED_SET[1]}, {size['speed'] / 1e6:.3f} MB"
        f" (UTF-8); all inputs: {len(every)} articles, {size['all'] / 1e6:.3f} MB.",
        "",
        "| system | version | load s | MB/s (CPU) | MB/s (wall) | MB/s all inputs (CPU) | × hazm |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        wall = size["speed"] / fastest_pass(r, chosen, "wall")
        overall = size["all"] / fastest_pass(r, every, "cpu")
        ratio = f"{rate[name] / rate['hazm']:.2f}" if "hazm" in rate else "-"
        rows.append(
            f"| {name} | {r['version']} | {r['load_s']:.2f} | {rate[name] / 1e6:.3f} | {wall / 1e6:.3f}"
            f" | {overall / 1e6:.3f} | {ratio} |"
        )
    if {"khabar", "hazm"} <= rate.keys():
        ratio = rate["khabar"] / rate["hazm"]
        verdict = "meets" if ratio >= SPEED_TARGET else "misses"
        rows += ["", f"khabar / hazm = {ratio:.2f}× ({verdict} the {SPEED_TARGET:.0f}× target)."]
    return "\n".join(rows)


def benchmark(args: argparse.Namespace) -> None:
    names = args.systems.split(",")
    unknown = set(names) - SYSTEMS.keys()
    if unknown:
        sys.exit(f"unknown systems {sorted(unknown)}; choose from {', '.join(SYSTEMS)}")
    pythons = {name: python_for(SYSTEMS[name], args.fresh) for name in names}
    items = damaged_items(args.limit)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-repair-") as tmp_dir:
        tmp = Path(tmp_dir)
        texts_path = tmp / "damaged.json"
        texts_path.write_text(json.dumps([item.damaged for item in items], ensure_ascii=False), encoding="utf-8")
        warmup_path = tmp / "warmup.json"
        warmup = warmup_texts(args.warmup, SPEED_SET[1])
        warmup_path.write_text(json.dumps(warmup, ensure_ascii=False), encoding="utf-8")
        for name in names:
            print(f"running {name}", file=sys.stderr, flush=True)
            results[name] = run_system(SYSTEMS[name], pythons[name], texts_path, warmup_path, args.repeat, tmp)
    print(accuracy_tables(items, results), end="\n\n")
    print(speed_table(items, results))


def memory_input(size_mb: int) -> Path:
    """A damaged file of at least `size_mb` MB: the Fars dev articles damaged as pdf, repeated."""
    path = OUT / f"memory-{size_mb}mb.txt"
    unit = "".join(corrupt(text, "pdf", seed=i) + "\n" for i, text in enumerate(dev_sets(None)["fars-dev"]))
    copies = -(-size_mb * 10**6 // len(unit.encode()))
    OUT.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(copies):
            f.write(unit)
    return path


def peak_rss(command: list[str]) -> tuple[int, float, float]:
    """Run `command` with stdout discarded; its peak resident set (KB), CPU seconds and wall seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, so Popen must be told
    if process.returncode:
        sys.exit(f"{' '.join(command)} exited with {process.returncode}")
    return usage.ru_maxrss, usage.ru_utime + usage.ru_stime, wall


def memory_benchmark(size_mb: int) -> None:
    path = memory_input(size_mb)
    khabar = str(Path(sys.executable).parent / "khabar")
    kb, cpu, wall = peak_rss([khabar, "repair", str(path)])
    mb = path.stat().st_size / 1e6
    verdict = "meets" if kb < MEMORY_TARGET_KB else "misses"
    print("| input | MB | peak RSS (MB) | CPU s | wall s | MB/s (CPU) |")
    print("|---|---|---|---|---|---|")
    print(f"| {path.name} | {mb:.1f} | {kb / 1024:.0f} | {cpu:.1f} | {wall:.1f} | {mb / cpu:.3f} |")
    print(f"\nPeak RSS {kb / 1024:.0f} MB {verdict} the 2 GB target.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles per dev set")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated, from: " + ", ".join(SYSTEMS))
    parser.add_argument("--repeat", type=int, default=3, help="timed runs, each a fresh process; the fastest counts")
    parser.add_argument("--warmup", type=int, default=300, help="Fars training articles each run sees first")
    parser.add_argument("--fresh", action="store_true", help="rebuild the baselines' venvs")
    parser.add_argument("--memory", action="store_true", help="peak memory of `khabar repair` on a large file")
    parser.add_argument("--memory-mb", type=int, default=100, help="size of the --memory input")
    args = parser.parse_args()
    if args.memory:
        memory_benchmark(args.memory_mb)
    else:
        benchmark(args)


if __name__ == "__main__":
    main()
