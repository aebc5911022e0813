"""The ledger on multi-outlet corpora with gold clusters, origins, first appearances and drift
(tests/ledger_corpora), scored by the shared ledger scorer through the real CLI in a real
subprocess: ingest into a fresh SQLite store, `ledger --rebuild`, compare with the gold."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO

CORPORA = REPO / "tests" / "ledger_corpora"
FLOORS = json.loads((CORPORA / "floors.json").read_text())["corpora"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_ledger_meets_its_floors_on_corpus(name, shared, tmp_path):
    scorer = shared / "eval" / "ledger_score.py"
    if not scorer.is_file():
        pytest.skip(f"{scorer} not found")
    run = subprocess.run([sys.executable, str(scorer), str(CORPORA / name), "--json", "--keep", str(tmp_path),
                          "--cmd-prefix", f"{sys.executable} -m claimledger"],
                         capture_output=True, text=True, timeout=900, cwd=REPO)
    assert run.returncode == 0, run.stderr[-2000:]
    overall = json.loads(run.stdout)["overall"]
    floors = FLOORS[name]
    assert overall["bcubed"]["precision"] >= floors["bcubed_precision"], overall
    assert overall["bcubed"]["f1"] >= floors["bcubed_f1"], overall
    assert overall["distractor_leaks"] == 0, overall
    for judgement in ("first_appearance", "independent_origins", "drift"):
        right, total = overall["judgements"][judgement].split("/")
        assert right == total, (judgement, overall["judgements"])


def test_every_corpus_in_the_folder_has_floors():
    assert {p.name for p in CORPORA.iterdir() if (p / "gold.json").is_file()} == set(FLOORS)
