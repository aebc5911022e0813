"""Helpers shared by the benchmarks: where the shared data sets live, a results table, a
free loopback port and percentiles."""

from __future__ import annotations

import os
import socket
import statistics
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMLEDGER_SHARED", REPO.parent / "shared"))


def data_dir(name: str) -> Path:
    path = SHARED / "data" / name
    if not path.is_dir():
        raise SystemExit(f"data set not found: {path} (set CLAIMLEDGER_SHARED to the shared folder)")
    return path


def print_table(headers: list[str], rows: list[list[object]]) -> None:
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        padded = (c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=False)))
        print("  ".join(padded))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1]
