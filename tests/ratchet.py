"""The ratchet: extractor precision and recall on the fixture notices may only go up.

    python tests/ratchet.py            # print the current scores next to the floors
    python tests/ratchet.py --update   # raise the floors to today's scores (never lowers one)

``tests/test_ratchet.py`` fails when any score drops below its floor in ``tests/ratchet.json``.
Scores come from ``tests/gold_score.py``, a copy of the project's scorer (../shared/eval/score.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLOORS = HERE / "ratchet.json"
SETS = {
    "seeds": (ROOT / "fixtures" / "notices", ROOT / "fixtures" / "expected"),
    "dev": (ROOT / "fixtures" / "dev" / "notices", ROOT / "fixtures" / "dev" / "expected"),
}
METRICS = ("clauses", "citations", "deadlines", "actors_token", "actors_strict")
ACCURACIES = ("citation_date_acc", "citation_type_acc", "meta_acc")


def current_scores() -> dict[str, dict[str, float]]:
    sys.path.insert(0, str(HERE))
    import gold_score as gs
    from chidao import parse_directive

    out: dict[str, dict[str, float]] = {}
    for name, (texts, golds) in SETS.items():
        tallies = {m: gs.Tally() for m in METRICS}
        attr = {"date_ok": 0, "date_total": 0, "type_ok": 0, "type_total": 0, "meta_ok": 0, "meta_total": 0}
        span_bad = 0
        for gp in sorted(golds.glob("*.json")):
            gold = json.loads(gp.read_text(encoding="utf-8"))
            d = parse_directive((texts / gold["doc"]).read_text(encoding="utf-8"))
            notes: list[str] = []
            gs.score_clauses(d, gold, tallies["clauses"], notes)
            gs.score_citations(d, gold, tallies["citations"], attr, notes)
            gs.score_deadlines(d, gold, tallies["deadlines"], notes)
            gs.score_assignments(d, gold, tallies["actors_token"], tallies["actors_strict"], notes)
            gs.score_meta(d, gold, attr, notes)
            span_bad += gs.check_spans(d)
        scores: dict[str, float] = {}
        for m, t in tallies.items():
            p, r, _f = gs.prf(t.tp, t.fp, t.fn)
            scores[f"{m}.p"] = round(p, 4)
            scores[f"{m}.r"] = round(r, 4)
        for key, (ok, total) in {
            "citation_date_acc": ("date_ok", "date_total"),
            "citation_type_acc": ("type_ok", "type_total"),
            "meta_acc": ("meta_ok", "meta_total"),
        }.items():
            scores[key] = round(attr[ok] / attr[total], 4) if attr[total] else 1.0
        scores["span_ok"] = 1.0 if span_bad == 0 else 0.0
        out[name] = scores
    return out


def load_floors() -> dict[str, dict[str, float]]:
    if FLOORS.exists():
        data: dict[str, dict[str, float]] = json.loads(FLOORS.read_text(encoding="utf-8"))
        return data
    return {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    a = ap.parse_args(argv)
    now = current_scores()
    floors = load_floors()
    for name, scores in now.items():
        for key, value in sorted(scores.items()):
            floor = floors.get(name, {}).get(key, 0.0)
            flag = "  DROP" if value < floor - 1e-9 else ("  up" if value > floor + 1e-9 else "")
            print(f"{name:6s} {key:24s} {value:.4f}  floor {floor:.4f}{flag}")
    if a.update:
        merged: dict[str, Any] = {}
        for name, scores in now.items():
            merged[name] = {k: max(v, floors.get(name, {}).get(k, 0.0)) for k, v in sorted(scores.items())}
        FLOORS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
