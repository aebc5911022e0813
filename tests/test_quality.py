"""Quality gate: claim extraction on our own annotated articles (tests/gold) must stay above
the floors pinned in tests/quality_floors.json. The gold files follow ../shared/eval's
format, so `python ../shared/eval/score.py tests/gold` scores them the same way. Run this file
(`PYTHONPATH=src python tests/test_quality.py`) to print the measured figures and the gold hash;
tests/test_quality_floors.py keeps the floors from going down without a reason."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from claimledger.pipeline import analyze_source

GOLD = Path(__file__).resolve().parent / "gold"
FLOORS = json.loads((Path(__file__).resolve().parent / "quality_floors.json").read_text())["floors"]
METRICS = ["body", "claims_f1", "speaker", "quote", "modality", "quantities"]
# as in ../shared/eval/score.py: curly and Russian quotation marks read as plain ones, ё as е
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00ab": '"', "\u00bb": '"',
                        "\u201e": '"', "\u0451": "\u0435", "\u0401": "\u0415"})


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", html.unescape(text or "").translate(QUOTES).lower()).strip(" \"'.,;:")


def same_speaker(predicted: str, gold: str) -> bool:
    p, g = norm(predicted), norm(gold)
    return bool(p) and (g in p or p.split()[-1] == g.split()[-1])


def score(case: Path) -> dict:
    doc = analyze_source(str(next(case.glob("input.*")))).model_dump()
    gold = json.loads((case / "gold.json").read_text())
    body = norm(doc["article"]["text"])
    result = {"body": [body.startswith(norm(gold["body"]["first"])) and body.endswith(norm(gold["body"]["last"]))
                       and not any(norm(x) in body for x in gold["body"]["exclude"] if len(x.split()) >= 3)],
              "speaker": [], "quote": [], "modality": [], "quantities": [], "matched": 0,
              "predicted": len(doc["claims"]), "gold": len(gold["claims"])}
    unused = list(doc["claims"])
    for g in gold["claims"]:
        match = next((p for p in unused if norm(g["content"]) in norm(p["content"]["text"])), None)
        for q in g["quantities"]:
            result["quantities"].append(match is not None and any(
                norm(q["text"]) in norm(c["text"]) and c["low"] >= q["low"]
                and (q["high"] is None or (c["high"] is not None and c["high"] <= q["high"]))
                for c in match["quantities"]))
        if match is None:
            continue
        unused.remove(match)
        result["matched"] += 1
        result["speaker"].append(same_speaker(match["speaker"]["name"], g["speaker"]))
        result["quote"].append(match["quote"] == g["quote"])
        result["modality"].append(match["modality"] == g["modality"])
    return result


def measure() -> dict:
    results = [score(case) for case in sorted(GOLD.iterdir()) if (case / "gold.json").exists()]

    def flat(key: str) -> list[bool]:
        return [x for r in results for x in r[key]]

    matched, predicted, gold = (sum(r[k] for r in results) for k in ("matched", "predicted", "gold"))
    precision, recall = matched / predicted, matched / gold
    out = {key: sum(flat(key)) / len(flat(key)) for key in ("body", "speaker", "quote", "modality", "quantities")}
    out["claims_f1"] = 2 * precision * recall / (precision + recall)
    return out


@pytest.fixture(scope="module")
def totals() -> dict:
    return measure()


def test_every_metric_has_a_floor():
    assert sorted(FLOORS) == sorted(METRICS)


@pytest.mark.parametrize("metric", METRICS)
def test_metric_stays_above_its_floor(totals, metric):
    assert totals[metric] >= FLOORS[metric], f"{metric} {totals[metric]:.3f} fell below its floor {FLOORS[metric]}"


if __name__ == "__main__":
    import math

    from test_quality_floors import gold_sha256

    # rounded down, so a floor printed here never sits above the figure it came from
    floors = {k: math.floor(v * 1000) / 1000 for k, v in measure().items()}
    print(json.dumps({"floors": floors, "gold_sha256": gold_sha256()}, indent=2))
