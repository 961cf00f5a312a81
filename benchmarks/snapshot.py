"""Same text in, same output out: a guard for speed work.

    python benchmarks/snapshot.py save DIR     # parse the snapshot corpus, write DIR/*.json
    python benchmarks/snapshot.py check DIR    # parse again, report every notice whose output changed

The corpus: the fixture notices (seeds and dev), 60 generated notices (1 KB to 256 KB, with
and without hard wrapping) and the hostile inputs of ``corpus.HOSTILE`` (their output hashed,
not stored). A change is reported by the part of the ``Directive`` that changed (clauses,
meta, citations, tasks, warnings ...), so the stage that caused it is plain.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from corpus import HOSTILE, generated_corpus  # noqa: E402


def _corpus(hostile: bool) -> dict[str, str]:
    out: dict[str, str] = {}
    for d in ("fixtures/notices", "fixtures/dev/notices"):
        for p in sorted((ROOT / d).glob("*.txt")):
            out[f"{d.split('/')[1]}-{p.stem}"] = p.read_text(encoding="utf-8")
    for i, t in enumerate(generated_corpus(60, lo=1024, hi=256 * 1024, seed=7)):
        out[f"gen-{i:02d}"] = t
    if hostile:
        for name, build in HOSTILE.items():
            out[f"hostile-{name}"] = build()
    return out


def _dump(text: str) -> dict[str, Any]:
    from chidao import parse_directive

    d = parse_directive(text).model_dump(mode="json")
    d.pop("source", None)
    return d


def _digest(d: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(d, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def save(target: Path, hostile: bool) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name, text in _corpus(hostile).items():
        d = _dump(text)
        body: Any = {"sha256": _digest(d)} if name.startswith("hostile-") else d
        (target / f"{name}.json").write_text(json.dumps(body, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"saved {len(list(target.glob('*.json')))} outputs to {target}")


def check(target: Path, hostile: bool) -> int:
    bad = 0
    for name, text in _corpus(hostile).items():
        f = target / f"{name}.json"
        if not f.exists():
            continue
        old = json.loads(f.read_text(encoding="utf-8"))
        new = _dump(text)
        if "sha256" in old:
            if old["sha256"] != _digest(new):
                bad += 1
                print(f"CHANGED {name} (hashed)")
            continue
        parts = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        if parts:
            bad += 1
            print(f"CHANGED {name}: {', '.join(parts)}")
    print("same output" if not bad else f"{bad} notice(s) changed")
    return 1 if bad else 0


def main() -> int:
    if len(sys.argv) < 3 or sys.argv[1] not in ("save", "check"):
        print(__doc__)
        return 2
    hostile = "--no-hostile" not in sys.argv
    target = Path(sys.argv[2])
    if sys.argv[1] == "save":
        save(target, hostile)
        return 0
    return check(target, hostile)


if __name__ == "__main__":
    sys.exit(main())
