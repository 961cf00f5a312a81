"""The chidao benchmark: one command, one report, the budget checked.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # a smoke run (about a minute)
    python benchmarks/run.py --json     # also write benchmarks/results/<time>.json and latest.json
    python benchmarks/run.py --check    # exit 1 when a budget line fails

What it measures, in one process (pinned to one core) and a few child processes:

* ``import chidao`` in fresh interpreters (median of several).
* ``parse_directive`` on the fixture notices (seeds and dev): median and p95 ms per notice, MB/s.
* the same on a generated corpus (hundreds of notices from 1 KB to 1 MB, benchmarks/corpus.py).
* time per KB from 1 KB to 1 MB (flat within 2x, no superlinear step).
* peak RSS for one notice of each size, each in its own child process.
* hostile inputs (benchmarks/corpus.py HOSTILE), each in a child process with a time limit.
* underthesea.ner and dateparser.search_dates(languages=["vi"]) on the same notices,
  sentence by sentence, as ratios to chidao.
* chidao.parse_many on 1 and 2 processes over 500 notices (when the function exists).

A parse that fails (an ``internal_error`` warning, an exception, a time-out) is counted and
reported; it never stops the run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import json
import math
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from corpus import HOSTILE, generate_notice, generated_corpus  # noqa: E402

KB = 1024
MB = 1 << 20

BUDGET = {
    "seed_median_ms": 5.0,
    "import_s": 0.3,
    "per_kb_flatness": 2.0,
    "rss_1mb_mb": 150.0,
    "hostile_s": 2.0,
    "parse_many_speedup": 1.6,
}


# --------------------------------------------------------------------------- helpers


class ParseTimeout(BaseException):
    """Raised by the alarm; a BaseException so that parse_directive's ``except Exception`` lets it out."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise ParseTimeout(f"no result after {seconds:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def pct(xs: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) by the nearest-rank method."""
    s = sorted(xs)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, math.ceil(q * len(s)) - 1))
    return s[k]


def nbytes(s: str) -> int:
    return len(s.encode("utf-8", "surrogatepass"))


def fmt_ratio(x: float) -> str:
    return f"{x:.2f}x" if math.isfinite(x) else "n/a"


class Report:
    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.budget: list[dict[str, Any]] = []

    def section(self, title: str) -> None:
        print(f"\n## {title}", flush=True)

    def line(self, s: str = "") -> None:
        print(s, flush=True)

    def check(self, name: str, value: float, limit: float, unit: str, higher_is_better: bool = False) -> None:
        ok = math.isfinite(value) and (value >= limit if higher_is_better else value <= limit)
        op = ">=" if higher_is_better else "<="
        self.budget.append({"name": name, "value": value, "limit": limit, "unit": unit, "ok": ok})
        print(f"  budget {name}: {value:.3g} {unit} ({op} {limit:g}) {'PASS' if ok else 'FAIL'}", flush=True)


PYCACHE = Path(os.environ.get("TMPDIR", "/tmp")) / "chidao-bench-pycache"


def child_env() -> dict[str, str]:
    """Environment of child interpreters: chidao from src/, bytecode cached as an installed package has it
    (PYTHONDONTWRITEBYTECODE would make every child compile chidao from source)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(HERE), env.get("PYTHONPATH", "")])
    return env


def run_python(
    code: str, timeout: float, env_extra: dict[str, str] | None = None, args: Sequence[str] = ()
) -> tuple[int, str, str, float]:
    env = child_env()
    if env_extra:
        env.update(env_extra)
    t0 = time.perf_counter()
    try:
        p = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT
        )
    except subprocess.TimeoutExpired:
        return -1, "", "timeout", time.perf_counter() - t0
    return p.returncode, p.stdout, p.stderr, time.perf_counter() - t0


class Parser:
    """parse_directive with failures counted, never raised."""

    def __init__(self, limit_s: float) -> None:
        import chidao

        self.parse = chidao.parse_directive
        self.limit_s = limit_s
        self.failures: list[str] = []

    def timed(self, text: str, name: str) -> float | None:
        """Seconds for one parse, or None when it failed (counted in ``failures``)."""
        try:
            with time_limit(self.limit_s):
                t0 = time.perf_counter()
                d = self.parse(text)
                el = time.perf_counter() - t0
        except ParseTimeout as exc:
            self.failures.append(f"{name}: {exc}")
            return None
        except Exception as exc:  # the contract says it never raises; count it if it does
            self.failures.append(f"{name}: raised {type(exc).__name__}: {exc}")
            return None
        errors = [w for w in d.warnings if w.code == "internal_error"]
        if errors:
            self.failures.append(f"{name}: {errors[0].message[:200]}")
            return None
        return el


def progress(items: Sequence[Any], what: str) -> Any:
    """A progress bar on a terminal (tqdm), nothing otherwise."""
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    return tqdm(items, desc=f"  {what}", leave=False, disable=not sys.stderr.isatty(), unit="notice")


def summarize(times_s: Sequence[float], total_bytes: int, total_s: float) -> dict[str, Any]:
    ms = [t * 1000 for t in times_s]
    return {
        "n": len(ms),
        "median_ms": statistics.median(ms) if ms else float("nan"),
        "p95_ms": pct(ms, 0.95),
        "max_ms": max(ms) if ms else float("nan"),
        "mb_per_s": (total_bytes / MB) / total_s if total_s > 0 else float("nan"),
    }


def fixture_texts() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for name, folder in (("seeds", ROOT / "fixtures" / "notices"), ("dev", ROOT / "fixtures" / "dev" / "notices")):
        out[name] = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    return out


# --------------------------------------------------------------------------- sections


def bench_environment(rep: Report) -> None:
    rep.section("Environment")
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
        dirty = subprocess.run(["git", "status", "--porcelain", "src"], capture_output=True, text=True, cwd=ROOT)
        commit = rev.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except OSError:
        commit = "?"
    cpu = "?"
    with contextlib.suppress(OSError):
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    load = [round(x, 2) for x in os.getloadavg()]
    env: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "affinity": sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "commit": commit,
        "time": dt.datetime.now().isoformat(timespec="seconds"),
        "load_average": load,
    }
    rep.data["environment"] = env
    for k, v in env.items():
        rep.line(f"  {k}: {v}")
    if load[0] > 0.5 * (os.cpu_count() or 1):
        rep.line("  NOTE: the machine is busy (load average above); timings are inflated and noisy")


_IMPORT_GROUPS = ("chidao", "pydantic", "pydantic_core", "regex", "multiprocessing", "concurrent")


def bench_import(rep: Report, runs: int) -> None:
    rep.section("import chidao (fresh interpreter each run)")
    code = "import time; t=time.perf_counter(); import chidao; print(time.perf_counter()-t)"
    times = []
    run_python(code, timeout=120)  # writes the bytecode cache (pip does this at install time)
    for _ in range(runs):
        rc, out, err, _ = run_python(code, timeout=60)
        if rc == 0:
            times.append(float(out.strip().splitlines()[-1]))
        else:
            rep.line(f"  import failed: {err.strip().splitlines()[-1:] }")
    # where the time goes: -X importtime, cumulative microseconds of the slowest modules
    p = subprocess.run([sys.executable, "-X", "importtime", "-c", "import chidao"], capture_output=True, text=True,
                       env=child_env(), cwd=ROOT)
    rows = []
    for ln in p.stderr.splitlines():
        if not ln.startswith("import time:") or "|" not in ln:
            continue
        parts = ln[len("import time:"):].split("|")
        with contextlib.suppress(ValueError):
            rows.append((int(parts[0]), int(parts[1]), parts[2].rstrip()))
    self_heavy = sorted(rows, key=lambda r: -r[0])[:8]
    groups: dict[str, float] = {}
    for self_us, _, name in rows:
        top = name.strip().split(".")[0]
        key = top if top in _IMPORT_GROUPS else "other"
        groups[key] = groups.get(key, 0.0) + self_us / 1e6
    median = statistics.median(times) if times else float("nan")
    rep.data["import"] = {
        "runs_s": times,
        "median_s": median,
        "self_s_by_package": groups,
        "top_self": [(name.strip(), s / 1e6) for s, _, name in self_heavy],
    }
    rep.line(f"  median {median * 1000:.0f} ms over {len(times)} runs (min {min(times, default=0) * 1000:.0f} ms)")
    rep.line("  self time by package (ms, one -X importtime run, inflated by its own overhead): "
             + ", ".join(f"{k} {v * 1000:.0f}" for k, v in sorted(groups.items(), key=lambda kv: -kv[1])))
    rep.line("  slowest modules (self ms): " + ", ".join(f"{n.strip()} {s / 1000:.0f}" for s, _, n in self_heavy[:8]))
    # what a one-shot user (the CLI on one file) pays: grammars compiled on first use count too
    first_code = (
        "import time; t=time.perf_counter(); import chidao; t1=time.perf_counter(); "
        "chidao.parse_directive(open('fixtures/notices/000_1a200bfb1a3a9178.txt', encoding='utf-8').read()); "
        "t2=time.perf_counter(); chidao.parse_directive('1. Sở Y tế báo cáo.'); t3=time.perf_counter(); "
        "print(t1-t, t2-t1, t3-t2)"
    )
    firsts = []
    for _ in range(max(1, runs // 2)):
        rc, out, err, _ = run_python(first_code, timeout=120)
        if rc == 0:
            firsts.append([float(x) for x in out.split()])
    if firsts:
        first_parse = statistics.median(f[1] for f in firsts)
        rep.data["import"]["first_parse_s"] = first_parse
        rep.line(f"  first parse after import (a 10 KB seed; lazily built grammars): {first_parse * 1000:.0f} ms "
                 f"(median of {len(firsts)}); import + first parse {(median + first_parse) * 1000:.0f} ms")
    rep.check("import chidao", median, BUDGET["import_s"], "s")


_REFERENCE_TEXT = "Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát, báo cáo trước ngày 28/7/2020. " * 120
_REFERENCE_WORD = re.compile(r"\w+|[^\w\s]")


def _reference_workload() -> int:
    """A fixed job independent of chidao, of the same kind (a regex scan, string methods, dicts,
    lists and small objects): timed beside the parse, it tells a slow machine from slow code."""
    words = _REFERENCE_WORD.findall(_REFERENCE_TEXT)
    counts: dict[str, int] = {}
    for w in words:
        low = w.lower()
        counts[low] = counts.get(low, 0) + 1
    pairs = [(i, w, counts[w.lower()]) for i, w in enumerate(words) if w.isalpha()]
    return len(json.dumps(pairs))


def reference_ms(repeat: int = 21) -> float:
    """Median CPU ms of :func:`_reference_workload` in this process, now."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        _reference_workload()
        times.append(time.process_time() - t0)
    return statistics.median(times) * 1000


def bench_fixtures(rep: Report, parser: Parser, rounds: int) -> dict[str, float]:
    rep.section(f"parse_directive on the fixture notices ({rounds} rounds, after one warm-up round)")
    ref_before = reference_ms()
    groups = fixture_texts()
    per_notice_ms: dict[str, float] = {}
    result: dict[str, Any] = {}
    for gname, items in groups.items():
        for name, text in items:  # warm-up
            parser.timed(text, f"{gname}/{name}")
        times: list[float] = []
        total_b = 0
        total_s = 0.0
        for name, text in items:
            mine = []
            for _ in range(rounds):
                t = parser.timed(text, f"{gname}/{name}")
                if t is not None:
                    mine.append(t)
                    total_b += nbytes(text)
                    total_s += t
            times.extend(mine)
            if mine:
                per_notice_ms[name] = statistics.median(mine) * 1000
        s = summarize(times, total_b, total_s)
        s["kb_per_notice"] = statistics.mean(nbytes(t) for _, t in items) / KB if items else 0.0
        result[gname] = s
        rep.line(
            f"  {gname:5s}: {len(items)} notices, {s['kb_per_notice']:.1f} KB avg: median {s['median_ms']:.2f} ms, "
            f"p95 {s['p95_ms']:.2f} ms, {s['mb_per_s']:.2f} MB/s"
        )
    slow = sorted(per_notice_ms.items(), key=lambda kv: -kv[1])[:4]
    rep.line("  slowest: " + ", ".join(f"{n} {ms:.1f} ms" for n, ms in slow))
    ref = (ref_before + reference_ms()) / 2
    ratio = result["seeds"]["median_ms"] / ref if ref > 0 else 0.0
    rep.line(
        f"  reference job (fixed, independent of chidao; benchmarks/run.py _reference_workload), timed before and "
        f"after: {ref:.2f} ms; seed median = {ratio:.2f} x the reference job"
    )
    rep.line("  (this machine's speed drifts by up to 1.7x between runs: compare runs by that ratio, not by ms)")
    result["reference_ms"] = ref
    result["seed_median_over_reference"] = ratio
    result["per_notice_median_ms"] = per_notice_ms
    rep.data["fixtures"] = result
    rep.check("median ms per seed notice", result["seeds"]["median_ms"], BUDGET["seed_median_ms"], "ms")
    return per_notice_ms


_STAGES = ("normalize", "read_layout", "find_meta", "find_citations", "find_deadlines", "find_tasks")


def bench_profile(rep: Report, rounds: int) -> None:
    """Where the time goes on the seed notices: pipeline stages and the hottest functions (cProfile)."""
    import cProfile
    import pstats

    import chidao

    rep.section(f"Where the time goes (cProfile over the seed notices, {rounds} rounds; shares, not absolute ms)")
    texts = [t for _, t in fixture_texts()["seeds"]]
    for t in texts:
        chidao.parse_directive(t)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(rounds):
        for t in texts:
            chidao.parse_directive(t)
    prof.disable()
    st = pstats.Stats(prof)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = st.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    n = rounds * len(texts)
    stages: dict[str, float] = {}
    for (file, _, func), (_, _, _, cum, _) in raw.items():
        if func in _STAGES and "chidao" in file:
            stages[func] = stages.get(func, 0.0) + cum
        if func == "validate_python":
            stages["pydantic validation"] = stages.get("pydantic validation", 0.0) + cum
    entry = [v[3] for (f, _, fn), v in raw.items() if fn == "parse_directive" and "chidao" in f]
    whole = max(entry, default=total)
    ranked = sorted(stages.items(), key=lambda kv: -kv[1])
    rep.line("  stage shares: " + ", ".join(f"{k} {v / whole:.0%}" for k, v in ranked))
    hot = sorted(raw.items(), key=lambda kv: -kv[1][2])[:12]
    rows = []
    for (file, line, func), (_, ncalls, tt, _, _) in hot:
        short = file.split("/src/")[-1] if "/src/" in file else Path(file).name
        rows.append({"where": f"{short}:{line}({func})", "self_share": tt / total, "calls_per_notice": ncalls / n})
        rep.line(f"  {tt / total:5.1%}  {short}:{line}({func})  {ncalls / n:.0f} calls a notice")
    rep.data["profile"] = {"stage_share": {k: v / whole for k, v in stages.items()}, "hot": rows}


def bench_generated(rep: Report, parser: Parser, n: int, hi: int) -> None:
    rep.section(f"parse_directive on a generated corpus ({n} notices, 1 KB to {hi // KB} KB, log-spaced)")
    t0 = time.perf_counter()
    texts = generated_corpus(n, 1024, hi)
    gen_s = time.perf_counter() - t0
    sizes = [nbytes(t) for t in texts]
    parser.timed(texts[0], "generated/warm-up")
    times: list[float] = []
    total_b = 0
    per_kb: list[tuple[int, float]] = []
    for i, text in enumerate(progress(texts, "generated corpus")):
        t = parser.timed(text, f"generated/{i} ({sizes[i] // KB} KB)")
        if t is not None:
            times.append(t)
            total_b += sizes[i]
            per_kb.append((sizes[i], t * 1000 / (sizes[i] / KB)))
    s = summarize(times, total_b, sum(times))
    s["total_mb"] = sum(sizes) / MB
    s["generate_s"] = gen_s
    # time per KB by size decade
    buckets: dict[str, list[float]] = {}
    for size, v in per_kb:
        key = "1-10 KB" if size < 10 * KB else "10-100 KB" if size < 100 * KB else "100 KB-1 MB"
        buckets.setdefault(key, []).append(v)
    s["ms_per_kb_by_size"] = {k: statistics.median(v) for k, v in buckets.items()}
    rep.data["generated"] = s
    rep.line(
        f"  {s['n']} parsed of {n} ({s['total_mb']:.1f} MB): median {s['median_ms']:.2f} ms, p95 {s['p95_ms']:.1f} ms, "
        f"max {s['max_ms']:.0f} ms, {s['mb_per_s']:.2f} MB/s"
    )
    rep.line("  median ms per KB: " + ", ".join(f"{k} {v:.3f}" for k, v in s["ms_per_kb_by_size"].items()))


def bench_scaling(rep: Report, parser: Parser, top: int, variants: int) -> None:
    rep.section(f"Time per KB from 1 KB to {top // KB} KB (median of {variants} notices a size)")
    sizes = []
    s = KB
    while s <= top:
        sizes.append(s)
        s *= 2
    # variant by variant over all sizes (not size by size), so that a drift of the machine's
    # speed during the run spreads over every size instead of making small sizes look slow
    per_kb: dict[int, list[float]] = {size: [] for size in sizes}
    for v in range(variants):
        for size in sizes:
            text = generate_notice(size, seed=7000 + v)
            kb = nbytes(text) / KB
            reps = max(1, min(20, int(256 * KB / size)))  # small sizes repeated for a stable median
            ts = [t for t in (parser.timed(text, f"scaling/{size // KB}KB#{v}") for _ in range(reps)) if t is not None]
            if ts:
                per_kb[size].append(statistics.median(ts) * 1000 / kb)
    rows = [
        {"kb": size // KB, "ms_per_kb": statistics.median(per_kb[size]) if per_kb[size] else float("nan")}
        for size in sizes
    ]
    for r in rows:
        rep.line(f"  {r['kb']:5d} KB: {r['ms_per_kb']:.3f} ms/KB")
    vals = [r["ms_per_kb"] for r in rows if math.isfinite(r["ms_per_kb"])]
    flat = max(vals) / min(vals) if vals else float("nan")
    steps = [b["ms_per_kb"] / a["ms_per_kb"] for a, b in itertools.pairwise(rows)]
    worst_step = max(steps, default=float("nan"))
    end_ratio = rows[-1]["ms_per_kb"] / rows[0]["ms_per_kb"] if rows else float("nan")
    rep.data["scaling"] = {"rows": rows, "max_over_min": flat, "worst_step": worst_step, "top_over_1kb": end_ratio}
    rep.line(f"  ms/KB at {rows[-1]['kb']} KB vs at 1 KB: {fmt_ratio(end_ratio)}; max/min over all sizes: "
             f"{fmt_ratio(flat)}; worst doubling step: {fmt_ratio(worst_step)}")
    rep.check(f"time per KB, max/min from 1 KB to {rows[-1]['kb']} KB", flat, BUDGET["per_kb_flatness"], "x")


_RSS_CODE = """
import sys, json, time
from corpus import generate_notice, HOSTILE
def hwm():
    for ln in open('/proc/self/status'):
        if ln.startswith('VmHWM'):
            return int(ln.split()[1]) / 1024
kind, arg = sys.argv[1], sys.argv[2]
import chidao
text = generate_notice(int(arg), seed=4242) if kind == 'size' else HOSTILE[arg]()
chidao.parse_directive("1. Sở Y tế báo cáo trước ngày 1/1/2020.")  # grammars built on first use: not timed
base = hwm()
t0 = time.perf_counter()
d = chidao.parse_directive(text)
el = time.perf_counter() - t0
errors = [w.message[:300] for w in d.warnings if w.code == 'internal_error']
def walk(cs):
    for c in cs:
        yield c
        yield from walk(c.children)
bad_spans = sum(1 for c in walk(d.clauses) if d.text[c.span.start:c.span.end] != c.text)
print(json.dumps({'chars': len(text), 'seconds': el, 'base_mb': base, 'peak_mb': hwm(),
                  'clauses': sum(1 for _ in walk(d.clauses)), 'tasks': len(d.tasks), 'citations': len(d.citations),
                  'warnings': sorted({w.code for w in d.warnings}), 'errors': errors, 'bad_spans': bad_spans}))
"""


def _child_parse(kind: str, arg: str, timeout: float) -> dict[str, Any]:
    rc, out, err, wall = run_python(_RSS_CODE, timeout=timeout, args=[kind, arg])
    if rc != 0:
        why = "timeout" if rc == -1 else (err.strip().splitlines() or ["?"])[-1]
        return {"ok": False, "why": why, "wall_s": wall}
    res: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    res["ok"] = not res["errors"] and not res["bad_spans"]
    return res


def bench_rss(rep: Report, sizes: Sequence[int]) -> None:
    rep.section("Peak RSS, one notice in a fresh process per size (VmHWM)")
    rows = []
    for size in sizes:
        r = _child_parse("size", str(size), timeout=300)
        r["kb"] = size // KB
        rows.append(r)
        if r.get("peak_mb") is not None:
            rep.line(f"  {size // KB:5d} KB: peak {r['peak_mb']:.0f} MB (before the parse {r['base_mb']:.0f} MB, "
                     f"+{r['peak_mb'] - r['base_mb']:.0f} MB), {r['seconds'] * 1000:.0f} ms")
        else:
            rep.line(f"  {size // KB:5d} KB: failed ({r.get('why')})")
    rep.data["rss"] = rows
    last = rows[-1]
    rep.check(f"peak RSS for a {sizes[-1] // KB} KB notice", float(last.get("peak_mb", float("nan"))),
              BUDGET["rss_1mb_mb"], "MB")


def bench_hostile(rep: Report, limit_s: float, names: Sequence[str]) -> None:
    rep.section(f"Hostile inputs (fresh process each, killed after {limit_s:g} s)")
    rows = {}
    worst = 0.0
    for name in progress(names, "hostile"):
        r = _child_parse("hostile", name, timeout=limit_s + 10)
        rows[name] = r
        if "seconds" in r:
            worst = max(worst, r["seconds"])
            flag = "" if r["seconds"] <= BUDGET["hostile_s"] else "  <-- SLOW"
            if not r["ok"]:
                flag += f"  <-- {'internal_error' if r['errors'] else 'bad spans'}"
            rep.line(f"  {name:28s} {r['chars'] / MB:5.2f} M chars {r['seconds']:7.2f} s  peak {r['peak_mb']:5.0f} MB  "
                     f"clauses {r['clauses']:6d}{flag}")
        else:
            worst = max(worst, float("inf"))
            rep.line(f"  {name:28s} FAILED: {r['why']} after {r['wall_s']:.0f} s  <-- FAIL")
    rep.data["hostile"] = rows
    failed = [n for n, r in rows.items() if not r["ok"]]
    slow = [n for n, r in rows.items() if r.get("seconds", float("inf")) > BUDGET["hostile_s"]]
    rep.line(f"  {len(names) - len(set(failed) | set(slow))}/{len(names)} within budget; "
             f"slow: {', '.join(slow) or 'none'}; failed: {', '.join(failed) or 'none'}")
    rep.check("slowest hostile input", worst, BUDGET["hostile_s"], "s")


def _sentences(text: str) -> list[str]:
    import regex

    out = []
    for para in text.split("\n"):
        for s in regex.split(r"(?<=[.;!?])\s+(?=\S)", para.strip()):
            if s.strip():
                out.append(s.strip())
    return out


def bench_competitors(rep: Report, parser: Parser, sample: int, rounds: int) -> None:
    rep.section("Side by side: the tools a user would otherwise reach for (same texts, same run)")
    groups = fixture_texts()
    texts = [(f"seeds/{n}", t) for n, t in groups["seeds"]] + [(f"dev/{n}", t) for n, t in groups["dev"]]
    texts += [(f"generated/{i}", t) for i, t in enumerate(generated_corpus(sample, 5 * KB, 40 * KB, seed=3))]
    tools: dict[str, Callable[[str], object]] = {}
    try:
        from underthesea import ner

        tools["underthesea.ner"] = ner
    except Exception as exc:
        rep.line(f"  underthesea unavailable: {exc}")
    try:
        from dateparser.search import search_dates

        def dp(s: str) -> object:
            return search_dates(s, languages=["vi"])

        tools["dateparser.search_dates(vi)"] = dp
    except Exception as exc:
        rep.line(f"  dateparser unavailable: {exc}")
    # warm-up: model loading is not per-notice cost
    for fn in tools.values():
        with contextlib.suppress(Exception):
            fn("Sở Y tế báo cáo UBND tỉnh trước ngày 28/7/2020.")
    per_tool: dict[str, list[float]] = {"chidao.parse_directive": [], **{k: [] for k in tools}}
    tool_errors: dict[str, int] = {k: 0 for k in per_tool}
    for name, text in texts:
        ts = [t for t in (parser.timed(text, f"side-by-side/{name}") for _ in range(rounds)) if t is not None]
        if ts:
            per_tool["chidao.parse_directive"].append(statistics.median(ts))
        sents = _sentences(text)
        for tname, fn in tools.items():
            t0 = time.perf_counter()
            for sent in sents:
                try:
                    fn(sent)
                except Exception:
                    tool_errors[tname] += 1
            per_tool[tname].append(time.perf_counter() - t0)
    total_b = sum(nbytes(t) for _, t in texts)
    base = per_tool["chidao.parse_directive"]
    base_total = sum(base)
    res = {}
    rep.line(f"  {len(texts)} notices ({total_b / KB:.0f} KB): 5 seeds, 5 dev, {sample} generated of 5-40 KB; "
             "the other tools run sentence by sentence")
    rep.line(f"  {'tool':30s} {'median ms':>10s} {'p95 ms':>8s} {'MB/s':>7s} {'x chidao':>9s}")
    for tname, ts in per_tool.items():
        s = summarize(ts, total_b, sum(ts))
        ratio = sum(ts) / base_total if base_total else float("nan")
        s["ratio_total_time_vs_chidao"] = ratio
        s["errors"] = tool_errors[tname]
        res[tname] = s
        rep.line(f"  {tname:30s} {s['median_ms']:10.2f} {s['p95_ms']:8.1f} {s['mb_per_s']:7.3f} {fmt_ratio(ratio):>9s}"
                 + (f"  ({tool_errors[tname]} sentences raised)" if tool_errors[tname] else ""))
    rep.line("  (x chidao: total time of the tool over the same notices / chidao's; "
             "chidao does the full parse, the others one narrow job)")
    rep.data["competitors"] = res


_PARSE_MANY_CODE = """
import gc, json, sys, time
import chidao
from corpus import seed_like_corpus
n, rounds = int(sys.argv[1]), int(sys.argv[2])
if not hasattr(chidao, "parse_many"):
    print(json.dumps({"missing": True}))
    raise SystemExit(0)
texts = seed_like_corpus(n)
chidao.parse_many(texts[:4], processes=1)
res = {"notices": n, "mb": sum(len(t.encode()) for t in texts) / 2**20}
import resource
def cpu():
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime
for procs in (1, 2):
    best = None
    for _ in range(rounds):
        gc.collect()
        c0 = cpu()
        t0 = time.perf_counter()
        out = chidao.parse_many(texts, processes=procs)
        el = time.perf_counter() - t0
        c1 = cpu()
        if best is None or el < best:
            best = el
            res[f"p{procs}_cpu_parent_s"] = c1[0] - c0[0]
            res[f"p{procs}_cpu_workers_s"] = c1[1] - c0[1]
    res[f"p{procs}_s"] = best
    res[f"p{procs}_errors"] = sum(1 for d in out if any(w.code == "internal_error" for w in d.warnings))
print(json.dumps(res))
"""


def bench_parse_many(rep: Report, n: int, rounds: int, all_cpus: set[int] | None) -> None:
    rep.section(f"parse_many on 1 and 2 processes ({n} notices of 5-15 KB, fresh process on all cores, "
                f"best of {rounds})")
    mine = set(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    if all_cpus and mine is not None:
        os.sched_setaffinity(0, all_cpus)  # the child inherits both cores
    try:
        rc, out, err, _ = run_python(_PARSE_MANY_CODE, timeout=3600, args=[str(n), str(rounds)])
    finally:
        if mine is not None:
            os.sched_setaffinity(0, mine)
    if rc != 0:
        rep.line(f"  failed: {(err.strip().splitlines() or ['timeout'])[-1]}")
        rep.data["parse_many"] = {"error": err[-2000:]}
        rep.check("parse_many speed-up, 2 processes vs 1", float("nan"), BUDGET["parse_many_speedup"], "x",
                  higher_is_better=True)
        return
    res: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    if res.get("missing"):
        rep.line("  chidao.parse_many does not exist yet: skipped")
        return
    for procs in (1, 2):
        el = res[f"p{procs}_s"]
        rep.line(f"  processes={procs}: {el:.2f} s, {res['mb'] / el:.2f} MB/s, {el * 1000 / n:.2f} ms per notice, "
                 f"{res[f'p{procs}_errors']} failed")
    res["speedup"] = res["p1_s"] / res["p2_s"]
    # on a busy machine the wall-clock ratio says more about the neighbours than about parse_many:
    # the CPU each side used gives the speed-up two idle cores would give
    work1 = res["p1_cpu_parent_s"] + res["p1_cpu_workers_s"]
    critical = max(res["p2_cpu_parent_s"], res["p2_cpu_workers_s"] / 2)
    res["speedup_cpu_estimate"] = work1 / critical if critical > 0 else float("nan")
    rep.line(f"  CPU seconds: 1 process {work1:.1f}; 2 processes: parent {res['p2_cpu_parent_s']:.1f}, "
             f"workers {res['p2_cpu_workers_s']:.1f} -> speed-up on two idle cores about "
             f"{res['speedup_cpu_estimate']:.2f}x (wall clock {res['speedup']:.2f}x)")
    rep.data["parse_many"] = res
    rep.check("parse_many speed-up, 2 processes vs 1", res["speedup"], BUDGET["parse_many_speedup"], "x",
              higher_is_better=True)


def markdown_summary(rep: Report) -> str:
    """The budget as a Markdown table (for the README)."""
    env = rep.data.get("environment", {})
    lines = [
        f"Benchmark of {env.get('time', '?')} (commit {env.get('commit', '?')}, {env.get('cpu', '?')}, "
        f"one core; load average {env.get('load_average', '?')}):",
        "",
        "| budget | measured | limit | |",
        "|---|---|---|---|",
    ]
    for b in rep.budget:
        op = ">=" if b["name"].startswith("parse_many") else "<="
        lines.append(f"| {b['name']} | {b['value']:.3g} {b['unit']} | {op} {b['limit']:g} {b['unit']} | "
                     f"{'pass' if b['ok'] else '**FAIL**'} |")
    comp = rep.data.get("competitors", {})
    if comp:
        lines += ["", "| same notices | median ms per notice | x chidao |", "|---|---|---|"]
        for tool, s in comp.items():
            lines.append(f"| {tool} | {s['median_ms']:.1f} | {s['ratio_total_time_vs_chidao']:.2f}x |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a smoke run: fewer notices, rounds and sizes")
    ap.add_argument("--json", nargs="?", const="", metavar="PATH",
                    help="write the results as JSON (default benchmarks/results/<time>.json and latest.json)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a budget line fails")
    ap.add_argument("--only", default="", help="comma-separated sections: import,fixtures,profile,generated,"
                                               "scaling,rss,hostile,competitors,parse_many")
    args = ap.parse_args(argv)
    q = args.quick
    only = {s.strip() for s in args.only.split(",") if s.strip()}

    def want(name: str) -> bool:
        return not only or name in only

    all_cpus = set(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    if all_cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(all_cpus)})  # one core: the budget is per core; children inherit it
    rep = Report()
    print(f"# chidao benchmark{' (quick)' if q else ''}")
    bench_environment(rep)
    t_start = time.perf_counter()
    parser = Parser(limit_s=120.0)
    if want("import"):
        bench_import(rep, runs=3 if q else 7)
    if want("fixtures"):
        bench_fixtures(rep, parser, rounds=5 if q else 20)
    if want("profile"):
        bench_profile(rep, rounds=2 if q else 5)
    if want("generated"):
        bench_generated(rep, parser, n=40 if q else 200, hi=256 * KB if q else MB)
    if want("scaling"):
        bench_scaling(rep, parser, top=256 * KB if q else MB, variants=1 if q else 3)
    if want("rss"):
        bench_rss(rep, [KB, 64 * KB, MB])
    if want("hostile"):
        bench_hostile(rep, limit_s=10.0 if q else 30.0, names=list(HOSTILE))
    if want("parse_many"):
        bench_parse_many(rep, n=100 if q else 500, rounds=1 if q else 2, all_cpus=all_cpus)
    if want("competitors"):
        bench_competitors(rep, parser, sample=0 if q else 10, rounds=3 if q else 5)

    rep.section("Failures")
    rep.data["failures"] = parser.failures
    if parser.failures:
        rep.line(f"  {len(parser.failures)} parse(s) failed:")
        for f in parser.failures[:20]:
            rep.line(f"    {f}")
    else:
        rep.line("  none")
    rep.section("Budget")
    for b in rep.budget:
        rep.line(f"  {'PASS' if b['ok'] else 'FAIL'}  {b['name']}: {b['value']:.3g} {b['unit']} (limit {b['limit']:g})")
    rep.data["budget"] = rep.budget
    rep.data["elapsed_s"] = time.perf_counter() - t_start
    rep.data["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    rep.line(f"\n(benchmark ran {rep.data['elapsed_s']:.0f} s)")
    if args.json is not None:
        out_dir = HERE / "results"
        out_dir.mkdir(exist_ok=True)
        stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}{'-quick' if q else ''}"
        path = Path(args.json) if args.json else out_dir / f"{stamp}.json"
        blob = json.dumps(rep.data, indent=1, ensure_ascii=False, default=str)
        path.write_text(blob, encoding="utf-8")
        if not args.json:
            (out_dir / "latest.json").write_text(blob, encoding="utf-8")
        md = path.with_suffix(".md")
        md.write_text(markdown_summary(rep), encoding="utf-8")
        if not args.json:
            (out_dir / "latest.md").write_text(markdown_summary(rep), encoding="utf-8")
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        rep.line(f"results written to {shown} (and a Markdown summary beside it)")
    if args.check and not all(b["ok"] for b in rep.budget):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
