"""The quality floors only go down for a stated reason.

`tests/quality_floors.json` pins a floor per metric for the whole of `tests/gold`, and the
SHA-256 of that folder. These tests compare the file with its previous version in git:
- a floor below the previous one needs a `lowered` entry for that metric, from the previous
  floor to the new one, with a reason (a metric dropped from `floors` counts as lowered to null);
- gold that changed (an article added, an annotation corrected) needs a new `gold.reason`.
Without git history (no git, a shallow clone) only the gold hash is checked.

After changing tests/gold: `PYTHONPATH=src python tests/test_quality.py` prints the measured
figures and the new hash to put in the file.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold"
FLOORS_FILE = TESTS / "quality_floors.json"


def gold_sha256(folder: Path = GOLD) -> str:
    """A hash of every file under `folder` (path and content; line endings normalised so a
    checkout with CRLF endings hashes the same)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not any(
            part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts)):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def previous_version(path: Path = FLOORS_FILE) -> dict | None:
    """The latest committed version of `path` that differs from the file as it is now: the
    parent version in a clean clone, HEAD while the file has uncommitted edits."""
    git = shutil.which("git")
    if git is None:
        return None
    def run(*args: str, cwd: Path = path.parent) -> subprocess.CompletedProcess:
        return subprocess.run([git, *args], cwd=cwd, capture_output=True, text=True)

    found = run("rev-parse", "--show-toplevel")
    if found.returncode != 0:
        return None
    top = Path(found.stdout.strip()).resolve()
    relative = path.resolve().relative_to(top).as_posix()
    current = json.loads(path.read_text())
    for commit in run("log", "--format=%H", "--", relative, cwd=top).stdout.split():
        shown = run("show", f"{commit}:{relative}", cwd=top)
        if shown.returncode == 0 and json.loads(shown.stdout) != current:
            return json.loads(shown.stdout)
    return None


def floors_of(version: dict) -> dict[str, float]:
    # before floors had their own key, the metrics sat at the top level beside a _comment
    floors = version.get("floors", version)
    return {k: v for k, v in floors.items() if not k.startswith("_") and isinstance(v, int | float)}


def unexplained_drops(current: dict, previous: dict) -> list[str]:
    """Metrics whose floor went down (or disappeared) without a matching `lowered` entry."""
    now, before, lowered = floors_of(current), floors_of(previous), current.get("lowered", {})
    drops = []
    for metric, old in before.items():
        new = now.get(metric)
        if new is not None and new >= old:
            continue
        entry = lowered.get(metric, {})
        if not (entry.get("from") == old and entry.get("to") == new and str(entry.get("reason", "")).strip()):
            drops.append(f"{metric}: {old} -> {new}")
    return drops


def test_gold_hash_is_the_one_the_floors_were_measured_on():
    pinned = json.loads(FLOORS_FILE.read_text())["gold"]["sha256"]
    assert gold_sha256() == pinned, (
        "tests/gold changed: measure again (PYTHONPATH=src python tests/test_quality.py), update 'floors' "
        f"(a lower floor needs a 'lowered' entry), set gold.sha256 to {gold_sha256()} and say why in gold.reason")


def test_floors_do_not_go_down_without_a_stated_reason():
    previous = previous_version()
    if previous is None:
        pytest.skip("no earlier version of tests/quality_floors.json in the available git history")
    drops = unexplained_drops(json.loads(FLOORS_FILE.read_text()), previous)
    assert drops == [], "lowered without a 'lowered' entry {metric: {from, to, reason}}: " + ", ".join(drops)


def test_changed_gold_comes_with_a_new_reason():
    previous = previous_version()
    if previous is None:
        pytest.skip("no earlier version of tests/quality_floors.json in the available git history")
    gold, before = json.loads(FLOORS_FILE.read_text())["gold"], previous.get("gold", {})
    if gold["sha256"] != before.get("sha256"):
        assert gold.get("reason", "").strip() and gold.get("reason") != before.get("reason"), \
            "tests/gold changed: say why in gold.reason"


@pytest.mark.parametrize("previous, current, drops", [
    ({"floors": {"speaker": 1.0}}, {"floors": {"speaker": 1.0}}, []),
    ({"floors": {"speaker": 0.9}}, {"floors": {"speaker": 1.0}}, []),
    ({"floors": {"speaker": 1.0}}, {"floors": {"speaker": 0.9}}, ["speaker: 1.0 -> 0.9"]),
    ({"floors": {"speaker": 1.0}}, {"floors": {}}, ["speaker: 1.0 -> None"]),
    ({"speaker": 1.0, "_comment": "old layout"}, {"floors": {"speaker": 0.9}}, ["speaker: 1.0 -> 0.9"]),
    ({"floors": {"speaker": 1.0}},
     {"floors": {"speaker": 0.9}, "lowered": {"speaker": {"from": 1.0, "to": 0.9, "reason": ""}}},
     ["speaker: 1.0 -> 0.9"]),
    ({"floors": {"speaker": 1.0}},
     {"floors": {"speaker": 0.8}, "lowered": {"speaker": {"from": 1.0, "to": 0.9, "reason": "new gold"}}},
     ["speaker: 1.0 -> 0.8"]),
    ({"floors": {"speaker": 1.0}},
     {"floors": {"speaker": 0.9}, "lowered": {"speaker": {"from": 1.0, "to": 0.9, "reason": "added gold/x"}}}, []),
])
def test_a_drop_needs_a_lowered_entry_with_matching_values_and_a_reason(previous, current, drops):
    assert unexplained_drops(current, previous) == drops


def test_gold_hash_changes_with_content_and_new_cases_but_not_line_endings(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    (case / "gold.json").write_bytes(b"{}\n")
    first = gold_sha256(tmp_path)
    (case / "gold.json").write_bytes(b"{}\r\n")
    assert gold_sha256(tmp_path) == first
    (case / "gold.json").write_bytes(b'{"claims": []}\n')
    edited = gold_sha256(tmp_path)
    (tmp_path / "another").mkdir()
    (tmp_path / "another" / "input.txt").write_bytes(b"")
    assert len({first, edited, gold_sha256(tmp_path)}) == 3
